// Drift rules: which statuses fail a check, and how each reads as a diagnostic.
#include "check/check.h"

#include <algorithm>
#include <tuple>

#include "envkit/text_escape.h"

namespace envscan {
namespace {

// Reading a removed or undeclared name is drift that must be fixed; the rest warns.
std::string variable_severity(const std::string& status) {
  return status == "removed" || status == "undocumented" ? "error" : "warning";
}
std::string flag_severity(const std::string& status, const std::string& rule) {
  return status == "removed" && rule == "registry-flag-removed-but-tested" ? "error" : "warning";
}

}  // namespace

std::vector<CheckFinding> check_findings(const Inventory& inv, const envkit::Registry* registry) {
  std::vector<CheckFinding> out;
  auto in_registry = [&](const std::string& pointer, std::string sev, std::string msg, std::string rule,
                         std::vector<std::string> notes) {
    CheckFinding f{inv.registry, 0, 0, std::move(sev), std::move(msg), std::move(rule), std::move(notes)};
    if (registry && !pointer.empty()) {
      envkit::TextPos pos = registry->position_of(pointer);
      f.line = static_cast<unsigned>(std::max(0, pos.line));
      f.column = static_cast<unsigned>(std::max(0, pos.column));
    }
    out.push_back(std::move(f));
  };
  for (const auto& v : inv.variables) {
    if (v.status == "active") continue;
    if (v.status == "removed" && v.sites.empty()) continue;  // declared removed, not read: nothing to fix
    std::string msg = "environment variable " + v.name + " is " + v.status + ": " + v.evidence.detail;
    std::vector<std::string> notes;
    if (!v.replacement.empty()) notes.push_back("use " + v.replacement + " instead");
    if (!v.duplicates.empty()) {
      std::string list;
      for (const auto& d : v.duplicates) list += (list.empty() ? "" : ", ") + d;
      notes.push_back("other names of this setting: " + list);
    }
    if (v.sites.empty()) {
      in_registry(v.pointer, variable_severity(v.status), msg, v.evidence.rule, notes);
      continue;
    }
    for (const auto& s : v.sites)
      out.push_back({s.loc.file, s.loc.line, s.loc.column, variable_severity(v.status), msg, v.evidence.rule, notes});
  }
  for (const auto& f : inv.build_flags) {
    if (f.status == "active") continue;
    if (f.status == "removed" && f.tested_at.empty()) continue;
    std::string msg = "build flag " + f.name + " is " + f.status + ": " + f.evidence.detail;
    std::string sev = flag_severity(f.status, f.evidence.rule);
    if (f.tested_at.empty()) {
      in_registry(f.pointer, sev, msg, f.evidence.rule, {});
      continue;
    }
    for (const auto& t : f.tested_at) out.push_back({t.loc.file, t.loc.line, t.loc.column, sev, msg, f.evidence.rule, {}});
  }
  // Files the scan could not read or parse: the gate cannot vouch for them.
  for (const auto& d : inv.diagnostics)
    if (d.severity == "error") out.push_back({d.file, d.line, d.column, "error", d.message, d.rule, {}});
  std::sort(out.begin(), out.end(), [](const CheckFinding& a, const CheckFinding& b) {
    return std::tie(a.file, a.line, a.column, a.rule, a.message) < std::tie(b.file, b.line, b.column, b.rule, b.message);
  });
  return out;
}

std::string format_findings(const std::vector<CheckFinding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    std::string where = f.file;
    if (f.line) where += ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
    // File names and messages carry untrusted bytes: no raw control bytes to the terminal.
    where = envkit::printable(where);
    out += where + ": " + f.severity + ": " + envkit::printable(f.message) + " [" + f.rule + "]\n";
    for (const auto& n : f.notes) out += where + ": note: " + envkit::printable(n) + "\n";
  }
  return out;
}

}  // namespace envscan
