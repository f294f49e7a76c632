// Orchestration of the collectors.
#include "scanner.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <csetjmp>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <regex>
#include <thread>

#include <clang/Tooling/CompilationDatabase.h>

#include "cache/digest.h"
#include "cache/scan_cache.h"
#include "parse/ast_scan.h"
#include "discover/compile_db.h"
#include "discover/discovery.h"
#include "discover/system_headers.h"
#include "lex/flag_defs.h"
#include "lex/raw_scan.h"
#include "resolve/inactive_tables.h"
#include "resolve/resolve.h"
#include "envkit/file_io.h"

namespace envscan {
namespace fs = std::filesystem;

namespace {

bool read_file(const std::string& path, std::string& text, std::string& error) {
  if (envkit::read_regular_file(path, text, error) == envkit::ReadStatus::Ok) return true;
  error = "cannot read: " + error;
  return false;
}

// A .h file is C++ when it says so; parsing C as C++ mostly works, the reverse does not.
Language language_of(const std::string& path, const std::string& text) {
  if (is_cxx_file(path)) return Language::CXX;
  if (fs::path(path).extension() == ".h") {
    // Constructs only C++ has, not words a C comment may hold ("the class of ...").
    static const std::regex cxx(R"(\bnamespace\s+\w*\s*\{|\btemplate\s*<|\bclass\s+\w+\s*(final\s*)?[:{]|\bstd::\w|)"
                                R"(\bconstexpr\b|\bnullptr\b|\bpublic\s*:|\bprivate\s*:)");
    if (std::regex_search(text, cxx)) return Language::CXX;
  }
  return Language::C;
}

template <class F>
void parallel_for(std::size_t n, unsigned jobs, F f) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) f(i);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::max(1u, jobs); ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
}

bool needs_ast(const RawFile& f, const std::set<std::string>& triggers, const std::string& prefix,
               const std::set<std::string>& flow) {
  for (std::string_view view : f.called.names()) {
    const std::string c(view);
    if (triggers.count(c) || named_like_getenv(c)) return true;
  }
  for (const auto& id : flow)
    if (f.identifiers.count(id)) return true;
  // Walks over the environment block compare its entries with names.
  for (const std::string& block : environment_blocks())
    if (f.identifiers.count(block)) return true;
  if (!prefix.empty())
    for (const auto& w : f.string_words)
      if (w.rfind(prefix, 0) == 0) return true;
  return false;
}

// Tested names that a system header reachable from the tree's `#include <...>` defines are
// platform macros, also in files the AST never saw.
void add_system_header_macros(const std::vector<const RawFile*>& files, const ScanOptions& opts, Findings& out) {
  std::set<std::string> includes;
  bool tests = false;
  for (const RawFile* f : files) {
    includes.insert(f->system_includes.begin(), f->system_includes.end());
    tests = tests || !f->tests.empty();
  }
  if (!tests || includes.empty()) return;
  const std::string rd = opts.resource_dir.empty() ? default_resource_dir() : opts.resource_dir;
  for (auto& m : system_defined_macros(system_include_dirs(rd), includes)) out.platform_names.insert(std::move(m));
}

// ---- Parsing with a large stack, a crash confined to its file ------------------------
//
// Clang's parser, Sema and the AST collectors recurse on expression depth: a 400-byte
// file whose macros expand to a 65,536-term sum overflows a default 8 MiB stack. Every
// parse runs on a thread with a large stack (reserved, touched only as used), and a
// fatal signal while a file is parsed jumps back to that file's start on an alternate
// signal stack, like llvm::CrashRecoveryContext (which cannot survive a stack overflow:
// its handler runs on the overflowed stack). The file then keeps its lexer results.

constexpr std::size_t kParseStackBytes[] = {std::size_t{1} << 30, std::size_t{256} << 20, 0};
constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

thread_local sigjmp_buf* t_parse_recovery = nullptr;

void parse_crash_handler(int sig) {
  if (sigjmp_buf* env = t_parse_recovery) {
    t_parse_recovery = nullptr;
    siglongjmp(*env, sig);
  }
  ::signal(sig, SIG_DFL);  // not inside a parse: crash as usual
  ::raise(sig);
}

void install_parse_crash_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa {};
    sa.sa_handler = parse_crash_handler;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (int sig : kFatalSignals) ::sigaction(sig, &sa, nullptr);
  });
}

