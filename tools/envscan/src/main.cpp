// envscan: command line.
#include <cctype>
#include <cstdlib>

#include <fcntl.h>
#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cache/scan_cache.h"
#include "check/cli.h"
#include "classify/classify.h"
#include "discover/discovery.h"
#include "envkit/file_io.h"
#include "envkit/json_source.h"
#include "envkit/registry.h"
#include "write/inventory_json.h"
#include "discover/project_config.h"
#include "scanner.h"
#include "shard/shard_file.h"
#include "write/writers.h"

namespace fs = std::filesystem;
using namespace envscan;

namespace {

const char* kHelp = R"(usage: envscan [options] PATH...
       envscan check [options] [check options] PATH...
       envscan --shard I/N [options] -o SHARD.json PATH...
       envscan merge [-o FILE] [--format FORMAT] SHARD.json...
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
  --cache-dir DIR     keep per-file results (lexer and AST) in DIR and reuse those
                      whose inputs are unchanged (default: $ENVSCAN_CACHE_DIR, else
                      $XDG_CACHE_HOME/envscan, else ~/.cache/envscan). An entry is
                      keyed by the file's bytes, its compile commands, the bytes of
                      every header it read and the envscan build; whole-tree stages
                      always run, so the output is the same with or without it
  --no-cache          neither read nor write the cache
  --shard I/N         analyse only the files of shard I of N (a file's shard is a
                      digest of its root-relative path, so it depends on nothing
                      else) and write a shard file (JSON) for `envscan merge`
  -v, --verbose       add the include search list, the wrapper table and the files
                      parsed with the AST (parsed_files; the rest were lexed) to the
                      output; on stderr, how many files were lexed and parsed, and how
                      many of them came from the cache
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

merge: `envscan merge SHARD.json...` joins the shard files of one scan (all N of them,
each once, made by the same envscan build with the same arguments from the same tree)
into the inventory a single run gives: it runs the whole-tree stages again over the
shards' per-file results, in the directory the shards ran in, and analyses itself only
what no shard holds (a file calling a wrapper another shard defined, say); stderr says
how much that was. A shard of another tree, registry, build or argument list, a missing
or duplicate shard, or a file changed since its shard ran is an error (exit 2).
Options: -o FILE, --format FORMAT, -j N, --cache-dir DIR, --no-cache.

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
  std::string cache_dir;
  bool no_cache = false;
  ShardSpec shard;
  // The arguments that decide the inventory (paths, registry, -p, --today, ...), as a
  // shard records them for `merge` to run the same scan.
  std::vector<std::string> replay;
};

// "I/N" with 1 <= I <= N <= 4096.
bool parse_shard(const std::string& v, ShardSpec& out) {
  auto slash = v.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == v.size() || v.size() > 12) return false;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (i != slash && !std::isdigit(static_cast<unsigned char>(v[i]))) return false;
  unsigned long i = std::stoul(v.substr(0, slash)), n = std::stoul(v.substr(slash + 1));
  if (i < 1 || n < 1 || i > n || n > 4096) return false;
  out.index = static_cast<unsigned>(i);
  out.count = static_cast<unsigned>(n);
  return true;
}

int usage_error(const std::string& msg) {
  std::cerr << "envscan: error: " << msg << "\n(see envscan --help)\n";
  return 2;
}

// Nothing was delivered: never exit 0 then.
int output_error(const std::string& msg) {
  std::cerr << "envscan: error: " << msg << "\n";
  return 2;
}

// -o FILE atomically, else standard output; 2 when nothing could be delivered.
int emit_text(const std::string& output, const std::string& text) {
  if (!output.empty()) {
    std::string err = write_file_atomic(output, text);
    if (!err.empty()) {
      std::cerr << "envscan: error: " << err << "\n";
      return 2;
    }
  } else if (std::string err = envkit::write_all(STDOUT_FILENO, text); !err.empty()) {
    return output_error("standard output: write failed: " + err);
  }
  return 0;
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
    if (s == "-v" || s == "--verbose") { a.verbose = true; a.replay.push_back("-v"); continue; }
    if (s == "--no-ast") { a.no_ast = true; a.replay.push_back(s); continue; }
    if (s == "--no-registry") { a.no_registry = true; a.replay.push_back(s); continue; }
    if (s == "--no-cache") { a.no_cache = true; continue; }
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
    else if (is("--cache-dir")) { target = &a.cache_dir; name = "--cache-dir"; }
    if (target) {
      auto val = value(name);
      if (!val || val->empty()) return usage_error(name + " needs a value");
      *target = *val;
      if (name != "--format" && name != "-o" && name != "--progress" && name != "--cache-dir") {
        a.replay.push_back(name);
        a.replay.push_back(*val);
      }
      continue;
    }
    if (is("--shard")) {
      auto val = value("--shard");
      if (!val || !parse_shard(*val, a.shard))
        return usage_error("--shard needs I/N, shard I (from 1) of N (at most 4096)" + (val ? " (got '" + *val + "')" : std::string()));
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
    a.replay.push_back(s);
  }
  if (a.paths.empty()) return usage_error("no PATH to scan");
  if (a.shard.count && a.check) return usage_error("--shard is for the inventory: merge the shards with `envscan merge`");
  if (a.shard.count && a.format != "json") return usage_error("--shard writes a shard file (JSON); --format does not apply");
  if (a.no_cache && !a.cache_dir.empty()) return usage_error("--cache-dir and --no-cache exclude each other");
  if (a.no_registry && !a.registry.empty()) return usage_error("--no-registry and --registry exclude each other");
  if (a.progress != "auto" && a.progress != "always" && a.progress != "never")
    return usage_error("--progress must be auto, always or never (got '" + a.progress + "')");
  if (!a.check && a.format != "json" && a.format != "text" && a.format != "markdown" && a.format != "sarif")
    return usage_error("--format must be json, text, markdown or sarif (got '" + a.format + "')");
  return std::nullopt;
}

}  // namespace

