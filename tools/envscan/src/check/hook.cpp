#include "check/hook.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "envkit/json_source.h"
#include "write/writers.h"

namespace fs = std::filesystem;

namespace envscan {
namespace {

constexpr const char* kMarker = "# envscan-hook:";

// Single-quoted for sh.
std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string git_hooks_dir() {
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen("git rev-parse --path-format=absolute --git-path hooks 2>/dev/null", "r"), pclose);
  if (!p) return "";
  std::array<char, 4096> buf{};
  std::string out;
  while (fgets(buf.data(), static_cast<int>(buf.size()), p.get())) out += buf.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

int install_hook(const std::string& envscan_exe, const std::vector<std::string>& check_args, bool force) {
  std::string dir = git_hooks_dir();
  if (dir.empty()) {
    std::cerr << "envscan install-hook: error: not inside a git repository\n";
    return 2;
  }
  fs::path hook = fs::path(dir) / "pre-commit";
  if (auto existing = envkit::read_text_file(hook.string());
      existing && existing->find(kMarker) == std::string::npos && !force) {
    std::cerr << "envscan install-hook: error: " << hook.string()
              << " exists and was not written by envscan; keep it, or overwrite it with --force\n";
    return 2;
  }
  std::string cmd = sh_quote(envscan_exe) + " check --staged";
  for (const auto& a : check_args) cmd += " " + sh_quote(a);
  // With unstaged edits the working tree is not what gets committed: check a copy of
  // the index instead (git diff --cached still answers through GIT_DIR).
  std::string text = std::string("#!/bin/sh\n") + kMarker +
                     " written by `envscan install-hook`; rerun it to update, or delete this file.\n"
                     "# Runs the configuration drift gate on what is staged; a finding at error level\n"
                     "# stops the commit (git commit --no-verify skips it). Paths are from the top.\n"
                     "cd \"$(git rev-parse --show-toplevel)\" || exit 2\n"
                     "if git diff --quiet; then\n"
                     "  exec " + cmd + "\n"
                     "fi\n"
                     "git_dir=$(git rev-parse --absolute-git-dir) || exit 2\n"
                     "tmp=$(mktemp -d) || exit 2\n"
                     "trap 'rm -rf \"$tmp\"' EXIT\n"
                     "git checkout-index --all --prefix=\"$tmp/\" || exit 2\n"
                     "cd \"$tmp\" && GIT_DIR=\"$git_dir\" GIT_WORK_TREE=\"$tmp\" " + cmd + "\n";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (std::string err = write_file_atomic(hook.string(), text); !err.empty()) {
    std::cerr << "envscan install-hook: error: " << err << "\n";
    return 2;
  }
  fs::permissions(hook, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec, ec);
  if (ec) {
    std::cerr << "envscan install-hook: error: " << hook.string() << ": cannot make it executable: " << ec.message() << "\n";
    return 2;
  }
  std::cout << "installed " << hook.string() << "\n";
  return 0;
}

}  // namespace envscan
