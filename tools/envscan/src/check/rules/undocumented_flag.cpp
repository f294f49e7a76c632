// undocumented-flag: code tests a prefixed build flag the registry does not declare.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& f : ctx.inv->build_flags) {
    if (f.status != EntryStatus::Undocumented) continue;
    for (const auto& t : f.tested_at) {
      CheckFinding c;
      c.file = t.loc.file;
      c.line = t.loc.line;
      c.column = t.loc.column;
      c.name = f.name;
      c.message = "build flag " + f.name + " is tested but not declared in " + registry_display(ctx);
      c.notes = {"to declare it, add {\"name\": \"" + f.name +
                 "\", \"kind\": \"feature\", \"default\": \"undefined\", \"status\": \"active\", \"description\": ...} "
                 "to build_flags[] in " + registry_display(ctx) + then_regenerate(ctx)};
      out.push_back(std::move(c));
    }
  }
}

}  // namespace

const Rule undocumented_flag{
    "undocumented-flag", "warning", "Code tests a build flag the registry does not declare.",
    "A macro with the registry's prefix tested by `#if`/`#ifdef` and not listed in build_flags[]. Nobody can "
    "find out that the flag exists or what it does. Fix: declare it and regenerate BUILD_FLAGS.md.",
    "#ifdef HAKMEM_SECRET_MODE", run};

}  // namespace envscan::rules
