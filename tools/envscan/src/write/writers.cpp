// Text, Markdown and SARIF writers, and the atomic file writer.
#include "write/writers.h"

#include <cstdio>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "envkit/file_io.h"
#include "envkit/text_escape.h"

namespace envscan {
namespace {

// Untrusted bytes (names, file names, values) shown to a terminal: no control bytes.
std::string shown(const std::string& s) { return envkit::printable(s); }

std::string pad(const std::string& s, std::size_t w) { return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' '); }

std::string site_text(const ReadSite& s) {
  std::string t = shown(s.loc.file) + ":" + std::to_string(s.loc.line) + ":" + std::to_string(s.loc.column);
  t += " " + shown(s.via);
  if (!s.idiom.empty()) t += " " + s.idiom;
  if (s.default_value) t += " default=" + shown(*s.default_value);
  if (!s.target.empty()) t += " -> " + shown(s.target);
  if (!s.condition.empty()) t += " [" + shown(s.condition) + "]";
  if (!s.live) t += " (inactive)";
  return t;
}

std::map<std::string, std::size_t> count_by(const std::vector<VariableEntry>& v) {
  std::map<std::string, std::size_t> m;
  for (const auto& e : v) ++m[status_name(e.status)];
  return m;
}

// Table cell or list text: printable, pipes escaped (a '|' would open a new column).
std::string md_escape(const std::string& s) {
  std::string out;
  for (char c : shown(s)) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}

// An inline code span that no backtick in `s` can close early.
std::string md_code(const std::string& s) {
  std::string text = md_escape(s);
  if (text.find('`') == std::string::npos) return "`" + text + "`";
  return "`` " + text + " ``";
}

// FNV-1a: a stable fingerprint across runs and machines.
std::string fingerprint(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx:1", static_cast<unsigned long long>(h));
  return buf;
}

struct RuleDoc {
  const char* id;
  const char* level;
  const char* short_text;
  const char* full_text;
};

const std::vector<RuleDoc>& rule_docs() {
  static const std::vector<RuleDoc> r = {
      {"envscan/variable-deprecated", "warning", "Deprecated variable name read",
       "The code reads an alias that the registry keeps only until its sunset date. Read the canonical name (or its accessor)."},
      {"envscan/variable-removed", "error", "Removed variable still read",
       "The registry says this name is removed (or its alias is past sunset), yet the code still reads it."},
      {"envscan/variable-dead", "warning", "Dead variable",
       "A registry entry no live code reads, or a read that sits only under #if 0 or a flag defined nowhere."},
      {"envscan/variable-duplicate", "warning", "Two names for one setting",
       "Aliases read side by side, names with the same words reordered, or two names whose values go to the same variable."},
      {"envscan/variable-undocumented", "warning", "Variable not in the registry",
       "The code reads an environment variable the registry does not declare."},
      {"envscan/flag-dead", "warning", "Build flag tested but never defined",
       "No #define, compile-database -D, CMake or Makefile definition exists for this tested macro."},
      {"envscan/flag-removed", "error", "Removed build flag still tested", "The registry says this build flag is removed."},
      {"envscan/flag-undocumented", "note", "Build flag not in the registry", "A defined and tested macro the registry does not declare."},
      {"envscan/flag-duplicate", "warning", "Two build flags with the same words", "Flags whose names differ only in word order."},
  };
  return r;
}

}  // namespace

