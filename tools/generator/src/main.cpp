// envgen: writes the accessor header and the configuration documents from the registry.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "envgen/envgen.h"
#include "envgen/output_files.h"

namespace {

constexpr const char* kHelp = R"(usage: envgen --registry FILE --presets DIR --header FILE --configuration FILE
              --deprecated FILE --build-flags FILE [--today YYYY-MM-DD] [--check]

Generates, from a configuration registry and its presets, deterministically:
  --header FILE          the C11/C++ accessor header: setting ids, descriptor, alias,
                         removed-name, conflict and preset tables, typed accessors
  --configuration FILE   the reference of every variable, by layer (Markdown)
  --deprecated FILE      every deprecated or removed name and its status (Markdown)
  --build-flags FILE     every build flag with kind, default and status (Markdown)

Inputs:
  --registry FILE        the registry (JSON, config-registry/1); validated first
  --presets DIR          every DIR/*.json preset (config-preset/1), checked against it

Options:
  --today YYYY-MM-DD     the date statuses are computed at (default: today, UTC). The
                         deprecation document names the last event on or before it, so
                         its text changes only when a deprecation or sunset date passes.
  --check                write nothing; exit 1 naming every file that differs from
                         fresh output (use in CI to catch stale committed copies)
  -h, --help             this text

Files are replaced atomically and only when their content changes.
Exit status: 0 success (or all fresh with --check), 1 invalid registry or preset,
a stale file with --check, or a file that cannot be written; 2 usage error.

Example (from the repository root):
  envgen --registry allocator/config/registry.json --presets allocator/presets/v1 \
    --header allocator/include/hakmem/config_generated.h \
    --configuration allocator/CONFIGURATION.md --deprecated DEPRECATED.md \
    --build-flags allocator/BUILD_FLAGS.md
)";

struct Options {
  std::string registry, presets, header, configuration, deprecated, build_flags;
  std::optional<envkit::Date> today;
  bool check = false;
};

int usage_error(const std::string& message) {
  std::cerr << "envgen: " << message << "\nTry 'envgen --help'.\n";
  return 2;
}

// Returns -1 when parsing succeeded, else the exit status.
int parse_args(int argc, char** argv, Options& opt) {
  struct Slot { const char* flag; std::string* target; };
  std::string today;
  Slot slots[] = {{"--registry", &opt.registry},         {"--presets", &opt.presets},
                  {"--header", &opt.header},             {"--configuration", &opt.configuration},
                  {"--deprecated", &opt.deprecated},     {"--build-flags", &opt.build_flags},
                  {"--today", &today}};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << kHelp;
      return 0;
    }
    if (arg == "--check") {
      opt.check = true;
      continue;
    }
    std::string value;
    bool inline_value = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    Slot* slot = nullptr;
    for (auto& s : slots)
      if (arg == s.flag) slot = &s;
    if (!slot) return usage_error("unknown argument '" + arg + "'");
    if (!inline_value) {
      if (i + 1 >= argc) return usage_error(arg + " needs a value");
      value = argv[++i];
    }
    if (!slot->target->empty()) return usage_error(arg + " given twice");
    if (value.empty()) return usage_error(arg + " needs a non-empty value");
    *slot->target = value;
  }
  for (const auto& s : slots)
    if (s.target != &today && s.target->empty()) return usage_error(std::string("missing ") + s.flag);
  // Two outputs on one file: the last write would silently win.
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = i + 1; j < 6; ++j)
      if (i >= 2 && envgen::same_destination(*slots[i].target, *slots[j].target))
        return usage_error(std::string(slots[i].flag) + " '" + *slots[i].target + "' and " + slots[j].flag + " '" +
                           *slots[j].target + "' name the same file");
  if (!today.empty()) {
    opt.today = envkit::Date::parse(today);
    if (!opt.today) return usage_error("--today '" + today + "' is not a date (YYYY-MM-DD)");
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (int rc = parse_args(argc, argv, opt); rc >= 0) return rc;

  std::vector<envkit::Diagnostic> diags;
  envgen::Inputs inputs;
  bool ok = envgen::load_inputs(opt.registry, opt.presets, inputs, diags);
  std::string header;
  if (ok) ok = envgen::render_header(inputs, header, diags);
  for (const auto& d : diags) std::cerr << d.str() << "\n";
  if (!ok) return 1;

  envkit::Date today = opt.today ? *opt.today : envkit::Date::today_utc();
  std::vector<envgen::OutputFile> files = {
      {opt.header, header},
      {opt.configuration, envgen::render_configuration(inputs)},
      {opt.deprecated, envgen::render_deprecated(inputs, today)},
      {opt.build_flags, envgen::render_build_flags(inputs)},
  };

  if (opt.check) {
    int stale = 0;
    for (const auto& f : files)
      if (!envgen::is_fresh(f)) {
        std::cerr << f.path << ": error: stale generated file (differs from fresh output of " << opt.registry
                  << ") [generated-file-stale]\n";
        ++stale;
      }
    if (stale) std::cerr << "hint: regenerate with `" << envgen::regenerate_hint() << "`\n";
    return stale ? 1 : 0;
  }

  int rc = 0;
  for (const auto& f : files) {
    bool written = false;
    std::string error;
    if (!envgen::write_if_changed(f, written, error)) {
      std::cerr << "envgen: error: " << error << "\n";
      rc = 1;
    } else if (written) {
      std::cout << "envgen: wrote " << f.path << "\n";
    }
  }
  return rc;
}
