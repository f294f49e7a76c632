// Tokenizers for macro definitions in build and configure files (CMake, Makefiles,
// autoconf, meson, config-header templates).
#include "lex/flag_defs.h"

#include <algorithm>
#include <cctype>

namespace envscan {
namespace {

bool ident_start(char c) { return std::isalpha((unsigned char)c) || c == '_'; }
bool ident_char(char c) { return std::isalnum((unsigned char)c) || c == '_'; }

struct LineIndex {
  std::vector<std::size_t> starts{0};
  explicit LineIndex(const std::string& t) {
    for (std::size_t i = 0; i < t.size(); ++i)
      if (t[i] == '\n') starts.push_back(i + 1);
  }
  Location at(const std::string& rel, std::size_t off) const {
    auto it = std::upper_bound(starts.begin(), starts.end(), off);
    std::size_t line = static_cast<std::size_t>(it - starts.begin());
    return {rel, static_cast<unsigned>(line), static_cast<unsigned>(off - starts[line - 1] + 1),
            static_cast<unsigned>(off)};
  }
};

// `-DNAME[=VALUE]` occurrences inside [b, e).
void scan_dash_d(const std::string& rel, const std::string& t, std::size_t b, std::size_t e,
                 const LineIndex& idx, const std::string& kind, std::vector<FlagDefinition>& out) {
  for (std::size_t i = b; i + 2 < e; ++i) {
    if (t[i] != '-' || t[i + 1] != 'D' || (i > b && ident_char(t[i - 1]))) continue;
    std::size_t n = i + 2;
    if (n < e && (t[n] == ' ' || t[n] == '\t')) continue;  // "-D NAME" is rare in build files
    if (n >= e || !ident_start(t[n])) continue;
    std::size_t s = n;
    while (n < e && ident_char(t[n])) ++n;
    FlagDefinition d;
    d.name = t.substr(s, n - s);
    d.kind = kind;
    d.loc = idx.at(rel, i);
    d.value = "1";
    if (n < e && t[n] == '=') {
      std::size_t v = ++n;
      while (n < e && !std::isspace((unsigned char)t[n]) && t[n] != '"' && t[n] != ')' && t[n] != '\'') ++n;
      d.value = t.substr(v, n - v);
    }
    out.push_back(std::move(d));
    i = n > i ? n - 1 : i;
  }
}

struct CmakeArg {
  std::string text;
  std::size_t offset;
};

}  // namespace

std::vector<FlagDefinition> cmake_definitions(const std::string& rel, const std::string& t) {
  std::vector<FlagDefinition> out;
  LineIndex idx(t);
  std::size_t i = 0;
  const std::size_t n = t.size();
  while (i < n) {
    char c = t[i];
    if (c == '#') {  // comment to end of line
      while (i < n && t[i] != '\n') ++i;
      continue;
    }
    if (!ident_start(c) || (i > 0 && ident_char(t[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t s = i;
    while (i < n && ident_char(t[i])) ++i;
    std::string cmd = t.substr(s, i - s);
    std::size_t j = i;
    while (j < n && (t[j] == ' ' || t[j] == '\t')) ++j;
    if (j >= n || t[j] != '(') continue;
    // Arguments up to the matching ')', honouring quotes, nested parens and comments.
    std::vector<CmakeArg> args;
    std::string cur;
    std::size_t cur_off = 0;
    int depth = 1;
    std::size_t k = j + 1;
    auto flush = [&] {
      if (!cur.empty()) args.push_back({cur, cur_off});
      cur.clear();
    };
    for (; k < n && depth > 0; ++k) {
      char ch = t[k];
      if (ch == '"') {
        if (cur.empty()) cur_off = k + 1;
        for (++k; k < n && t[k] != '"'; ++k) {
          if (t[k] == '\\' && k + 1 < n) ++k;
          cur += t[k];
        }
        continue;
      }
      if (ch == '#') {
        while (k < n && t[k] != '\n') ++k;
        flush();
        continue;
      }
      if (ch == '(') ++depth;
      if (ch == ')' && --depth == 0) break;
      if (std::isspace((unsigned char)ch)) {
        flush();
        continue;
      }
      if (cur.empty()) cur_off = k;
      cur += ch;
    }
    flush();
    std::string lower = cmd;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    auto add = [&](const std::string& item, std::size_t off) {
      std::string def = item;
      if (def.rfind("-D", 0) == 0) def = def.substr(2);
      // $<$<CONFIG:Debug>:NAME=1> -> NAME=1
      if (def.rfind("$<", 0) == 0) {
        auto colon = def.rfind(':');
        auto close = def.find('>', colon == std::string::npos ? 0 : colon);
        if (colon == std::string::npos || close == std::string::npos) return;
        def = def.substr(colon + 1, close - colon - 1);
      }
      if (def.empty() || !ident_start(def[0])) return;
      std::size_t e = 0;
      while (e < def.size() && ident_char(def[e])) ++e;
      if (e < def.size() && def[e] != '=') return;
      FlagDefinition d;
      d.name = def.substr(0, e);
      d.value = e < def.size() ? def.substr(e + 1) : "1";
      d.kind = "cmake";
      d.loc = idx.at(rel, off);
      out.push_back(std::move(d));
    };
    static const std::vector<std::string> scopes = {"PUBLIC", "PRIVATE", "INTERFACE"};
    if (lower == "add_compile_definitions") {
      for (const auto& a : args) add(a.text, a.offset);
    } else if (lower == "target_compile_definitions") {
      for (std::size_t a = 1; a < args.size(); ++a)
        if (std::find(scopes.begin(), scopes.end(), args[a].text) == scopes.end()) add(args[a].text, args[a].offset);
    } else if (lower == "add_definitions" || lower == "remove_definitions") {
      if (lower == "add_definitions")
        for (const auto& a : args)
          if (a.text.rfind("-D", 0) == 0) add(a.text, a.offset);
    } else if (lower == "option" || lower == "cmake_dependent_option") {
      if (!args.empty()) {
        FlagDefinition d;
        d.name = args[0].text;
        d.kind = "cmake";
        d.value = args.size() > 2 ? args[2].text : "OFF";
        d.loc = idx.at(rel, args[0].offset);
        if (!d.name.empty() && ident_start(d.name[0])) out.push_back(std::move(d));
      }
    } else {
      scan_dash_d(rel, t, j + 1, k, idx, "cmake", out);
    }
    i = k;
  }
  return out;
}

std::vector<FlagDefinition> makefile_definitions(const std::string& rel, const std::string& t) {
  std::vector<FlagDefinition> out;
  LineIndex idx(t);
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t e = t.find('\n', i);
    if (e == std::string::npos) e = t.size();
    std::size_t hash = t.find('#', i);
    std::size_t end = (hash != std::string::npos && hash < e) ? hash : e;
    scan_dash_d(rel, t, i, end, idx, "makefile", out);
    i = e + 1;
  }
  return out;
}

namespace {

bool ends_with(const std::string& s, const char* suffix) {
  std::size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

FlagDefinition make_def(const std::string& name, const std::string& value, const char* kind, Location loc) {
  FlagDefinition d;
  d.name = name;
  d.value = value;
  d.kind = kind;
  d.loc = std::move(loc);
  return d;
}

// autoconf's spelling of a checked name as a macro: HAVE_ + upper-case, non-alnum -> '_'.
std::string have_macro(const std::string& prefix, const std::string& word) {
  std::string m = prefix;
  for (char c : word) m += std::isalnum((unsigned char)c) ? (char)std::toupper((unsigned char)c) : '_';
  return m;
}

// The identifier-ish words of an m4 argument list up to the matching ')' (quotes and
// brackets dropped), with their offsets.
std::vector<std::pair<std::string, std::size_t>> m4_words(const std::string& t, std::size_t open,
                                                          std::size_t& close, bool first_only) {
  std::vector<std::pair<std::string, std::size_t>> words;
  int depth = 0;
  std::size_t i = open;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (c == '(') ++depth;
    else if (c == ')') {
      if (--depth == 0) break;
    } else if (depth == 1 && c == ',' && first_only) {
      break;
    } else if (depth >= 1 && (std::isalnum((unsigned char)c) || c == '_' || c == '.' || c == '/' || c == '-')) {
      std::size_t b = i;
      while (i < t.size() && (std::isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '.' || t[i] == '/' ||
                              t[i] == '-'))
        ++i;
      words.emplace_back(t.substr(b, i - b), b);
      --i;
    }
  }
  close = i;
  return words;
}

}  // namespace

std::vector<FlagDefinition> template_definitions(const std::string& rel, const std::string& t) {
  std::vector<FlagDefinition> out;
  LineIndex idx(t);
  static const std::vector<std::pair<std::string, const char*>> forms = {
      {"undef", "autoconf"}, {"define", "template"}, {"cmakedefine01", "cmake"}, {"cmakedefine", "cmake"}, {"mesondefine", "meson"}};
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t e = t.find('\n', i);
    if (e == std::string::npos) e = t.size();
    std::size_t p = i;
    while (p < e && (t[p] == ' ' || t[p] == '\t')) ++p;
    if (p < e && t[p] == '#') {
      ++p;
      while (p < e && (t[p] == ' ' || t[p] == '\t')) ++p;
      for (const auto& [word, kind] : forms) {
        if (t.compare(p, word.size(), word) != 0 || p + word.size() >= e || !std::isspace((unsigned char)t[p + word.size()]))
          continue;
        std::size_t n = p + word.size();
        while (n < e && (t[n] == ' ' || t[n] == '\t')) ++n;
        std::size_t b = n;
        while (n < e && ident_char(t[n])) ++n;
        if (n > b && ident_start(t[b])) out.push_back(make_def(t.substr(b, n - b), "configure", kind, idx.at(rel, b)));
        break;
      }
    }
    i = e + 1;
  }
  return out;
}

std::vector<FlagDefinition> autoconf_definitions(const std::string& rel, const std::string& t) {
  std::vector<FlagDefinition> out;
  LineIndex idx(t);
  struct Macro {
    const char* name;
    const char* have_prefix;  // nullptr: the first argument is the macro itself
  };
  static const Macro macros[] = {
      {"AC_DEFINE_UNQUOTED", nullptr}, {"AC_DEFINE", nullptr},        {"AH_TEMPLATE", nullptr},
      {"AC_CHECK_FUNCS_ONCE", "HAVE_"}, {"AC_CHECK_FUNCS", "HAVE_"},   {"AC_CHECK_HEADERS_ONCE", "HAVE_"},
      {"AC_CHECK_HEADERS", "HAVE_"},    {"AC_CHECK_DECLS_ONCE", "HAVE_DECL_"}, {"AC_CHECK_DECLS", "HAVE_DECL_"}};
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != 'A' || (i > 0 && ident_char(t[i - 1]))) continue;
    if (t.compare(i, 17, "AC_CONFIG_HEADERS") == 0 || t.compare(i, 16, "AM_CONFIG_HEADER") == 0) {
      out.push_back(make_def("HAVE_CONFIG_H", "1", "autoconf", idx.at(rel, i)));
      continue;
    }
    for (const auto& m : macros) {
      std::size_t len = std::char_traits<char>::length(m.name);
      if (t.compare(i, len, m.name) != 0 || i + len >= t.size() || t[i + len] != '(') continue;
      std::size_t close = 0;
      auto words = m4_words(t, i + len, close, true);
      for (const auto& [w, off] : words) {
        if (!m.have_prefix) {
          if (ident_start(w[0]) && std::all_of(w.begin(), w.end(), ident_char))
            out.push_back(make_def(w, "1", "autoconf", idx.at(rel, off)));
          break;  // only the first word names the macro
        }
        out.push_back(make_def(have_macro(m.have_prefix, w), "1", "autoconf", idx.at(rel, off)));
      }
      i = close;
      break;
    }
  }
  // Shell code in the script adds -DNAME to CPPFLAGS or to substituted variables.
  scan_dash_d(rel, t, 0, t.size(), idx, "autoconf", out);
  return out;
}

std::vector<FlagDefinition> meson_definitions(const std::string& rel, const std::string& t) {
  std::vector<FlagDefinition> out;
  LineIndex idx(t);
  for (const char* call : {".set(", ".set10(", ".set_quoted("}) {
    std::size_t len = std::char_traits<char>::length(call);
    for (std::size_t i = t.find(call); i != std::string::npos; i = t.find(call, i + 1)) {
      std::size_t q = i + len;
      while (q < t.size() && std::isspace((unsigned char)t[q])) ++q;
      if (q >= t.size() || (t[q] != '\'' && t[q] != '"')) continue;
      std::size_t b = q + 1, n = b;
      while (n < t.size() && ident_char(t[n])) ++n;
      if (n < t.size() && t[n] == t[q] && n > b && ident_start(t[b]))
        out.push_back(make_def(t.substr(b, n - b), "1", "meson", idx.at(rel, b)));
    }
  }
  scan_dash_d(rel, t, 0, t.size(), idx, "meson", out);
  return out;
}

std::vector<FlagDefinition> build_file_definitions(const std::string& rel, const std::string& text) {
  auto slash = rel.find_last_of('/');
  std::string name = slash == std::string::npos ? rel : rel.substr(slash + 1);
  if (name == "CMakeLists.txt" || ends_with(name, ".cmake")) return cmake_definitions(rel, text);
  if (name == "config.in" || ends_with(name, ".h.in") || ends_with(name, ".cmakein"))
    return template_definitions(rel, text);
  if (name == "configure.ac" || name == "configure.in" || ends_with(name, ".m4")) return autoconf_definitions(rel, text);
  if (name == "meson.build") return meson_definitions(rel, text);
  return makefile_definitions(rel, text);
}

}  // namespace envscan