namespace {

using Shards = std::vector<std::pair<std::string, ShardFile>>;

// The cache this run uses, or nullptr. Shards and merges always have one (in memory at
// least): it is how their per-file results travel.
std::unique_ptr<cache::ScanCache> make_cache(const Args& a, bool needed, std::string& note) {
  std::string dir = a.no_cache ? "" : !a.cache_dir.empty() ? a.cache_dir : cache::default_cache_dir();
  if (dir.empty() && !needed) {
    note = a.no_cache ? "cache off (--no-cache)" : "cache off (no $HOME, $XDG_CACHE_HOME or $ENVSCAN_CACHE_DIR)";
    return nullptr;
  }
  auto probe = std::make_unique<cache::ScanCache>(dir, "");
  if (!probe->dir_error().empty()) {
    // An explicit --cache-dir that cannot be used is worth a word; the default one only with -v.
    if (!a.cache_dir.empty()) std::cerr << "envscan: warning: cache not used: " << probe->dir_error() << "\n";
    note = "cache not used: " + probe->dir_error();
    if (!needed) return nullptr;
    dir.clear();
  }
  auto c = std::make_unique<cache::ScanCache>(dir, cache::tool_identity(ENVSCAN_VERSION, dir));
  if (note.empty()) note = dir.empty() ? "cache in memory" : "cache " + dir;
  return c;
}

void print_cache_stats(const std::string& who, const std::string& note, cache::ScanCache* c) {
  std::cerr << who << ": " << note;
  if (c) {
    auto& st = c->stats();
    std::cerr << ": lexed " << st.lexed << " file(s), " << st.lexed_cached << " reused; parsed " << st.parsed
              << ", " << st.parsed_cached << " reused";
    if (st.stale) std::cerr << "; " << st.stale << " stale";
    if (st.rejected) std::cerr << "; " << st.rejected << " corrupt entr" << (st.rejected == 1 ? "y" : "ies") << " ignored";
    if (st.write_errors) std::cerr << "; " << st.write_errors << " could not be written";
  }
  std::cerr << "\n";
}

int scan(Args& a, const Shards* merge);

// `envscan merge [-o FILE] [--format F] [-j N] [--cache-dir DIR | --no-cache] SHARD.json...`
int run_merge(int argc, char** argv) {
  std::vector<std::string> v(argv + 2, argv + argc);
  std::string output, format = "json", jobs, cache_dir;
  bool no_cache = false;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string& s = v[i];
    if (s == "--help" || s == "-h") {
      std::cout << kHelp;
      return 0;
    }
    std::string* target = s == "-o" ? &output : s == "--format" ? &format : s == "-j" ? &jobs
                        : s == "--cache-dir" ? &cache_dir : nullptr;
    if (target) {
      if (i + 1 >= v.size() || v[i + 1].empty()) return usage_error("merge: " + s + " needs a value");
      *target = v[++i];
    } else if (s == "--no-cache") {
      no_cache = true;
    } else if (s.size() > 1 && s[0] == '-') {
      return usage_error("merge: unknown option '" + s + "'");
    } else {
      files.push_back(s);
    }
  }
  if (files.empty()) return usage_error("merge: no shard files (written by envscan --shard I/N)");
  Shards shards;
  for (const auto& f : files) {
    std::string error;
    auto s = load_shard(f, error);
    if (!s) {
      std::cerr << "envscan merge: error: " << error << "\n";
      return 2;
    }
    shards.emplace_back(f, std::move(*s));
  }
  if (std::string problem = check_shard_set(shards); !problem.empty()) {
    std::cerr << "envscan merge: error: " << problem << "\n";
    return 2;
  }
  // The shards' arguments are relative to where they ran: run there too (the per-file
  // results name absolute paths, so the tree must be where it was).
  const ShardFile& first = shards.front().second;
  if (!output.empty()) output = fs::absolute(output).string();
  if (!cache_dir.empty()) cache_dir = fs::absolute(cache_dir).string();
  std::error_code ec;
  fs::current_path(first.cwd, ec);
  if (ec) {
    std::cerr << "envscan merge: error: the shards ran in " << first.cwd << ", which is not usable here ("
              << ec.message() << "); merge needs the scanned tree where the shards saw it\n";
    return 2;
  }
  std::vector<std::string> args_v = {"envscan"};
  args_v.insert(args_v.end(), first.args.begin(), first.args.end());
  std::vector<char*> cargs;
  for (auto& s : args_v) cargs.push_back(s.data());
  Args a;
  if (parse_args(static_cast<int>(cargs.size()), cargs.data(), a) || a.check || a.shard.count) {
    std::cerr << "envscan merge: error: " << shards.front().first << ": its arguments are not those of an inventory scan\n";
    return 2;
  }
  a.output = output;
  a.format = format;
  a.cache_dir = cache_dir;
  a.no_cache = no_cache;
  a.progress = "never";
  if (!jobs.empty()) {
    char* end = nullptr;
    long n = std::strtol(jobs.c_str(), &end, 10);
    if (*end || n < 1 || n > 256) return usage_error("merge: -j needs a number from 1 to 256");
    a.jobs = static_cast<unsigned>(n);
  }
  if (a.format != "json" && a.format != "text" && a.format != "markdown" && a.format != "sarif")
    return usage_error("merge: --format must be json, text, markdown or sarif (got '" + a.format + "')");
  return scan(a, &shards);
}