std::string write_text(const Inventory& inv) {
  std::ostringstream o;
  o << "envscan inventory of " << shown(inv.root) << (inv.registry.empty() ? " (no registry)" : " against " + shown(inv.registry))
    << ", statuses at " << inv.date << "\n\n";
  std::size_t w = 12;
  for (const auto& v : inv.variables) w = std::max(w, shown(v.name).size() + 2);
  o << pad("VARIABLE", w) << pad("STATUS", 14) << pad("SITES", 7) << "WHY\n";
  for (const auto& v : inv.variables) {
    o << pad(shown(v.name), w) << pad(status_name(v.status), 14) << pad(std::to_string(v.sites.size()), 7) << shown(v.evidence.detail) << "\n";
    for (const auto& s : v.sites) o << "    " << site_text(s) << "\n";
  }
  o << "\n";
  std::size_t fw = 12;
  for (const auto& f : inv.build_flags) fw = std::max(fw, shown(f.name).size() + 2);
  o << pad("BUILD FLAG", fw) << pad("STATUS", 14) << pad("TESTS", 7) << pad("DEFS", 6) << "WHY\n";
  for (const auto& f : inv.build_flags)
    o << pad(shown(f.name), fw) << pad(status_name(f.status), 14) << pad(std::to_string(f.tested_at.size()), 7)
      << pad(std::to_string(f.defined_at.size()), 6) << shown(f.evidence.detail) << "\n";
  if (!inv.constructed.empty()) {
    o << "\nCONSTRUCTED NAMES\n";
    for (const auto& c : inv.constructed) {
      o << "    " << shown(c.loc.file) << ":" << c.loc.line << ":" << c.loc.column << " " << shown(c.pattern);
      if (!c.candidates.empty()) {
        o << " ->";
        for (const auto& n : c.candidates) o << " " << shown(n);
      }
      o << "\n";
    }
  }
  if (!inv.writes.empty()) {
    o << "\nWRITES\n";
    for (const auto& wr : inv.writes)
      o << "    " << shown(wr.loc.file) << ":" << wr.loc.line << ":" << wr.loc.column << " " << wr.kind << " " << shown(wr.name) << "\n";
  }
  if (!inv.diagnostics.empty()) {
    o << "\nDIAGNOSTICS\n";
    for (const auto& d : inv.diagnostics)
      o << shown(d.file) << ":" << d.line << ":" << d.column << ": " << d.severity << ": " << shown(d.message) << " [" << d.rule << "]\n";
  }
  auto c = count_by(inv.variables);
  o << "\n" << inv.variables.size() << " variables (";
  bool first = true;
  for (const auto& [s, n] : c) {
    o << (first ? "" : ", ") << n << " " << s;
    first = false;
  }
  o << "), " << inv.build_flags.size() << " build flags, " << inv.platform_macros.size() << " platform macros, "
    << inv.files_scanned << " files scanned (" << inv.files_parsed << " parsed)\n";
  return o.str();
}

std::string write_markdown(const Inventory& inv) {
  std::ostringstream o;
  o << "# Configuration inventory\n\n";
  o << "Scanned " << md_code(inv.root) << (inv.registry.empty() ? " without a registry" : " against " + md_code(inv.registry))
    << "; statuses as of " << inv.date << ".\n\n";
  o << "## Summary\n\n| | total | active | deprecated | removed | dead | duplicate | undocumented |\n";
  o << "|---|---|---|---|---|---|---|---|\n";
  auto c = count_by(inv.variables);
  o << "| Runtime variables | " << inv.variables.size();
  for (const char* s : {"active", "deprecated", "removed", "dead", "duplicate", "undocumented"}) o << " | " << c[s];
  o << " |\n";
  std::map<std::string, std::size_t> fc;
  for (const auto& f : inv.build_flags) ++fc[status_name(f.status)];
  o << "| Build flags | " << inv.build_flags.size();
  for (const char* s : {"active", "", "removed", "dead", "duplicate", "undocumented"}) o << " | " << (*s ? std::to_string(fc[s]) : "-");
  o << " |\n\n## Runtime variables\n\n| name | status | layer | sites | why |\n|---|---|---|---|---|\n";
  for (const auto& v : inv.variables) {
    std::string where;
    for (std::size_t i = 0; i < v.sites.size() && i < 3; ++i)
      where += (i ? "<br>" : "") + md_code(v.sites[i].loc.file + ":" + std::to_string(v.sites[i].loc.line));
    if (v.sites.size() > 3) where += "<br>+" + std::to_string(v.sites.size() - 3);
    o << "| " << md_code(v.name) << " | " << status_name(v.status) << " | " << md_escape(v.layer) << " | " << where << " | "
      << md_escape(v.evidence.detail) << " |\n";
  }
  o << "\n## Build flags\n\n| name | status | tested | defined | why |\n|---|---|---|---|---|\n";
  for (const auto& f : inv.build_flags)
    o << "| " << md_code(f.name) << " | " << status_name(f.status) << " | " << f.tested_at.size() << " | " << f.defined_at.size() << " | "
      << md_escape(f.evidence.detail) << " |\n";
  if (!inv.diagnostics.empty()) {
    o << "\n## Diagnostics\n\n";
    for (const auto& d : inv.diagnostics)
      o << "- " << md_code(d.file) << ": " << d.severity << ": " << md_escape(d.message) << " (" << d.rule << ")\n";
  }
  return o.str();
}

