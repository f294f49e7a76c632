// envgen: renders the accessor header and the configuration documents from a registry
// and its presets. Pure functions from loaded inputs to text; writing files is apart
// (output_files.h) so that tests can render without touching the disk.
#pragma once

#include <string>
#include <vector>

#include "envkit/diagnostic.h"
#include "envkit/registry.h"

namespace envgen {

// What the generator reads: a validated registry and the presets checked against it.
struct Inputs {
  envkit::Registry registry;
  std::vector<envkit::Preset> presets;  // sorted by file name
  std::string registry_display;         // paths as written into banners
  std::string presets_display;
};

// Loads and validates the registry and every *.json in `presets_dir`. Returns false
// (with located diagnostics) when anything is invalid.
bool load_inputs(const std::string& registry_path, const std::string& presets_dir, Inputs& out,
                 std::vector<envkit::Diagnostic>& diags);

// The C11/C++ accessor header. Fails (diagnostics) when generated identifiers collide.
bool render_header(const Inputs& in, std::string& out, std::vector<envkit::Diagnostic>& diags);

// CONFIGURATION.md: every variable by layer, with an index table at the top.
std::string render_configuration(const Inputs& in);

// BUILD_FLAGS.md: every build flag with kind, default and status.
std::string render_build_flags(const Inputs& in);

// DEPRECATED.md: every deprecated or removed name with its status at `today`.
std::string render_deprecated(const Inputs& in, const envkit::Date& today);

// The status line of DEPRECATED.md: statuses hold from the latest event on or before
// `today` until the next event, so the text changes only when an event passes.
std::string status_epoch_line(const envkit::Registry& reg, const envkit::Date& today);

// Banner line shared by every output: where it comes from and how to regenerate it.
std::string regenerate_hint();

}  // namespace envgen
