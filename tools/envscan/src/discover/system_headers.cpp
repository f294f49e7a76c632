#include "discover/system_headers.h"

#include <deque>
#include <filesystem>

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/Utils.h>
#include <clang/Lex/HeaderSearchOptions.h>

#include "envkit/file_io.h"

namespace envscan {
namespace fs = std::filesystem;

std::vector<std::string> system_include_dirs(const std::string& resource_dir) {
  std::vector<std::string> dirs;
  auto add = [&](const std::string& d) {
    std::error_code ec;
    if (d.empty() || !fs::is_directory(d, ec)) return;
    for (const auto& x : dirs)
      if (x == d) return;
    dirs.push_back(d);
  };
  // The driver knows the host's layout (multiarch, GCC installation, libstdc++ version).
  for (const char* lang : {"c", "c++"}) {
    std::vector<const char*> args = {"clang", "-fsyntax-only", "-x", lang, "envscan-probe.c"};
    std::string rd = "-resource-dir=" + resource_dir;
    if (!resource_dir.empty()) args.push_back(rd.c_str());
    clang::CreateInvocationOptions o;
    auto* opts = new clang::DiagnosticOptions();
    o.Diags = new clang::DiagnosticsEngine(new clang::DiagnosticIDs(), opts, new clang::IgnoringDiagConsumer());
    std::unique_ptr<clang::CompilerInvocation> ci = clang::createInvocation(args, o);
    if (!ci) continue;
    const clang::HeaderSearchOptions& hs = ci->getHeaderSearchOpts();
    if (hs.UseBuiltinIncludes) add(hs.ResourceDir + "/include");
    for (const auto& e : hs.UserEntries)
      if (e.Group != clang::frontend::Quoted && e.Group != clang::frontend::Angled) add(e.Path);
  }
  return dirs;
}

namespace {

// `#define NAME` and `#include <x>` / `"x"` lines; a line scan, since a header is only
// mined for names and every arm counts.
void mine_header(const std::string& text, std::set<std::string>& macros, std::vector<std::string>& angled,
                 std::vector<std::string>& quoted) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto ident = [](char c) { return std::isalnum((unsigned char)c) || c == '_'; };
  while (i < n) {
    std::size_t eol = text.find('\n', i);
    if (eol == std::string::npos) eol = n;
    std::size_t k = i;
    while (k < eol && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k < eol && text[k] == '#') {
      ++k;
      while (k < eol && (text[k] == ' ' || text[k] == '\t')) ++k;
      std::size_t w = k;
      while (k < eol && ident(text[k])) ++k;
      std::string directive = text.substr(w, k - w);
      while (k < eol && (text[k] == ' ' || text[k] == '\t')) ++k;
      if (directive == "define") {
        std::size_t s = k;
        while (k < eol && ident(text[k])) ++k;
        if (k > s && !std::isdigit((unsigned char)text[s])) macros.insert(text.substr(s, k - s));
      } else if ((directive == "include" || directive == "include_next") && k < eol &&
                 (text[k] == '<' || text[k] == '"')) {
        char close = text[k] == '<' ? '>' : '"';
        std::size_t e = text.find(close, k + 1);
        if (e != std::string::npos && e < eol)
          (close == '>' ? angled : quoted).push_back(text.substr(k + 1, e - k - 1));
      }
    }
    i = eol + 1;
  }
}

}  // namespace

std::set<std::string> system_defined_macros(const std::vector<std::string>& dirs,
                                            const std::set<std::string>& includes,
                                            const SystemMacroLimits& limits) {
  std::set<std::string> macros;
  std::set<std::string> seen_names, seen_files;
  std::deque<std::string> names(includes.begin(), includes.end());
  std::deque<std::string> files;
  std::size_t bytes = 0, read = 0;
  auto queue_name = [&](const std::string& name) {
    if (name.empty() || name.find("..") != std::string::npos || name[0] == '/') return;
    if (seen_names.insert(name).second) names.push_back(name);
  };
  for (const auto& n : includes) seen_names.insert(n);
  while ((!names.empty() || !files.empty()) && read < limits.max_files && bytes < limits.max_bytes) {
    if (files.empty()) {
      std::string name = names.front();
      names.pop_front();
      for (const auto& d : dirs) {
        std::error_code ec;
        fs::path p = fs::path(d) / name;
        if (fs::is_regular_file(p, ec) && seen_files.insert(p.string()).second) files.push_back(p.string());
      }
      continue;
    }
    std::string path = files.front();
    files.pop_front();
    std::string text, error;
    ++read;
    if (envkit::read_regular_file(path, text, error) != envkit::ReadStatus::Ok) continue;
    bytes += text.size();
    std::vector<std::string> angled, quoted;
    mine_header(text, macros, angled, quoted);
    for (const auto& a : angled) queue_name(a);
    for (const auto& q : quoted) {
      // Next to the including header first, as the preprocessor looks.
      std::error_code ec;
      fs::path beside = fs::path(path).parent_path() / q;
      if (q.find("..") == std::string::npos && fs::is_regular_file(beside, ec)) {
        if (seen_files.insert(beside.lexically_normal().string()).second) files.push_back(beside.lexically_normal().string());
      } else {
        queue_name(q);
      }
    }
  }
  return macros;
}

}  // namespace envscan