// Digests of the inputs shards must agree on besides the sources.
std::map<std::string, std::string> scan_inputs(cache::ScanCache& c, const std::string& registry_path,
                                               const std::string& config_file) {
  std::map<std::string, std::string> in;
  if (!registry_path.empty()) in["registry"] = c.file_digest(fs::absolute(registry_path).string());
  if (!config_file.empty()) in[".envscan.json"] = c.file_digest(fs::absolute(config_file).string());
  return in;
}

int scan(Args& a, const Shards* merge) {
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
  std::string cache_note;
  auto cache = make_cache(a, a.shard.count || merge, cache_note);
  opts.cache = cache.get();
  opts.shard = a.shard;
  if (a.shard.count) cache->keep_entries();
  std::map<std::string, std::string> inputs;
  if (cache) inputs = scan_inputs(*cache, registry_path, cfg->file);
  if (merge) {
    const ShardFile& first = merge->front().second;
    if (first.tool != cache->tool()) {
      std::cerr << "envscan merge: error: the shards were made by another envscan build (" << first.tool
                << "), this is " << cache->tool() << "\n";
      return 2;
    }
    if (first.inputs != inputs) {
      std::cerr << "envscan merge: error: the registry or .envscan.json here differs from the one the shards used\n";
      return 2;
    }
    for (const auto& [path, shard] : *merge)
      for (const auto& [key, entry] : shard.entries) cache->add_entry(key, entry);
  }
  ScanOutcome outcome = run_scan(opts);
  progress.finish();
  if (!outcome.fatal.empty()) {
    std::cerr << "envscan: error: " << outcome.fatal << "\n";
    return 2;
  }
  if (a.verbose || merge) print_cache_stats(merge ? "envscan merge" : "envscan", cache_note, cache.get());
  if (cache) cache->trim();
  if (a.shard.count) {
    ShardFile sf;
    sf.index = a.shard.index;
    sf.count = a.shard.count;
    sf.tool = cache->tool();
    sf.cwd = fs::current_path().string();
    sf.args = a.replay;
    sf.tree = outcome.tree_listing;
    sf.inputs = inputs;
    sf.files = outcome.file_digests;
    sf.entries = cache->kept_entries();
    return emit_text(a.output, shard_to_json(sf));
  }
  if (merge) {
    if (merge->front().second.tree != outcome.tree_listing) {
      std::cerr << "envscan merge: error: the tree here has other source files than the one the shards scanned\n";
      return 2;
    }
    if (std::string problem = check_shard_coverage(*merge, outcome.file_digests); !problem.empty()) {
      std::cerr << "envscan merge: error: the shards do not cover this tree:\n  " << problem << "\n";
      return 2;
    }
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

  return emit_text(a.output, text);
}

}  // namespace

static int run(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "merge") return run_merge(argc, argv);
  if (auto rc = run_subcommand(argc, argv)) return *rc;
  Args a;
  if (auto rc = parse_args(argc, argv, a)) return *rc;
  return scan(a, nullptr);
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "envscan: internal error: " << e.what() << "\n";
    return 2;
  }
}
