// dead-registry-entry: the registry declares a variable no live code reads.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& v : ctx.inv->variables) {
    if (v.status != EntryStatus::Dead || !v.in_registry) continue;
    std::string msg = "environment variable " + v.name + " is dead: " + v.evidence.detail;
    if (v.sites.empty()) {
      out.push_back(finding_in_registry(ctx, "dead-registry-entry", v.pointer, v.name, msg,
                                        {"read it, or remove the declaration from " + registry_display(ctx)}));
      continue;
    }
    for (const auto& s : v.sites) out.push_back(finding_at_site("dead-registry-entry", s, v.name, msg));
  }
}

}  // namespace

const Rule dead_registry_entry{
    "dead-registry-entry", "warning", "A declared variable is never read by live code.",
    "The registry declares a variable (or an alias) that no code reads, or that is read only in code that "
    "can never be compiled (`#if 0`, a flag defined nowhere). Users can set it to no effect. Fix: remove the "
    "declaration, or wire the setting up.",
    "\"variables\": [{\"name\": \"HAKMEM_NEVER_READ\", ...}]", run};

}  // namespace envscan::rules
