// The on-disk cache of per-file results (src/cache/) and shards (`--shard`, `merge`):
// a warm run gives the bytes of a cold one; what changed is analysed again and nothing
// else; flags and tool builds invalidate; a corrupt entry is ignored; merged shards give
// the bytes of a single run; shards that do not belong together are refused.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "cache/codec.h"
#include "cache/scan_cache.h"
#include "run_envscan.h"
#include "scanner.h"

namespace fs = std::filesystem;

namespace {

const std::string fx = ENVSCAN_FIXTURES;

struct Stats {
  long lexed = -1, lexed_reused = -1, parsed = -1, parsed_reused = -1, corrupt = 0, stale = 0;
};

// The -v line: "envscan: cache DIR: lexed N file(s), M reused; parsed P, Q reused[; S stale][; C corrupt ...]".
Stats stats_of(const std::string& err) {
  Stats s;
  std::smatch m;
  if (std::regex_search(err, m, std::regex(R"(lexed (\d+) file\(s\), (\d+) reused; parsed (\d+), (\d+) reused)"))) {
    s.lexed = std::stol(m[1]);
    s.lexed_reused = std::stol(m[2]);
    s.parsed = std::stol(m[3]);
    s.parsed_reused = std::stol(m[4]);
  }
  if (std::regex_search(err, m, std::regex(R"((\d+) corrupt entr)"))) s.corrupt = std::stol(m[1]);
  if (std::regex_search(err, m, std::regex(R"((\d+) stale)"))) s.stale = std::stol(m[1]);
  return s;
}

// A private copy of the fixture tree and an empty cache directory.
class CacheTest : public testing::Test {
 protected:
  void SetUp() override {
    base = fs::path(testing::TempDir()) /
           ("envscan_cache_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(base);
    fs::create_directories(base);
    fs::copy(fx + "/tree", base / "tree", fs::copy_options::recursive);
    cache = (base / "cache").string();
  }
  void TearDown() override { fs::remove_all(base); }

  std::vector<std::string> args(std::vector<std::string> extra = {}) const {
    std::vector<std::string> a = {"--registry", fx + "/registry.json", "--today", "2026-03-01",
                                  "--root", (base / "tree").string(), "-j", "2"};
    a.insert(a.end(), extra.begin(), extra.end());
    a.push_back((base / "tree").string());
    return a;
  }
  RunResult cached(std::vector<std::string> extra = {}) const {
    extra.insert(extra.begin(), {"-v", "--cache-dir", cache});
    return run_envscan(args(extra));
  }
  RunResult uncached() const { return run_envscan(args({"-v", "--no-cache"})); }
  void append(const std::string& rel, const std::string& text) const {
    std::ofstream(base / "tree" / rel, std::ios::app) << text;
  }
  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(cache))
      if (e.is_regular_file() && e.path().parent_path().filename() != "exe" && e.path().filename().string()[0] != '.')
        out.push_back(e.path());
    return out;
  }

  fs::path base;
  std::string cache;
};

TEST_F(CacheTest, WarmRunIsByteIdenticalToColdAndAnalysesNothing) {
  RunResult cold = cached();
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  Stats c = stats_of(cold.err);
  EXPECT_GT(c.lexed, 20) << cold.err;
  EXPECT_GT(c.parsed, 5) << cold.err;
  EXPECT_EQ(c.lexed_reused, 0);
  EXPECT_EQ(c.parsed_reused, 0);

  RunResult warm = cached();
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_TRUE(warm.out == cold.out);
  Stats w = stats_of(warm.err);
  EXPECT_EQ(w.lexed, 0) << warm.err;
  EXPECT_EQ(w.parsed, 0) << warm.err;
  EXPECT_EQ(w.lexed_reused, c.lexed);
  EXPECT_EQ(w.parsed_reused, c.parsed);

  RunResult none = uncached();
  EXPECT_TRUE(none.out == cold.out) << "the cache must not change a byte";
  EXPECT_NE(none.err.find("cache off (--no-cache)"), std::string::npos) << none.err;
}

