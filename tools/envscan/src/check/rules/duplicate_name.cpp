// duplicate-name: two names for one setting.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& v : ctx.inv->variables) {
    if (v.status != EntryStatus::Duplicate) continue;
    std::string list;
    for (const auto& d : v.duplicates) list += (list.empty() ? "" : ", ") + d;
    std::vector<std::string> notes;
    if (!list.empty()) notes.push_back("other names of this setting: " + list);
    if (!v.replacement.empty()) notes.push_back("use " + v.replacement + " instead");
    std::string msg = "environment variable " + v.name + " is a duplicate: " + v.evidence.detail;
    if (v.sites.empty()) out.push_back(finding_in_registry(ctx, "duplicate-name", v.pointer, v.name, msg, notes));
    for (const auto& s : v.sites) out.push_back(finding_at_site("duplicate-name", s, v.name, msg, notes));
  }
  for (const auto& f : ctx.inv->build_flags) {
    if (f.status != EntryStatus::Duplicate) continue;
    std::string msg = "build flag " + f.name + " is a duplicate: " + f.evidence.detail;
    if (f.tested_at.empty()) out.push_back(finding_in_registry(ctx, "duplicate-name", f.pointer, f.name, msg));
    for (const auto& t : f.tested_at) {
      CheckFinding c;
      c.file = t.loc.file;
      c.line = t.loc.line;
      c.column = t.loc.column;
      c.name = f.name;
      c.message = msg;
      out.push_back(std::move(c));
    }
  }
}

}  // namespace

const Rule duplicate_name{
    "duplicate-name", "warning", "Two names are used for one setting.",
    "An alias read side by side with its canonical name, two names made of the same words in another order "
    "(`X_TINY_DEBUG` / `X_DEBUG_TINY`), or two names assigned to the same field. Users cannot tell which one "
    "wins. Fix: keep one name; declare the other as an alias.",
    "if (getenv(\"HAKMEM_DEBUG_TINY\") || getenv(\"HAKMEM_TINY_DEBUG\"))", run};

}  // namespace envscan::rules
