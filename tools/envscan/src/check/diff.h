// `envscan diff OLD.json NEW.json`: what a change did to the configuration surface.
// Variables and build flags added, removed, renamed (a removed and an added name with
// the same read sites) and changed in status; as text, JSON or a Markdown comment.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace envscan {

struct DiffEntry {
  std::string name, status;      // added/removed: the name and its status
  std::string from, to;          // renamed: names; changed: statuses
  std::vector<std::string> where;  // file:line of its first sites (at most three)
};

struct KindDiff {
  std::vector<DiffEntry> added, removed, renamed, changed;
  bool empty() const { return added.empty() && removed.empty() && renamed.empty() && changed.empty(); }
};

struct InventoryDiff {
  KindDiff variables, flags;
  bool empty() const { return variables.empty() && flags.empty(); }
};

InventoryDiff diff_inventories(const nlohmann::json& old_inv, const nlohmann::json& new_inv);

std::string diff_to_text(const InventoryDiff& d);
std::string diff_to_json(const InventoryDiff& d);
std::string diff_to_markdown(const InventoryDiff& d);

}  // namespace envscan
