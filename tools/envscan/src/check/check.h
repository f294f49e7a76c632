// `envscan check`: the inventory's findings as compiler-style diagnostics, for
// pre-commit hooks and CI (`file:line:col: error: message [rule-id]`).
#pragma once

#include <string>
#include <vector>

#include "envkit/registry.h"
#include "model.h"

namespace envscan {

struct CheckFinding {
  std::string file;
  unsigned line = 0, column = 0;
  std::string severity;  // error warning
  std::string message;
  std::string rule;
  std::vector<std::string> notes;
};

// One finding per site of every non-active entry; entries without sites are reported
// against their declaration in the registry (`registry_doc`, when given, supplies its
// line and column). Sorted by file, line, column, rule.
std::vector<CheckFinding> check_findings(const Inventory& inv, const envkit::Registry* registry = nullptr);

std::string format_findings(const std::vector<CheckFinding>& findings);

}  // namespace envscan
