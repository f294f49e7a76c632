// JSON serialisation of the inventory: stable key order, sorted lists, no timestamps.
#include "write/inventory_json.h"

#include <map>

#include "envkit/json_schema.h"
#include "envkit/text_escape.h"

namespace envkit::embedded {
extern const char inventory_schema[];
}

namespace envscan {

using json = nlohmann::ordered_json;

namespace {

// Paths are bytes: one that is not UTF-8 is written escaped (envkit::escape_bytes) with
// KEY_escaped = true beside it, so that nothing is lost and the writer cannot throw.
void put_path(json& j, const std::string& key, const std::string& path) {
  if (envkit::is_valid_utf8(path)) {
    j[key] = path;
    return;
  }
  j[key] = envkit::escape_bytes(path);
  j[key + "_escaped"] = true;
}

json loc_json(const Location& l) {
  json j;
  put_path(j, "file", l.file);
  j["line"] = l.line;
  j["column"] = l.column;
  return j;
}

json read_json(const ReadSite& s, bool with_name) {
  json j;
  if (with_name) j["name"] = s.name;
  put_path(j, "file", s.loc.file);
  j["line"] = s.loc.line;
  j["column"] = s.loc.column;
  j["function"] = s.function;
  j["via"] = s.via;
  j["name_from"] = s.name_from;
  j["idiom"] = s.idiom.empty() ? "unknown" : s.idiom;
  if (!s.compared_with.empty()) j["compared_with"] = s.compared_with;
  if (s.case_insensitive) j["case_insensitive"] = true;
  if (s.default_value) j["default"] = *s.default_value;
  if (!s.target.empty()) {
    j["target"] = s.target;
    j["target_kind"] = s.target_kind.empty() ? "other" : s.target_kind;
  }
  j["condition"] = s.condition;
  j["live"] = s.live;
  j["possible"] = s.possible;
  j["source"] = s.source;
  return j;
}

json evidence_json(const Evidence& e) {
  json j;
  j["rule"] = e.rule;
  j["detail"] = e.detail;
  json sites = json::array();
  for (const auto& l : e.sites) sites.push_back(loc_json(l));
  j["sites"] = sites;
  return j;
}

}  // namespace

json inventory_to_json(const Inventory& inv, bool verbose) {
  json j;
  j["schema"] = kInventorySchemaId;
  j["tool"] = {{"name", "envscan"}, {"version", ENVSCAN_VERSION}};
  put_path(j, "root", inv.root);
  put_path(j, "registry", inv.registry);
  j["prefix"] = inv.prefix;
  j["date"] = inv.date;

  // Summary shaped like the founding document's table: by status, by layer.
  json summary;
  {
    std::map<std::string, std::size_t> status, layer;
    std::map<std::string, std::map<std::string, std::size_t>> layer_status;
    for (const auto& v : inv.variables) {
      ++status[status_name(v.status)];
      std::string l = v.layer.empty() ? "(none)" : v.layer;
      ++layer[l];
      ++layer_status[l][status_name(v.status)];
    }
    json vars;
    vars["total"] = inv.variables.size();
    vars["by_status"] = json::object();
    for (const char* s : {"active", "deprecated", "removed", "dead", "duplicate", "undocumented"})
      vars["by_status"][s] = status[s];
    json layers = json::object();
    for (const auto& [l, n] : layer) {
      json one;
      one["total"] = n;
      for (const auto& [s, c] : layer_status[l]) one[s] = c;
      layers[l] = one;
    }
    vars["by_layer"] = layers;
    summary["variables"] = vars;
    std::map<std::string, std::size_t> fstatus, fkind;
    for (const auto& f : inv.build_flags) {
      ++fstatus[status_name(f.status)];
      ++fkind[f.kind.empty() ? "(none)" : f.kind];
    }
    json flags;
    flags["total"] = inv.build_flags.size();
    flags["by_status"] = json::object();
    for (const char* s : {"active", "dead", "removed", "undocumented", "duplicate"}) flags["by_status"][s] = fstatus[s];
    flags["by_kind"] = json::object();
    for (const auto& [k, n] : fkind) flags["by_kind"][k] = n;
    summary["build_flags"] = flags;
    std::size_t sites = 0;
    for (const auto& v : inv.variables) sites += v.sites.size();
    summary["read_sites"] = sites;
    summary["other_reads"] = inv.other_reads.size();
    summary["constructed"] = inv.constructed.size();
    summary["writes"] = inv.writes.size();
    summary["platform_macros"] = inv.platform_macros.size();
    summary["include_guards"] = inv.include_guards.size();
    summary["files_scanned"] = inv.files_scanned;
    summary["files_parsed"] = inv.files_parsed;
    summary["diagnostics"] = inv.diagnostics.size();
  }
  j["summary"] = summary;

  json vars = json::array();
  for (const auto& v : inv.variables) {
    json e;
    e["name"] = v.name;
    e["status"] = status_name(v.status);
    e["evidence"] = evidence_json(v.evidence);
    json r;
    r["declared"] = v.in_registry;
    r["canonical"] = v.canonical;
    r["alias_of"] = v.alias_of;
    r["layer"] = v.layer;
    r["replacement"] = v.replacement;
    r["pointer"] = v.pointer;
    e["registry"] = r;
    if (!v.duplicates.empty()) e["duplicates"] = v.duplicates;
    json sites = json::array();
    for (const auto& s : v.sites) sites.push_back(read_json(s, false));
    e["sites"] = sites;
    vars.push_back(e);
  }
  j["variables"] = vars;

  json others = json::array();
  for (const auto& s : inv.other_reads) others.push_back(read_json(s, true));
  j["other_reads"] = others;

  json flags = json::array();
  for (const auto& f : inv.build_flags) {
    json e;
    e["name"] = f.name;
    e["status"] = status_name(f.status);
    e["evidence"] = evidence_json(f.evidence);
    e["registry"] = {{"declared", f.in_registry}, {"kind", f.kind}, {"pointer", f.pointer}};
    json tested = json::array();
    for (const auto& t : f.tested_at) {
      json x = loc_json(t.loc);
      x["directive"] = t.directive;
      x["expression"] = t.expression;
      x["condition"] = t.condition;
      if (t.live) x["live"] = *t.live;
      tested.push_back(x);
    }
    e["tested_at"] = tested;
    json defined = json::array();
    for (const auto& d : f.defined_at) {
      json x;
      x["kind"] = d.kind;
      put_path(x, "file", d.loc.file);
      x["line"] = d.loc.line;
      x["value"] = d.value;
      x["condition"] = d.condition;
      defined.push_back(x);
    }
    e["defined_at"] = defined;
    flags.push_back(e);
  }
  j["build_flags"] = flags;

  json plat = json::array();
  for (const auto& m : inv.platform_macros) {
    json x;
    x["name"] = m.name;
    x["tests"] = m.tests;
    json s = json::array();
    for (const auto& l : m.sites) s.push_back(loc_json(l));
    x["sites"] = s;
    plat.push_back(x);
  }
  j["platform_macros"] = plat;
  j["include_guards"] = inv.include_guards;

  json cons = json::array();
  for (const auto& c : inv.constructed) {
    json x = loc_json(c.loc);
    x["function"] = c.function;
    x["pattern"] = c.pattern;
    x["candidates"] = c.candidates;
    if (!c.build_macros.empty()) x["build_macros"] = c.build_macros;
    x["condition"] = c.condition;
    x["live"] = c.live;
    x["source"] = c.source;
    cons.push_back(x);
  }
  j["constructed"] = cons;

  json writes = json::array();
  for (const auto& w : inv.writes) {
    json x;
    x["name"] = w.name;
    x["kind"] = w.kind;
    put_path(x, "file", w.loc.file);
    x["line"] = w.loc.line;
    x["column"] = w.loc.column;
    x["function"] = w.function;
    x["condition"] = w.condition;
    x["live"] = w.live;
    writes.push_back(x);
  }
  j["writes"] = writes;

  json wr = json::object();
  for (const auto& [k, v] : inv.wrappers) wr[k] = v;
  j["wrappers"] = wr;
  json rm = json::object();
  for (const auto& [k, v] : inv.reader_macros) rm[k] = v;
  j["reader_macros"] = rm;

  json diags = json::array();
  for (const auto& d : inv.diagnostics) {
    json x;
    put_path(x, "file", d.file);
    x["line"] = d.line;
    x["column"] = d.column;
    x["severity"] = d.severity;
    x["message"] = d.message;
    x["rule"] = d.rule;
    diags.push_back(x);
  }
  j["diagnostics"] = diags;
  if (verbose) {
    j["search_list"] = inv.search_list;
    // Which files the AST saw (the rest were lexed): what a like-for-like timing needs.
    json parsed = json::array();
    for (const auto& p : inv.parsed_files) {
      json x;
      put_path(x, "file", p);
      parsed.push_back(x);
    }
    j["parsed_files"] = parsed;
  }
  return j;
}

const char* inventory_schema_text() { return envkit::embedded::inventory_schema; }

std::vector<std::string> validate_inventory(const json& doc) {
  static const envkit::JsonSchema schema(json::parse(inventory_schema_text()));
  return schema.validate_value(doc);
}

}  // namespace envscan
