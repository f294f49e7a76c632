// removed-flag: code still tests a build flag the registry lists as removed.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& f : ctx.inv->build_flags) {
    if (f.status != EntryStatus::Removed) continue;
    for (const auto& t : f.tested_at) {
      CheckFinding c;
      c.file = t.loc.file;
      c.line = t.loc.line;
      c.column = t.loc.column;
      c.name = f.name;
      c.message = "build flag " + f.name + " is removed: " + f.evidence.detail;
      c.notes = {"fix: envrewrite --rule remove-dead-flag " + t.loc.file};
      out.push_back(std::move(c));
    }
  }
}

}  // namespace

const Rule removed_flag{
    "removed-flag", "error", "Code tests a removed build flag.",
    "A macro the registry lists as removed is still tested; building with it no longer means what the code "
    "assumes. Fix: delete the branches (`envrewrite --rule remove-dead-flag FILE`).",
    "#ifdef HAKMEM_OLD_PATH", run};

}  // namespace envscan::rules
