// Loading the generator's inputs: the registry, then every preset file checked against it.
#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "envgen/envgen.h"

namespace envgen {

namespace fs = std::filesystem;

namespace {

envkit::Diagnostic file_error(const std::string& file, std::string message, std::string rule) {
  envkit::Diagnostic d;
  d.file = file;
  d.message = std::move(message);
  d.rule = std::move(rule);
  return d;
}

// Preset files in name order, so that the generated tables do not depend on the
// order the file system lists them in.
std::vector<std::string> preset_files(const std::string& dir, std::vector<envkit::Diagnostic>& diags) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    diags.push_back(file_error(dir, "cannot list preset directory: " + ec.message(), "io"));
    return files;
  }
  for (const auto& entry : it)
    if (entry.path().extension() == ".json") files.push_back(entry.path().generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

bool load_inputs(const std::string& registry_path, const std::string& presets_dir, Inputs& out,
                 std::vector<envkit::Diagnostic>& diags) {
  std::size_t before = diags.size();
  auto reg = envkit::Registry::load(registry_path, diags);
  if (!reg) return false;
  out.registry = std::move(*reg);
  out.registry_display = registry_path;
  out.presets_display = presets_dir;
  out.presets.clear();

  std::set<std::string> names;
  for (const auto& file : preset_files(presets_dir, diags)) {
    auto preset = out.registry.load_preset(file, diags);
    if (!preset) continue;
    if (!names.insert(preset->name).second) {
      envkit::Diagnostic d = file_error(file, "preset name '" + preset->name + "' is already used by another preset file",
                                        "preset-duplicate-name");
      d.pointer = "/name";
      diags.push_back(d);
      continue;
    }
    out.presets.push_back(std::move(*preset));
  }
  return !envkit::has_errors(std::vector<envkit::Diagnostic>(diags.begin() + static_cast<std::ptrdiff_t>(before), diags.end()));
}

std::string regenerate_hint() { return "cmake --build build --target regen"; }

}  // namespace envgen
