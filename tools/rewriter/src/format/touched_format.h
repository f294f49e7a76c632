// clang-format on the lines a rewrite touched, when the project has a .clang-format:
// the rest of the file keeps its bytes.
#pragma once

#include <string>
#include <vector>

#include "plan/plan.h"

namespace envrewrite {

// The .clang-format (or _clang-format) governing `file`, searched upward to `root`; "" if none.
std::string find_style_file(const std::string& file, const std::string& root);

// `after` (= `before` with `edits` applied) with clang-format run on the touched lines only.
// Returns `after` unchanged when there is no style file or clang-format is not installed.
std::string format_touched(const std::string& file, const std::string& root, const std::string& before,
                           const std::string& after, const std::vector<const Edit*>& edits);

// One edit turning `before` into `after` (their differing middle), for printing a diff of
// text that is not a plain sum of the planned edits.
Edit whole_change(const std::string& file, const std::string& before, const std::string& after);

}  // namespace envrewrite
