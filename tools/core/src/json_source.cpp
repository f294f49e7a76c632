// A strict recursive-descent JSON parser that records the line:col of every value,
// keyed by JSON pointer. nlohmann's own parser does not expose positions per value.
#include "envkit/json_source.h"

#include "envkit/file_io.h"
#include "envkit/text_escape.h"

#include <algorithm>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace envkit {

namespace {

constexpr int kMaxDepth = 256;  // deeper documents are rejected, not recursed into

class PositionedParser {
 public:
  PositionedParser(const std::string& text, JsonDocument& doc) : text_(text), doc_(doc) {}

  bool parse(Diagnostic& error) {
    skip_ws();
    if (!parse_value(doc_.root, "", 0)) return fail(error);
    skip_ws();
    if (pos_ != text_.size()) {
      err_ = "unexpected text after the JSON document";
      return fail(error);
    }
    return true;
  }

 private:
  const std::string& text_;
  JsonDocument& doc_;
  std::size_t pos_ = 0;
  int line_ = 1, col_ = 1;
  std::string err_;

  bool fail(Diagnostic& error) {
    error.file = doc_.file;
    error.line = line_;
    error.column = col_;
    error.message = "malformed JSON: " + err_;
    error.rule = "json-syntax";
    error.severity = Severity::Error;
    return false;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void advance() {
    if (at_end()) return;
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++pos_;
  }
  void skip_ws() {
    while (!at_end()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') advance();
      else break;
    }
  }
  bool expect_word(const char* word) {
    for (const char* p = word; *p; ++p) {
      if (peek() != *p) {
        err_ = std::string("invalid literal (expected '") + word + "')";
        return false;
      }
      advance();
    }
    return true;
  }

  bool parse_value(nlohmann::ordered_json& out, const std::string& pointer, int depth) {
    if (depth > kMaxDepth) {
      err_ = "nesting deeper than " + std::to_string(kMaxDepth);
      return false;
    }
    doc_.positions[pointer] = TextPos{line_, col_};
    switch (peek()) {
      case '{': return parse_object(out, pointer, depth);
      case '[': return parse_array(out, pointer, depth);
      case '"': {
        std::string s;
        if (!parse_string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't': out = true; return expect_word("true");
      case 'f': out = false; return expect_word("false");
      case 'n': out = nullptr; return expect_word("null");
      default: return parse_number(out);
    }
  }

  bool parse_object(nlohmann::ordered_json& out, const std::string& pointer, int depth) {
    out = nlohmann::ordered_json::object();
    advance();  // '{'
    skip_ws();
    if (peek() == '}') {
      advance();
      return true;
    }
    for (;;) {
      skip_ws();
      if (peek() != '"') {
        err_ = "expected a string key";
        return false;
      }
      int key_line = line_, key_col = col_;
      std::string key;
      if (!parse_string(key)) return false;
      if (out.contains(key)) {
        line_ = key_line;
        col_ = key_col;
        err_ = "duplicate key \"" + key + "\"";
        return false;
      }
      skip_ws();
      if (peek() != ':') {
        err_ = "expected ':' after key";
        return false;
      }
      advance();
      skip_ws();
      nlohmann::ordered_json value;
      if (!parse_value(value, pointer_join(pointer, key), depth + 1)) return false;
      out[key] = std::move(value);
      skip_ws();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == '}') {
        advance();
        return true;
      }
      err_ = "expected ',' or '}' in object";
      return false;
    }
  }

  bool parse_array(nlohmann::ordered_json& out, const std::string& pointer, int depth) {
    out = nlohmann::ordered_json::array();
    advance();  // '['
    skip_ws();
    if (peek() == ']') {
      advance();
      return true;
    }
    for (std::size_t i = 0;; ++i) {
      skip_ws();
      nlohmann::ordered_json value;
      if (!parse_value(value, pointer_join(pointer, i), depth + 1)) return false;
      out.push_back(std::move(value));
      skip_ws();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') {
        advance();
        return true;
      }
      err_ = "expected ',' or ']' in array";
      return false;
    }
  }

  static void append_utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool parse_hex4(unsigned& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = peek();
      unsigned d;
      if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
      else {
        err_ = "invalid \\u escape";
        return false;
      }
      out = out * 16 + d;
      advance();
    }
    return true;
  }

  bool parse_string(std::string& out) {
    advance();  // opening quote
    for (;;) {
      if (at_end()) {
        err_ = "unterminated string";
        return false;
      }
      char c = peek();
      if (c == '"') {
        advance();
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        err_ = "control character in string";
        return false;
      }
      if (c != '\\') {
        out += c;
        advance();
        continue;
      }
      advance();
      char e = peek();
      advance();
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp;
          if (!parse_hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (peek() != '\\') {
              err_ = "unpaired surrogate in \\u escape";
              return false;
            }
            advance();
            if (peek() != 'u') {
              err_ = "unpaired surrogate in \\u escape";
              return false;
            }
            advance();
            unsigned lo;
            if (!parse_hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) {
              err_ = "unpaired surrogate in \\u escape";
              return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            err_ = "unpaired surrogate in \\u escape";
            return false;
          }
          append_utf8(out, cp);
          break;
        }
        default:
          err_ = "invalid escape in string";
          return false;
      }
    }
  }

