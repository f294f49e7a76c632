// `envscan install-hook`: a plain git pre-commit hook that runs the gate.
#pragma once

#include <string>
#include <vector>

namespace envscan {

// Writes the repository's pre-commit hook (`git rev-parse --git-path hooks`). A hook
// that envscan did not write is left alone unless `force`. Returns the exit code and
// prints what it did or why it refused.
int install_hook(const std::string& envscan_exe, const std::vector<std::string>& check_args, bool force);

}  // namespace envscan
