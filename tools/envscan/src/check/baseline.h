// Baselines: a saved `envscan check --format json` output. With --baseline, findings
// that match a saved one by rule, name and fingerprint (line-independent) stay quiet,
// so a team adopts the gate with its legacy drift and burns it down.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "check/check.h"

namespace envscan {

struct Baseline {
  std::vector<std::tuple<std::string, std::string, std::string>> keys;  // rule, name, fingerprint (sorted)
};

// Loads a baseline file; nullopt with `error` naming the file (and JSON pointer).
std::optional<Baseline> load_baseline(const std::string& path, std::string& error);

// Removes the findings the baseline holds; returns how many were removed.
std::size_t filter_by_baseline(const Baseline& b, std::vector<CheckFinding>& findings);

}  // namespace envscan
