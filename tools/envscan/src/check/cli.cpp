// The gate's command line.
#include "check/cli.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <sys/wait.h>

#include "check/baseline.h"
#include "check/diff.h"
#include "check/hook.h"
#include "check/output.h"
#include "check/rule.h"
#include "discover/discovery.h"
#include "envkit/json_source.h"
#include "write/writers.h"

namespace fs = std::filesystem;

namespace envscan {

const char* const kCheckHelp = R"(check options:
  --format FORMAT     text (default: file:line:col: error: message [rule-id]),
                      json (also the baseline format), sarif (2.1.0, code scanning)
  -o FILE             write the findings to FILE atomically
  --werror            warnings fail the check too
  --baseline FILE     report only findings that FILE (a saved --format json
                      output) does not hold; matched by rule, name and a
                      line-independent fingerprint
  --write-baseline FILE  save every current finding as the baseline; exit 0
  --staged            report findings in files staged in git; a staged registry,
                      preset, generated document or .envscan.json checks everything
  --since REV         the same for files changed since REV

other subcommands:
  envscan rules [--format markdown|text]     every rule with its documentation
  envscan diff OLD.json NEW.json [--format text|json|markdown] [-o FILE]
                      [--exit-code]          variables and flags added, removed,
                                             renamed, changed in status
  envscan diff --since REV [options] [PATH...]   the same, scanning REV and the
                                             working tree
  envscan install-hook [--force] [--envscan EXE] [check args...]
                      write .git/hooks/pre-commit running `envscan check --staged`
)";

namespace {

int fail(const std::string& cmd, const std::string& msg, int code = 2) {
  std::cerr << "envscan" << (cmd.empty() ? "" : " " + cmd) << ": error: " << msg << "\n";
  return code;
}

int emit(const std::string& cmd, const std::string& path, const std::string& text) {
  if (path.empty()) {
    // Nothing delivered is never success: a closed or full standard output fails closed.
    if (::fcntl(STDOUT_FILENO, F_GETFD) < 0) return fail(cmd, "standard output is closed");
    std::cout << text;
    std::cout.flush();
    if (!std::cout) return fail(cmd, "standard output: write failed");
    return 0;
  }
  if (std::string err = write_file_atomic(path, text); !err.empty()) return fail(cmd, err);
  return 0;
}

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command; returns its exit status and what it printed.
int capture(const std::string& cmd, std::string& out) {
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return -1;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) out.append(buf.data(), n);
  int st = pclose(f);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// Root-relative paths of the files git reports as changed (staged, or since `rev`).
std::optional<std::set<std::string>> changed_files(const std::string& root, bool staged, const std::string& rev,
                                                   std::string& error) {
  std::string top;
  if (capture("git -C " + sh_quote(root) + " rev-parse --show-toplevel 2>/dev/null", top) != 0) {
    error = root + ": not inside a git repository (needed by --staged and --since)";
    return std::nullopt;
  }
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  std::string list;
  std::string cmd = "git -C " + sh_quote(top) + " diff --name-only --no-renames " +
                    (staged ? std::string("--cached") : sh_quote(rev)) + " -- 2>&1";
  if (capture(cmd, list) != 0) {
    error = (staged ? std::string("git diff --cached") : "--since " + rev) + ": " + list;
    while (!error.empty() && error.back() == '\n') error.pop_back();
    return std::nullopt;
  }
  std::set<std::string> out;
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t nl = list.find('\n', start);
    std::string line = list.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) out.insert(relative_to((fs::path(top) / line).lexically_normal().string(), root));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

// Inputs of project-wide rules: a change to one of them is checked against everything.
bool touches_project_inputs(const CheckContext& ctx, const std::set<std::string>& changed) {
  std::vector<std::string> inputs = {ctx.registry_path, (fs::path(ctx.root) / ".envscan.json").string(),
                                     ctx.config.docs_configuration, ctx.config.docs_build_flags,
                                     ctx.config.docs_deprecated, ctx.config.docs_header};
  for (const auto& in : inputs)
    if (!in.empty() && changed.count(relative_to(in, ctx.root))) return true;
  if (!ctx.config.presets.empty()) {
    std::string dir = relative_to(ctx.config.presets, ctx.root) + "/";
    for (const auto& c : changed)
      if (c.rfind(dir, 0) == 0) return true;
  }
  return false;
}

std::string self_exe(const char* argv0) {
  std::error_code ec;
  std::string exe = fs::read_symlink("/proc/self/exe", ec).string();
  return ec || exe.empty() ? fs::absolute(argv0).string() : exe;
}

// `diff --since REV`: the inventories of REV (exported with git archive into a temporary
// directory, so the repository is left untouched) and of the working tree, written to
// `old_json` and `new_json` by this same binary.
bool inventories_since(const std::string& exe, const std::string& rev, std::vector<std::string> paths,
                       const std::string& tmp, const std::string& old_json, const std::string& new_json,
                       std::string& error) {
  std::string top, out;
  if (capture("git rev-parse --show-toplevel 2>/dev/null", top) != 0) {
    error = "--since needs a git repository";
    return false;
  }
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  fs::path tree = fs::path(tmp) / "tree";
  fs::create_directories(tree);
  if (capture("git -C " + sh_quote(top) + " archive --format=tar " + sh_quote(rev) + " 2>&1 | tar -xf - -C " +
                  sh_quote(tree.string()) + " 2>&1",
              out) != 0 ||
      !out.empty()) {
    error = "--since " + rev + ": " + (out.empty() ? "git archive failed" : out);
    while (!error.empty() && error.back() == '\n') error.pop_back();
    return false;
  }
  if (paths.empty()) paths.push_back(".");
  std::string old_cmd = "cd " + sh_quote(tree.string()) + " && " + sh_quote(exe) + " -o " + sh_quote(old_json);
  std::string new_cmd = sh_quote(exe) + " -o " + sh_quote(new_json);
  for (const auto& p : paths) {
    std::string rel = relative_to(fs::absolute(p).lexically_normal().string(), top);
    if (!rel.empty() && rel[0] == '/') {
      error = p + ": outside the repository " + top;
      return false;
    }
    old_cmd += " " + sh_quote(fs::exists(tree / rel) ? rel : ".");
    new_cmd += " " + sh_quote(p);
  }
  for (const auto& cmd : {old_cmd, new_cmd}) {
    out.clear();
    if (capture(cmd + " 2>&1", out) != 0) {
      error = "scanning for --since failed: " + out;
      return false;
    }
  }
  return true;
}

}  // namespace

