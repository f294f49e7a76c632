// Validation for the JSON Schema subset our schemas use. Errors carry the JSON pointer
// of the offending value and, when a document is given, its line:col.
#include "envkit/json_schema.h"

#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "envkit/registry.h"

namespace envkit {

namespace {

using json = nlohmann::ordered_json;

struct Violation {
  std::string pointer;
  std::string message;
};

const char* json_type_name(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_string()) return "string";
  if (v.is_array()) return "array";
  return "object";
}

bool has_type(const json& v, const std::string& type) {
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_boolean();
  if (type == "integer") {
    if (v.is_number_integer() || v.is_number_unsigned()) return true;
    if (v.is_number_float()) {
      // A whole number, whatever its size (casting 1e63 to long long is undefined).
      double d = v.get<double>();
      return std::isfinite(d) && d == std::trunc(d);
    }
    return false;
  }
  if (type == "number") return v.is_number();
  if (type == "string") return v.is_string();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  return false;
}

std::string short_text(const json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  // Each pattern is compiled once per validation, not once per string it checks.
  const std::regex& compiled(const std::string& pattern) const {
    auto it = regexes_.find(pattern);
    if (it == regexes_.end()) it = regexes_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
    return it->second;
  }

  void check(const json& schema, const json& v, const std::string& ptr, std::vector<Violation>& out,
             int depth = 0) const {
    if (depth > 64 || !schema.is_object()) return;
    if (auto it = schema.find("$ref"); it != schema.end() && it->is_string()) {
      if (const json* target = resolve(it->get<std::string>())) check(*target, v, ptr, out, depth + 1);
      else out.push_back({ptr, "schema error: unresolvable $ref " + it->get<std::string>()});
    }
    if (auto it = schema.find("type"); it != schema.end()) {
      bool ok = false;
      std::string expected;
      if (it->is_string()) {
        ok = has_type(v, it->get<std::string>());
        expected = it->get<std::string>();
      } else if (it->is_array()) {
        for (const auto& t : *it) {
          ok = ok || has_type(v, t.get<std::string>());
          expected += (expected.empty() ? "" : " or ") + t.get<std::string>();
        }
      }
      if (!ok) {
        out.push_back({ptr, std::string("expected ") + expected + ", found " + json_type_name(v)});
        return;  // the rest would only repeat the same mistake
      }
    }
    if (auto it = schema.find("const"); it != schema.end() && v != *it)
      out.push_back({ptr, "must be " + it->dump() + ", found " + short_text(v)});
    if (auto it = schema.find("enum"); it != schema.end()) {
      bool found = false;
      for (const auto& e : *it) found = found || e == v;
      if (!found) {
        std::string allowed;
        for (const auto& e : *it) allowed += (allowed.empty() ? "" : ", ") + e.dump();
        out.push_back({ptr, short_text(v) + " is not one of " + allowed});
      }
    }
    if (v.is_string()) check_string(schema, v.get<std::string>(), ptr, out);
    if (v.is_number()) check_number(schema, v.get<double>(), ptr, out);
    if (v.is_object()) check_object(schema, v, ptr, out, depth);
    if (v.is_array()) check_array(schema, v, ptr, out, depth);
    if (auto it = schema.find("allOf"); it != schema.end())
      for (const auto& s : *it) check(s, v, ptr, out, depth + 1);
    if (auto it = schema.find("anyOf"); it != schema.end()) {
      bool any = false;
      for (const auto& s : *it) {
        std::vector<Violation> tmp;
        check(s, v, ptr, tmp, depth + 1);
        any = any || tmp.empty();
      }
      if (!any) out.push_back({ptr, "matches none of the allowed forms (anyOf)"});
    }
    if (auto it = schema.find("oneOf"); it != schema.end()) {
      int matches = 0;
      for (const auto& s : *it) {
        std::vector<Violation> tmp;
        check(s, v, ptr, tmp, depth + 1);
        matches += tmp.empty() ? 1 : 0;
      }
      if (matches != 1)
        out.push_back({ptr, "must match exactly one allowed form (oneOf), matches " + std::to_string(matches)});
    }
  }

 private:
  const json& root_;
  mutable std::map<std::string, std::regex> regexes_;

  const json* resolve(const std::string& ref) const {
    if (ref.rfind("#", 0) != 0) return nullptr;
    try {
      const json& target = root_.at(json::json_pointer(ref.substr(1)));
      return &target;
    } catch (const std::exception&) {
      return nullptr;
    }
  }

  void check_string(const json& schema, const std::string& s, const std::string& ptr,
                    std::vector<Violation>& out) const {
    if (auto it = schema.find("minLength"); it != schema.end() && s.size() < it->get<std::size_t>())
      out.push_back({ptr, "string is shorter than " + it->dump() + " characters"});
    if (auto it = schema.find("pattern"); it != schema.end()) {
      if (!std::regex_search(s, compiled(it->get<std::string>())))
        out.push_back({ptr, "\"" + s + "\" does not match the pattern " + it->get<std::string>()});
    }
    if (auto it = schema.find("format"); it != schema.end() && *it == "date" && !Date::parse(s))
      out.push_back({ptr, "\"" + s + "\" is not a calendar date (YYYY-MM-DD)"});
  }

  void check_number(const json& schema, double d, const std::string& ptr, std::vector<Violation>& out) const {
    if (auto it = schema.find("minimum"); it != schema.end() && d < it->get<double>())
      out.push_back({ptr, "value is below the minimum " + it->dump()});
    if (auto it = schema.find("maximum"); it != schema.end() && d > it->get<double>())
      out.push_back({ptr, "value is above the maximum " + it->dump()});
  }

  void check_object(const json& schema, const json& v, const std::string& ptr, std::vector<Violation>& out,
                    int depth) const {
    if (auto it = schema.find("required"); it != schema.end())
      for (const auto& r : *it)
        if (!v.contains(r.get<std::string>()))
          out.push_back({ptr, "missing required member \"" + r.get<std::string>() + "\""});
    const json* props = nullptr;
    if (auto it = schema.find("properties"); it != schema.end()) props = &*it;
    const json* additional = nullptr;
    if (auto it = schema.find("additionalProperties"); it != schema.end()) additional = &*it;
    const json* names = nullptr;
    if (auto it = schema.find("propertyNames"); it != schema.end()) names = &*it;
    for (const auto& [key, value] : v.items()) {
      std::string child = pointer_join(ptr, key);
      if (names) {
        std::vector<Violation> tmp;
        check(*names, json(key), child, tmp, depth + 1);
        for (auto& t : tmp) out.push_back({child, "member name: " + t.message});
      }
      if (props && props->contains(key)) {
        check((*props)[key], value, child, out, depth + 1);
      } else if (additional) {
        if (additional->is_boolean() && !additional->get<bool>())
          out.push_back({child, "unknown member \"" + key + "\""});
        else if (additional->is_object())
          check(*additional, value, child, out, depth + 1);
      }
    }
  }

  void check_array(const json& schema, const json& v, const std::string& ptr, std::vector<Violation>& out,
                   int depth) const {
    if (auto it = schema.find("minItems"); it != schema.end() && v.size() < it->get<std::size_t>())
      out.push_back({ptr, "array has fewer than " + it->dump() + " items"});
    if (auto it = schema.find("uniqueItems"); it != schema.end() && it->get<bool>()) {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!seen.insert(v[i].dump()).second)
          out.push_back({pointer_join(ptr, i), "duplicate item " + short_text(v[i])});
    }
    if (auto it = schema.find("items"); it != schema.end() && it->is_object())
      for (std::size_t i = 0; i < v.size(); ++i) check(*it, v[i], pointer_join(ptr, i), out, depth + 1);
  }
};

}  // namespace

void JsonSchema::validate(const JsonDocument& doc, std::vector<Diagnostic>& out) const {
  std::vector<Violation> violations;
  Validator(schema_).check(schema_, doc.root, "", violations);
  for (auto& v : violations) out.push_back(doc.at(v.pointer, v.message, "schema"));
}

std::vector<std::string> JsonSchema::validate_value(const nlohmann::ordered_json& value) const {
  std::vector<Violation> violations;
  Validator(schema_).check(schema_, value, "", violations);
  std::vector<std::string> out;
  for (auto& v : violations) out.push_back((v.pointer.empty() ? "/" : v.pointer) + ": " + v.message);
  return out;
}

}  // namespace envkit
