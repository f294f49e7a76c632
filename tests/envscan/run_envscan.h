// Runs the envscan binary and captures what it prints.
#pragma once

#include <string>
#include <vector>

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

RunResult run_envscan(const std::vector<std::string>& args);
// The same with standard output sent elsewhere (a shell redirection such as
// "> /dev/full" or ">&-"); `out` is then empty.
RunResult run_envscan_to(const std::vector<std::string>& args, const std::string& stdout_to);

// The whole content of a file (or what a FIFO delivers until its writer closes it).
std::string slurp(const std::string& path);

// The fixture tree scanned with the fixture registry at a fixed date (cached).
const std::string& fixture_inventory_json();
