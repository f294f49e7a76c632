// Name lookup: canonical, alias (with its status at a date), removed, family, flag.
#include <algorithm>

#include "envkit/registry.h"

namespace envkit {

void Registry::build_indexes() {
  var_index_.clear();
  alias_index_.clear();
  removed_index_.clear();
  flag_index_.clear();
  for (std::size_t i = 0; i < variables.size(); ++i) {
    var_index_.emplace(variables[i].name, i);
    for (std::size_t k = 0; k < variables[i].aliases.size(); ++k)
      alias_index_.emplace(variables[i].aliases[k].name, std::make_pair(i, k));
  }
  for (std::size_t i = 0; i < removed.size(); ++i) removed_index_.emplace(removed[i].name, i);
  for (std::size_t i = 0; i < build_flags.size(); ++i) flag_index_.emplace(build_flags[i].name, i);
}

TextPos Registry::position_of(const std::string& pointer) const {
  return position_in(positions, pointer);
}

const Variable* Registry::find_variable(const std::string& name) const {
  auto it = var_index_.find(name);
  return it == var_index_.end() ? nullptr : &variables[it->second];
}

const BuildFlag* Registry::find_flag(const std::string& name) const {
  auto it = flag_index_.find(name);
  return it == flag_index_.end() ? nullptr : &build_flags[it->second];
}

const Layer* Registry::find_layer(const std::string& id) const {
  auto it = std::find_if(layers.begin(), layers.end(), [&](const Layer& l) { return l.id == id; });
  return it == layers.end() ? nullptr : &*it;
}

NameInfo Registry::lookup(const std::string& name, const Date& today) const {
  NameInfo info;
  if (auto it = var_index_.find(name); it != var_index_.end()) {
    info.kind = NameInfo::Kind::Variable;
    info.variable = &variables[it->second];
    info.status = info.variable->status;
    return info;
  }
  if (auto it = alias_index_.find(name); it != alias_index_.end()) {
    info.kind = NameInfo::Kind::Alias;
    info.variable = &variables[it->second.first];
    info.alias = &info.variable->aliases[it->second.second];
    info.replacement = info.variable->name;
    // Before its deprecation date an alias is simply another spelling, still accepted.
    info.status = info.alias->removed_at(today) ? Status::Removed : Status::Deprecated;
    return info;
  }
  if (auto it = removed_index_.find(name); it != removed_index_.end()) {
    info.kind = NameInfo::Kind::Removed;
    info.removed = &removed[it->second];
    info.replacement = info.removed->replacement;
    info.status = Status::Removed;
    return info;
  }
  if (auto it = flag_index_.find(name); it != flag_index_.end()) {
    info.kind = NameInfo::Kind::BuildFlag;
    info.flag = &build_flags[it->second];
    info.status = info.flag->status;
    info.replacement = info.flag->replacement;
    return info;
  }
  for (const auto& f : removed_families)
    if (name.rfind(f.prefix, 0) == 0) {
      info.kind = NameInfo::Kind::RemovedFamily;
      info.family = &f;
      info.status = Status::Removed;
      info.replacement = f.replacement;
      return info;
    }
  return info;
}

std::vector<std::string> Registry::all_variable_names() const {
  std::vector<std::string> names;
  for (const auto& v : variables) {
    names.push_back(v.name);
    for (const auto& a : v.aliases) names.push_back(a.name);
  }
  for (const auto& r : removed) names.push_back(r.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace envkit