  bool parse_number(nlohmann::ordered_json& out) {
    std::size_t start = pos_;
    bool is_float = false;
    if (peek() == '-') advance();
    if (peek() == '0') {
      advance();
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') advance();
    } else {
      err_ = at_end() ? "unexpected end of input" : "unexpected character";
      return false;
    }
    if (peek() == '.') {
      is_float = true;
      advance();
      if (!(peek() >= '0' && peek() <= '9')) {
        err_ = "digit expected after '.'";
        return false;
      }
      while (peek() >= '0' && peek() <= '9') advance();
    }
    if (peek() == 'e' || peek() == 'E') {
      is_float = true;
      advance();
      if (peek() == '+' || peek() == '-') advance();
      if (!(peek() >= '0' && peek() <= '9')) {
        err_ = "digit expected in exponent";
        return false;
      }
      while (peek() >= '0' && peek() <= '9') advance();
    }
    std::string num = text_.substr(start, pos_ - start);
    errno = 0;
    if (!is_float) {
      char* end = nullptr;
      if (num[0] == '-') {
        long long v = std::strtoll(num.c_str(), &end, 10);
        if (errno == 0) {
          out = static_cast<std::int64_t>(v);
          return true;
        }
      } else {
        unsigned long long v = std::strtoull(num.c_str(), &end, 10);
        if (errno == 0) {
          if (v <= static_cast<unsigned long long>(INT64_MAX)) out = static_cast<std::int64_t>(v);
          else out = static_cast<std::uint64_t>(v);
          return true;
        }
      }
      errno = 0;  // too large for an integer: keep it as a double, like most parsers
    }
    out = std::strtod(num.c_str(), nullptr);
    return true;
  }
};

}  // namespace

std::string pointer_join(const std::string& base, const std::string& token) {
  std::string out = base + "/";
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_join(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

TextPos JsonDocument::position_of(const std::string& pointer) const { return position_in(positions, pointer); }

TextPos position_in(const std::map<std::string, TextPos>& positions, const std::string& pointer) {
  std::string p = pointer;
  for (;;) {
    auto it = positions.find(p);
    if (it != positions.end()) return it->second;
    if (p.empty()) return TextPos{};
    p = p.substr(0, p.rfind('/'));
  }
}

Diagnostic JsonDocument::at(const std::string& pointer, std::string message, std::string rule,
                            Severity sev) const {
  Diagnostic d;
  d.severity = sev;
  d.file = file;
  TextPos pos = position_of(pointer);
  d.line = pos.line;
  d.column = pos.column;
  d.pointer = pointer.empty() ? "/" : pointer;
  d.message = std::move(message);
  d.rule = std::move(rule);
  return d;
}

namespace {
std::string hex_byte(unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  return {hex[c >> 4], hex[c & 15]};
}
}  // namespace

std::optional<JsonDocument> parse_json(const std::string& file, const std::string& text,
                                       Diagnostic& error) {
  // RFC 8259 8.1: JSON text is UTF-8. Other bytes would reach strings that every
  // later dump() of them throws on.
  if (std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
    error.file = file;
    error.line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    error.column = static_cast<int>(bad - (line_start == std::string::npos || bad == 0 ? 0 : line_start + 1)) + 1;
    error.message = "malformed JSON: byte 0x" + hex_byte(static_cast<unsigned char>(text[bad])) + " is not UTF-8";
    error.rule = "json-syntax";
    error.severity = Severity::Error;
    return std::nullopt;
  }
  JsonDocument doc;
  doc.file = file;
  PositionedParser parser(text, doc);
  if (!parser.parse(error)) return std::nullopt;
  return doc;
}

std::optional<std::string> read_text_file(const std::string& path, std::string* reason) {
  std::string text, error;
  if (read_regular_file(path, text, error) != ReadStatus::Ok) {
    if (reason) *reason = error;
    return std::nullopt;
  }
  return text;
}

Diagnostic unreadable_file(const std::string& path, const std::string& what, const std::string& reason) {
  Diagnostic d;
  d.file = path;
  d.message = "cannot read " + what + (reason.empty() ? "" : ": " + reason);
  d.rule = "io";
  d.severity = Severity::Error;
  return d;
}

std::optional<JsonDocument> load_json_file(const std::string& path, Diagnostic& error) {
  std::string reason;
  auto text = read_text_file(path, &reason);
  if (!text) {
    error = unreadable_file(path, "file", reason);
    return std::nullopt;
  }
  return parse_json(path, *text, error);
}

}  // namespace envkit
