#include "check/rules/preset_settings.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace envscan::rules {

void for_each_preset_setting(const CheckContext& ctx, const std::function<void(const PresetSetting&)>& fn) {
  if (ctx.config.presets.empty()) return;
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(ctx.config.presets, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json" && it->path().filename().string().find("schema") == std::string::npos)
      files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    envkit::Diagnostic err;
    auto doc = envkit::load_json_file(file, err);
    if (!doc || !doc->root.is_object() || !doc->root.contains("settings") || !doc->root["settings"].is_object()) continue;
    std::string preset = doc->root.value("name", fs::path(file).stem().string());
    const auto& settings = doc->root["settings"];
    for (auto it = settings.begin(); it != settings.end(); ++it) {
      PresetSetting s{rel_path(ctx, file), preset, it.key(), &it.value(),
                      doc->position_of(envkit::pointer_join("/settings", it.key()))};
      fn(s);
    }
  }
}

CheckFinding finding_at_setting(const PresetSetting& s, std::string message, std::vector<std::string> notes) {
  CheckFinding f;
  f.file = s.file;
  f.line = static_cast<unsigned>(std::max(0, s.pos.line));
  f.column = static_cast<unsigned>(std::max(0, s.pos.column));
  f.name = s.name;
  f.function = s.preset;
  f.message = std::move(message);
  f.notes = std::move(notes);
  return f;
}

}  // namespace envscan::rules
