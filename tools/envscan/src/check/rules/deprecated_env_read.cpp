// deprecated-env-read: code reads an alias that is within its sunset window.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& v : ctx.inv->variables) {
    if (v.status != EntryStatus::Deprecated) continue;
    for (const auto& s : v.sites) {
      std::vector<std::string> notes;
      if (!v.replacement.empty()) notes.push_back("use " + v.replacement + " instead");
      notes.push_back("fix: envrewrite --rule alias-to-canonical " + s.loc.file);
      out.push_back(finding_at_site("deprecated-env-read", s, v.name,
                                    "environment variable " + v.name + " is deprecated: " + v.evidence.detail, notes));
    }
  }
}

}  // namespace

const Rule deprecated_env_read{
    "deprecated-env-read", "warning", "Code reads a deprecated alias.",
    "A read of an alias before its sunset date. The configuration layer already maps the alias to its "
    "canonical variable; code should read the canonical name. Fix: `envrewrite --rule alias-to-canonical FILE`.",
    "getenv(\"HAKMEM_OLD_ALIAS\")", run};

}  // namespace envscan::rules
