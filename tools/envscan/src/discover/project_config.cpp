// Locating and reading .envscan.json.
#include "discover/project_config.h"

#include <filesystem>

#include "envkit/json_source.h"

namespace envscan {
namespace fs = std::filesystem;

std::optional<ProjectConfig> load_project_config(const std::string& path, envkit::Diagnostic& error) {
  auto doc = envkit::load_json_file(path, error);
  if (!doc) return std::nullopt;
  ProjectConfig cfg;
  cfg.file = fs::absolute(path).lexically_normal().string();
  cfg.root = fs::path(cfg.file).parent_path().string();
  const auto& root = doc->root;
  auto fail = [&](const std::string& pointer, const std::string& msg) {
    error = doc->at(pointer, msg, "config-invalid");
    return std::nullopt;
  };
  if (!root.is_object()) return fail("", "expected an object");
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& key = it.key();
    const auto& v = it.value();
    std::string ptr = envkit::pointer_join("", key);
    if (key == "registry" || key == "build_dir") {
      if (!v.is_string() || v.get<std::string>().empty()) return fail(ptr, "expected a non-empty path string");
      std::string p = (fs::path(cfg.root) / v.get<std::string>()).lexically_normal().string();
      (key == "registry" ? cfg.registry : cfg.build_dir) = p;
    } else if (key == "exclude") {
      if (!v.is_array()) return fail(ptr, "expected an array of glob strings");
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string()) return fail(envkit::pointer_join(ptr, i), "expected a glob string");
        cfg.exclude.push_back(v[i].get<std::string>());
      }
    } else if (key == "unscanned_files") {
      if (!v.is_string() || (v.get<std::string>() != "error" && v.get<std::string>() != "warning"))
        return fail(ptr, "expected \"error\" or \"warning\"");
      cfg.unscanned_files_are_errors = v.get<std::string>() == "error";
    } else if (key == "$schema" || key == "description" || key == "check") {
      continue;  // `check` belongs to the gate (check/config.h)
    } else {
      return fail(ptr, "unknown key '" + key + "' (expected registry, exclude, build_dir, unscanned_files, check)");
    }
  }
  return cfg;
}

std::optional<ProjectConfig> find_project_config(const std::vector<std::string>& starts,
                                                 envkit::Diagnostic& error) {
  for (const auto& start : starts) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec).lexically_normal();
    if (ec) continue;
    if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
    while (!dir.empty()) {
      fs::path candidate = dir / ".envscan.json";
      if (fs::exists(candidate, ec)) return load_project_config(candidate.string(), error);
      if (dir == dir.root_path()) break;
      dir = dir.parent_path();
    }
  }
  error = {};
  return ProjectConfig{};
}

}  // namespace envscan
