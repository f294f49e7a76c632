// Typed values: the one grammar the registry uses for defaults, bounds and presets.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <limits>

#include "envkit/registry.h"

namespace envkit {

const char* to_string(ValueType t) {
  switch (t) {
    case ValueType::Bool: return "bool";
    case ValueType::Int: return "int";
    case ValueType::Uint: return "uint";
    case ValueType::Size: return "size";
    case ValueType::Float: return "float";
    case ValueType::Enum: return "enum";
    case ValueType::String: return "string";
    case ValueType::Path: return "path";
  }
  return "?";
}

const char* to_string(Status s) {
  switch (s) {
    case Status::Active: return "active";
    case Status::Experimental: return "experimental";
    case Status::Deprecated: return "deprecated";
    case Status::Removed: return "removed";
  }
  return "?";
}

const char* to_string(FlagKind k) {
  switch (k) {
    case FlagKind::Feature: return "feature";
    case FlagKind::Optimization: return "optimization";
    case FlagKind::Debug: return "debug";
    case FlagKind::BuildMode: return "build_mode";
  }
  return "?";
}

std::optional<std::uint64_t> parse_size(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == 0 || i > 20) return std::nullopt;
  errno = 0;
  unsigned long long n = std::strtoull(text.substr(0, i).c_str(), nullptr, 10);
  if (errno == ERANGE) return std::nullopt;
  std::string suffix = text.substr(i);
  int shift = 0;
  if (!suffix.empty()) {
    switch (suffix[0]) {
      case 'K': case 'k': shift = 10; break;
      case 'M': case 'm': shift = 20; break;
      case 'G': case 'g': shift = 30; break;
      case 'T': case 't': shift = 40; break;
      case 'B': case 'b': shift = 0; break;
      default: return std::nullopt;
    }
    std::string rest = shift == 0 ? suffix.substr(1) : suffix.substr(1);
    if (shift == 0 && !rest.empty()) return std::nullopt;
    if (shift != 0 && !(rest.empty() || rest == "B" || rest == "b" || rest == "iB")) return std::nullopt;
  }
  if (shift && n > (std::numeric_limits<std::uint64_t>::max() >> shift)) return std::nullopt;
  return static_cast<std::uint64_t>(n) << shift;
}

std::string format_size(std::uint64_t bytes) {
  static const struct { int shift; char suffix; } units[] = {{40, 'T'}, {30, 'G'}, {20, 'M'}, {10, 'K'}};
  if (bytes != 0)
    for (const auto& u : units) {
      std::uint64_t unit = std::uint64_t{1} << u.shift;
      if (bytes % unit == 0) return std::to_string(bytes / unit) + u.suffix;
    }
  return std::to_string(bytes);
}

std::string Value::str() const {
  switch (type) {
    case ValueType::Bool: return b ? "true" : "false";
    case ValueType::Int: return std::to_string(i);
    case ValueType::Uint: return std::to_string(u);
    case ValueType::Size: return format_size(u);
    case ValueType::Float: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", f);
      // Shortest text that reads back to the same double keeps documents tidy.
      for (int prec = 1; prec <= 17; ++prec) {
        char tmp[64];
        std::snprintf(tmp, sizeof tmp, "%.*g", prec, f);
        if (std::strtod(tmp, nullptr) == f) return tmp;
      }
      return buf;
    }
    case ValueType::Enum:
    case ValueType::String:
    case ValueType::Path: return s;
  }
  return s;
}

