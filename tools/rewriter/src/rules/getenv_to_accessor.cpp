// getenv-to-accessor: a read of a registry variable becomes its typed accessor when the
// code's idiom (envscan's) fits the registry type and the code's default equals the
// registry's. Anything else is left alone and listed for review with the reason.
#include <cmath>
#include <cstdlib>

#include "rules/context.h"

namespace envrewrite {

namespace {

bool numeric_idiom(const std::string& i) { return i == "atoi" || i == "strtol" || i == "strtoul"; }
bool float_idiom(const std::string& i) { return i == "strtod" || i == "atof"; }

// Whether the way the code parses fits the registry type; `why` explains a refusal.
bool fits(const envkit::Variable& var, const std::string& idiom, const std::string& kind, std::string& why) {
  using envkit::ValueType;
  ValueType t = var.type;
  bool integer = t == ValueType::Int || t == ValueType::Uint || t == ValueType::Size;
  if (kind == "string") {
    if (t == ValueType::String || t == ValueType::Path) return true;
    why = "the code uses the text; the registry declares " + std::string(to_string(t));
    return false;
  }
  if (kind == "presence" || kind == "bool" || idiom == "presence" || idiom == "bool") {
    if (t == ValueType::Bool) return true;
    why = "the code tests the variable as a boolean; the registry declares " + std::string(to_string(t));
    return false;
  }
  if (numeric_idiom(idiom)) {
    if (integer || t == ValueType::Bool) return true;
    why = "the code parses an integer (" + idiom + "); the registry declares " + std::string(to_string(t));
    return false;
  }
  if (float_idiom(idiom)) {
    if (t == ValueType::Float) return true;
    why = "the code parses a floating-point number (" + idiom + "); the registry declares " + std::string(to_string(t));
    return false;
  }
  if (idiom == "enum-compare") why = "the value is compared with words; enum reads are left for review";
  else if (idiom == "raw-string") why = "the value is used as a string (getenv's NULL for unset differs from the accessor's empty string)";
  else why = "the way the value is used was not understood";
  return false;
}

std::string strip_suffix(std::string s) {
  while (!s.empty() && (s.back() == 'u' || s.back() == 'U' || s.back() == 'l' || s.back() == 'L' ||
                        s.back() == 'f' || s.back() == 'F') && s.find_first_of("xX") == std::string::npos)
    s.pop_back();
  if (s == "true") return "1";
  if (s == "false") return "0";
  return s;
}

}  // namespace

bool same_default(const envkit::Registry& reg, const envkit::Variable& var, const std::string& code_default,
                  std::string& shown) {
  using envkit::ValueType;
  shown = var.default_value.str();
  std::string text = strip_suffix(code_default);
  std::string error;
  if (var.type == ValueType::Float) {
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end) return false;
    return std::fabs(d - var.default_value.f) <= 1e-12 * std::max(1.0, std::fabs(d));
  }
  if (var.type == ValueType::String || var.type == ValueType::Path) return code_default == var.default_value.s;
  if (var.type == ValueType::Bool) {
    if (text == "0" || text == "1") return (text == "1") == var.default_value.b;
    return false;
  }
  if (var.type == ValueType::Size) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(text.c_str(), &end, 0);
    if (end == text.c_str() || *end || text[0] == '-') return false;
    return n == var.default_value.u;
  }
  auto v = reg.parse_value(var, text, error);
  if (!v) return false;
  if (var.type == ValueType::Int) return v->i == var.default_value.i;
  if (var.type == ValueType::Uint) return v->u == var.default_value.u;
  return v->str() == var.default_value.str();
}