bool parse_check_option(const std::vector<std::string>& v, std::size_t& i, CheckOptions& o, std::string& error) {
  const std::string& s = v[i];
  if (s == "--werror") return o.werror = true;
  if (s == "--staged") return o.staged = true;
  struct Slot { const char* name; std::string* target; };
  Slot slots[] = {{"--format", &o.format}, {"-o", &o.output}, {"--baseline", &o.baseline},
                  {"--write-baseline", &o.write_baseline}, {"--since", &o.since}};
  for (const auto& slot : slots) {
    std::string name = slot.name;
    std::string value;
    if (s == name) {
      if (i + 1 >= v.size()) return error = name + " needs a value", true;
      value = v[++i];
    } else if (s.rfind(name + "=", 0) == 0) {
      value = s.substr(name.size() + 1);
    } else if (name == "-o" && s.size() > 2 && s.rfind("-o", 0) == 0) {
      value = s.substr(2);
    } else {
      continue;
    }
    if (value.empty()) return error = name + " needs a value", true;
    *slot.target = value;
    if (name == "--format" && value != "text" && value != "json" && value != "sarif")
      error = "check --format must be text, json or sarif (got '" + value + "')";
    return true;
  }
  return false;
}

int run_check(CheckContext ctx, const CheckOptions& o) {
  if (o.staged && !o.since.empty()) return fail("check", "--staged and --since exclude each other");
  std::vector<CheckFinding> findings = check_findings(ctx);
  if (ctx.files.empty()) ctx.files = project_files(ctx);
  if (o.staged || !o.since.empty()) {
    std::string error;
    auto changed = changed_files(ctx.root, o.staged, o.since, error);
    if (!changed) return fail("check", error);
    if (!touches_project_inputs(ctx, *changed))
      std::erase_if(findings, [&](const CheckFinding& f) { return !changed->count(f.file); });
  }
  if (!o.write_baseline.empty()) {
    int rc = emit("check", o.write_baseline, findings_to_json(findings, summarize(findings, 0)));
    if (rc == 0) std::cerr << "envscan check: wrote " << findings.size() << " finding(s) to " << o.write_baseline << "\n";
    return rc;
  }
  std::size_t baselined = 0;
  if (!o.baseline.empty()) {
    std::string error;
    auto b = load_baseline(o.baseline, error);
    if (!b) return fail("check", "cannot use baseline: " + error);
    baselined = filter_by_baseline(*b, findings);
  }
  CheckSummary sum = summarize(findings, baselined);
  std::string text = o.format == "json"    ? findings_to_json(findings, sum)
                     : o.format == "sarif" ? findings_to_sarif(findings)
                                           : format_findings(findings);
  if (int rc = emit("check", o.output, text)) return rc;
  std::cerr << "envscan check: " << sum.errors << " error(s), " << sum.warnings << " warning(s)";
  if (!o.baseline.empty()) std::cerr << ", " << baselined << " in the baseline";
  std::cerr << "\n";
  return sum.errors > 0 || (o.werror && sum.warnings > 0) ? 1 : 0;
}

