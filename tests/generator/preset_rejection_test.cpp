// A bad preset stops generation with a message naming the file and the JSON pointer.
#include <gtest/gtest.h>

#include "test_support.h"

namespace {

using envgen_test::fixture;

std::string joined(const std::vector<envkit::Diagnostic>& diags) {
  std::string s;
  for (const auto& d : diags) s += d.str() + "\n";
  return s;
}

TEST(PresetRejection, UnknownVariable) {
  std::vector<envkit::Diagnostic> diags;
  envgen::Inputs in;
  EXPECT_FALSE(envgen::load_inputs(fixture("acme/registry.json"), fixture("bad-presets/unknown-variable"), in, diags));
  std::string text = joined(diags);
  // The offending key is on line 7, column 19 of the preset (the value's position).
  EXPECT_NE(text.find("bad-presets/unknown-variable/unknown.json:7:"), std::string::npos) << text;
  EXPECT_NE(text.find("/settings/ACME_BACTH"), std::string::npos) << text;
  EXPECT_NE(text.find("not a registry variable"), std::string::npos) << text;
}

TEST(PresetRejection, OutOfRangeValue) {
  std::vector<envkit::Diagnostic> diags;
  envgen::Inputs in;
  EXPECT_FALSE(envgen::load_inputs(fixture("acme/registry.json"), fixture("bad-presets/out-of-range"), in, diags));
  std::string text = joined(diags);
  EXPECT_NE(text.find("bad-presets/out-of-range/range.json:6:"), std::string::npos) << text;
  EXPECT_NE(text.find("/settings/ACME_DEBUG"), std::string::npos) << text;
  EXPECT_NE(text.find("ACME_DEBUG = 7 is outside 0..3"), std::string::npos) << text;
}

TEST(PresetRejection, MissingPresetDirectoryIsNamed) {
  std::vector<envkit::Diagnostic> diags;
  envgen::Inputs in;
  EXPECT_FALSE(envgen::load_inputs(fixture("acme/registry.json"), fixture("no-such-dir"), in, diags));
  EXPECT_NE(joined(diags).find("no-such-dir: error: cannot list preset directory"), std::string::npos) << joined(diags);
}

TEST(PresetRejection, DuplicatePresetNames) {
  auto dir = envgen_test::scratch_dir("dup-presets");
  std::string text = envgen_test::read_text(fixture("acme/presets/fast.json"));
  envgen_test::write_text(dir / "a.json", text);
  envgen_test::write_text(dir / "b.json", text);
  std::vector<envkit::Diagnostic> diags;
  envgen::Inputs in;
  EXPECT_FALSE(envgen::load_inputs(fixture("acme/registry.json"), dir.string(), in, diags));
  EXPECT_NE(joined(diags).find("b.json: error: preset name 'fast' is already used"), std::string::npos) << joined(diags);
  std::filesystem::remove_all(dir);
}

// Generated identifiers that collide (here an enum word spelled like a value-type
// enumerator) are reported instead of producing a header that does not compile.
TEST(HeaderIdentifiers, ClashIsReported) {
  auto dir = envgen_test::scratch_dir("clash");
  envgen_test::write_text(dir / "registry.json", R"({
  "schema": "config-registry/1",
  "project": { "name": "ACME", "prefix": "ACME_", "c_prefix": "acme" },
  "layers": [ { "id": "core", "title": "Core" } ],
  "variables": [
    { "name": "ACME_KIND", "type": "enum", "values": ["bool", "int"], "default": "int", "layer": "core",
      "status": "active", "accessor": "acme_type", "description": "Spelled to clash." }
  ],
  "build_flags": []
})");
  std::filesystem::create_directories(dir / "presets");
  std::vector<envkit::Diagnostic> diags;
  envgen::Inputs in;
  ASSERT_TRUE(envgen::load_inputs((dir / "registry.json").string(), (dir / "presets").string(), in, diags))
      << joined(diags);
  std::string header;
  EXPECT_FALSE(envgen::render_header(in, header, diags));
  EXPECT_NE(joined(diags).find("generated identifier ACME_TYPE_BOOL"), std::string::npos) << joined(diags);
  std::filesystem::remove_all(dir);
}

}  // namespace
