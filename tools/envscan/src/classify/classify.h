// The classifier: a pure function registry x findings -> statuses with evidence.
#pragma once

#include <string>

#include "envkit/registry.h"
#include "model.h"

namespace envscan {

struct ClassifyContext {
  const envkit::Registry* registry = nullptr;  // may be null: analysis alone
  envkit::Date date;
  std::string root;           // what paths are relative to
  std::string registry_rel;   // registry path as reported
};

Inventory classify(const Findings& findings, const ClassifyContext& ctx);

// Compiler, platform and standard-library macros (never build flags of the project).
bool is_platform_macro(const std::string& name, const std::set<std::string>& system_defined);

// HAKMEM_TINY_DEBUG and HAKMEM_DEBUG_TINY give the same key: the sorted words after the prefix.
std::string word_key(const std::string& name, const std::string& prefix);

}  // namespace envscan
