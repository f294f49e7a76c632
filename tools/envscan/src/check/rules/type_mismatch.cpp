// type-mismatch: the code parses a variable as another type than the registry's.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

using envkit::ValueType;

// The registry types an idiom is compatible with; empty means "any" (no opinion).
std::vector<ValueType> compatible(const std::string& idiom) {
  if (idiom == "atoi" || idiom == "strtol") return {ValueType::Int, ValueType::Uint, ValueType::Size};
  if (idiom == "strtoul") return {ValueType::Uint, ValueType::Size, ValueType::Int};
  if (idiom == "strtod" || idiom == "atof") return {ValueType::Float};
  if (idiom == "bool") return {ValueType::Bool};
  if (idiom == "enum-compare") return {ValueType::Enum, ValueType::Bool, ValueType::String, ValueType::Path};
  return {};
}

const char* idiom_type(const std::string& idiom) {
  if (idiom == "strtod" || idiom == "atof") return "a float";
  if (idiom == "bool") return "a bool";
  if (idiom == "enum-compare") return "an enum";
  return "an integer";
}

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  if (!ctx.registry) return;
  for (const auto& v : ctx.inv->variables) {
    if (!v.in_registry) continue;
    const envkit::Variable* var = ctx.registry->find_variable(v.canonical.empty() ? v.name : v.canonical);
    if (!var) continue;
    for (const auto& s : v.sites) {
      auto ok = compatible(s.idiom);
      if (ok.empty() || std::find(ok.begin(), ok.end(), var->type) != ok.end()) continue;
      out.push_back(finding_at_site("type-mismatch", s, v.name,
                                    "code parses " + v.name + " as " + idiom_type(s.idiom) + " (" + s.idiom +
                                        ") but the registry says " + envkit::to_string(var->type),
                                    {"read it through the accessor, which parses the registry's type"}));
    }
  }
}

}  // namespace

const Rule type_mismatch{
    "type-mismatch", "warning", "The code parses a variable as another type than the registry's.",
    "A read whose idiom (`atoi`, `strtol`, `strtoul`, `strtod`, `atof`, a bool test, an enum comparison) "
    "does not fit the registry's type: an integer parse of a bool variable accepts `2` and rejects `true`, "
    "a float parse of an int truncates. Fix: use the accessor, or correct the registry's type.",
    "int on = atoi(getenv(\"HAKMEM_PRINT_CONFIG\"));   /* registry: bool */", run};

}  // namespace envscan::rules
