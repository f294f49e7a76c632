// removed-env-read: code reads a name the registry lists as removed (or an alias past its sunset).
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& v : ctx.inv->variables) {
    if (v.status != EntryStatus::Removed) continue;
    for (const auto& s : v.sites) {
      std::vector<std::string> notes;
      if (!v.replacement.empty()) {
        notes.push_back("use " + v.replacement + " instead");
        if (!v.alias_of.empty())
          notes.push_back("fix: envrewrite --rule alias-to-canonical " + s.loc.file);
      }
      out.push_back(finding_at_site("removed-env-read", s, v.name,
                                    "environment variable " + v.name + " is removed: " + v.evidence.detail, notes));
    }
  }
}

}  // namespace

const Rule removed_env_read{
    "removed-env-read", "error", "Code reads a removed variable.",
    "A read of a name the registry lists under removed[] or a removed family, or of an alias whose sunset "
    "date has passed. Users setting it get no effect and no warning. Fix: read the replacement named in the "
    "note (`envrewrite --rule alias-to-canonical FILE` rewrites aliases), or delete the read.",
    "getenv(\"HAKMEM_OLD_REMOVED\")", run};

}  // namespace envscan::rules
