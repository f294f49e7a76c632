// The conditional-directive simplifier behind remove-dead-flag: given macros whose value
// is fixed (defined to a number, or undefined), deletes the arms they make dead and the
// directives they decide, exactly as `unifdef -DNAME=V -UNAME` does (unifdef 2.10 is the
// test oracle). Conditions the fixed macros do not decide pass through unchanged.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace envrewrite {

struct LineChange {
  unsigned offset = 0, length = 0;  // byte range of whole lines in the input
  std::string text;                 // replacement ("" deletes)
  unsigned first_line = 0;          // 1-based
};

struct UnifdefResult {
  std::vector<LineChange> changes;
  std::vector<std::string> decided;  // flags that decided at least one directive
  std::string error;                 // non-empty: the file was left alone (e.g. unbalanced #endif)
};

// `fixed`: name -> value text ("0", "1", ...) or nullopt for undefined.
UnifdefResult unifdef(const std::string& text, const std::map<std::string, std::optional<long long>>& fixed);

}  // namespace envrewrite
