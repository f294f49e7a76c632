// One rewrite over a set of roots: scan with envscan, locate values, plan with the chosen
// rules, then print or apply. Applying is verified: touched translation units are parsed
// again (no new errors allowed) and envscan runs again (the inventory must change exactly
// as planned); otherwise every file is restored.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "apply/applier.h"
#include "envkit/registry.h"
#include "plan/plan.h"
#include "rules/context.h"
#include "scanner.h"

namespace clang::tooling {
class CompilationDatabase;
}

namespace envrewrite {

struct SessionOptions {
  std::vector<std::string> paths;  // absolute
  std::string root;                // absolute: paths in output are relative to it
  std::string build_dir;           // "" for envscan's fallback commands
  std::string resource_dir;
  std::vector<std::string> exclude;
  unsigned jobs = 1;
  const envkit::Registry* registry = nullptr;
  envkit::Date today;
};

struct ApplyResult {
  bool ok = false;
  std::string reason;         // when not ok: why nothing (or everything back) was written
  std::vector<std::string> files;  // written, root-relative
  std::string verification;   // what was checked, one line each
};

class Session {
 public:
  explicit Session(SessionOptions opts);
  ~Session();

  std::string scan();  // "" on success, else a fatal error
  Plan plan(const std::vector<std::string>& rules) const;
  std::vector<FileWrite> writes_of(const Plan& plan) const;
  ApplyResult apply(const Plan& plan);  // on success the session holds the new scan

  const Context& context() const { return ctx_; }
  const envscan::Findings& findings() const { return scan_.findings; }

 private:
  std::string verify(const Plan& plan, const envscan::Findings& before, const envscan::Findings& after) const;

  SessionOptions opts_;
  envscan::ScanOutcome scan_;
  Context ctx_;
  std::unique_ptr<clang::tooling::CompilationDatabase> db_;
};

// Scripts, .env files, CMake files and Makefiles under `paths` (build and .git directories skipped).
std::vector<std::string> script_files(const std::vector<std::string>& paths, const std::string& root,
                                      const std::vector<std::string>& exclude);

}  // namespace envrewrite
