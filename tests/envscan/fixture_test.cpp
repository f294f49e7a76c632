// Fixture harness: every file under fixtures/tree carries `// expect:` comments that
// describe what envscan must report for that line. One test per fixture file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "run_envscan.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct Expectation {
  int line = 0;
  std::string line_text;  // the fixture line the expectation sits on
  std::string kind, name;
  std::vector<std::string> words;            // bare words: live, inactive, statuses, kinds
  std::map<std::string, std::string> attrs;  // key=value
  std::string text;
};

std::string squash(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

std::vector<Expectation> parse_expectations(const std::string& path) {
  std::vector<Expectation> out;
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    auto pos = line.find("expect: ");
    if (pos == std::string::npos) continue;
    std::string rest = line.substr(pos + 8);
    std::size_t start = 0;
    while (start <= rest.size()) {
      std::size_t semi = rest.find(" ; ", start);
      std::string entry = rest.substr(start, semi == std::string::npos ? std::string::npos : semi - start);
      std::istringstream ss(entry);
      Expectation e;
      e.line = n;
      e.line_text = line;
      e.text = entry;
      ss >> e.kind;
      if (e.kind != "constructed" && e.kind != "noread") ss >> e.name;
      std::string w;
      while (ss >> w) {
        auto eq = w.find('=');
        if (eq == std::string::npos) e.words.push_back(w);
        else e.attrs[w.substr(0, eq)] = w.substr(eq + 1);
      }
      out.push_back(e);
      if (semi == std::string::npos) break;
      start = semi + 3;
    }
  }
  return out;
}

bool has_word(const Expectation& e, const std::string& w) {
  return std::find(e.words.begin(), e.words.end(), w) != e.words.end();
}

// A misspelt word or attribute must fail, not silently expect nothing.
std::string unknown_vocabulary(const Expectation& e) {
  static const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> known = {
      {"env", {{"live", "inactive", "active", "deprecated", "removed", "dead", "duplicate", "undocumented"},
               {"idiom", "via", "from", "target", "default", "cond", "compared", "case"}}},
      {"other", {{"live", "inactive"}, {"idiom", "via", "from", "target", "default", "cond", "compared", "case"}}},
      {"flag", {{"active", "removed", "dead", "duplicate", "undocumented"}, {}}},
      {"write", {{"setenv", "putenv", "unsetenv"}, {}}},
      {"constructed", {{}, {"pattern", "candidates"}}},
      {"diag", {{"file"}, {}}},
      {"guard", {{}, {}}},
      {"platform", {{}, {}}},
      {"noread", {{}, {}}},
      {"never", {{}, {}}},
  };
  auto it = known.find(e.kind);
  if (it == known.end()) return "unknown expectation kind '" + e.kind + "'";
  for (const auto& w : e.words)
    if (!it->second.first.count(w)) return "unknown word '" + w + "' for " + e.kind;
  for (const auto& [k, v] : e.attrs)
    if (!it->second.second.count(k)) return "unknown attribute '" + k + "' for " + e.kind;
  return "";
}

// Why `site` does not satisfy `e`, or "" when it does.
std::string mismatch(const Expectation& e, const json& site) {
  if (has_word(e, "live") && !site["live"].get<bool>()) return "expected live";
  if (has_word(e, "inactive") && site["live"].get<bool>()) return "expected inactive";
  for (const auto& [k, v] : e.attrs) {
    std::string got;
    if (k == "idiom") got = site["idiom"];
    else if (k == "via") got = site["via"];
    else if (k == "from") got = site["name_from"];
    else if (k == "target") got = site.value("target", "");
    else if (k == "case") got = site.value("case_insensitive", false) ? "insensitive" : "sensitive";
    else if (k == "default") got = site.contains("default") ? site["default"].get<std::string>() : "(none)";
    else if (k == "cond") {
      if (squash(site["condition"]) != squash(v)) return "condition is '" + site["condition"].get<std::string>() + "'";
      continue;
    } else if (k == "compared") {
      std::string joined;
      for (const auto& c : site.value("compared_with", json::array())) joined += (joined.empty() ? "" : ",") + c.get<std::string>();
      got = joined;
    } else {
      return "unknown attribute " + k;
    }
    if (got != v) return k + " is '" + got + "'";
  }
  return "";
}

