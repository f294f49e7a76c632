// past-sunset: the registry still lists an alias whose sunset date has passed.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  if (!ctx.registry) return;
  for (const auto& v : ctx.registry->variables)
    for (const auto& a : v.aliases) {
      if (a.declared_removed || ctx.date < a.sunset) continue;
      out.push_back(finding_in_registry(
          ctx, "past-sunset", a.pointer, a.name,
          "alias " + a.name + " of " + v.name + " passed its sunset on " + a.sunset.str() + " but is still listed as an alias",
          {"mark it removed (\"status\": \"removed\") or move it to removed[] with replacement " + v.name +
           then_regenerate(ctx)}));
    }
}

}  // namespace

const Rule past_sunset{
    "past-sunset", "warning", "The registry keeps an alias after its sunset date.",
    "An alias whose sunset date is today or earlier and that is not declared removed. Past the sunset the "
    "alias is treated as removed, so the registry should say so and the generated documents should show it. "
    "Reads of such an alias are reported by removed-env-read.",
    "\"aliases\": [{\"name\": \"HAKMEM_OLD\", \"sunset\": \"2025-06-01\", ...}]", run};

}  // namespace envscan::rules
