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

// The fixture tree scanned with the fixture registry at a fixed date (cached).
const std::string& fixture_inventory_json();