class Fixture : public testing::TestWithParam<std::string> {};

TEST_P(Fixture, MatchesInlineExpectations) {
  const std::string rel = GetParam();
  const std::string path = std::string(ENVSCAN_FIXTURES) + "/tree/" + rel;
  json inv = json::parse(fixture_inventory_json());
  ASSERT_FALSE(inv.contains("error")) << "envscan failed on the fixture tree";
  auto expectations = parse_expectations(path);
  ASSERT_FALSE(expectations.empty()) << rel << " has no expectations";
  for (const auto& e : expectations) {
    SCOPED_TRACE(rel + ":" + std::to_string(e.line) + ": " + e.text);
    if (std::string bad = unknown_vocabulary(e); !bad.empty()) {
      ADD_FAILURE() << bad;
      continue;
    }
    if (e.kind == "env" || e.kind == "other") {
      std::vector<json> sites;
      std::string status;
      if (e.kind == "env") {
        for (const auto& v : inv["variables"])
          if (v["name"] == e.name) {
            status = v["status"];
            for (const auto& s : v["sites"])
              if (s["file"] == rel && s["line"] == e.line) sites.push_back(s);
          }
      } else {
        for (const auto& s : inv["other_reads"])
          if (s["name"] == e.name && s["file"] == rel && s["line"] == e.line) sites.push_back(s);
      }
      ASSERT_FALSE(sites.empty()) << "no read of " << e.name << " reported on this line";
      for (const char* st : {"active", "deprecated", "removed", "dead", "duplicate", "undocumented"})
        if (has_word(e, st)) {
          EXPECT_EQ(status, st) << "status of " << e.name;
        }
      std::string why;
      bool ok = false;
      for (const auto& s : sites) {
        why = mismatch(e, s);
        if (why.empty()) ok = true;
      }
      EXPECT_TRUE(ok) << why << "\nsites: " << json(sites).dump();
    } else if (e.kind == "flag") {
      const json* found = nullptr;
      for (const auto& f : inv["build_flags"])
        if (f["name"] == e.name) found = &f;
      ASSERT_NE(found, nullptr) << "flag " << e.name << " not reported";
      bool at_line = false;
      for (const auto& t : (*found)["tested_at"])
        if (t["file"] == rel && t["line"] == e.line) at_line = true;
      EXPECT_TRUE(at_line) << "no test of " << e.name << " recorded on this line";
      for (const char* st : {"active", "removed", "dead", "duplicate", "undocumented"})
        if (has_word(e, st)) {
          EXPECT_EQ((*found)["status"], st) << (*found)["evidence"].dump();
        }
    } else if (e.kind == "guard") {
      auto g = inv["include_guards"];
      EXPECT_NE(std::find(g.begin(), g.end(), e.name), g.end());
      // The inventory lists guards by name only: the expectation must sit on the guard's test.
      EXPECT_TRUE(squash(e.line_text).find("#ifndef" + e.name) != std::string::npos ||
                  squash(e.line_text).find("#if!defined(" + e.name + ")") != std::string::npos)
          << "not on the line that tests the guard";
      for (const auto& f : inv["build_flags"]) EXPECT_NE(f["name"], e.name) << "guard counted as a flag";
    } else if (e.kind == "platform") {
      bool found = false;
      for (const auto& m : inv["platform_macros"])
        if (m["name"] == e.name)
          for (const auto& site : m["sites"]) found |= site["file"] == rel && site["line"] == e.line;
      EXPECT_TRUE(found) << "no test of platform macro " << e.name << " recorded on this line";
      for (const auto& f : inv["build_flags"]) EXPECT_NE(f["name"], e.name) << "platform macro counted as a flag";
    } else if (e.kind == "write") {
      bool found = false;
      for (const auto& w : inv["writes"])
        found |= w["name"] == e.name && w["file"] == rel && w["line"] == e.line &&
                 (e.words.empty() || w["kind"] == e.words[0]);
      EXPECT_TRUE(found) << inv["writes"].dump();
    } else if (e.kind == "constructed") {
      bool found = false;
      for (const auto& c : inv["constructed"]) {
        if (c["file"] != rel || c["line"] != e.line) continue;
        std::string cands;
        for (const auto& n : c["candidates"]) cands += (cands.empty() ? "" : ",") + n.get<std::string>();
        found |= (!e.attrs.count("pattern") || c["pattern"] == e.attrs.at("pattern")) &&
                 (!e.attrs.count("candidates") || cands == e.attrs.at("candidates"));
      }
      EXPECT_TRUE(found) << inv["constructed"].dump();
    } else if (e.kind == "noread") {
      for (const auto& v : inv["variables"])
        for (const auto& s : v["sites"])
          EXPECT_FALSE(s["file"] == rel && s["line"] == e.line) << "unexpected read of " << v["name"];
      for (const auto& c : inv["constructed"])
        EXPECT_FALSE(c["file"] == rel && c["line"] == e.line) << "unexpected constructed read " << c.dump();
    } else if (e.kind == "never") {
      // A decoy: a name the code cannot read (an overwritten value, a default glued to a prefix).
      for (const auto& v : inv["variables"]) EXPECT_NE(v["name"], e.name) << "reported a name the code never reads";
      for (const auto& s : inv["other_reads"]) EXPECT_NE(s["name"], e.name) << "reported a name the code never reads";
    } else if (e.kind == "diag") {
      // `diag RULE file`: a diagnostic about the whole file (line 0); otherwise on this line.
      int want = has_word(e, "file") ? 0 : e.line;
      bool found = false;
      for (const auto& d : inv["diagnostics"]) found |= d["file"] == rel && d["rule"] == e.name && d["line"] == want;
      EXPECT_TRUE(found) << inv["diagnostics"].dump();
    }
  }
}