std::optional<Value> Registry::parse_value(const Variable& var, const std::string& text,
                                           std::string& error) const {
  Value v;
  v.type = var.type;
  switch (var.type) {
    case ValueType::Bool:
      if (text == "1" || text == "true" || text == "yes" || text == "on") v.b = true;
      else if (text == "0" || text == "false" || text == "no" || text == "off") v.b = false;
      else {
        error = "'" + text + "' is not a boolean (1/0, true/false, yes/no, on/off)";
        return std::nullopt;
      }
      return v;
    case ValueType::Int: {
      if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) {
        error = "'" + text + "' is not an integer";
        return std::nullopt;
      }
      char* end = nullptr;
      errno = 0;
      long long n = std::strtoll(text.c_str(), &end, 10);
      if (*end != '\0') {
        error = "'" + text + "' is not an integer";
        return std::nullopt;
      }
      if (errno == ERANGE) {
        error = "'" + text + "' overflows a 64-bit integer";
        return std::nullopt;
      }
      v.i = n;
      return v;
    }
    case ValueType::Uint: {
      if (text.empty() || text[0] < '0' || text[0] > '9') {
        error = "'" + text + "' is not an unsigned integer";
        return std::nullopt;
      }
      char* end = nullptr;
      errno = 0;
      unsigned long long n = std::strtoull(text.c_str(), &end, 10);
      if (*end != '\0') {
        error = "'" + text + "' is not an unsigned integer";
        return std::nullopt;
      }
      if (errno == ERANGE) {
        error = "'" + text + "' overflows a 64-bit integer";
        return std::nullopt;
      }
      v.u = n;
      return v;
    }
    case ValueType::Size: {
      auto n = parse_size(text);
      if (!n) {
        error = "'" + text + "' is not a size (bytes, or a number with K/M/G/T suffix)";
        return std::nullopt;
      }
      v.u = *n;
      return v;
    }
    case ValueType::Float: {
      if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) {
        error = "'" + text + "' is not a number";
        return std::nullopt;
      }
      char* end = nullptr;
      errno = 0;
      double d = std::strtod(text.c_str(), &end);
      if (*end != '\0' || !std::isfinite(d)) {
        error = "'" + text + "' is not a finite number";
        return std::nullopt;
      }
      v.f = d;
      return v;
    }
    case ValueType::Enum:
      for (std::size_t k = 0; k < var.values.size(); ++k)
        if (var.values[k] == text) {
          v.i = static_cast<std::int64_t>(k);
          v.s = text;
          return v;
        }
      error = "'" + text + "' is not one of the allowed values";
      return std::nullopt;
    case ValueType::String:
    case ValueType::Path:
      if (text.size() > var.max_length) {
        error = "value is longer than " + std::to_string(var.max_length) + " bytes";
        return std::nullopt;
      }
      v.s = text;
      return v;
  }
  return std::nullopt;
}

std::optional<Value> Registry::json_value(const Variable& var, const nlohmann::ordered_json& j,
                                          std::string& error) const {
  switch (var.type) {
    case ValueType::Bool:
      if (!j.is_boolean()) {
        error = "expected true or false for a bool setting";
        return std::nullopt;
      }
      return parse_value(var, j.get<bool>() ? "true" : "false", error);
    case ValueType::Int:
    case ValueType::Uint:
      if (!(j.is_number_integer() || j.is_number_unsigned())) {
        error = std::string("expected an integer for an ") + to_string(var.type) + " setting";
        return std::nullopt;
      }
      return parse_value(var, j.dump(), error);
    case ValueType::Size:
      if (j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0))
        return parse_value(var, j.dump(), error);
      if (j.is_string()) return parse_value(var, j.get<std::string>(), error);
      error = "expected a byte count or a string with a K/M/G/T suffix for a size setting";
      return std::nullopt;
    case ValueType::Float:
      if (!j.is_number()) {
        error = "expected a number for a float setting";
        return std::nullopt;
      }
      {
        Value v;
        v.type = ValueType::Float;
        v.f = j.get<double>();
        return v;
      }
    case ValueType::Enum:
    case ValueType::String:
    case ValueType::Path:
      if (!j.is_string()) {
        error = std::string("expected a string for an ") + to_string(var.type) + " setting";
        return std::nullopt;
      }
      return parse_value(var, j.get<std::string>(), error);
  }
  return std::nullopt;
}

bool Registry::in_bounds(const Variable& var, const Value& v) const {
  switch (var.type) {
    case ValueType::Int:
      return (!var.min || v.i >= var.min->i) && (!var.max || v.i <= var.max->i);
    case ValueType::Uint:
    case ValueType::Size:
      return (!var.min || v.u >= var.min->u) && (!var.max || v.u <= var.max->u);
    case ValueType::Float:
      return (!var.min || v.f >= var.min->f) && (!var.max || v.f <= var.max->f);
    case ValueType::Enum:
      return v.i >= 0 && static_cast<std::size_t>(v.i) < var.values.size();
    case ValueType::String:
    case ValueType::Path:
      return v.s.size() <= var.max_length;
    case ValueType::Bool:
      return true;
  }
  return true;
}

}  // namespace envkit
