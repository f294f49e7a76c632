// raw-env-read: getenv of a registry variable outside the configuration layer.
#include "check/rules/rules.h"
#include "discover/discovery.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  if (!ctx.registry) return;
  for (const auto& v : ctx.inv->variables) {
    if (!v.in_registry) continue;
    const envkit::Variable* var = ctx.registry->find_variable(v.canonical.empty() ? v.name : v.canonical);
    for (const auto& s : v.sites) {
      if (s.via == "accessor" || !s.possible) continue;
      bool allowed = false;
      for (const auto& g : ctx.config.raw_env_allow) allowed = allowed || glob_match(g, s.loc.file);
      if (allowed) continue;
      std::vector<std::string> notes;
      if (var && !var->accessor.empty())
        notes.push_back("read it through the accessor " + ctx.registry->c_prefix + "_" + var->accessor +
                        "(), which applies the type, bounds, aliases and presets");
      notes.push_back("fix: envrewrite --rule getenv-to-accessor " + s.loc.file);
      out.push_back(finding_at_site("raw-env-read", s, v.name,
                                    "direct read of " + v.name + " outside the configuration layer", notes));
    }
  }
}

}  // namespace

const Rule raw_env_read{
    "raw-env-read", "warning", "A registry variable is read with getenv outside the configuration layer.",
    "A getenv (directly, or through a wrapper or macro) of a declared variable in a file that the "
    "`check.raw_env_allow` globs of .envscan.json do not cover. Such reads bypass the typed accessor: no "
    "bounds, no alias mapping, no presets. Fix: call the generated accessor "
    "(`envrewrite --rule getenv-to-accessor FILE`), or add the file to `raw_env_allow` when it is part of the "
    "configuration layer. Reads that must happen before the configuration is initialised take an inline "
    "suppression with the reason.",
    "int n = atoi(getenv(\"HAKMEM_TINY_REFILL_BATCH\"));", run};

}  // namespace envscan::rules