std::vector<std::string> fixture_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(std::string(ENVSCAN_FIXTURES) + "/tree")) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    std::string ext = e.path().extension().string();
    bool source_template = name.size() > 5 && name.compare(name.size() - 5, 5, ".c.in") == 0;
    if (ext == ".c" || ext == ".h" || ext == ".cpp" || ext == ".hpp" || source_template)
      out.push_back(fs::relative(e.path(), std::string(ENVSCAN_FIXTURES) + "/tree").generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!std::isalnum((unsigned char)c)) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Tree, Fixture, testing::ValuesIn(fixture_files()), test_name);

// Statuses no fixture line can show (entries without sites) are checked here.
TEST(FixtureTree, RegistryEntriesWithoutReadsAreDead) {
  json inv = json::parse(fixture_inventory_json());
  std::map<std::string, std::string> status;
  for (const auto& v : inv["variables"]) status[v["name"]] = v["status"];
  EXPECT_EQ(status["ACME_NEVER_READ"], "dead");
  std::map<std::string, std::string> flags;
  for (const auto& f : inv["build_flags"]) flags[f["name"]] = f["status"];
  EXPECT_EQ(flags["ACME_UNTESTED"], "dead");
}

TEST(FixtureTree, WrappersAreListed) {
  json inv = json::parse(fixture_inventory_json());
  EXPECT_TRUE(inv["wrappers"].contains("acme_env_int"));
  EXPECT_TRUE(inv["wrappers"].contains("acme_env_flag"));
  EXPECT_TRUE(inv["wrappers"].contains("acme::EnvToInt"));
  EXPECT_TRUE(inv["reader_macros"].contains("ACME_ENV"));
}

TEST(FixtureTree, BuildFileDefinitionsAreAttributed) {
  json inv = json::parse(fixture_inventory_json());
  std::map<std::string, std::set<std::string>> kinds;
  for (const auto& f : inv["build_flags"])
    for (const auto& d : f["defined_at"]) kinds[f["name"]].insert(d["kind"]);
  EXPECT_TRUE(kinds["ACME_FEATURE_X"].count("cmake"));
  EXPECT_TRUE(kinds["ACME_MK_FLAG"].count("makefile"));
  EXPECT_TRUE(kinds["ACME_SRC_FLAG"].count("define"));
}

}  // namespace