// -v only shows more (the include search list): it reuses the entries of a run without it.
TEST_F(CacheTest, VerboseReusesTheEntriesOfAQuietRun) {
  ASSERT_EQ(run_envscan(args({"--cache-dir", cache})).exit_code, 0);
  RunResult verbose = cached();
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  Stats v = stats_of(verbose.err);
  EXPECT_EQ(v.lexed, 0) << verbose.err;
  EXPECT_EQ(v.parsed, 0) << verbose.err;
  EXPECT_NE(verbose.out.find("\"search_list\""), std::string::npos);
}

TEST_F(CacheTest, OnlyTheChangedFileIsAnalysedAgain) {
  ASSERT_EQ(cached().exit_code, 0);
  // direct.c reads the environment, so it is both lexed and parsed.
  append("direct.c", "\nconst char* cache_test_added(void) { return getenv(\"ACME_CACHE_TEST_ADDED\"); }\n");
  RunResult warm = cached();
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  Stats w = stats_of(warm.err);
  EXPECT_EQ(w.lexed, 1) << warm.err;
  EXPECT_EQ(w.parsed, 1) << warm.err;
  EXPECT_GT(w.lexed_reused, 20);
  EXPECT_NE(warm.out.find("ACME_CACHE_TEST_ADDED"), std::string::npos) << "the change is seen";
  EXPECT_TRUE(warm.out == uncached().out);
}

// A header's bytes are inputs of every file that includes it, though the includer's own
// bytes did not change.
TEST_F(CacheTest, ChangedHeaderInvalidatesItsIncluders) {
  ASSERT_EQ(cached().exit_code, 0);
  append("wrappers.h", "\n#define CACHE_TEST_HEADER_EDIT 1\n");
  RunResult warm = cached();
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  Stats w = stats_of(warm.err);
  EXPECT_EQ(w.lexed, 1) << warm.err;
  EXPECT_GE(w.parsed, 2) << "wrappers.h and the files including it: " << warm.err;
  EXPECT_GE(w.stale, 2) << warm.err;
  EXPECT_TRUE(warm.out == uncached().out);
}

// A file compiled twice (two commands in the database) is parsed once per command; a
// header only the first command includes is an input too.
TEST_F(CacheTest, HeaderOfAnyCompileCommandIsAnInput) {
  const fs::path dir = base / "multi";
  fs::create_directories(dir / "build");
  std::ofstream(dir / "a.c") << "#include <stdlib.h>\n#ifdef ONE\n#include \"one.h\"\n#else\n#include \"two.h\"\n#endif\n"
                                "const char* f(void) { return getenv(NAME); }\n";
  std::ofstream(dir / "one.h") << "#define NAME \"MULTI_ONE\"\n";
  std::ofstream(dir / "two.h") << "#define NAME \"MULTI_TWO\"\n";
  nlohmann::json db = nlohmann::json::array();
  for (const char* d : {"-DONE", "-DTWO"})
    db.push_back({{"directory", dir.string()}, {"file", (dir / "a.c").string()}, {"arguments", {"cc", d, "-c", (dir / "a.c").string()}}});
  std::ofstream(dir / "build" / "compile_commands.json") << db.dump();
  const std::vector<std::string> a = {"--no-registry", "-v", "--cache-dir", cache, "--root", dir.string(),
                                      "-p", (dir / "build").string(), dir.string()};
  RunResult cold = run_envscan(a);
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  ASSERT_NE(cold.out.find("MULTI_ONE"), std::string::npos) << cold.out;  // the first command's parse wins
  // Each header in turn: whichever command runs last, the other's header must count.
  for (const char* h : {"one", "two"}) {
    std::ofstream(dir / (std::string(h) + ".h")) << "#define NAME \"MULTI_CHANGED_" << h << "\"\n";
    RunResult warm = run_envscan(a);
    ASSERT_EQ(warm.exit_code, 0) << warm.err;
    std::vector<std::string> fresh_args = a;
    fresh_args[2] = "--no-cache";
    fresh_args.erase(fresh_args.begin() + 3);
    RunResult fresh = run_envscan(fresh_args);
    EXPECT_TRUE(warm.out == fresh.out) << h << ".h: " << warm.err;
    EXPECT_EQ(stats_of(warm.err).parsed, 1) << warm.err;
  }
}

