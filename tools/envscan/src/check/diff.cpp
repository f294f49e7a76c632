#include "check/diff.h"

#include <algorithm>
#include <map>
#include <set>

namespace envscan {

using json = nlohmann::json;

namespace {

struct Entry {
  std::string status;
  std::vector<std::string> sites;      // sorted "file@function" (line-independent)
  std::vector<std::string> where;      // file:line, first three
};

std::map<std::string, Entry> entries(const json& inv, const char* list, const char* sites_key) {
  std::map<std::string, Entry> out;
  if (!inv.contains(list) || !inv[list].is_array()) return out;
  for (const auto& e : inv[list]) {
    if (!e.is_object() || !e.contains("name")) continue;
    Entry x;
    x.status = e.value("status", "");
    if (e.contains(sites_key) && e[sites_key].is_array())
      for (const auto& s : e[sites_key]) {
        if (!s.is_object()) continue;
        std::string file = s.value("file", "");
        x.sites.push_back(file + "@" + s.value("function", ""));
        if (x.where.size() < 3) x.where.push_back(file + ":" + std::to_string(s.value("line", 0u)));
      }
    std::sort(x.sites.begin(), x.sites.end());
    out[e["name"].get<std::string>()] = std::move(x);
  }
  return out;
}

KindDiff diff_kind(const std::map<std::string, Entry>& o, const std::map<std::string, Entry>& n) {
  KindDiff d;
  std::vector<std::string> gone, fresh;
  for (const auto& [name, e] : o) {
    auto it = n.find(name);
    if (it == n.end()) gone.push_back(name);
    else if (it->second.status != e.status) d.changed.push_back({name, it->second.status, e.status, it->second.status, it->second.where});
  }
  for (const auto& [name, e] : n)
    if (!o.count(name)) fresh.push_back(name);
  // A rename: the new name is read exactly where the old one was.
  std::set<std::string> paired_old, paired_new;
  for (const auto& g : gone) {
    const Entry& eo = o.at(g);
    if (eo.sites.empty()) continue;
    for (const auto& f : fresh) {
      if (paired_new.count(f) || n.at(f).sites != eo.sites) continue;
      d.renamed.push_back({f, n.at(f).status, g, f, n.at(f).where});
      paired_old.insert(g);
      paired_new.insert(f);
      break;
    }
  }
  for (const auto& g : gone)
    if (!paired_old.count(g)) d.removed.push_back({g, o.at(g).status, "", "", o.at(g).where});
  for (const auto& f : fresh)
    if (!paired_new.count(f)) d.added.push_back({f, n.at(f).status, "", "", n.at(f).where});
  return d;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

json kind_json(const KindDiff& k) {
  auto list = [](const std::vector<DiffEntry>& v, bool rename, bool change) {
    json a = json::array();
    for (const auto& e : v) {
      json j;
      if (rename) j = {{"from", e.from}, {"to", e.to}, {"status", e.status}};
      else if (change) j = {{"name", e.name}, {"from", e.from}, {"to", e.to}};
      else j = {{"name", e.name}, {"status", e.status}};
      j["sites"] = e.where;
      a.push_back(j);
    }
    return a;
  };
  return {{"added", list(k.added, false, false)}, {"removed", list(k.removed, false, false)},
          {"renamed", list(k.renamed, true, false)}, {"changed", list(k.changed, false, true)}};
}

void kind_text(const char* title, const KindDiff& k, std::string& out) {
  if (k.empty()) return;
  out += std::string(title) + ": " + std::to_string(k.added.size()) + " added, " + std::to_string(k.removed.size()) +
         " removed, " + std::to_string(k.renamed.size()) + " renamed, " + std::to_string(k.changed.size()) +
         " changed status\n";
  auto at = [](const DiffEntry& e) { return e.where.empty() ? std::string() : "  (" + joined(e.where) + ")"; };
  for (const auto& e : k.added) out += "  + " + e.name + " [" + e.status + "]" + at(e) + "\n";
  for (const auto& e : k.removed) out += "  - " + e.name + " [" + e.status + "]" + at(e) + "\n";
  for (const auto& e : k.renamed) out += "  ~ " + e.from + " -> " + e.to + " [" + e.status + "]" + at(e) + "\n";
  for (const auto& e : k.changed) out += "  * " + e.name + ": " + e.from + " -> " + e.to + at(e) + "\n";
}

void kind_markdown(const char* title, const KindDiff& k, std::string& out) {
  if (k.empty()) return;
  out += std::string("\n**") + title + "**\n\n| change | name | status | sites |\n| --- | --- | --- | --- |\n";
  auto sites = [](const DiffEntry& e) {
    std::string s;
    for (const auto& w : e.where) s += (s.empty() ? "" : "<br>") + ("`" + w + "`");
    return s;
  };
  for (const auto& e : k.added) out += "| added | `" + e.name + "` | " + e.status + " | " + sites(e) + " |\n";
  for (const auto& e : k.removed) out += "| removed | `" + e.name + "` | " + e.status + " | " + sites(e) + " |\n";
  for (const auto& e : k.renamed)
    out += "| renamed | `" + e.from + "` → `" + e.to + "` | " + e.status + " | " + sites(e) + " |\n";
  for (const auto& e : k.changed)
    out += "| status | `" + e.name + "` | " + e.from + " → " + e.to + " | " + sites(e) + " |\n";
}

}  // namespace

InventoryDiff diff_inventories(const json& old_inv, const json& new_inv) {
  InventoryDiff d;
  d.variables = diff_kind(entries(old_inv, "variables", "sites"), entries(new_inv, "variables", "sites"));
  d.flags = diff_kind(entries(old_inv, "build_flags", "tested_at"), entries(new_inv, "build_flags", "tested_at"));
  return d;
}

std::string diff_to_text(const InventoryDiff& d) {
  if (d.empty()) return "no configuration changes\n";
  std::string out;
  kind_text("environment variables", d.variables, out);
  kind_text("build flags", d.flags, out);
  return out;
}

std::string diff_to_json(const InventoryDiff& d) {
  json j = {{"schema", "envscan-diff/1"}, {"variables", kind_json(d.variables)}, {"build_flags", kind_json(d.flags)}};
  return j.dump(2) + "\n";
}

std::string diff_to_markdown(const InventoryDiff& d) {
  std::string out = "<!-- envscan-diff -->\n### Configuration changes (envscan)\n";
  if (d.empty()) return out + "\nNo environment variable or build flag was added, removed, renamed or changed.\n";
  kind_markdown("Environment variables", d.variables, out);
  kind_markdown("Build flags", d.flags, out);
  return out;
}

}  // namespace envscan
