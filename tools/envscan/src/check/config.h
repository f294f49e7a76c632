// The `check` object of .envscan.json: severities per rule and what some rules need
// to know about the project (its configuration layer, generated documents, presets).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "envkit/diagnostic.h"

namespace envscan {

struct CheckConfig {
  std::map<std::string, std::string> severities;  // rule id -> error | warning | off
  std::vector<std::string> raw_env_allow;          // globs: files allowed to call getenv
  std::string presets;                             // presets directory, absolute
  std::string docs_configuration, docs_build_flags, docs_deprecated, docs_header;  // absolute
  std::string regenerate;                          // command that regenerates the documents
  std::vector<std::string> scripts;                // globs of more shell scripts (root-relative)
};

// Presets and generated documents belong to the configuration's own registry: another
// registry (--registry, --no-registry) makes them meaningless, so they are dropped.
void drop_registry_inputs(CheckConfig& cfg);

// Reads the `check` object of `file` (.envscan.json); a missing file or key gives the
// defaults. Paths are made absolute against the file's directory. Errors name the
// JSON pointer and line.
std::optional<CheckConfig> load_check_config(const std::string& file, envkit::Diagnostic& error);

}  // namespace envscan