TEST_F(CacheTest, ChangedCompileFlagsInvalidateEveryParse) {
  std::ofstream(base / "tree" / "compile_flags.txt") << "-DCACHE_TEST_ONE\n";
  RunResult cold = cached();
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  Stats c = stats_of(cold.err);
  std::ofstream(base / "tree" / "compile_flags.txt") << "-DCACHE_TEST_TWO\n";
  RunResult warm = cached();
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  Stats w = stats_of(warm.err);
  EXPECT_EQ(w.lexed, 0) << "the lexer does not read flags: " << warm.err;
  EXPECT_EQ(w.parsed_reused, 0) << warm.err;
  EXPECT_EQ(w.parsed, c.parsed) << warm.err;
  EXPECT_TRUE(warm.out == uncached().out);
}

// A tool build is part of every key: results of another build are never reused.
TEST_F(CacheTest, OtherToolBuildInvalidates) {
  envscan::ScanOptions opts;
  opts.paths = {(base / "tree").string()};
  opts.root = (base / "tree").string();
  opts.jobs = 2;
  auto scan_with = [&](const std::string& tool) {
    envscan::cache::ScanCache c(cache, tool);
    opts.cache = &c;
    envscan::ScanOutcome o = envscan::run_scan(opts);
    EXPECT_TRUE(o.fatal.empty()) << o.fatal;
    return std::pair<std::size_t, std::size_t>(c.stats().lexed_cached + c.stats().parsed_cached,
                                               c.stats().lexed + c.stats().parsed);
  };
  auto [reused1, run1] = scan_with("envscan 1 build-a");
  EXPECT_EQ(reused1, 0u);
  EXPECT_GT(run1, 0u);
  auto [reused2, run2] = scan_with("envscan 1 build-a");
  EXPECT_EQ(reused2, run1);
  EXPECT_EQ(run2, 0u);
  auto [reused3, run3] = scan_with("envscan 1 build-b");
  EXPECT_EQ(reused3, 0u);
  EXPECT_EQ(run3, run1);
}

// Every entry damaged (truncated, a flipped byte, emptied, garbage): each is detected,
// ignored and rewritten; the output stays that of a cold run.
TEST_F(CacheTest, CorruptEntriesAreIgnoredAndRewritten) {
  RunResult cold = cached();
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  auto files = entries();
  ASSERT_GT(files.size(), 20u);
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string bytes = slurp(files[i].string());
    switch (i % 4) {
      case 0: bytes.resize(bytes.size() / 2); break;
      case 1: bytes[bytes.size() / 2] ^= 0x20; break;
      case 2: bytes.clear(); break;
      default: bytes = std::string(bytes.size(), '\xff'); break;
    }
    std::ofstream(files[i], std::ios::binary | std::ios::trunc) << bytes;
  }
  RunResult damaged = cached();
  ASSERT_EQ(damaged.exit_code, 0) << damaged.err;
  EXPECT_TRUE(damaged.out == cold.out);
  Stats d = stats_of(damaged.err);
  EXPECT_EQ(static_cast<std::size_t>(d.corrupt), files.size()) << damaged.err;
  EXPECT_EQ(d.lexed_reused + d.parsed_reused, 0) << damaged.err;
  RunResult again = cached();
  Stats a = stats_of(again.err);
  EXPECT_EQ(a.lexed + a.parsed, 0) << "damaged entries were rewritten: " << again.err;
  EXPECT_TRUE(again.out == cold.out);
}

// An entry is only valid under its own key: one copied over another's name is refused.
TEST_F(CacheTest, EntryUnderAnotherKeyIsRefused) {
  envscan::cache::ScanCache c(cache, "t");
  envscan::RawFile f;
  f.path = "/x.c";
  f.rel = "x.c";
  const std::string k1 = c.raw_key("/x.c", "x.c", "d1"), k2 = c.raw_key("/x.c", "x.c", "d2");
  c.store_raw(k1, f);
  ASSERT_TRUE(c.load_raw(k1));
  fs::create_directories(fs::path(c.entry_path(k2)).parent_path());
  fs::copy_file(c.entry_path(k1), c.entry_path(k2));
  EXPECT_FALSE(c.load_raw(k2));
  EXPECT_EQ(c.stats().rejected, 1u);
}

