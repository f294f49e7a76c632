// DEPRECATED.md: every deprecated or removed name with its status at a date. The text
// depends on the date only through the events (deprecation, sunset, removal) that have
// passed, so the committed copy changes exactly when an event passes.
#include <algorithm>
#include <set>
#include <sstream>

#include "envgen/envgen.h"
#include "markdown.h"

namespace envgen {

namespace {

using envkit::Date;
using envkit::Registry;

std::set<Date> event_dates(const Registry& reg) {
  std::set<Date> dates;
  for (const auto& v : reg.variables)
    for (const auto& a : v.aliases) {
      dates.insert(a.deprecated_since);
      dates.insert(a.sunset);
    }
  for (const auto& r : reg.removed) dates.insert(r.removed_since);
  for (const auto& f : reg.removed_families) dates.insert(f.removed_since);
  for (const auto& b : reg.build_flags)
    if (b.removed_since) dates.insert(*b.removed_since);
  return dates;
}

std::string alias_status(const envkit::Alias& a, const Date& today) {
  if (a.declared_removed) return "removed";
  if (today >= a.sunset) return "removed (sunset passed)";
  if (today >= a.deprecated_since) return "deprecated: honoured with a warning";
  return "accepted; deprecated from " + a.deprecated_since.str();
}

std::string removal_status(const Date& since, const Date& today) {
  return today >= since ? "removed" : "still accepted; removed from " + since.str();
}

std::string or_none(const std::string& s) { return s.empty() ? "none" : cell(s); }

struct AliasRow {
  const envkit::Alias* alias;
  const envkit::Variable* target;
};

}  // namespace

std::string status_epoch_line(const Registry& reg, const Date& today) {
  std::set<Date> dates = event_dates(reg);
  auto next = dates.upper_bound(today);
  std::string line;
  if (next == dates.begin())
    line = dates.empty() ? "Statuses never change: no dates are declared." :
                           "Statuses as of before " + next->str() + "; next change on " + next->str() + ".";
  else
    line = "Statuses as of " + std::prev(next)->str() + "; " +
           (next == dates.end() ? std::string("no further change is scheduled.") : "next change on " + next->str() + ".");
  return line;
}

std::string render_deprecated(const Inputs& in, const Date& today) {
  const Registry& reg = in.registry;
  std::ostringstream o;
  o << "# " << prose(reg.project_name) << ": deprecated and removed names\n\n"
    << generated_comment(in.registry_display, in.presets_display) << "\n"
    << status_epoch_line(reg, today) << "\n\n"
    << "A deprecated alias is honoured, with a warning naming its replacement, until its sunset date; from that "
       "day on it is ignored with a message naming the replacement. A removed name is reported as removed, with "
       "its replacement, and never applied.\n\n";

  std::vector<AliasRow> aliases;
  for (const auto& v : reg.variables)
    for (const auto& a : v.aliases) aliases.push_back({&a, &v});
  std::sort(aliases.begin(), aliases.end(), [](const AliasRow& x, const AliasRow& y) { return x.alias->name < y.alias->name; });
  o << "## Aliases\n\n";
  if (aliases.empty()) o << "None.\n\n";
  else {
    o << "| Name | Replacement | Deprecated since | Sunset | Status | Note |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& row : aliases) {
      std::string note = row.alias->note;
      if (!row.alias->value_map.empty()) {
        std::string pairs;
        for (const auto& [from, to] : row.alias->value_map) pairs += (pairs.empty() ? "" : ", ") + from + " → " + to;
        note += (note.empty() ? "Values: " : " Values: ") + pairs + ".";
      }
      o << "| " << code(row.alias->name) << " | " << code(row.target->name) << " | " << row.alias->deprecated_since.str()
        << " | " << row.alias->sunset.str() << " | " << alias_status(*row.alias, today) << " | " << or_none(note)
        << " |\n";
    }
    o << "\n";
  }

  std::vector<const envkit::Variable*> old_vars;
  for (const auto& v : reg.variables)
    if (v.status == envkit::Status::Deprecated || v.status == envkit::Status::Removed) old_vars.push_back(&v);
  if (!old_vars.empty()) {
    o << "## Deprecated variables without a replacement name\n\n| Name | Status | Description |\n| --- | --- | --- |\n";
    for (const auto* v : old_vars)
      o << "| " << code(v->name) << " | " << envkit::to_string(v->status) << " | " << cell(v->description) << " |\n";
    o << "\n";
  }

  auto removed = reg.removed;
  std::sort(removed.begin(), removed.end(), [](const auto& x, const auto& y) { return x.name < y.name; });
  o << "## Removed variables\n\n";
  if (removed.empty()) o << "None.\n\n";
  else {
    o << "| Name | Replacement | Removed since | Status | Reason |\n| --- | --- | --- | --- | --- |\n";
    for (const auto& r : removed)
      o << "| " << code(r.name) << " | " << or_none(r.replacement) << " | " << r.removed_since.str() << " | "
        << removal_status(r.removed_since, today) << " | " << cell(r.reason) << " |\n";
    o << "\n";
  }

  auto families = reg.removed_families;
  std::sort(families.begin(), families.end(), [](const auto& x, const auto& y) { return x.prefix < y.prefix; });
  o << "## Removed families\n\nEvery variable whose name starts with the prefix.\n\n";
  if (families.empty()) o << "None.\n\n";
  else {
    o << "| Prefix | Replacement | Removed since | Status | Reason |\n| --- | --- | --- | --- | --- |\n";
    for (const auto& f : families)
      o << "| " << code(f.prefix + "*") << " | " << or_none(f.replacement) << " | " << f.removed_since.str() << " | "
        << removal_status(f.removed_since, today) << " | " << cell(f.reason) << " |\n";
    o << "\n";
  }

  std::vector<const envkit::BuildFlag*> flags;
  for (const auto& b : reg.build_flags)
    if (b.status == envkit::Status::Deprecated || b.status == envkit::Status::Removed) flags.push_back(&b);
  std::sort(flags.begin(), flags.end(), [](const auto* x, const auto* y) { return x->name < y->name; });
  o << "## Deprecated and removed build flags\n\n";
  if (flags.empty()) o << "None.\n";
  else {
    o << "| Flag | Replacement | Removed since | Status | Description |\n| --- | --- | --- | --- | --- |\n";
    for (const auto* b : flags) {
      std::string status = b->status == envkit::Status::Deprecated ? "deprecated"
                           : b->removed_since ? removal_status(*b->removed_since, today) : "removed";
      o << "| " << code(b->name) << " | " << or_none(b->replacement) << " | "
        << (b->removed_since ? b->removed_since->str() : std::string("-")) << " | " << status << " | "
        << cell(b->description) << " |\n";
    }
  }
  return o.str();
}

}  // namespace envgen
