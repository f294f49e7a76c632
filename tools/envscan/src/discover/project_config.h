// .envscan.json: the small file at a repository root that names the registry, so that
// `envscan DIR` needs no other argument.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "envkit/diagnostic.h"

namespace envscan {

struct ProjectConfig {
  std::string file;      // absolute path of the .envscan.json found ("" when none)
  std::string root;      // its directory: the repository root
  std::string registry;  // absolute path, "" when not named
  std::vector<std::string> exclude;  // globs over root-relative paths
  std::string build_dir;             // default for -p, absolute; "" when not named
  bool unscanned_files_are_errors = true;  // "unscanned_files": "error" (default) | "warning"
};

// Searches upward from each start directory for .envscan.json; the first found wins.
// Returns nullopt with a located diagnostic when the file exists but is invalid.
std::optional<ProjectConfig> find_project_config(const std::vector<std::string>& starts,
                                                 envkit::Diagnostic& error);

// Parses one config file (exposed for tests).
std::optional<ProjectConfig> load_project_config(const std::string& path, envkit::Diagnostic& error);

}  // namespace envscan
