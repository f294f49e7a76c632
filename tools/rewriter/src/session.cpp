#include "session.h"

#include <filesystem>
#include <map>
#include <set>

#include <clang/Tooling/CompilationDatabase.h>

#include "discover/compile_db.h"
#include "format/touched_format.h"
#include "discover/discovery.h"
#include "parse/ast_scan.h"

namespace envrewrite {
namespace fs = std::filesystem;

namespace {

bool is_script(const fs::path& p) {
  std::string name = p.filename().string();
  std::string ext = p.extension().string();
  if (ext == ".sh" || ext == ".bash" || ext == ".env" || name == ".env" || name.rfind(".env.", 0) == 0) return true;
  if (name == "CMakeLists.txt" || ext == ".cmake" || name == "Makefile" || name == "GNUmakefile" ||
      name == "makefile" || ext == ".mk")
    return true;
  return false;
}

}  // namespace

std::vector<std::string> script_files(const std::vector<std::string>& paths, const std::string& root,
                                      const std::vector<std::string>& exclude) {
  std::set<std::string> out;
  auto excluded = [&](const fs::path& p) {
    std::string rel = envscan::relative_to(p.string(), root);
    for (const auto& g : exclude)
      if (envscan::glob_match(g, rel)) return true;
    return false;
  };
  for (const auto& start : paths) {
    std::error_code ec;
    if (fs::is_regular_file(start, ec)) {
      if (is_script(start)) out.insert(fs::absolute(start).lexically_normal().string());
      continue;
    }
    fs::recursive_directory_iterator it(start, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const auto& e = *it;
      std::error_code sec;
      if (e.is_symlink(sec)) {
        if (e.is_directory(sec)) it.disable_recursion_pending();
        continue;
      }
      if (e.is_directory(sec)) {
        std::string n = e.path().filename().string();
        if (n == ".git" || fs::exists(e.path() / "CMakeCache.txt", sec) || excluded(e.path()))
          it.disable_recursion_pending();
        continue;
      }
      if (e.is_regular_file(sec) && is_script(e.path()) && !excluded(e.path()))
        out.insert(fs::absolute(e.path()).lexically_normal().string());
    }
  }
  return {out.begin(), out.end()};
}

Session::Session(SessionOptions opts) : opts_(std::move(opts)) {}
Session::~Session() = default;

std::string Session::scan() {
  envscan::ScanOptions so;
  so.paths = opts_.paths;
  so.root = opts_.root;
  so.build_dir = opts_.build_dir;
  so.exclude = opts_.exclude;
  so.jobs = opts_.jobs;
  so.resource_dir = opts_.resource_dir;
  const auto& reg = *opts_.registry;
  so.prefix = reg.prefix;
  for (const auto& v : reg.variables) {
    if (v.accessor.empty()) continue;
    so.accessors[v.accessor] = v.name;
    so.accessors[reg.c_prefix + "_" + v.accessor] = v.name;
  }
  scan_ = envscan::run_scan(so);
  if (!scan_.fatal.empty()) return scan_.fatal;

  ctx_ = Context{};
  ctx_.registry = opts_.registry;
  ctx_.today = opts_.today;
  ctx_.root = opts_.root;
  ctx_.findings = &scan_.findings;
  envscan::Discovery disc = envscan::discover(opts_.paths, opts_.root, opts_.exclude);
  ctx_.sources = disc.sources;
  for (const auto& s : disc.sources) {
    std::string rel = envscan::relative_to(s, opts_.root);
    ctx_.abs_of[rel] = s;
    ctx_.rel_of[s] = rel;
  }
  ctx_.other_files = script_files(opts_.paths, opts_.root, opts_.exclude);
  for (const auto& s : ctx_.other_files) {
    std::string rel = envscan::relative_to(s, opts_.root);
    ctx_.abs_of[rel] = s;
    ctx_.rel_of[s] = rel;
  }

  std::string error;
  if (!opts_.build_dir.empty()) {
    db_ = envscan::load_database(opts_.build_dir, error);
    if (!db_) return error;
  } else {
    db_ = envscan::make_fallback_database(disc.sources, disc.include_dirs, fs::current_path().string());
  }

  // Where each registry read is used: only live reads the AST saw.
  std::map<std::string, std::vector<SiteQuery>> queries;
  LocateOptions lo;
  lo.resource_dir = opts_.resource_dir.empty() ? envscan::default_resource_dir() : opts_.resource_dir;
  lo.readers = {"getenv", "secure_getenv", "__secure_getenv", "__libc_secure_getenv"};
  for (const auto& r : scan_.findings.reads) {
    if (!r.live || r.source != "ast" || r.via == "accessor" || r.via == "constructed") continue;
    auto info = reg.lookup(r.name, opts_.today);
    if (info.kind != envkit::NameInfo::Kind::Variable && info.kind != envkit::NameInfo::Kind::Alias) continue;
    SiteQuery q;
    q.offset = r.loc.offset;
    q.name = r.name;
    if (r.via.rfind("wrapper:", 0) == 0) {
      q.wrapper = r.via.substr(8);
      if (auto p = q.wrapper.rfind("::"); p != std::string::npos) q.wrapper = q.wrapper.substr(p + 2);
    }
    queries[ctx_.abs(r.loc.file)].push_back(q);
  }
  for (auto& fs_ : locate_values(*db_, queries, lo)) ctx_.shapes[fs_.path] = std::move(fs_);
  return "";
}

Plan Session::plan(const std::vector<std::string>& rules) const {
  Plan p;
  for (const auto& rule : all_rules())
    if (rules.empty() || std::find(rules.begin(), rules.end(), rule.name) != rules.end()) rule.run(ctx_, p);
  add_includes(ctx_, p);
  normalise(p, ctx_.rel_of);
  std::stable_sort(p.reviews.begin(), p.reviews.end(), [](const Review& a, const Review& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  return p;
}

std::vector<FileWrite> Session::writes_of(const Plan& plan) const {
  std::vector<FileWrite> out;
  for (const auto& [file, edits] : by_file(plan)) {
    FileWrite w;
    w.path = file;
    w.before = ctx_.text(file);
    w.after = format_touched(file, opts_.root, w.before, apply_edits(w.before, edits), edits);
    if (w.after != w.before) out.push_back(std::move(w));
  }
  return out;
}

std::string Session::verify(const Plan& plan, const envscan::Findings& before, const envscan::Findings& after) const {
  using Key = std::pair<std::string, std::string>;  // file, name
  std::map<Key, int> expected, actual;
  std::map<std::string, std::vector<const Edit*>> edits = by_file(plan);
  std::set<Key> need_accessor;
  for (const auto& e : plan.edits)
    if (e.rule == "getenv-to-accessor" && e.sites > 0) need_accessor.insert({ctx_.rel(e.file), e.variable});
  for (const auto& r : before.reads) {
    if (r.via == "accessor" || r.via == "constructed") continue;
    std::string name = r.name;
    bool consumed = false;
    auto it = edits.find(ctx_.abs(r.loc.file));
    if (it != edits.end())
      for (const Edit* e : it->second) {
        if ((e->rule == "getenv-to-accessor" || e->rule == "remove-dead-flag") && e->offset <= r.loc.offset &&
            r.loc.offset < e->offset + std::max(1u, e->length) && e->length > 0)
          consumed = true;
        if (e->rule == "alias-to-canonical" && e->from == r.name) name = e->to;
      }
    if (!consumed) ++expected[{r.loc.file, name}];
  }
  std::map<Key, int> accessor_reads;
  for (const auto& r : after.reads) {
    if (r.via == "constructed") continue;
    if (r.via == "accessor") {
      ++accessor_reads[{r.loc.file, r.name}];
      continue;
    }
    ++actual[{r.loc.file, r.name}];
  }
  std::string problems;
  std::set<Key> keys;
  for (const auto& [k, n] : expected) keys.insert(k);
  for (const auto& [k, n] : actual) keys.insert(k);
  for (const auto& k : keys) {
    int want = expected.count(k) ? expected.at(k) : 0, got = actual.count(k) ? actual.at(k) : 0;
    if (want != got)
      problems += k.first + ": " + std::to_string(got) + " read(s) of " + k.second + " after the rewrite, " +
                  std::to_string(want) + " expected\n";
  }
  for (const auto& k : need_accessor)
    if (!accessor_reads.count(k)) problems += k.first + ": no accessor call of " + k.second + " found after the rewrite\n";
  return problems;
}

ApplyResult Session::apply(const Plan& plan) {
  ApplyResult res;
  std::vector<FileWrite> writes = writes_of(plan);
  if (writes.empty()) {
    res.ok = true;
    return res;
  }
  std::vector<std::string> roots = opts_.paths;
  if (std::string err = check_writes(writes, roots); !err.empty()) {
    res.reason = err;
    return res;
  }
  std::vector<std::string> units;
  for (const auto& w : writes)
    if (envscan::is_source_file(w.path)) units.push_back(w.path);
  std::string rd = opts_.resource_dir.empty() ? envscan::default_resource_dir() : opts_.resource_dir;
  auto errors_before = count_errors(*db_, units, rd);
  if (std::string err = write_all(writes); !err.empty()) {
    res.reason = err;
    return res;
  }
  auto fail = [&](const std::string& why) {
    std::string rb = roll_back(writes);
    res.reason = why + (rb.empty() ? "every file was restored" : rb);
    return res;
  };
  std::map<std::string, std::string> first;
  auto errors_after = count_errors(*db_, units, rd, &first);
  for (const auto& u : units)
    if (errors_after[u] > errors_before[u])
      return fail(ctx_.rel(u) + ": " + std::to_string(errors_after[u]) + " compile error(s) after the rewrite (" +
                  std::to_string(errors_before[u]) + " before); first: " + first[u] + "\n");
  res.verification = "re-parsed " + std::to_string(units.size()) + " translation unit(s): no new compile errors\n";
  envscan::Findings before = scan_.findings;
  Plan planned = plan;  // `plan` may live in the context the new scan replaces
  if (std::string err = scan(); !err.empty()) return fail("envscan failed after the rewrite: " + err + "\n");
  // Root-relative names and the absolute paths of the files stay the same across scans.
  if (std::string problems = verify(planned, before, scan_.findings); !problems.empty())
    return fail("the inventory changed in an unexpected way:\n" + problems);
  res.verification += "re-ran envscan: every planned read moved to its accessor or canonical name, no other read changed\n";
  res.ok = true;
  for (const auto& w : writes) res.files.push_back(ctx_.rel(w.path));
  return res;
}

}  // namespace envrewrite
