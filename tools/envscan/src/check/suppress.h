// Inline suppressions: a comment `envscan: ignore[rule-id] reason` (after // or /* in C,
// after # in scripts and build files) silences that rule on its own line and on the next one. A reason is required;
// a suppression that silences nothing is itself reported.
#pragma once

#include <string>
#include <vector>

#include "check/check.h"

namespace envscan {

struct Suppression {
  std::string file;  // root-relative
  unsigned line = 0, column = 0;
  std::vector<std::string> rules;
  std::string reason;
  std::vector<std::string> used;  // rules it silenced something of
};

// Every suppression comment in `text`. Malformed ones (no rule, no reason) come back
// as findings of the `malformed-suppression` rule.
std::vector<Suppression> parse_suppressions(const std::string& file, const std::string& text,
                                            std::vector<CheckFinding>& malformed);

// Drops findings a suppression covers, marking it used; then reports the unused ones
// (rule `unused-suppression`) and suppressions naming unknown rules.
void apply_suppressions(std::vector<Suppression>& sups, std::vector<CheckFinding>& findings);

}  // namespace envscan
