// The locator: for each read site envscan found, the exact expression whose value the
// code uses (the parse with its default, the boolean test, the presence test), as file
// byte ranges that an accessor call can replace. envscan says what a site reads and how
// (idiom, default); this pass only says where the whole idiom begins and ends.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
}

namespace envrewrite {

struct SiteQuery {
  unsigned offset = 0;  // envscan's site offset in the file
  std::string name;     // variable read
  std::string wrapper;  // simple name of the wrapper function, "" for direct/macro reads
};

struct Range {
  unsigned begin = 0, end = 0;  // [begin, end) byte offsets in the file
  bool operator<(const Range& o) const { return begin != o.begin ? begin < o.begin : end < o.end; }
  bool operator==(const Range& o) const { return begin == o.begin && end == o.end; }
};

// One use of the value, to become `accessor()` (or `!accessor()`).
struct ValueUse {
  Range range;
  std::string kind;    // numeric bool presence
  bool negate = false; // presence tested for absence (`!s`, `s == NULL`)
  std::string parser;  // numeric: atoi strtol strtoul strtod ...
  std::optional<std::string> default_value;  // evaluated default: "64", "0.5"; unset: none visible
  std::string default_text;                  // as written
  unsigned line = 0, column = 0;
};

struct ValueShape {
  unsigned site_offset = 0;
  bool ok = false;
  std::string why;  // when not ok: what was not understood, for the review list
  std::vector<ValueUse> uses;
  std::optional<Range> remove;  // the holder's declaration (whole lines), when the value was held in a variable
  std::vector<unsigned> covered_sites;  // other sites of the same read inside the replaced ranges
};

struct FileShapes {
  std::string path;
  bool parsed = false;
  std::map<unsigned, ValueShape> by_site;  // site offset -> shape
};

struct LocateOptions {
  std::string resource_dir;
  std::set<std::string> readers;  // getenv and its relatives, plus wrapper simple names
};

// Parses each file once (commands from `db`) and locates the value of every queried site.
std::vector<FileShapes> locate_values(const clang::tooling::CompilationDatabase& db,
                                      const std::map<std::string, std::vector<SiteQuery>>& queries,
                                      const LocateOptions& opts);

// Counts errors of a syntax-only parse of each file: the verifier's compile check.
std::map<std::string, unsigned> count_errors(const clang::tooling::CompilationDatabase& db,
                                             const std::vector<std::string>& files, const std::string& resource_dir,
                                             std::map<std::string, std::string>* first_error = nullptr);

}  // namespace envrewrite