// Runs `body` on a new thread with a large stack and its own alternate signal stack.
void run_with_large_stack(const std::function<void()>& body) {
  struct Call {
    const std::function<void()>* body;
  } call{&body};
  auto entry = [](void* arg) -> void* {
    std::vector<char> alt(std::max<std::size_t>(SIGSTKSZ, 64 * 1024));
    stack_t ss{};
    ss.ss_sp = alt.data();
    ss.ss_size = alt.size();
    ::sigaltstack(&ss, nullptr);
    (*static_cast<Call*>(arg)->body)();
    ss.ss_flags = SS_DISABLE;
    ::sigaltstack(&ss, nullptr);
    return nullptr;
  };
  pthread_t thread;
  for (std::size_t bytes : kParseStackBytes) {
    pthread_attr_t attr;
    ::pthread_attr_init(&attr);
    if (bytes) ::pthread_attr_setstacksize(&attr, bytes);
    int rc = ::pthread_create(&thread, &attr, entry, &call);
    ::pthread_attr_destroy(&attr);
    if (rc == 0) {
      ::pthread_join(thread, nullptr);
      return;
    }
  }
  entry(&call);  // no thread at all: parse here rather than not at all
}

// run_ast, file batches spread over `opts.jobs` large-stack threads. A batch that
// crashes is parsed again file by file; a file that crashes alone is listed in
// `crashed` and has a result with ran = false.
AstRun run_ast_guarded(const clang::tooling::CompilationDatabase& db, const std::vector<std::string>& files,
                       const AstOptions& opts, std::set<std::string>& crashed) {
  AstRun run;
  if (files.empty()) return run;
  install_parse_crash_handlers();
  AstOptions one = opts;
  one.jobs = 1;
  unsigned jobs = std::max(1u, std::min<unsigned>(opts.jobs, static_cast<unsigned>(files.size())));
  const std::size_t batch = std::max<std::size_t>(1, std::min<std::size_t>(16, files.size() / (jobs * 4) + 1));
  std::vector<AstRun> runs((files.size() + batch - 1) / batch);
  std::vector<std::vector<std::string>> crashed_in(runs.size());
  std::atomic<std::size_t> next{0};

  // Parses `part`; false when a fatal signal interrupted it.
  auto parse = [&](const std::vector<std::string>& part, AstRun& out) {
    sigjmp_buf env;
    if (sigsetjmp(env, 1) != 0) return false;  // what the crash left behind is leaked, not reused
    t_parse_recovery = &env;
    out = run_ast(db, part, one);
    t_parse_recovery = nullptr;
    return true;
  };
  auto worker = [&] {
    for (std::size_t k = next++; k < runs.size(); k = next++) {
      std::vector<std::string> part(files.begin() + static_cast<std::ptrdiff_t>(k * batch),
                                    files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), (k + 1) * batch)));
      if (parse(part, runs[k])) continue;
      runs[k] = AstRun{};
      for (const auto& f : part) {
        AstRun single;
        if (parse({f}, single)) {
          for (auto& r : single.files) runs[k].files.push_back(std::move(r));
          if (runs[k].search_list.empty()) runs[k].search_list = std::move(single.search_list);
        } else {
          crashed_in[k].push_back(f);
          AstFileResult r;
          r.path = f;
          runs[k].files.push_back(std::move(r));
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back([&] { run_with_large_stack(worker); });
  for (auto& t : threads) t.join();
  for (std::size_t k = 0; k < runs.size(); ++k) {
    if (run.search_list.empty()) run.search_list = std::move(runs[k].search_list);
    for (auto& r : runs[k].files) run.files.push_back(std::move(r));
    crashed.insert(crashed_in[k].begin(), crashed_in[k].end());
  }
  return run;
}

// What, besides the file's own bytes and the headers it reads, decides what parsing it
// finds: its compile commands, the AST options, the environment variables the Clang
// driver reads, and the names of the tree's sources (a header added or removed may
// change what an #include finds, also for files whose own inputs did not change).
std::string ast_context(const clang::tooling::CompilationDatabase& db, const std::string& file,
                        const std::string& run_context) {
  cache::Digest d;
  d.field(run_context);
  for (const auto& c : db.getCompileCommands(file)) {
    d.field(c.Directory).field(c.Filename).field(c.Output).field(c.CommandLine.size());
    for (const auto& arg : c.CommandLine) d.field(arg);
  }
  return d.hex();
}

std::string ast_run_context(const AstOptions& o, const std::string& tree_listing) {
  cache::Digest d;
  d.field(o.resource_dir).field(o.accessor_header).field(o.accessors.size());
  for (const auto& a : o.accessors) d.field(a);
  d.field(o.retain_excluded).field(tree_listing);
  for (const char* var : {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH",
                          "SDKROOT", "CCC_OVERRIDE_OPTIONS"}) {
    const char* v = std::getenv(var);
    d.field(v ? std::string("=") + v : std::string());
  }
  return d.hex();
}

// run_ast_guarded, reusing cached results whose inputs are unchanged and storing new
// ones. The result lists `files` in order either way, so a warm run is a cold run.
AstRun run_ast_cached(const clang::tooling::CompilationDatabase& db, const std::vector<std::string>& files,
                      const AstOptions& opts, std::set<std::string>& crashed, cache::ScanCache* cache,
                      const std::string& tree_listing) {
  std::vector<std::optional<AstFileResult>> hits(files.size());
  std::vector<std::string> keys(files.size());
  std::vector<std::string> misses;
  AstOptions parse_opts = opts;
  if (cache) {
    const std::string run_context = ast_run_context(opts, tree_listing);
    parallel_for(files.size(), opts.jobs, [&](std::size_t i) {
      keys[i] = cache->ast_key(files[i], ast_context(db, files[i], run_context));
      hits[i] = cache->load_ast(keys[i]);
      if (hits[i] && opts.file_done) opts.file_done();
    });
    parse_opts.record_inputs = true;
  }
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!hits[i]) misses.push_back(files[i]);
  AstRun parsed = run_ast_guarded(db, misses, parse_opts, crashed);
  std::map<std::string, AstFileResult*> by_path;
  for (auto& r : parsed.files) by_path.emplace(r.path, &r);
  AstRun run;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (hits[i]) {
      run.files.push_back(std::move(*hits[i]));
      if (cache) ++cache->stats().parsed_cached;
    } else {
      auto it = by_path.find(files[i]);
      AstFileResult r;
      r.path = files[i];
      if (it != by_path.end()) r = std::move(*it->second);
      // Only a parse that ran to its end is reused; a crash or failure is retried.
      if (cache && r.ran && !crashed.count(files[i])) cache->store_ast(keys[i], r);
      if (cache) ++cache->stats().parsed;
      run.files.push_back(std::move(r));
    }
    if (run.search_list.empty()) run.search_list = run.files.back().search_list;
  }
  return run;
}

