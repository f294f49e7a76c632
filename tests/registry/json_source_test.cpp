#include <gtest/gtest.h>

#include "envkit/json_source.h"

using envkit::Diagnostic;
using envkit::parse_json;

TEST(JsonSource, RecordsThePositionOfEveryValue) {
  Diagnostic err;
  auto doc = parse_json("t.json", "{\n  \"a\": [1,\n    {\"b/c\": true}]\n}", err);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->position_of("/a").line, 2);
  EXPECT_EQ(doc->position_of("/a").column, 8);
  EXPECT_EQ(doc->position_of("/a/1/b~1c").line, 3);
  EXPECT_EQ(doc->position_of("/a/1/b~1c").column, 13);
  EXPECT_EQ(doc->position_of("/a/1/missing").line, 3) << "falls back to the nearest ancestor";
}

TEST(JsonSource, SyntaxErrorsNameLineAndColumn) {
  Diagnostic err;
  EXPECT_FALSE(parse_json("t.json", "{\n  \"a\": 1\n  \"b\": 2\n}", err));
  EXPECT_EQ(err.str(), "t.json:3:3: error: malformed JSON: expected ',' or '}' in object [json-syntax]");
}

TEST(JsonSource, DuplicateKeysAreErrors) {
  Diagnostic err;
  EXPECT_FALSE(parse_json("t.json", R"({"a": 1, "a": 2})", err));
  EXPECT_NE(err.message.find("duplicate key \"a\""), std::string::npos);
  EXPECT_EQ(err.column, 10);
}

TEST(JsonSource, HostileInputIsRejectedNotCrashedOn) {
  Diagnostic err;
  EXPECT_FALSE(parse_json("t.json", std::string(100000, '['), err)) << "deep nesting is bounded";
  EXPECT_FALSE(parse_json("t.json", "\"\\ud800\"", err));
  EXPECT_FALSE(parse_json("t.json", "\"abc", err));
  EXPECT_FALSE(parse_json("t.json", "01", err));
  EXPECT_FALSE(parse_json("t.json", "", err));
  EXPECT_FALSE(parse_json("t.json", "{} x", err));
  auto big = parse_json("t.json", "[18446744073709551615, -9223372036854775808, 1e400, \"\\u00e9\\ud83d\\ude00\"]", err);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->root[0].get<std::uint64_t>(), 18446744073709551615ull);
  EXPECT_EQ(big->root[3].get<std::string>(), "\xc3\xa9\xf0\x9f\x98\x80");
}

// Found by the envkit fuzzer: raw non-UTF-8 bytes in a string were accepted, and the
// schema validator's message about the value then threw (nlohmann type_error 316).
TEST(JsonSource, TextThatIsNotUtf8IsRejectedWithItsPlace) {
  Diagnostic err;
  EXPECT_FALSE(parse_json("t.json", "{\n  \"a\": \"x\xff\"\n}", err));
  EXPECT_EQ(err.str(), "t.json:2:10: error: malformed JSON: byte 0xff is not UTF-8 [json-syntax]");
  EXPECT_FALSE(parse_json("t.json", "[\"\xed\xa0\x80\"]", err)) << "an encoded surrogate";
  EXPECT_TRUE(parse_json("t.json", "[\"\xc3\xa9\xf0\x9f\x98\x80\"]", err)) << err.str();
}

TEST(JsonSource, UnreadableFileIsADiagnostic) {
  Diagnostic err;
  EXPECT_FALSE(envkit::load_json_file("/nonexistent/registry.json", err));
  EXPECT_EQ(err.str(), "/nonexistent/registry.json: error: cannot read file: No such file or directory [io]");
}
