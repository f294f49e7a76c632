// Orchestration of the collectors.
#include "scanner.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include <clang/Tooling/CompilationDatabase.h>

#include "parse/ast_scan.h"
#include "discover/compile_db.h"
#include "discover/discovery.h"
#include "lex/flag_defs.h"
#include "lex/raw_scan.h"
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
    for (const char* marker : {"namespace ", "template <", "template<", "class ", "std::", "constexpr ", "nullptr"})
      if (text.find(marker) != std::string::npos) return Language::CXX;
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

bool needs_ast(const RawFile& f, const std::set<std::string>& triggers, const std::string& prefix) {
  for (const auto& c : f.called)
    if (triggers.count(c) || named_like_getenv(c)) return true;
  if (!prefix.empty())
    for (const auto& w : f.string_words)
      if (w.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

ScanOutcome run_scan(const ScanOptions& opts) {
  ScanOutcome outcome;
  Findings& out = outcome.findings;
  Discovery disc = discover(opts.paths, opts.root, opts.exclude);
  out.diagnostics = disc.diagnostics;

  // 1. Raw pass over every file.
  std::vector<std::unique_ptr<RawFile>> raws(disc.sources.size());
  std::vector<FileDiagnostic> read_errors(disc.sources.size());
  parallel_for(disc.sources.size(), opts.jobs, [&](std::size_t i) {
    const std::string& path = disc.sources[i];
    std::string text, error;
    std::string rel = relative_to(path, opts.root);
    if (!read_file(path, text, error)) {
      read_errors[i] = {rel, 0, 0, "warning", error, "unreadable-file"};
      return;
    }
    raws[i] = std::make_unique<RawFile>(scan_raw(path, rel, text, language_of(path, text)));
  });
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
    db = make_fallback_database(disc.sources, disc.include_dirs, cwd, cxx_headers);
  }
  if (!opts.build_dir.empty())  // the fallback database defines nothing
    for (auto& d : database_defines(*db, disc.sources)) out.flag_defs.push_back(std::move(d));

  // 4. AST rounds: files that mention a reader, then files calling newly found wrappers.
  std::map<std::string, const AstFileResult*> parsed;
  std::vector<std::unique_ptr<AstRun>> runs;
  if (!opts.no_ast) {
    std::set<std::string> triggers = {"getenv", "secure_getenv", "__secure_getenv", "__libc_secure_getenv",
                                      "setenv", "putenv", "unsetenv"};
    for (const auto& [acc, var] : opts.accessors) triggers.insert(acc);
    AstOptions ao;
    ao.jobs = opts.jobs;
    ao.resource_dir = opts.resource_dir.empty() ? default_resource_dir() : opts.resource_dir;
    for (const auto& [acc, var] : opts.accessors) ao.accessors.insert(acc);
    ao.tested_macros = tested;
    ao.want_search_list = opts.verbose;
    std::set<std::string> queued;
    for (int round = 0; round < 6; ++round) {
      std::vector<std::string> batch;
      for (const RawFile* f : files) {
        if (queued.count(f->path) || !needs_ast(*f, triggers, round == 0 ? opts.prefix : "")) continue;
        std::string why;
        queued.insert(f->path);
        if (!commands_usable(*db, f->path, why)) {
          out.diagnostics.push_back({f->rel, 0, 0, "warning", why + "; scanned by the raw lexer only", "bad-compile-command"});
          continue;
        }
        batch.push_back(f->path);
      }
      if (batch.empty()) break;
      runs.push_back(std::make_unique<AstRun>(run_ast(*db, batch, ao)));
      if (out.search_list.empty()) out.search_list = runs.back()->search_list;
      for (const auto& r : runs.back()->files) parsed[r.path] = &r;
      // Wrappers and reader macros found so far trigger the next round.
      std::vector<const AstFileResult*> all;
      for (const auto& [k, v] : parsed) all.push_back(v);
      for (const auto& [name, info] : find_wrappers(all)) {
        auto p = name.rfind("::");
        triggers.insert(p == std::string::npos ? name : name.substr(p + 2));
      }
      for (const RawFile* f : files)
        for (const auto& d : f->defines)
          if (d.function_like)
            for (std::size_t i = 0; i + 1 < d.body.size(); ++i)
              if (d.body[i].kind == RawToken::Ident && d.body[i + 1].text == "(" && triggers.count(d.body[i].text))
                triggers.insert(d.name);
    }
  }

  // 5. Sites.
  ResolveInput in;
  in.raw = files;
  in.accessors = opts.accessors;
  for (const auto& [path, r] : parsed)
    if (r->ran) in.ast[path] = r;
  resolve_sites(in, out);

  // 5b. Inactive reads: parse their files once more with every arm retained, for idioms
  // and defaults. Redefinition errors between arms are expected there and ignored.
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
      AstOptions ro;
      ro.jobs = opts.jobs;
      ro.resource_dir = opts.resource_dir.empty() ? default_resource_dir() : opts.resource_dir;
      ro.retain_excluded = true;
      for (const auto& [acc, var] : opts.accessors) ro.accessors.insert(acc);
      runs.push_back(std::make_unique<AstRun>(run_ast(*db, {wanted.begin(), wanted.end()}, ro)));
      std::map<std::string, const AstFileResult*> retained;
      for (const auto& r : runs.back()->files)
        if (r.ran) retained[r.path] = &r;
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
    for (const auto& m : r->system_macros) out.platform_names.insert(m);
    std::string rel = relative_to(path, opts.root);
    if (!r->ran) {
      out.diagnostics.push_back({rel, 0, 0, "warning", "could not be parsed; scanned by the raw lexer only", "parse-failed"});
      continue;
    }
    ++out.files_parsed;
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
  return outcome;
}

}  // namespace envscan
