// envscan: command line.
#include <cstdlib>

#include <fcntl.h>
#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "check/cli.h"
#include "classify/classify.h"
#include "discover/discovery.h"
#include "envkit/file_io.h"
#include "envkit/json_source.h"
#include "envkit/registry.h"
#include "write/inventory_json.h"
#include "discover/project_config.h"
#include "scanner.h"
#include "write/writers.h"

namespace fs = std::filesystem;
using namespace envscan;

namespace {

const char* kHelp = R"(usage: envscan [options] PATH...
       envscan check [options] [check options] PATH...
       envscan rules | diff OLD.json NEW.json | install-hook   (see envscan check --help)

Inventory of the environment variables a C/C++ tree reads and the build flags it
tests, classified against the project's configuration registry.

Finds reads through getenv, secure_getenv, std::getenv, wrapper functions (found
automatically: a function whose parameter reaches getenv is a wrapper, across files),
macros (including "PREFIX_" #name), named constants, arrays of names, and registry
accessors; names built at run time are reported as constructed. Code in inactive
#if branches is scanned too. Build flags are every macro tested by #if/#ifdef/
#ifndef/#elif, with their definitions in sources, compile_commands.json, CMake and
Makefiles; include guards and compiler/platform macros are reported apart.

The registry is found through .envscan.json, searched upward from PATH and the
current directory, e.g. {"registry": "allocator/config/registry.json",
"exclude": ["third_party/**"]}. Without a registry, names are classified by
analysis alone.

options:
  -p BUILD_DIR        use BUILD_DIR/compile_commands.json (default: one command per
                      file, include directories inferred from the tree)
  --registry FILE     registry to classify against (overrides .envscan.json)
  --no-registry       classify by analysis alone
  --format FORMAT     json (default), text, markdown, sarif
  -o FILE             write to FILE atomically instead of stdout
  -j N                parallel jobs (default: number of cores)
  --today YYYY-MM-DD  date at which alias sunsets are judged (default: today, UTC)
  --root DIR          report paths relative to DIR (default: the directory of
                      .envscan.json, else the current directory)
  --no-ast            raw lexer only: fastest, no idioms, defaults or wrappers
  --resource-dir DIR  clang builtin headers (default: baked at build time;
                      $ENVSCAN_RESOURCE_DIR overrides too)
  --progress WHEN     auto (default): a progress line on stderr when stdout and stderr
                      are terminals and the scan takes over a second; always: one
                      line per phase on stderr, also in logs; never
  -v, --verbose       add the include search list and the files parsed with the
                      AST (parsed_files; the rest were lexed) to the JSON output
  --help              this text
  --version           print the version

statuses: variables: active, deprecated, removed, dead, duplicate, undocumented;
build flags: active, dead, removed, undocumented, duplicate. Each carries the rule
that decided it and the sites it rests on (evidence.rule, evidence.sites).

check: a drift gate for pre-commit hooks and CI. Runs every rule (`envscan rules`
lists them) and prints `file:line:col: error: message [rule-id]` with `note:` lines
that say how to fix it. Severities per rule in .envscan.json ("check":
{"severities": {"raw-env-read": "error"}}); one finding is silenced by a comment
`envscan: ignore[rule-id] reason` on its line or the line before.

exit codes:
  0  the inventory was written; for check: no finding at error level
  1  check only: drift (a finding at error level, or any finding with --werror)
  2  usage error, fatal input error (bad registry or .envscan.json, missing PATH,
     unreadable compile_commands.json or baseline), the output could not be
     written, or an internal error

examples:
  envscan allocator/ > inventory.json        registry from .envscan.json
  envscan --format text src/                 a readable table
  envscan -p build --format sarif -o envscan.sarif .
  envscan --no-registry --today 2026-01-01 ~/src/some-project
  envscan check allocator/                   in a pre-commit hook or CI job
)";

struct Args {
  std::vector<std::string> paths;
  std::string build_dir, registry, format = "json", output, today, root, resource_dir, progress = "auto";
  bool no_registry = false, no_ast = false, verbose = false, check = false;
  CheckOptions check_opts;
  unsigned jobs = 0;
};

int usage_error(const std::string& msg) {
  std::cerr << "envscan: error: " << msg << "\n(see envscan --help)\n";
  return 2;
}

// Nothing was delivered: never exit 0 then.
int output_error(const std::string& msg) {
  std::cerr << "envscan: error: " << msg << "\n";
  return 2;
}

std::optional<int> parse_args(int argc, char** argv, Args& a) {
  std::vector<std::string> v(argv + 1, argv + argc);
  if (!v.empty() && v[0] == "check") {
    a.check = true;
    v.erase(v.begin());
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string& s = v[i];
    auto value = [&](const std::string& opt) -> std::optional<std::string> {
      if (s.size() > opt.size() && s.rfind(opt + "=", 0) == 0) return s.substr(opt.size() + 1);
      if (opt.size() == 2 && s.size() > 2 && s.rfind(opt, 0) == 0 && s[1] != '-') return s.substr(2);
      if (i + 1 >= v.size()) return std::nullopt;
      return v[++i];
    };
    auto is = [&](const std::string& opt) {
      return s == opt || s.rfind(opt + "=", 0) == 0 || (opt.size() == 2 && s.rfind(opt, 0) == 0 && s.size() > 2 && s[1] != '-');
    };
    if (s == "--help" || s == "-h") {
      std::cout << kHelp << "\n" << kCheckHelp;
      return 0;
    }
    if (s == "--version") {
      std::cout << "envscan " << ENVSCAN_VERSION << "\n";
      return 0;
    }
    if (s == "-v" || s == "--verbose") { a.verbose = true; continue; }
    if (s == "--no-ast") { a.no_ast = true; continue; }
    if (s == "--no-registry") { a.no_registry = true; continue; }
    if (a.check) {
      std::string err;
      if (parse_check_option(v, i, a.check_opts, err)) {
        if (!err.empty()) return usage_error(err);
        continue;
      }
    }
    std::string* target = nullptr;
    std::string name;
    if (is("-p")) { target = &a.build_dir; name = "-p"; }
    else if (is("--registry")) { target = &a.registry; name = "--registry"; }
    else if (is("--format")) { target = &a.format; name = "--format"; }
    else if (is("-o")) { target = &a.output; name = "-o"; }
    else if (is("--today")) { target = &a.today; name = "--today"; }
    else if (is("--root")) { target = &a.root; name = "--root"; }
    else if (is("--resource-dir")) { target = &a.resource_dir; name = "--resource-dir"; }
    else if (is("--progress")) { target = &a.progress; name = "--progress"; }
    if (target) {
      auto val = value(name);
      if (!val || val->empty()) return usage_error(name + " needs a value");
      *target = *val;
      continue;
    }
    if (is("-j")) {
      auto val = value("-j");
      char* end = nullptr;
      long n = val ? std::strtol(val->c_str(), &end, 10) : 0;
      if (!val || val->empty() || *end || n < 1 || n > 256) return usage_error("-j needs a number from 1 to 256");
      a.jobs = static_cast<unsigned>(n);
      continue;
    }
    if (s.size() > 1 && s[0] == '-') return usage_error("unknown option '" + s + "'");
    a.paths.push_back(s);
  }
  if (a.paths.empty()) return usage_error("no PATH to scan");
  if (a.no_registry && !a.registry.empty()) return usage_error("--no-registry and --registry exclude each other");
  if (a.progress != "auto" && a.progress != "always" && a.progress != "never")
    return usage_error("--progress must be auto, always or never (got '" + a.progress + "')");
  if (!a.check && a.format != "json" && a.format != "text" && a.format != "markdown" && a.format != "sarif")
    return usage_error("--format must be json, text, markdown or sarif (got '" + a.format + "')");
  return std::nullopt;
}

}  // namespace

