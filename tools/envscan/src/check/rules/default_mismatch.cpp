// default-mismatch: the default visible in code differs from the registry's.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

// Strips the quotes of a C string literal default ("fast" -> fast).
std::string unquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  if (!ctx.registry) return;
  for (const auto& v : ctx.inv->variables) {
    if (!v.in_registry) continue;
    const envkit::Variable* var = ctx.registry->find_variable(v.canonical.empty() ? v.name : v.canonical);
    if (!var) continue;
    for (const auto& s : v.sites) {
      if (!s.default_value || s.via == "accessor") continue;
      std::string error;
      auto code = ctx.registry->parse_value(*var, unquote(*s.default_value), error);
      if (!code) continue;  // not a value of this type: type-mismatch's business
      std::string want = var->default_value.str(), got = code->str();
      if (got == want) continue;
      out.push_back(finding_at_site("default-mismatch", s, v.name,
                                    "default of " + v.name + " here is " + got + ", the registry's is " + want,
                                    {"use the registry's default " + want + " (or change it in " +
                                     registry_display(ctx) + " and regenerate the documents)"}));
    }
  }
}

}  // namespace

const Rule default_mismatch{
    "default-mismatch", "warning", "The default visible in code differs from the registry's.",
    "A read whose fallback value (ternary, `if (!s) return D;`, a wrapper's default argument, ...) parses "
    "as a value of the variable's type but differs from the registry's default. The documentation then lies "
    "about what an unset variable means. Fix: use the registry's default, ideally through the accessor.",
    "int n = s ? atoi(s) : 32;   /* registry default: 64 */", run};

}  // namespace envscan::rules