// Entries unused for a month go, used ones stay however old they were; at most once a day.
TEST_F(CacheTest, TrimRemovesEntriesUnusedForAMonth) {
  envscan::cache::ScanCache c(cache, "t");
  envscan::RawFile f;
  const std::string used = c.raw_key("/u.c", "u.c", "d"), unused = c.raw_key("/n.c", "n.c", "d"),
                    fresh = c.raw_key("/f.c", "f.c", "d");
  for (const auto& k : {used, unused, fresh}) c.store_raw(k, f);
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(24 * 40);
  fs::last_write_time(c.entry_path(used), old);
  fs::last_write_time(c.entry_path(unused), old);
  const fs::path stray = fs::path(c.entry_path(fresh)).parent_path() / ".x.tmp.AbCdEf";
  std::ofstream(stray) << "half";
  fs::last_write_time(stray, fs::file_time_type::clock::now() - std::chrono::hours(48));
  ASSERT_TRUE(c.load_raw(used));  // a use refreshes it
  EXPECT_EQ(c.trim(), 2u);
  EXPECT_TRUE(fs::exists(c.entry_path(used)));
  EXPECT_TRUE(fs::exists(c.entry_path(fresh)));
  EXPECT_FALSE(fs::exists(c.entry_path(unused)));
  EXPECT_FALSE(fs::exists(stray));
  fs::last_write_time(c.entry_path(fresh), old);
  EXPECT_EQ(c.trim(), 0u) << "once a day";
  EXPECT_TRUE(fs::exists(c.entry_path(fresh)));
}

// Every prefix of an encoded result fails to decode: a truncated payload is never read
// past its end, whatever the framing says.
TEST(CacheCodec, RoundTripsAndRefusesEveryTruncation) {
  envscan::AstFileResult r;
  r.path = "/t/a.c";
  r.ran = true;
  r.errors = 2;
  r.missing_includes = {"1:1: x.h not found"};
  r.skipped = {{3, 9}};
  envscan::CallRecord call;
  call.callee = "getenv";
  call.offset = 40;
  envscan::ArgInfo arg;
  arg.kind = envscan::ArgInfo::Unknown;
  arg.term = envscan::Term::cat({envscan::Term::lit("A_"), envscan::Term::symbol(envscan::Term::Kind::Param, "f", 1)});
  call.args.push_back(arg);
  call.usage.default_text = "64";
  call.usage.default_param = 1;
  r.calls.push_back(call);
  r.system_macros = {"__linux__"};
  r.facts.push_back({envscan::Term::Kind::Field, "S::name", 0, envscan::Term::lit("A_X")});
  r.inputs.push_back({"/t/a.c", "00"});
  const std::string bytes = envscan::cache::encode_ast(r);
  envscan::AstFileResult back;
  ASSERT_TRUE(envscan::cache::decode_ast(bytes, back));
  EXPECT_EQ(envscan::cache::encode_ast(back), bytes);
  EXPECT_TRUE(back.calls[0].args[0].term == *arg.term);
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(envscan::cache::decode_ast(std::string_view(bytes).substr(0, n), back)) << n;
  EXPECT_FALSE(envscan::cache::decode_ast(bytes + "x", back)) << "trailing bytes";
}

// ---- shards ------------------------------------------------------------------------

class ShardTest : public CacheTest {
 protected:
  // Shard i of n, written to base/shard-i-n-K.json; extra arguments before the tree.
  std::string shard(unsigned i, unsigned n, std::vector<std::string> extra = {}) const {
    // A new file each time: a shard made with other arguments never overwrites another.
    static int made = 0;
    std::string out = (base / ("shard-" + std::to_string(i) + "-" + std::to_string(n) + "-" + std::to_string(++made) + ".json")).string();
    extra.insert(extra.end(), {"--no-cache", "--shard", std::to_string(i) + "/" + std::to_string(n), "-o", out});
    RunResult r = run_envscan(args(extra));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }
  RunResult merge(const std::vector<std::string>& shards) const {
    std::vector<std::string> a = {"merge", "--no-cache"};
    a.insert(a.end(), shards.begin(), shards.end());
    return run_envscan(a);
  }
};

