#include <gtest/gtest.h>

#include "envkit/json_schema.h"

using json = nlohmann::ordered_json;

namespace {

std::vector<std::string> check(const char* schema, const char* value) {
  return envkit::JsonSchema(json::parse(schema)).validate_value(json::parse(value));
}

}  // namespace

TEST(JsonSchema, TypesRequiredAndUnknownMembers) {
  const char* s = R"({"type": "object", "required": ["a"], "additionalProperties": false,
                      "properties": {"a": {"type": "integer", "minimum": 1}}})";
  EXPECT_TRUE(check(s, R"({"a": 3})").empty());
  EXPECT_EQ(check(s, R"({})"), std::vector<std::string>{"/: missing required member \"a\""});
  EXPECT_EQ(check(s, R"({"a": 0})"), std::vector<std::string>{"/a: value is below the minimum 1"});
  EXPECT_EQ(check(s, R"({"a": "x"})"), std::vector<std::string>{"/a: expected integer, found string"});
  EXPECT_EQ(check(s, R"({"a": 1, "b": 2})"), std::vector<std::string>{"/b: unknown member \"b\""});
}

TEST(JsonSchema, RefsEnumsPatternsAndCombinators) {
  const char* s = R"({"$defs": {"d": {"type": "string", "format": "date"}},
                      "type": "array", "uniqueItems": true,
                      "items": {"anyOf": [{"$ref": "#/$defs/d"}, {"enum": [1, 2]}]}})";
  EXPECT_TRUE(check(s, R"(["2026-01-31", 2])").empty());
  EXPECT_EQ(check(s, R"(["2026-02-31"])"), std::vector<std::string>{"/0: matches none of the allowed forms (anyOf)"});
  EXPECT_EQ(check(s, R"([1, 1])"), std::vector<std::string>{"/1: duplicate item 1"});
  const char* p = R"({"type": "string", "pattern": "^[A-Z]+_$"})";
  EXPECT_TRUE(check(p, R"("ACME_")").empty());
  EXPECT_EQ(check(p, R"("acme")").size(), 1u);
  const char* o = R"({"oneOf": [{"type": "integer"}, {"type": "number"}]})";
  EXPECT_EQ(check(o, "1").size(), 1u) << "an integer is also a number: oneOf sees two matches";
  EXPECT_TRUE(check(o, "1.5").empty());
}