// Function-like macros that call a trigger become triggers, to a fixed point
// (a macro may call a macro).
void add_reader_macro_triggers(const std::vector<const RawFile*>& files, std::set<std::string>& triggers) {
  for (bool grew = true; grew;) {
    grew = false;
    for (const RawFile* f : files)
      for (const auto& d : f->defines)
        if (d.function_like && !triggers.count(d.name))
          for (std::size_t i = 0; i + 1 < d.body.size(); ++i)
            if (d.body[i].kind == RawToken::Ident && d.body[i + 1].text == "(" && triggers.count(d.body[i].text)) {
              triggers.insert(d.name);
              grew = true;
              break;
            }
  }
}

// A file nobody scanned can hide any read: its diagnostic is an error unless the
// project said otherwise.
void grade_unscanned_files(std::vector<FileDiagnostic>& diags, bool errors) {
  for (auto& d : diags)
    if (d.rule == "unreadable-file" || d.rule == "parse-failed" || d.rule == "parse-crashed")
      d.severity = errors ? "error" : "warning";
}

}  // namespace

unsigned shard_of(const std::string& rel, unsigned n) {
  if (n <= 1) return 1;
  const std::string d = cache::digest_hex(rel);
  unsigned long long v = std::stoull(d.substr(0, 15), nullptr, 16);
  return static_cast<unsigned>(v % n) + 1;
}

