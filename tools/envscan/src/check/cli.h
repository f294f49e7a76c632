// The gate's command line: options of `envscan check` and the subcommands that need no
// scan (`rules`, `diff`, `install-hook`). main.cpp keeps the options shared with the
// inventory (paths, registry, -p, --today, ...) and hands the rest here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/check.h"
#include "discover/project_config.h"

namespace envscan {

struct CheckOptions {
  std::string format = "text";  // text json sarif
  std::string output;           // -o
  std::string baseline, write_baseline;
  std::string since;            // --since REV
  bool staged = false, werror = false;
};

// Consumes the check-only option at v[i] (advancing i past its value); false when v[i]
// is not one. `error` is set for a malformed value.
bool parse_check_option(const std::vector<std::string>& v, std::size_t& i, CheckOptions& o, std::string& error);

// Runs the rules and prints; returns 0 clean, 1 drift, 2 usage or internal error.
int run_check(CheckContext ctx, const CheckOptions& o);

// The same from what main() has after classification: reads the `check` object of the
// project's .envscan.json and builds the context.
int check_inventory(const Inventory& inv, const envkit::Registry* registry, const std::string& registry_path,
                    const std::string& root, const std::vector<std::string>& paths, const ProjectConfig& project,
                    const envkit::Date& date, const CheckOptions& o);

// `envscan rules|diff|install-hook ...`; nullopt when argv names no such subcommand.
std::optional<int> run_subcommand(int argc, char** argv);

extern const char* const kCheckHelp;

}  // namespace envscan