TEST_F(ShardTest, MergedShardsAreByteIdenticalToASingleRun) {
  RunResult single = run_envscan(args({"--no-cache"}));
  ASSERT_EQ(single.exit_code, 0) << single.err;
  for (unsigned n : {2u, 3u}) {
    std::vector<std::string> shards;
    std::set<std::string> seen;
    std::size_t files = 0;
    for (unsigned i = n; i >= 1; --i) {  // the order of shards given to merge does not matter
      shards.push_back(shard(i, n));
      auto doc = nlohmann::json::parse(slurp(shards.back()));
      for (const auto& [f, d] : doc["files"].items()) {
        EXPECT_TRUE(seen.insert(f).second) << f << " is in two shards";
        EXPECT_EQ(envscan::shard_of(f, n), i) << f;
        ++files;
      }
      EXPECT_GT(doc["files"].size(), 0u) << "shard " << i << " of " << n << " is empty";
    }
    RunResult merged = merge(shards);
    ASSERT_EQ(merged.exit_code, 0) << merged.err;
    EXPECT_TRUE(merged.out == single.out) << "N=" << n;
    Stats m = stats_of(merged.err);
    EXPECT_EQ(m.lexed, 0) << "every file was lexed by its shard: " << merged.err;
    EXPECT_EQ(static_cast<std::size_t>(m.lexed_reused), files);
  }
}

TEST_F(ShardTest, ShardsThatDoNotBelongTogetherAreRefused) {
  const std::string s1 = shard(1, 2), s2 = shard(2, 2);
  auto refused = [&](const std::vector<std::string>& shards, const std::string& why) {
    RunResult r = merge(shards);
    EXPECT_EQ(r.exit_code, 2) << why << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << why;
    EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
  };
  refused({s1}, "missing shard(s) 2 of 2");
  refused({s1, s1, s2}, "are both shard 1 of 2");
  refused({s1, shard(2, 3)}, "is shard 2 of 3");
  refused({s1, shard(2, 2, {"--today", "2026-04-01"})}, "scan arguments differ");
  std::ofstream(base / "not-a-shard.json") << "{\"variables\": []}";
  refused({s1, (base / "not-a-shard.json").string()}, "not an envscan shard file");
  refused({s1, (base / "missing.json").string()}, "cannot read");
  // Hand-edited shards: an index beyond any N, arguments that are no inventory scan.
  auto edited = [&](const std::string& from, const std::string& name, auto edit) {
    auto doc = nlohmann::json::parse(slurp(from));
    edit(doc);
    std::ofstream(base / name) << doc.dump();
    return (base / name).string();
  };
  refused({s1, edited(s2, "huge.json", [](auto& d) { d["shard"] = 4294967298ull; d["of"] = 4294967298ull; })},
          "not an envscan shard file (shard 4294967298 of 4294967298)");
  auto as_shard = [](auto& d) { d["args"].push_back("--shard"); d["args"].push_back("1/2"); };
  refused({edited(s1, "a1.json", as_shard), edited(s2, "a2.json", as_shard)}, "not those of an inventory scan");
  // A file changed after its shard ran.
  const std::string s2b = shard(2, 2);
  for (const auto& [f, d] : nlohmann::json::parse(slurp(s1))["files"].items()) {
    append(f, "\n/* changed */\n");
    refused({s1, s2b}, "differs from the file the shard scanned");
    break;
  }
  // A source file the shards never saw.
  std::ofstream(base / "tree" / "cache_test_new.c") << "int cache_test_new;\n";
  refused({s1, s2b}, "other source files");
}

TEST_F(ShardTest, ShardOptionIsChecked) {
  for (const char* bad : {"0/2", "3/2", "1/0", "x/2", "1/", "/2", "1/5000"}) {
    RunResult r = run_envscan(args({"--shard", bad}));
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--shard needs I/N"), std::string::npos) << r.err;
  }
  EXPECT_EQ(run_envscan(args({"--shard", "1/2", "--format", "text"})).exit_code, 2);
  std::vector<std::string> check = args({"--shard", "1/2"});
  check.insert(check.begin(), "check");
  EXPECT_EQ(run_envscan(check).exit_code, 2);
}

}  // namespace
