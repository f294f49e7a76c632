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
    if (!source_exts().count(ext) && !is_source_template(p.string())) return;
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
    // No skip_permission_denied: an unreadable directory must be reported, not skipped.
    fs::directory_iterator it(dir, ec);
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
        std::error_code lec;
        auto lst = fs::symlink_status(e, lec);
        if (fs::is_symlink(lst)) diag(e.string(), "broken or looping symbolic link; skipped", "symlink-loop");
        else diag(e.string(), "cannot access: " + sec.message(), "unreadable-file");
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

bool is_source_template(const std::string& path) {
  fs::path p(path);
  return p.extension() == ".in" && source_exts().count(p.stem().extension().string()) > 0;
}

bool is_cxx_file(const std::string& path) {
  fs::path p(path);
  std::string ext = (p.extension() == ".in" ? p.stem() : p).extension().string();
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

namespace {

// One element of an exclude pattern.
struct GlobToken {
  enum Kind { Literal, AnyChar, Star, GlobStar, GlobStarSlash } kind;
  char c = 0;
};

std::vector<GlobToken> glob_tokens(const std::string& pat) {
  std::vector<GlobToken> out;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    if (pat[i] == '?') {
      out.push_back({GlobToken::AnyChar});
    } else if (pat[i] != '*') {
      out.push_back({GlobToken::Literal, pat[i]});
    } else if (i + 1 < pat.size() && pat[i + 1] == '*') {
      i += 1;
      bool slash = i + 1 < pat.size() && pat[i + 1] == '/';
      if (slash) ++i;
      out.push_back({slash ? GlobToken::GlobStarSlash : GlobToken::GlobStar});
    } else {
      out.push_back({GlobToken::Star});
    }
  }
  return out;
}

}  // namespace

bool glob_match(const std::string& pat, const std::string& text) {
  // Dynamic programming over (token, text position), filled from the end: linear in
  // pattern x text, with no backtracking that a single star position could get wrong.
  // at[i][j]: tokens i.. match text j..; to_slash[i][j]: some '/' at k >= j has
  // tokens i+1.. matching after it ("**/" spans whole directories or nothing).
  std::vector<GlobToken> toks = glob_tokens(pat);
  const std::size_t n = text.size(), w = n + 1;
  std::vector<char> at((toks.size() + 1) * w, 0), to_slash(toks.size() * w, 0);
  at[toks.size() * w + n] = 1;
  for (std::size_t i = toks.size(); i-- > 0;) {
    const GlobToken& t = toks[i];
    const char* next = &at[(i + 1) * w];
    char* cur = &at[i * w];
    for (std::size_t j = n + 1; j-- > 0;) {
      bool more = j < n;
      switch (t.kind) {
        case GlobToken::Literal: cur[j] = more && text[j] == t.c && next[j + 1]; break;
        case GlobToken::AnyChar: cur[j] = more && text[j] != '/' && next[j + 1]; break;
        case GlobToken::Star: cur[j] = next[j] || (more && text[j] != '/' && cur[j + 1]); break;
        case GlobToken::GlobStar: cur[j] = next[j] || (more && cur[j + 1]); break;
        case GlobToken::GlobStarSlash: {
          char* slash = &to_slash[i * w];
          slash[j] = more && ((text[j] == '/' && next[j + 1]) || slash[j + 1]);
          cur[j] = next[j] || slash[j];
          break;
        }
      }
    }
  }
  return at[0];
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
