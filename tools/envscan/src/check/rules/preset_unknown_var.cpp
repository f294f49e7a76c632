// preset-unknown-var: a preset sets a name the registry lacks or has removed.
#include "check/rules/preset_settings.h"
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

using Kind = envkit::NameInfo::Kind;

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  if (!ctx.registry) return;
  for_each_preset_setting(ctx, [&](const PresetSetting& s) {
    auto info = ctx.registry->lookup(s.name, ctx.date);
    std::string what;
    std::vector<std::string> notes;
    if (info.kind == Kind::Unknown) {
      what = "which " + registry_display(ctx) + " does not declare";
      std::string near = nearest_registered_name(*ctx.registry, s.name);
      if (!near.empty()) notes.push_back("did you mean " + near + "?");
    } else if (info.kind == Kind::BuildFlag) {
      what = "which is a build flag, not an environment variable";
    } else if (info.kind == Kind::Removed || info.kind == Kind::RemovedFamily ||
               (info.kind == Kind::Alias && info.alias && info.alias->removed_at(ctx.date))) {
      what = "which is removed";
      if (!info.replacement.empty()) notes.push_back("use " + info.replacement + " instead");
    } else {
      return;
    }
    out.push_back(finding_at_setting(s, "preset '" + s.preset + "' sets " + s.name + ", " + what, notes));
  });
}

}  // namespace

const Rule preset_unknown_var{
    "preset-unknown-var", "error", "A preset sets a variable the registry lacks or has removed.",
    "An entry of a preset's `settings` (in the `check.presets` directory) names no declared variable, a "
    "removed one, or a build flag. The preset silently does less than it says. Fix: correct the name (the "
    "note names the closest one) or drop the entry.",
    "\"settings\": {\"HAKMEM_TINY_REFIL_BATCH\": 8}", run};

}  // namespace envscan::rules
