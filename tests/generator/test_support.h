// Shared helpers of the generator tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "envgen/envgen.h"

namespace envgen_test {

inline std::string fixture(const std::string& rel) { return std::string(FIXTURES_DIR) + "/" + rel; }

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A fresh, empty directory for one test.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("envgen-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Loads the ACME fixture with the display paths the golden files were made with.
inline envgen::Inputs load_acme(std::vector<envkit::Diagnostic>& diags, bool& ok) {
  envgen::Inputs in;
  ok = envgen::load_inputs(fixture("acme/registry.json"), fixture("acme/presets"), in, diags);
  in.registry_display = "fixtures/acme/registry.json";
  in.presets_display = "fixtures/acme/presets";
  for (auto& p : in.presets) p.file = "fixtures/acme/presets/" + std::filesystem::path(p.file).filename().string();
  return in;
}

}  // namespace envgen_test
