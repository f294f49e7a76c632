// The gate's output formats: compiler-style text (check.h), JSON (also the baseline
// format), SARIF 2.1.0 for code scanning, and the Markdown page documenting every rule.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/check.h"

namespace envscan {

struct CheckSummary {
  std::size_t errors = 0, warnings = 0, baselined = 0;
};

CheckSummary summarize(const std::vector<CheckFinding>& findings, std::size_t baselined);

// {"schema": "envscan-check/1", "tool", "summary", "findings": [...]}; deterministic.
std::string findings_to_json(const std::vector<CheckFinding>& findings, const CheckSummary& summary);
// SARIF 2.1.0: every rule with its documentation, results with root-relative URIs and
// the line-independent fingerprint.
std::string findings_to_sarif(const std::vector<CheckFinding>& findings);
// docs/check-rules.md: one section per rule.
std::string rules_markdown();

}  // namespace envscan
