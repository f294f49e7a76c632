// Just enough of C's lexical grammar to find identifiers and string literals outside
// comments: names in literals and accessor calls are edited token by token.
#include "rules/context.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace envrewrite {

const std::string& Context::text(const std::string& abs) const {
  auto it = texts.find(abs);
  if (it != texts.end()) return it->second;
  std::ifstream in(abs, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return texts[abs] = ss.str();
}

std::vector<CToken> c_tokens(const std::string& t) {
  std::vector<CToken> out;
  std::size_t i = 0, n = t.size();
  bool line_start = true, include_line = false;
  while (i < n) {
    char c = t[i];
    if (c == '\n') {
      line_start = true;
      include_line = false;
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && t[i + 1] == '/') {
      while (i < n && t[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && t[i + 1] == '*') {
      std::size_t e = t.find("*/", i + 2);
      i = e == std::string::npos ? n : e + 2;
      continue;
    }
    if (c == '"' || c == '\'') {
      std::size_t b = i++;
      while (i < n && t[i] != c && t[i] != '\n') i += t[i] == '\\' ? 2 : 1;
      if (i < n && t[i] == c) ++i;
      if (c == '"' && !include_line) {
        std::size_t len = i - b;
        out.push_back({CToken::String, static_cast<unsigned>(b), static_cast<unsigned>(len),
                       len >= 2 ? t.substr(b + 1, len - 2) : std::string()});
      }
      line_start = false;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t b = i;
      while (i < n && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '_')) ++i;
      // Raw strings and prefixed literals (R"(...)", u8"...") are left alone.
      if (i < n && (t[i] == '"' || t[i] == '\'')) {
        char q = t[i++];
        while (i < n && t[i] != q) ++i;
        if (i < n) ++i;
        continue;
      }
      out.push_back({CToken::Ident, static_cast<unsigned>(b), static_cast<unsigned>(i - b), t.substr(b, i - b)});
      line_start = false;
      continue;
    }
    if (c == '#' && line_start) {
      std::size_t j = i + 1;
      while (j < n && (t[j] == ' ' || t[j] == '\t')) ++j;
      if (t.compare(j, 7, "include") == 0) include_line = true;
      i = j;
      line_start = false;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < n && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '.' || t[i] == '\'')) ++i;
      line_start = false;
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(c))) line_start = false;
    ++i;
  }
  return out;
}

}  // namespace envrewrite
