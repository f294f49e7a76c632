// Refactoring branches: one commit per rule (or per rule and layer), an honest commit
// message naming the rule, the command and what was left out, and a PR description.
// Never pushes.
#pragma once

#include <string>
#include <vector>

#include "plan/plan.h"

namespace envrewrite {

// Runs `git -C dir args...`; returns its exit status, stdout in `out`.
int git(const std::string& dir, const std::vector<std::string>& args, std::string* out = nullptr);

struct CommitRecord {
  std::string rule, layer, summary;
  std::string hash;
  std::vector<Edit> edits;  // as applied
  std::vector<std::string> files;
  std::string verification;
  std::vector<Review> notes;  // what the applied edits removed or could not map, for the PR body
};

std::string commit_message(const CommitRecord& c, const std::string& command);

// The PR body: what changed and why, variables migrated (old -> new, sites), what was
// left for review and why, and the verification that was run.
std::string pr_description(const std::string& branch, const std::string& command, const std::vector<CommitRecord>& commits,
                           const std::vector<Review>& left);

}  // namespace envrewrite