ScanOutcome run_scan(const ScanOptions& opts) {
  ScanOutcome outcome;
  Findings& out = outcome.findings;
  Discovery disc = discover(opts.paths, opts.root, opts.exclude);
  out.diagnostics = disc.diagnostics;
  {
    cache::Digest listing;
    for (const auto& p : disc.sources) listing.field(p);
    outcome.tree_listing = listing.hex();
  }
  if (opts.shard.count > 1)
    std::erase_if(disc.sources, [&](const std::string& p) {
      return shard_of(relative_to(p, opts.root), opts.shard.count) != opts.shard.index;
    });
  cache::ScanCache* cache = opts.cache;

  // 1. Raw pass over every file.
  Progress* progress = opts.progress;
  if (progress) progress->phase("lexing", disc.sources.size());
  std::vector<std::unique_ptr<RawFile>> raws(disc.sources.size());
  std::vector<FileDiagnostic> read_errors(disc.sources.size());
  std::vector<std::string> digests(disc.sources.size());
  parallel_for(disc.sources.size(), opts.jobs, [&](std::size_t i) {
    const std::string& path = disc.sources[i];
    std::string text, error;
    std::string rel = relative_to(path, opts.root);
    if (!read_file(path, text, error)) {
      read_errors[i] = {rel, 0, 0, "warning", error, "unreadable-file"};
      return;
    }
    if (cache) {
      digests[i] = cache::digest_hex(text);
      cache->note_file_digest(path, digests[i]);
      const std::string key = cache->raw_key(path, rel, digests[i]);
      if (auto hit = cache->load_raw(key)) {
        raws[i] = std::make_unique<RawFile>(std::move(*hit));
        ++cache->stats().lexed_cached;
      } else {
        raws[i] = std::make_unique<RawFile>(scan_raw(path, rel, text, language_of(path, text)));
        cache->store_raw(key, *raws[i]);
        ++cache->stats().lexed;
      }
    } else {
      raws[i] = std::make_unique<RawFile>(scan_raw(path, rel, text, language_of(path, text)));
    }
    if (progress) progress->advance();
  });
  for (std::size_t i = 0; i < digests.size(); ++i)
    if (!digests[i].empty()) outcome.file_digests[relative_to(disc.sources[i], opts.root)] = digests[i];
  for (auto& d : read_errors)
    if (!d.message.empty()) out.diagnostics.push_back(d);
  std::vector<const RawFile*> files;
  for (auto& r : raws)
    if (r) files.push_back(r.get());
  out.files_scanned = files.size();

  // 2. Definitions of macros: sources, build files.
  std::set<std::string> tested;
  for (const RawFile* f : files) {
    for (const auto& d : f->defines) {
      FlagDefinition def;
      def.name = d.name;
      def.kind = d.undef ? "undef" : "define";
      def.loc = f->location(d.offset);
      std::string value;
      for (const auto& t : d.body) value += (value.empty() ? "" : " ") + t.text;
      def.value = d.function_like ? "(" + std::to_string(d.params.size()) + " params)" : value;
      if (def.value.size() > 60) def.value = def.value.substr(0, 57) + "...";
      def.condition = join_conditions(f->conditions_at(d.offset));
      out.flag_defs.push_back(def);
    }
    for (const auto& t : f->tests) tested.insert(t.name);
    if (!f->include_guard.empty()) out.include_guards.insert(f->include_guard);
    if (f->unbalanced)
      out.diagnostics.push_back({f->rel, 0, 0, "warning", "unbalanced #if/#endif; presence conditions may be off", "unbalanced-conditional"});
  }
  for (const auto& b : disc.build_files) {
    std::string text, error;
    std::string rel = relative_to(b, opts.root);
    if (!read_file(b, text, error)) {
      out.diagnostics.push_back({rel, 0, 0, "warning", error, "unreadable-file"});
      continue;
    }
    for (auto& d : build_file_definitions(rel, text)) out.flag_defs.push_back(std::move(d));
  }

  // 3. Compile commands.
  std::unique_ptr<clang::tooling::CompilationDatabase> db;
  std::string cwd = fs::current_path().string();
  if (!opts.build_dir.empty()) {
    std::string error;
    db = load_database(opts.build_dir, error);
    if (!db) {
      outcome.fatal = error;
      return outcome;
    }
  } else {
    std::set<std::string> cxx_headers;
    for (const RawFile* f : files)
      if (f->cxx && !is_cxx_file(f->path)) cxx_headers.insert(f->path);
    // compile_flags.txt at the report root or a scanned folder: its flags for every file.
    std::vector<std::string> flags;
    std::vector<std::string> places = {opts.root};
    for (const auto& p : opts.paths) places.push_back(fs::is_directory(p) ? p : fs::path(p).parent_path().string());
    for (const auto& dir : places) {
      fs::path candidate = fs::path(dir) / "compile_flags.txt";
      std::error_code ec;
      if (!fs::is_regular_file(candidate, ec)) continue;
      std::string error;
      flags = read_compile_flags(candidate.string(), error);
      if (!error.empty()) out.diagnostics.push_back({relative_to(candidate.string(), opts.root), 0, 0, "warning", error, "unreadable-file"});
      for (auto& d : compile_flags_defines(flags, relative_to(candidate.string(), opts.root))) out.flag_defs.push_back(std::move(d));
      break;
    }
    db = make_fallback_database(disc.sources, disc.include_dirs, cwd, cxx_headers, flags);
  }
  if (!opts.build_dir.empty())  // the fallback database defines nothing
    for (auto& d : database_defines(*db, disc.sources)) out.flag_defs.push_back(std::move(d));

  // 4. AST rounds: files that mention a reader, then files calling newly found wrappers.
  std::map<std::string, const AstFileResult*> parsed;
  std::vector<std::unique_ptr<AstRun>> runs;
  std::set<std::string> crashed;  // files whose parse crashed (first or retained pass)
  if (!opts.no_ast) {
    std::set<std::string> triggers(base_readers().begin(), base_readers().end());
    for (const char* w : {"setenv", "putenv", "unsetenv"})
      triggers.insert(w);
    for (const auto& [acc, var] : opts.accessors) triggers.insert(acc);
    AstOptions ao;
    ao.jobs = opts.jobs;
    if (progress) ao.file_done = [progress] { progress->advance(); };
    ao.resource_dir = opts.resource_dir.empty() ? default_resource_dir() : opts.resource_dir;
    for (const auto& [acc, var] : opts.accessors) ao.accessors.insert(acc);
    ao.accessor_header = opts.accessor_header;
    std::set<std::string> queued, flow;
    std::size_t flow_files = 0;
    // Rounds until nothing new is queued: each file is parsed at most once, so the work is
    // bounded by the tree.
    for (int round = 0;; ++round) {
      // Before every round, the first too: a tree whose only reads go through a macro
      // has no file that calls a reader directly.
      add_reader_macro_triggers(files, triggers);
      std::vector<std::string> batch;
      for (const RawFile* f : files) {
        if (queued.count(f->path) || is_source_template(f->path) ||
            !needs_ast(*f, triggers, round == 0 ? opts.prefix : "", flow))
          continue;
        std::string why;
        queued.insert(f->path);
        if (!commands_usable(*db, f->path, why)) {
          out.diagnostics.push_back({f->rel, 0, 0, "warning", why + "; scanned by the raw lexer only", "bad-compile-command"});
          continue;
        }
        batch.push_back(f->path);
      }
      if (batch.empty()) break;
      if (progress) progress->phase(parsed.empty() ? "parsing" : "parsing files that data flow reaches", batch.size());
      runs.push_back(std::make_unique<AstRun>(run_ast_cached(*db, batch, ao, crashed, cache, outcome.tree_listing)));
      if (out.search_list.empty()) out.search_list = runs.back()->search_list;
      for (const auto& r : runs.back()->files) parsed[r.path] = &r;
      // Wrappers and reader macros found so far trigger the next round.
      std::vector<const AstFileResult*> all;
      for (const auto& [k, v] : parsed) all.push_back(v);
      auto wrappers = find_wrappers(all);
      for (const auto& [name, info] : wrappers) {
        std::string simple = display_name(name);
        auto p = simple.rfind("::");
        triggers.insert(p == std::string::npos ? simple : simple.substr(p + 2));
      }
      // Names that depend on fields, parameters or globals: parse the files that feed them.
      // An identifier found all over the tree (a string type, a logging function) is not a
      // table of names: following it would parse everything for nothing.
      // The whole of it is bounded too: at most a tenth of the tree is parsed for data flow.
      flow.clear();
      const std::size_t ubiquitous = std::max<std::size_t>(8, files.size() / 50);
      const std::size_t budget = std::max<std::size_t>(32, files.size() / 10);
      for (const std::string& id : data_flow_triggers(all, wrappers)) {
        std::size_t mentions = 0;
        for (const RawFile* f : files)
          if (!queued.count(f->path) && f->identifiers.count(id) && ++mentions > ubiquitous) break;
        if (mentions == 0 || mentions > ubiquitous || flow_files + mentions > budget) continue;
        flow.insert(id);
        flow_files += mentions;
      }
    }
  }

  // 5. Sites.
  if (progress) progress->phase("resolving names", 0);
  ResolveInput in;
  in.raw = files;
  in.accessors = opts.accessors;
  for (const auto& [path, r] : parsed)
    if (r->ran) in.ast[path] = r;
  resolve_sites(in, out);

  // Second parses keep every #if arm; redefinition errors between arms are expected there
  // and ignored.
  auto every_arm = [&](const std::vector<std::string>& paths) {
    AstOptions ro;
    ro.jobs = opts.jobs;
    if (progress) ro.file_done = [progress] { progress->advance(); };
    ro.resource_dir = opts.resource_dir.empty() ? default_resource_dir() : opts.resource_dir;
    ro.retain_excluded = true;
    for (const auto& [acc, var] : opts.accessors) ro.accessors.insert(acc);
    ro.accessor_header = opts.accessor_header;
    if (progress) progress->phase("parsing inactive #if arms", paths.size());
    runs.push_back(std::make_unique<AstRun>(run_ast_cached(*db, paths, ro, crashed, cache, outcome.tree_listing)));
    std::map<std::string, const AstFileResult*> retained;
    for (const auto& r : runs.back()->files)
      if (r.ran) retained[r.path] = &r;
    return retained;
  };

  // 5a. Tables with entries in arms that are off here (another platform's names).
  if (!opts.no_ast) {
    std::vector<std::string> tables;
    for (const RawFile* f : files)
      if (auto it = in.ast.find(f->path); it != in.ast.end() && has_inactive_table_entries(*f, *it->second))
        tables.push_back(f->path);
    if (!tables.empty()) add_inactive_table_reads(in, every_arm(tables), out);
  }

  // 5b. Inactive reads: parse their files once more with every arm retained, for idioms
  // and defaults.
  if (!opts.no_ast) {
    std::map<std::string, std::string> rel_of, abs_of;
    for (const RawFile* f : files) {
      rel_of[f->path] = f->rel;
      abs_of[f->rel] = f->path;
    }
    std::set<std::string> wanted;
    for (const auto& r : out.reads)
      if (r.source == "lexer" && !r.live && in.ast.count(abs_of[r.loc.file])) wanted.insert(abs_of[r.loc.file]);
    if (!wanted.empty()) {
      std::map<std::string, const AstFileResult*> retained = every_arm({wanted.begin(), wanted.end()});
      std::vector<const AstFileResult*> all;
      for (const auto& [k, v] : in.ast) all.push_back(v);
      enrich_inactive_sites(retained, rel_of, all, out);
    }
  }

  // 6. Flag tests, platform macros, parse diagnostics.
  for (const RawFile* f : files) {
    auto it = in.ast.find(f->path);
    const AstFileResult* ast = it == in.ast.end() ? nullptr : it->second;
    for (const auto& t : f->tests) {
      FlagTest ft;
      ft.name = t.name;
      ft.loc = f->location(t.offset);
      ft.directive = t.directive;
      ft.expression = t.expression;
      // Enclosing arms only: the directive's own arm starts after its line.
      ft.condition = join_conditions(f->conditions_at(t.offset));
      if (ast) {
        // A directive is evaluated unless a skipped range began before its own line.
        unsigned line_start = ft.loc.offset - (ft.loc.column - 1);
        bool skipped = false;
        for (const auto& [b, e] : ast->skipped)
          if (b < line_start && t.offset <= e) skipped = true;
        ft.live = !skipped;
      }
      out.flag_tests.push_back(std::move(ft));
    }
  }
  for (const auto& [path, r] : parsed) {
    for (const auto& m : r->system_macros)
      if (tested.count(m)) out.platform_names.insert(m);
    std::string rel = relative_to(path, opts.root);
    if (!r->ran) {
      if (crashed.count(path))
        out.diagnostics.push_back({rel, 0, 0, "warning",
                                   "the parser crashed on this file (e.g. its stack overflowed); scanned by the raw "
                                   "lexer only",
                                   "parse-crashed"});
      else
        out.diagnostics.push_back({rel, 0, 0, "warning", "could not be parsed; scanned by the raw lexer only", "parse-failed"});
      continue;
    }
    ++out.files_parsed;
    out.parsed_files.push_back(rel);
    if (r->errors > 0)
      out.diagnostics.push_back({rel, 0, 0, "warning",
                                 "does not compile (" + std::to_string(r->errors) + " errors; first: " + r->first_error +
                                     "); reads the AST missed were taken from the raw lexer",
                                 "parse-error"});
    if (!r->missing_includes.empty())
      out.diagnostics.push_back({rel, 0, 0, "note",
                                 std::to_string(r->missing_includes.size()) + " missing include(s), first: " +
                                     r->missing_includes.front() + "; scan continued",
                                 "missing-include"});
  }
  add_system_header_macros(files, opts, out);
  grade_unscanned_files(out.diagnostics, opts.unscanned_files_are_errors);
  return outcome;
}

}  // namespace envscan
