// What envrewrite prints: a unified diff (the dry run), a fix file for
// clang-apply-replacements, and the review list as compiler-style notes.
#pragma once

#include <string>
#include <vector>

#include "plan/plan.h"

namespace envrewrite {

// `diff -u` format for one file; "" when nothing changes. `rel` names it (a/rel, b/rel).
std::string unified_diff(const std::string& rel, const std::string& original, const std::vector<const Edit*>& edits,
                         unsigned context = 3);

// clang-tidy --export-fixes shape, one diagnostic per edit.
std::string fixes_yaml(const Plan& plan, const std::string& build_dir);

// `file:line:col: note: message [envrewrite/rule]` lines.
std::string review_lines(const std::vector<Review>& reviews);

}  // namespace envrewrite
