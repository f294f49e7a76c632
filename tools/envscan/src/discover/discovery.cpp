// File discovery: recursive, symlink-safe, deterministic.
#include "discover/discovery.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace envscan {
namespace fs = std::filesystem;

namespace {

const std::set<std::string>& source_exts() {
  static const std::set<std::string> s = {".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".C", ".hpp",
                                          ".hh", ".hxx", ".ipp", ".tcc", ".inl"};
  return s;
}
bool is_header_ext(const std::string& ext) {
  return ext == ".h" || ext == ".hpp" || ext == ".hh" || ext == ".hxx" || ext == ".inl";
}
bool is_build_file(const fs::path& p) {
  std::string name = p.filename().string();
  std::string ext = p.extension().string();
  return name == "CMakeLists.txt" || ext == ".cmake" || name == "Makefile" || name == "makefile" ||
         name == "GNUmakefile" || ext == ".mk" || ext == ".mak" || name == "Makefile.am" ||
         name == "Makefile.in" || name == "Makeconfig" || name == "Makerules" ||
         // configure systems: autoconf scripts and header templates, meson, CMake templates
         name == "configure.ac" || name == "configure.in" || ext == ".m4" || name == "config.in" ||
         (name.size() > 5 && name.compare(name.size() - 5, 5, ".h.in") == 0) || ext == ".cmakein" ||
         name == "meson.build";
}

struct Walker {
  std::string root;
  const std::vector<std::string>& exclude;
  Discovery& out;
  std::set<std::string> seen_dirs;   // canonical, to stop symlink loops
  std::set<std::string> seen_files;  // canonical
  std::set<std::string> header_dirs;

  bool excluded(const fs::path& p) {
    std::string rel = relative_to(p.string(), root);
    for (const auto& pat : exclude)
      if (glob_match(pat, rel) || glob_match(pat + "/**", rel)) return true;
    return false;
  }

  void diag(const std::string& file, const std::string& message, const std::string& rule) {
    out.diagnostics.push_back({relative_to(file, root), 0, 0, "warning", message, rule});
  }

  void add_file(const fs::path& p) {
    std::error_code ec;
    fs::path canon = fs::canonical(p, ec);
    if (ec) {
      diag(p.string(), "cannot resolve path: " + ec.message(), "unreadable-file");
      return;
    }
    std::string ext = p.extension().string();
    if (is_build_file(p)) {
      if (seen_files.insert(canon.string()).second) out.build_files.push_back(fs::absolute(p).lexically_normal().string());
      return;
    }
    if (!source_exts().count(ext)) return;
    if (!seen_files.insert(canon.string()).second) return;  // same file through a symlink
    std::string abs = fs::absolute(p).lexically_normal().string();
    out.sources.push_back(abs);
    if (is_header_ext(ext)) header_dirs.insert(fs::path(abs).parent_path().string());
  }

  void walk_dir(const fs::path& dir) {
    std::error_code ec;
    fs::path canon = fs::canonical(dir, ec);
    if (ec) {
      diag(dir.string(), "cannot resolve directory: " + ec.message(), "unreadable-file");
      return;
    }
    if (!seen_dirs.insert(canon.string()).second) {
      diag(dir.string(), "directory already visited (symlink loop?); skipped", "symlink-loop");
      return;
    }
    if (fs::exists(dir / "CMakeCache.txt", ec)) return;  // a build directory
    std::vector<fs::path> entries;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      diag(dir.string(), "cannot read directory: " + ec.message(), "unreadable-file");
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        diag(dir.string(), "error while listing: " + ec.message(), "unreadable-file");
        break;
      }
      entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& e : entries) {
      std::string name = e.filename().string();
      if (name == ".git" || name == ".hg" || name == ".svn") continue;
      if (excluded(e)) continue;
      std::error_code sec;
      auto st = fs::status(e, sec);
      if (sec) {
        auto lst = fs::symlink_status(e, sec);
        if (fs::is_symlink(lst)) diag(e.string(), "broken or looping symbolic link; skipped", "symlink-loop");
        continue;
      }
      if (fs::is_directory(st)) {
        if (name == "include") header_dirs.insert(fs::absolute(e).lexically_normal().string());
        walk_dir(e);
      } else if (fs::is_regular_file(st)) {
        add_file(e);
      }
    }
  }
};

}  // namespace

bool is_source_file(const std::string& path) { return source_exts().count(fs::path(path).extension().string()) > 0; }

bool is_cxx_file(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  return ext != ".c" && ext != ".h" && source_exts().count(ext);
}

std::string relative_to(const std::string& path, const std::string& root) {
  fs::path p = fs::absolute(path).lexically_normal();
  fs::path r = fs::absolute(root).lexically_normal();
  fs::path rel = p.lexically_relative(r);
  std::string s = rel.generic_string();
  if (rel.empty() || s.rfind("..", 0) == 0) return p.generic_string();
  if (s == ".") return ".";
  return s;
}

bool glob_match(const std::string& pat, const std::string& text) {
  // Iterative matcher with backtracking for '*' and '**'.
  std::size_t p = 0, t = 0, star_p = std::string::npos, star_t = 0;
  bool star_any = false;
  while (t < text.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star_any = p + 1 < pat.size() && pat[p + 1] == '*';
      p += star_any ? 2 : 1;
      if (star_any && p < pat.size() && pat[p] == '/') ++p;
      star_p = p;
      star_t = t;
      continue;
    }
    if (p < pat.size() && (pat[p] == '?' ? text[t] != '/' : pat[p] == text[t])) {
      ++p;
      ++t;
      continue;
    }
    if (star_p != std::string::npos && (star_any || text[star_t] != '/')) {
      p = star_p;
      t = ++star_t;
      continue;
    }
    return false;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

Discovery discover(const std::vector<std::string>& paths, const std::string& root,
                   const std::vector<std::string>& exclude) {
  Discovery out;
  Walker w{root, exclude, out, {}, {}, {}};
  for (const auto& p : paths) {
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      w.diag(p, ec ? "cannot access: " + ec.message() : "no such file or directory", "missing-input");
      continue;
    }
    if (fs::is_directory(st)) w.walk_dir(p);
    else w.add_file(p);
  }
  std::sort(out.sources.begin(), out.sources.end());
  std::sort(out.build_files.begin(), out.build_files.end());
  out.include_dirs.assign(w.header_dirs.begin(), w.header_dirs.end());
  return out;
}

}  // namespace envscan
