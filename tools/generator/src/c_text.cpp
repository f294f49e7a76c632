#include "c_text.h"

#include <cinttypes>
#include <cstdio>
#include <limits>

#include "envkit/text_escape.h"

namespace envgen {

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string identifier_fragment(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += alnum ? c : '_';
  }
  return out;
}

std::string c_comment(const std::string& s) {
  std::string out;
  for (char c : envkit::printable(s)) {
    // "* /" and "/ *" read the same and can neither end nor nest a comment.
    if (!out.empty() && ((out.back() == '*' && c == '/') || (out.back() == '/' && c == '*'))) out += ' ';
    out += c;
  }
  return out;
}

std::string c_string(const std::string& s) {
  std::string out = "\"";
  char prev = 0;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '?' && prev == '?') {
      out += "\\?";  // no trigraphs in strict C11 mode
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);  // always three digits: never absorbs a following digit
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    prev = static_cast<char>(c);
  }
  return out + "\"";
}

std::string c_value(const envkit::Value& v, envkit::ValueType type) {
  using envkit::ValueType;
  switch (type) {
    case ValueType::Bool: return v.b ? "{.b = true}" : "{.b = false}";
    case ValueType::Int:
      if (v.i == std::numeric_limits<std::int64_t>::min()) return "{.i = INT64_MIN}";
      return "{.i = INT64_C(" + std::to_string(v.i) + ")}";
    case ValueType::Uint:
    case ValueType::Size: return "{.u = UINT64_C(" + std::to_string(v.u) + ")}";
    case ValueType::Float: {
      std::string t = v.str();
      if (t.find_first_of(".eE") == std::string::npos) t += ".0";
      return "{.f = " + t + "}";
    }
    case ValueType::Enum: return "{.i = " + std::to_string(v.i) + "}";
    case ValueType::String:
    case ValueType::Path: return "{.s = " + c_string(v.s) + "}";
  }
  return "{.i = 0}";
}

long date_int(const envkit::Date& d) { return d.year * 10000L + d.month * 100L + d.day; }

std::string accessor_return_type(const envkit::Variable& v) {
  switch (v.type) {
    case envkit::ValueType::Bool: return "bool";
    case envkit::ValueType::Int: return "int64_t";
    case envkit::ValueType::Uint:
    case envkit::ValueType::Size: return "uint64_t";
    case envkit::ValueType::Float: return "double";
    case envkit::ValueType::String:
    case envkit::ValueType::Path: return "const char *";
    case envkit::ValueType::Enum: return "enum " + v.accessor + "_value";
  }
  return "int64_t";
}

}  // namespace envgen