void getenv_to_accessor(const Context& ctx, Plan& plan) {
  const auto& reg = *ctx.registry;
  const std::string rule = "getenv-to-accessor";
  for (const auto& site : ctx.findings->reads) {
    if (site.via == "accessor" || site.via == "constructed") continue;
    envkit::NameInfo info = reg.lookup(site.name, ctx.today);
    if (info.kind != envkit::NameInfo::Kind::Variable && info.kind != envkit::NameInfo::Kind::Alias) continue;
    const envkit::Variable& var = *info.variable;
    Review r;
    r.file = site.loc.file;
    r.line = site.loc.line;
    r.column = site.loc.column;
    r.rule = rule;
    r.variable = var.name;
    auto refuse = [&](const std::string& kind, const std::string& msg) {
      r.kind = kind;
      r.message = site.name + ": " + msg;
      plan.reviews.push_back(r);
    };
    if (!site.live) {
      refuse("inactive", "read in an inactive branch (" + site.condition + "); not compiled here, not rewritten");
      continue;
    }
    if (site.source != "ast") {
      refuse("not-understood", "the file did not parse; not rewritten");
      continue;
    }
    if (var.accessor.empty()) continue;
    if (info.alias && !info.alias->value_map.empty()) {
      refuse("value-map", "legacy values of " + site.name + " map to other values of " + var.name +
                              "; the code's reading of the legacy value would change");
      continue;
    }
    std::string why;
    std::string abs = ctx.abs(site.loc.file);
    auto fit = ctx.shapes.find(abs);
    const ValueShape* shape = nullptr;
    if (fit != ctx.shapes.end()) {
      auto s = fit->second.by_site.find(site.loc.offset);
      if (s != fit->second.by_site.end()) shape = &s->second;
    }
    if (!shape || !shape->ok) {
      std::string idiom_why;
      if (!fits(var, site.idiom, "", idiom_why)) refuse(site.idiom == "enum-compare" || site.idiom == "raw-string" || site.idiom.empty() ? "not-understood" : "type-mismatch", idiom_why);
      else refuse(shape && shape->why.find("macro") != std::string::npos ? "macro-body" : "not-understood",
                  shape ? shape->why : "the read was not located in the parsed file");
      continue;
    }
    bool ok = true;
    std::vector<Edit> edits;
    for (const auto& use : shape->uses) {
      std::string idiom = use.kind == "numeric" ? (use.parser == "atof" ? "atof" : use.parser.rfind("strtod", 0) == 0 || use.parser == "strtof" ? "strtod" : use.parser.find("strtoul") == 0 || use.parser == "strtoumax" ? "strtoul" : use.parser.rfind("strto", 0) == 0 ? "strtol" : "atoi")
                          : use.kind == "wrapper" ? site.idiom : use.kind;
      if (!fits(var, idiom, use.kind == "wrapper" ? "" : use.kind, why)) {
        refuse("type-mismatch", why);
        ok = false;
        break;
      }
      std::optional<std::string> code_default = use.default_value;
      std::string written = use.default_text;
      if (use.kind == "wrapper") {
        code_default = site.default_value;
        written = site.default_value.value_or("");
      }
      if (!code_default) {
        refuse("not-understood", written.empty() ? "no default visible in the code"
                                                 : "the code's default '" + written + "' is not a constant");
        ok = false;
        break;
      }
      std::string shown;
      if (code_default->rfind("@call:", 0) == 0) {
        // `getenv("NEW") ? atoi(getenv("NEW")) : new_accessor()`: the setting itself is the
        // fallback, and the accessor already prefers the canonical name over its aliases.
        if (code_default->substr(6) != var.accessor) {
          refuse("not-understood", "the code falls back to " + written + ", not to " + var.accessor + "()");
          ok = false;
          break;
        }
      } else if (!same_default(reg, var, *code_default, shown)) {
        refuse("default-mismatch", "the code's default is " + written +
                                       (written != *code_default ? " (= " + *code_default + ")" : "") +
                                       ", the registry's default of " + var.name + " is " + shown +
                                       "; not rewritten, decide which is right");
        ok = false;
        break;
      }
      Edit e;
      e.file = abs;
      e.offset = use.range.begin;
      e.length = use.range.end - use.range.begin;
      e.text = (use.negate ? "!" : "") + var.accessor + "()";
      e.rule = rule;
      e.variable = var.name;
      e.from = site.name;
      e.to = e.text;
      e.message = site.name + " (" + idiom + ", default " + written + ") read through " + e.text;
      edits.push_back(e);
    }
    if (!ok) continue;
    if (shape->remove) {
      Edit e;
      e.file = abs;
      e.offset = shape->remove->begin;
      e.length = shape->remove->end - shape->remove->begin;
      e.rule = rule;
      e.variable = var.name;
      e.from = site.name;
      e.sites = 0;
      e.message = "the string holding " + site.name + " is no longer needed";
      edits.push_back(e);
    }
    for (auto& e : edits) plan.edits.push_back(std::move(e));
    plan.includes[abs] = reg.header;
  }
}

}  // namespace envrewrite
