// `envscan check`: the drift gate. Every rule is a named unit (rules/<rule-id>.cpp)
// that turns the classified inventory, the registry and the project's files into
// compiler-style findings (`file:line:col: error: message [rule-id]`).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "check/config.h"
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
  std::string name;         // variable, flag or setting the finding is about
  std::string function;     // enclosing function of a code site ("" elsewhere)
  std::string fingerprint;  // line-independent identity, for baselines and SARIF
};

// What every rule sees.
struct CheckContext {
  const Inventory* inv = nullptr;
  const envkit::Registry* registry = nullptr;  // null without a registry
  CheckConfig config;
  std::string root;                  // absolute report root
  std::string registry_path;         // absolute ("" without a registry)
  std::vector<std::string> paths;    // absolute scan paths
  std::vector<std::string> exclude;  // globs over root-relative paths
  envkit::Date date;
  std::vector<std::string> files;    // root-relative files under `paths` (filled by check_findings)
};

// Runs every enabled rule, applies severities from the configuration and inline
// suppressions (reporting malformed and unused ones), fills fingerprints, and sorts by
// file, line, column, rule.
std::vector<CheckFinding> check_findings(CheckContext ctx);

// Files under `paths` a rule may read: sources, headers, scripts, .env files, build files.
std::vector<std::string> project_files(const CheckContext& ctx);

// Compiler-style text; `note:` lines follow their finding.
std::string format_findings(const std::vector<CheckFinding>& findings);

}  // namespace envscan
