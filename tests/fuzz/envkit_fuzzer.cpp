// libFuzzer target for the registry side of envkit: the positioned JSON parser, the
// schema validator and the registry loader, each fed the same bytes. Any crash, leak,
// UB or uncaught exception is a finding; diagnostics are the expected outcome.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "envkit/json_schema.h"
#include "envkit/json_source.h"
#include "envkit/registry.h"
#include "envkit/text_escape.h"

namespace envkit::embedded {
extern const char registry_schema[];
extern const char preset_schema[];
}  // namespace envkit::embedded

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  envkit::Diagnostic error;
  auto doc = envkit::parse_json("fuzz.json", text, error);
  if (doc) {
    static const envkit::JsonSchema registry_schema(nlohmann::ordered_json::parse(envkit::embedded::registry_schema));
    static const envkit::JsonSchema preset_schema(nlohmann::ordered_json::parse(envkit::embedded::preset_schema));
    (void)registry_schema.validate_value(doc->root);
    (void)preset_schema.validate_value(doc->root);
    for (const auto& [pointer, pos] : doc->positions) (void)doc->position_of(pointer + "/x");
  }
  std::vector<envkit::Diagnostic> diags;
  auto registry = envkit::Registry::load_text("fuzz.json", text, diags);
  for (const auto& d : diags) (void)d.str();
  if (registry) {
    std::vector<envkit::Diagnostic> preset_diags;
    (void)registry->load_preset_text("preset.json", text, preset_diags);
  }
  (void)envkit::is_valid_utf8(text);
  (void)envkit::escape_bytes(text);
  return 0;
}