static int run(int argc, char** argv) {
  if (auto rc = run_subcommand(argc, argv)) return *rc;
  Args a;
  if (auto rc = parse_args(argc, argv, a)) return *rc;
  // A closed standard output would let a later open() take descriptor 1.
  if ((a.output.empty() || a.check) && ::fcntl(STDOUT_FILENO, F_GETFD) < 0)
    return output_error("standard output is closed");

  for (const auto& p : a.paths) {
    std::error_code ec;
    if (!fs::exists(p, ec)) return usage_error(p + ": no such file or directory");
  }
  envkit::Date date = envkit::Date::today_utc();
  if (!a.today.empty()) {
    auto d = envkit::Date::parse(a.today);
    if (!d) return usage_error("--today: '" + a.today + "' is not a date (YYYY-MM-DD)");
    date = *d;
  }

  std::vector<std::string> starts = a.paths;
  starts.push_back(fs::current_path().string());
  envkit::Diagnostic cfg_error;
  auto cfg = find_project_config(starts, cfg_error);
  if (!cfg) {
    std::cerr << cfg_error.str() << "\n";
    return 2;
  }

  std::string root = !a.root.empty() ? fs::absolute(a.root).lexically_normal().string()
                     : !cfg->root.empty() ? cfg->root
                                          : fs::current_path().string();
  std::optional<envkit::Registry> registry;
  std::string registry_path = a.no_registry ? "" : !a.registry.empty() ? a.registry : cfg->registry;
  if (!registry_path.empty()) {
    std::vector<envkit::Diagnostic> diags;
    registry = envkit::Registry::load(registry_path, diags);
    for (const auto& d : diags) std::cerr << d.str() << "\n";
    if (!registry) {
      std::cerr << "envscan: error: cannot use registry " << registry_path
                << (cfg->file.empty() || !a.registry.empty() ? "" : " (named by " + cfg->file + ")") << "\n";
      return 2;
    }
  }

  ScanOptions opts;
  opts.paths = a.paths;
  opts.root = root;
  opts.build_dir = !a.build_dir.empty() ? a.build_dir : cfg->build_dir;
  if (a.build_dir.empty() && !opts.build_dir.empty() && !fs::exists(fs::path(opts.build_dir) / "compile_commands.json"))
    opts.build_dir.clear();  // the configured build dir is optional until it is built
  opts.exclude = cfg->exclude;
  opts.unscanned_files_are_errors = cfg->unscanned_files_are_errors;
  opts.jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  opts.no_ast = a.no_ast;
  opts.verbose = a.verbose;
  opts.resource_dir = a.resource_dir;
  if (registry) {
    opts.prefix = registry->prefix;
    opts.accessor_header = registry->header;
    for (const auto& v : registry->variables) {
      if (v.accessor.empty()) continue;
      opts.accessors[v.accessor] = v.name;
      opts.accessors[registry->c_prefix + "_" + v.accessor] = v.name;
    }
  }

  Progress progress(a.progress == "always" ? ProgressMode::Always
                    : a.progress == "never"  ? ProgressMode::Never
                                             : ProgressMode::Auto);
  opts.progress = &progress;
  ScanOutcome outcome = run_scan(opts);
  progress.finish();
  if (!outcome.fatal.empty()) {
    std::cerr << "envscan: error: " << outcome.fatal << "\n";
    return 2;
  }
  ClassifyContext ctx;
  ctx.registry = registry ? &*registry : nullptr;
  ctx.date = date;
  ctx.root = relative_to(root, root);
  ctx.registry_rel = registry_path.empty() ? "" : relative_to(registry_path, root);
  Inventory inv = classify(outcome.findings, ctx);

  if (a.check)
    return check_inventory(inv, registry ? &*registry : nullptr, registry_path, root, a.paths, *cfg, date, a.check_opts);

  std::string text;
  if (a.format == "json") text = inventory_to_json(inv, a.verbose).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  else if (a.format == "text") text = write_text(inv);
  else if (a.format == "markdown") text = write_markdown(inv);
  else text = write_sarif(inv, registry ? &*registry : nullptr);

  if (!a.output.empty()) {
    std::string err = write_file_atomic(a.output, text);
    if (!err.empty()) {
      std::cerr << "envscan: error: " << err << "\n";
      return 2;
    }
  } else if (std::string err = envkit::write_all(STDOUT_FILENO, text); !err.empty()) {
    return output_error("standard output: write failed: " + err);
  }
  return 0;
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "envscan: internal error: " << e.what() << "\n";
    return 2;
  }
}
