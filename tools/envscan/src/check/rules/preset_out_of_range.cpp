// preset-out-of-range: a preset gives a variable a value its declaration does not allow.
#include "check/rules/preset_settings.h"
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

std::string bounds(const envkit::Variable& v) {
  if (!v.values.empty()) {
    std::string list;
    for (const auto& w : v.values) list += (list.empty() ? "" : ", ") + w;
    return "one of " + list;
  }
  std::string lo = v.min ? v.min->str() : "", hi = v.max ? v.max->str() : "";
  if (!lo.empty() && !hi.empty()) return "from " + lo + " to " + hi;
  if (!lo.empty()) return "at least " + lo;
  if (!hi.empty()) return "at most " + hi;
  return std::string("a ") + envkit::to_string(v.type);
}

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  if (!ctx.registry) return;
  for_each_preset_setting(ctx, [&](const PresetSetting& s) {
    auto info = ctx.registry->lookup(s.name, ctx.date);
    if (!info.variable || (info.kind != envkit::NameInfo::Kind::Variable && info.kind != envkit::NameInfo::Kind::Alias))
      return;
    const envkit::Variable& var = *info.variable;
    std::string error;
    auto value = ctx.registry->json_value(var, *s.value, error);
    if (value && ctx.registry->in_bounds(var, *value)) return;
    std::string got = s.value->dump();
    out.push_back(finding_at_setting(
        s, "preset '" + s.preset + "' sets " + s.name + " to " + got + ", outside its declared range" +
               (error.empty() ? "" : ": " + error),
        {var.name + " takes " + bounds(var)}));
  });
}

}  // namespace

const Rule preset_out_of_range{
    "preset-out-of-range", "error", "A preset gives a variable a value outside its declared type or range.",
    "A preset setting whose value is not of the variable's type, lies outside its min/max, or is not one of "
    "its enum words. At start-up the value would be clamped or rejected, so the preset does not do what it "
    "says. Fix: use a value within the range the note gives, or widen the declaration.",
    "\"settings\": {\"HAKMEM_DEBUG_LEVEL\": 9}   /* max 3 */", run};

}  // namespace envscan::rules