int check_inventory(const Inventory& inv, const envkit::Registry* registry, const std::string& registry_path,
                    const std::string& root, const std::vector<std::string>& paths, const ProjectConfig& project,
                    const envkit::Date& date, const CheckOptions& o) {
  CheckContext cc;
  envkit::Diagnostic cfg_err;
  auto check_cfg = load_check_config(project.file, cfg_err);
  if (!check_cfg) {
    std::cerr << cfg_err.str() << "\n";
    return 2;
  }
  cc.config = *check_cfg;
  cc.registry_path = registry_path.empty() ? "" : fs::absolute(registry_path).lexically_normal().string();
  if (cc.registry_path != fs::path(project.registry).lexically_normal().string()) drop_registry_inputs(cc.config);
  cc.inv = &inv;
  cc.registry = registry;
  cc.root = root;
  for (const auto& p : paths) cc.paths.push_back(fs::absolute(p).lexically_normal().string());
  cc.exclude = project.exclude;
  cc.date = date;
  return run_check(std::move(cc), o);
}

std::optional<int> run_subcommand(int argc, char** argv) {
  if (argc < 2) return std::nullopt;
  std::string cmd = argv[1];
  if (cmd != "rules" && cmd != "diff" && cmd != "install-hook") return std::nullopt;
  std::vector<std::string> args(argv + 2, argv + argc);
  std::string format, output, exe, since;
  bool force = false, exit_code = false;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& s = args[i];
    auto value = [&](std::string& target) {
      if (i + 1 >= args.size()) return false;
      target = args[++i];
      return !target.empty();
    };
    if (s == "--help" || s == "-h") {
      std::cout << kCheckHelp;
      return 0;
    }
    if (cmd != "install-hook" && s == "--format") {
      if (!value(format)) return fail(cmd, "--format needs a value", 2);
    } else if (cmd != "install-hook" && s == "-o") {
      if (!value(output)) return fail(cmd, "-o needs a value", 2);
    } else if (cmd == "diff" && s == "--since") {
      if (!value(since)) return fail(cmd, "--since needs a revision", 2);
    } else if (cmd == "diff" && s == "--exit-code") {
      exit_code = true;
    } else if (cmd == "install-hook" && s == "--force") {
      force = true;
    } else if (cmd == "install-hook" && s == "--envscan") {
      if (!value(exe)) return fail(cmd, "--envscan needs a value", 2);
    } else if (cmd != "install-hook" && s.size() > 1 && s[0] == '-') {
      return fail(cmd, "unknown option '" + s + "'", 2);
    } else {
      rest.push_back(s);
    }
  }
  if (cmd == "rules") {
    if (!rest.empty()) return fail(cmd, "takes no arguments", 2);
    if (format.empty() || format == "text") {
      std::string text;
      for (const Rule* r : all_rules()) text += std::string(r->id) + "  " + r->severity + "  " + r->summary + "\n";
      return emit(cmd, output, text);
    }
    if (format != "markdown") return fail(cmd, "--format must be text or markdown", 2);
    return emit(cmd, output, rules_markdown());
  }
  if (cmd == "diff") {
    if (format.empty()) format = "text";
    std::string tmp;
    if (!since.empty()) {
      char tmpl[] = "/tmp/envscan-diff-XXXXXX";
      if (!mkdtemp(tmpl)) return fail(cmd, "cannot create a temporary directory", 2);
      tmp = tmpl;
      std::string error;
      std::vector<std::string> paths = rest;
      rest = {tmp + "/old.json", tmp + "/new.json"};
      bool ok = inventories_since(self_exe(argv[0]), since, paths, tmp, rest[0], rest[1], error);
      if (!ok) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        return fail(cmd, error, 2);
      }
    }
    struct RemoveOnExit {  // the temporary scans of --since, however the diff ends
      std::string dir;
      ~RemoveOnExit() {
        std::error_code ec;
        if (!dir.empty()) fs::remove_all(dir, ec);
      }
    } cleanup{tmp};
    if (rest.size() != 2) return fail(cmd, "needs OLD.json and NEW.json (inventories written by envscan), or --since REV [PATH...]", 2);
    if (format != "text" && format != "json" && format != "markdown")
      return fail(cmd, "--format must be text, json or markdown", 2);
    nlohmann::json inv[2];
    for (int k = 0; k < 2; ++k) {
      envkit::Diagnostic err;
      auto doc = envkit::load_json_file(rest[static_cast<std::size_t>(k)], err);
      if (!doc) return fail(cmd, err.str(), 2);
      if (!doc->root.is_object() || !doc->root.contains("variables"))
        return fail(cmd, rest[static_cast<std::size_t>(k)] + ": not an envscan inventory (no \"variables\")", 2);
      inv[k] = nlohmann::json::parse(doc->root.dump());
    }
    InventoryDiff d = diff_inventories(inv[0], inv[1]);
    std::string text = format == "json" ? diff_to_json(d) : format == "markdown" ? diff_to_markdown(d) : diff_to_text(d);
    if (int rc = emit(cmd, output, text)) return rc;
    return exit_code && !d.empty() ? 1 : 0;
  }
  // install-hook
  if (exe.empty()) exe = self_exe(argv[0]);
  return install_hook(exe, rest, force);
}

}  // namespace envscan
