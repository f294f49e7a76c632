// What a rewrite produces: edits (byte replacements in files) and the sites left for a
// person, with the reason. Rules add to a Plan; the planner orders, de-duplicates and
// checks it; the writers print it as a diff, a fix file or a PR description.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace envrewrite {

struct Edit {
  std::string file;  // absolute path
  unsigned offset = 0, length = 0;
  std::string text;
  std::string rule;      // getenv-to-accessor alias-to-canonical accessor-rename remove-dead-flag ...
  std::string message;   // one line a reviewer reads
  std::string variable;  // the setting or flag concerned (canonical name)
  std::string from;      // the old spelling (legacy name, old accessor, getenv idiom)
  std::string to;        // the new spelling
  unsigned sites = 1;    // read sites this edit migrates (0 for supporting edits: includes, holders)
};

struct Review {
  std::string file;  // relative to the root
  unsigned line = 0, column = 0;
  std::string rule;
  std::string kind;  // default-mismatch type-mismatch not-understood macro-body value-map inactive removed-name note
  std::string variable;
  std::string message;
};

struct Plan {
  std::vector<Edit> edits;
  std::vector<Review> reviews;
  std::map<std::string, std::string> includes;  // file -> header it needs (added by the include step)
};

// Sorts edits per file, drops duplicates and edits inside a larger edit of the same file
// (a renamed literal inside a read that became an accessor call). Partly overlapping
// edits cannot both apply: the later one is dropped and reported for review.
void normalise(Plan& plan, const std::map<std::string, std::string>& rel_of);

// The text of `original` with `edits` (sorted, non-overlapping, all of one file) applied.
std::string apply_edits(const std::string& original, const std::vector<const Edit*>& edits);

// Edits grouped by file, in offset order.
std::map<std::string, std::vector<const Edit*>> by_file(const Plan& plan);

// 1-based line and byte column of `offset` in `text`.
std::pair<unsigned, unsigned> line_col(const std::string& text, unsigned offset);

}  // namespace envrewrite
