// A drift rule: an id, its documentation and a function from the context to findings.
// One rule per file under rules/; rules.cpp lists them in documentation order.
#pragma once

#include <string>
#include <vector>

#include "check/check.h"

namespace envscan {

struct Rule {
  const char* id;
  const char* severity;  // default: error | warning
  const char* summary;   // one line
  const char* doc;       // Markdown paragraph: what triggers it, why, how to fix
  const char* example;   // a triggering line
  void (*run)(const CheckContext&, std::vector<CheckFinding>&);
};

const std::vector<const Rule*>& all_rules();
const Rule* find_rule(const std::string& id);

// Helpers shared by the rules.
CheckFinding finding_at_site(const char* rule, const ReadSite& site, const std::string& name, std::string message,
                             std::vector<std::string> notes = {});
// A finding about a registry declaration, placed on its line in the registry file.
CheckFinding finding_in_registry(const CheckContext& ctx, const char* rule, const std::string& pointer,
                                 const std::string& name, std::string message, std::vector<std::string> notes = {});
// The registered canonical name closest to `name` (edit distance), or "" when none is close.
std::string nearest_registered_name(const envkit::Registry& reg, const std::string& name);
// Root-relative path of an absolute one.
std::string rel_path(const CheckContext& ctx, const std::string& abs);
// The registry path as users see it (root-relative).
std::string registry_display(const CheckContext& ctx);
// How to regenerate the documents (configured, or the envgen command line); "" when the
// project names no generated documents.
std::string regenerate_command(const CheckContext& ctx);
// ", then regenerate the documents: CMD", or "" when there is nothing to regenerate.
std::string then_regenerate(const CheckContext& ctx);

}  // namespace envscan
