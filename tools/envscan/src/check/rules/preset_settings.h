// The settings of every preset file, with their places, for the preset-* rules.
#pragma once

#include <functional>
#include <string>

#include "check/rule.h"
#include "envkit/json_source.h"

namespace envscan::rules {

struct PresetSetting {
  std::string file;  // root-relative
  std::string preset;
  std::string name;
  const nlohmann::ordered_json* value;
  envkit::TextPos pos;
};

// Calls `fn` for every entry of `settings` in every *.json of the presets directory, in
// file then document order. Files that do not parse are left to the generator's checks.
void for_each_preset_setting(const CheckContext& ctx, const std::function<void(const PresetSetting&)>& fn);

CheckFinding finding_at_setting(const PresetSetting& s, std::string message, std::vector<std::string> notes = {});

}  // namespace envscan::rules
