// BUILD_FLAGS.md: every build flag with kind, default and status.
#include <sstream>

#include "envgen/envgen.h"
#include "markdown.h"

namespace envgen {

std::string render_build_flags(const Inputs& in) {
  const envkit::Registry& reg = in.registry;
  std::ostringstream o;
  o << "# " << prose(reg.project_name) << " build flags\n\n"
    << generated_comment(in.registry_display, in.presets_display) << "\n"
    << "Compile-time switches, set with `-D` when building. `undefined` means the build normally leaves the "
       "macro undefined. Removed flags are listed with what replaces them; the code no longer tests them.\n\n";

  o << "## Flags in use\n\n| Flag | Kind | Default | Status | Description |\n| --- | --- | --- | --- | --- |\n";
  bool any = false;
  for (const auto& b : reg.build_flags)
    if (b.status != envkit::Status::Removed) {
      o << "| " << code(b.name) << " | " << envkit::to_string(b.kind) << " | " << code(b.default_text) << " | "
        << envkit::to_string(b.status) << " | " << cell(b.description) << " |\n";
      any = true;
    }
  if (!any) o << "| none | | | | |\n";

  o << "\n## Removed flags\n\n";
  bool removed = false;
  for (const auto& b : reg.build_flags)
    if (b.status == envkit::Status::Removed) {
      if (!removed) o << "| Flag | Kind | Default | Removed since | Replacement | Description |\n"
                         "| --- | --- | --- | --- | --- | --- |\n";
      removed = true;
      o << "| " << code(b.name) << " | " << envkit::to_string(b.kind) << " | " << code(b.default_text) << " | "
        << (b.removed_since ? b.removed_since->str() : std::string("-")) << " | "
        << (b.replacement.empty() ? std::string("none") : cell(b.replacement)) << " | " << cell(b.description) << " |\n";
    }
  if (!removed) o << "None.\n";
  return o.str();
}

}  // namespace envgen