std::string write_sarif(const Inventory& inv, const envkit::Registry* registry) {
  using json = nlohmann::ordered_json;
  json rules = json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& r : rule_docs()) {
    index[r.id] = rules.size();
    rules.push_back({{"id", r.id},
                     {"shortDescription", {{"text", r.short_text}}},
                     {"fullDescription", {{"text", r.full_text}}},
                     {"help", {{"text", r.full_text}}},
                     {"defaultConfiguration", {{"level", r.level}}}});
  }
  json results = json::array();
  auto add = [&](const std::string& rule, const std::string& message, const std::string& name, const Location* loc,
                 const std::string& function, const std::string& pointer = {}) {
    const RuleDoc& doc = rule_docs()[index[rule]];
    json r;
    r["ruleId"] = rule;
    r["ruleIndex"] = index[rule];
    r["level"] = doc.level;
    r["message"] = {{"text", message}};
    json phys;
    if (loc) {
      phys["artifactLocation"] = {{"uri", loc->file}, {"uriBaseId", "%SRCROOT%"}};
      phys["region"] = {{"startLine", std::max(1u, loc->line)}, {"startColumn", std::max(1u, loc->column)}};
    } else if (!inv.registry.empty() && inv.registry[0] != '/') {
      phys["artifactLocation"] = {{"uri", inv.registry}, {"uriBaseId", "%SRCROOT%"}};
      if (registry && !pointer.empty()) {
        envkit::TextPos pos = registry->position_of(pointer);
        if (pos.line > 0) phys["region"] = {{"startLine", pos.line}, {"startColumn", std::max(1, pos.column)}};
      }
    }
    // A registry outside the source root has no repository-relative URI: no location then.
    if (!phys.empty()) r["locations"] = json::array({{{"physicalLocation", phys}}});
    r["partialFingerprints"] = {
        {"primaryLocationLineHash", fingerprint(rule + "|" + name + "|" + (loc ? loc->file : inv.registry) + "|" + function)}};
    results.push_back(r);
  };
  for (const auto& v : inv.variables) {
    if (v.status == EntryStatus::Active) continue;
    std::string rule = "envscan/variable-" + std::string(status_name(v.status));
    std::string msg = v.name + ": " + status_name(v.status) + " (" + v.evidence.rule + "): " + v.evidence.detail;
    if (v.sites.empty()) {
      if (!inv.registry.empty()) add(rule, msg, v.name, nullptr, "", v.pointer);
      continue;
    }
    for (const auto& s : v.sites) add(rule, msg, v.name, &s.loc, s.function);
  }
  for (const auto& f : inv.build_flags) {
    if (f.status == EntryStatus::Active) continue;
    std::string rule = "envscan/flag-" + std::string(status_name(f.status));
    std::string msg = f.name + ": " + status_name(f.status) + " (" + f.evidence.rule + "): " + f.evidence.detail;
    if (f.tested_at.empty()) {
      if (!inv.registry.empty()) add(rule, msg, f.name, nullptr, "", f.pointer);
      continue;
    }
    for (const auto& t : f.tested_at) add(rule, msg, f.name, &t.loc, t.expression);
  }
  json run;
  run["tool"] = {{"driver",
                  {{"name", "envscan"},
                   {"semanticVersion", ENVSCAN_VERSION},
                   {"rules", rules}}}};
  run["automationDetails"] = {{"id", "envscan/inventory/"}};
  run["originalUriBaseIds"] = {{"%SRCROOT%", {{"description", {{"text", "Scan root: " + inv.root}}}}}};
  run["results"] = results;
  json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = json::array({run});
  // Invalid UTF-8 (a file name's bytes) is replaced, never thrown on.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string write_file_atomic(const std::string& path, const std::string& content) {
  return envkit::write_output_file(path, content);
}

}  // namespace envscan
