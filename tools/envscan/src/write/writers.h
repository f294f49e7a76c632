// Output formats other than JSON: a text table, Markdown, SARIF 2.1.0.
#pragma once

#include <string>

#include "envkit/registry.h"
#include "model.h"

namespace envscan {

std::string write_text(const Inventory& inv);
std::string write_markdown(const Inventory& inv);
// `registry`, when given, places findings about registry entries on their line.
std::string write_sarif(const Inventory& inv, const envkit::Registry* registry = nullptr);

// Writes `content` to `path` with envkit::write_output_file (atomic for regular files,
// in place for devices and FIFOs). Returns an error message, or "" on success.
std::string write_file_atomic(const std::string& path, const std::string& content);

}  // namespace envscan
