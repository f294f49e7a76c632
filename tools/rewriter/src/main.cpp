// envrewrite: command line.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "apply/applier.h"
#include "discover/project_config.h"
#include "envkit/registry.h"
#include "format/touched_format.h"
#include "output/output.h"
#include "pr/pr_builder.h"
#include "session.h"
#include "write/writers.h"

namespace fs = std::filesystem;
using namespace envrewrite;

namespace {

const char* kHelp = R"(usage: envrewrite [options] PATH...
       envrewrite pr BRANCH [options] PATH...     (same as --branch BRANCH)

Migrates a C/C++ tree to its configuration registry: reads of registry variables
become typed accessor calls, legacy names become canonical ones, branches of removed
build flags go, and scripts, .env files, CMake files and Makefiles follow. Sites are
found by envscan; a site is rewritten only when the rewrite is provably the same for
valid values, otherwise it is left alone and listed for review with the reason.

By default nothing is written: the changes are printed as a unified diff (stdout) and
the sites left for review as notes (stderr). --apply writes them.

rules (in the order they run; --rule NAME, repeatable, selects some):
  remove-dead-flag       a removed build flag with a fixed value: dead #if/#ifdef/
                         #ifndef/#elif/#else arms go, live arms stay (as unifdef)
  getenv-to-accessor     atoi(getenv("X")), s ? atoi(s) : 64 across statements,
                         strtol/strtoul/strtod, presence tests, strcmp(s, "1") == 0,
                         s && *s == '1', through wrappers and macros -> accessor().
                         Refused (listed) when the idiom does not fit the registry type
                         or the code's default differs from the registry's
  alias-to-canonical     "LEGACY_NAME" -> "CANONICAL_NAME" where still read directly
  accessor-rename        old_accessor() -> new_accessor() (registry former_accessors)
  scripts-and-env-files  LEGACY=1 ./bench, export LEGACY=1, -DREMOVED_FLAG=0
  The accessor header is included once per file that needs it, in include order.

The registry is found like envscan finds it: .envscan.json searched upward from PATH
and the current directory ({"registry": "allocator/config/registry.json"}), or
--registry.

options:
  --apply             write the changes (atomic per file; verified, else rolled back)
  --rule NAME         run only this rule (repeatable)
  --registry FILE     the registry (overrides .envscan.json)
  -p BUILD_DIR        use BUILD_DIR/compile_commands.json
  --export-fixes FILE write the edits as a clang-apply-replacements YAML fix file
  --branch NAME       create git branch NAME with one commit per rule and a PR
                      description (refuses a dirty work tree; never pushes)
  --split             with --branch: one commit per rule and layer
  --pr-body FILE      where the PR description goes (default: .git/envrewrite/NAME.md)
  --today YYYY-MM-DD  date for alias sunsets (default: today, UTC)
  --root DIR          paths in output relative to DIR (default: .envscan.json's dir)
  -j N                parallel jobs for the scan
  --resource-dir DIR  clang builtin headers
  -q, --quiet         no review notes
  --list-rules        print the rules and exit
  --help, --version

safety: with --apply every file is checked first (inside PATH once symlinks are
resolved, unchanged since it was read), then replaced through a temporary file made
by mkstemp beside it and renamed over it, mode kept. Then every touched translation
unit is parsed again (no new errors allowed) and envscan runs again (the inventory
must change exactly as planned); on any failure every file is restored and the
reason printed. A second run makes no change.

exit codes:
  0  nothing to change, or the changes were applied (and verified)
  1  dry run: changes are pending (the diff was printed)
  2  usage error, fatal input error, or --apply refused or rolled back

examples:
  envrewrite src/                       what would change, as a diff
  envrewrite --apply src/               apply, verify, keep or roll back
  envrewrite --rule remove-dead-flag src/
  envrewrite --export-fixes fixes.yaml src/ && clang-apply-replacements .
  envrewrite pr config-migration src/   a branch, one commit per rule, a PR body
)";

struct Args {
  std::vector<std::string> paths, rules;
  std::string registry, build_dir, export_fixes, branch, pr_body, today, root, resource_dir;
  bool apply = false, split = false, quiet = false;
  unsigned jobs = 0;
};

int usage_error(const std::string& msg) {
  std::cerr << "envrewrite: error: " << msg << "\n(see envrewrite --help)\n";
  return 2;
}

std::optional<int> parse_args(int argc, char** argv, Args& a) {
  std::vector<std::string> v(argv + 1, argv + argc);
  if (!v.empty() && v[0] == "pr") {
    if (v.size() < 2) return usage_error("pr needs a BRANCH name");
    a.branch = v[1];
    v.erase(v.begin(), v.begin() + 2);
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string& s = v[i];
    auto value = [&](const std::string& opt) -> std::optional<std::string> {
      if (s.size() > opt.size() && s.rfind(opt + "=", 0) == 0) return s.substr(opt.size() + 1);
      if (opt.size() == 2 && s.size() > 2 && s.rfind(opt, 0) == 0) return s.substr(2);
      if (i + 1 >= v.size()) return std::nullopt;
      return v[++i];
    };
    auto is = [&](const std::string& opt) {
      return s == opt || s.rfind(opt + "=", 0) == 0 || (opt.size() == 2 && s.rfind(opt, 0) == 0 && s.size() > 2);
    };
    if (s == "--help" || s == "-h") {
      std::cout << kHelp;
      return 0;
    }
    if (s == "--version") {
      std::cout << "envrewrite " << ENVREWRITE_VERSION << "\n";
      return 0;
    }
    if (s == "--list-rules") {
      for (const auto& r : all_rules()) std::cout << r.name << "\t" << r.summary << "\n";
      return 0;
    }
    if (s == "--apply") { a.apply = true; continue; }
    if (s == "--split") { a.split = true; continue; }
    if (s == "-q" || s == "--quiet") { a.quiet = true; continue; }
    std::string* target = nullptr;
    std::string name;
    if (is("--registry")) { target = &a.registry; name = "--registry"; }
    else if (is("-p")) { target = &a.build_dir; name = "-p"; }
    else if (is("--export-fixes")) { target = &a.export_fixes; name = "--export-fixes"; }
    else if (is("--branch")) { target = &a.branch; name = "--branch"; }
    else if (is("--pr-body")) { target = &a.pr_body; name = "--pr-body"; }
    else if (is("--today")) { target = &a.today; name = "--today"; }
    else if (is("--root")) { target = &a.root; name = "--root"; }
    else if (is("--resource-dir")) { target = &a.resource_dir; name = "--resource-dir"; }
    if (target) {
      auto val = value(name);
      if (!val || val->empty()) return usage_error(name + " needs a value");
      *target = *val;
      continue;
    }
    if (is("--rule")) {
      auto val = value("--rule");
      if (!val) return usage_error("--rule needs a rule name");
      bool known = false;
      for (const auto& r : all_rules()) known = known || r.name == *val;
      if (!known) return usage_error("unknown rule '" + *val + "' (see --list-rules)");
      a.rules.push_back(*val);
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
  if (a.paths.empty()) return usage_error("no PATH to rewrite");
  if (a.split && a.branch.empty()) return usage_error("--split needs --branch");
  return std::nullopt;
}

std::string command_line(int argc, char** argv) {
  std::string s = "envrewrite";
  for (int i = 1; i < argc; ++i) s += std::string(" ") + argv[i];
  return s;
}

std::string layer_of(const envkit::Registry& reg, const Edit& e) {
  if (auto* v = reg.find_variable(e.variable)) return v->layer;
  if (reg.find_flag(e.variable)) return "build";
  auto info = reg.lookup(e.variable, envkit::Date{9999, 12, 31});
  if (info.variable) return info.variable->layer;
  return "other";
}

Plan only_layer(const Plan& p, const envkit::Registry& reg, const std::string& layer) {
  Plan out;
  // An edit without a variable (an include) follows the file's other edits.
  std::set<std::string> files;
  for (const auto& e : p.edits)
    if (!e.variable.empty() && layer_of(reg, e) == layer) files.insert(e.file);
  for (const auto& e : p.edits)
    if (e.variable.empty() ? files.count(e.file) > 0 : layer_of(reg, e) == layer) out.edits.push_back(e);
  return out;
}

int run_branch(const Args& a, Session& session, const envkit::Registry& reg, const std::string& root,
               const std::string& command) {
  std::string out;
  if (git(root, {"rev-parse", "--show-toplevel"}, &out) != 0)
    return usage_error(root + " is not inside a git work tree");
  std::string top = out.substr(0, out.find('\n'));
  if (git(top, {"status", "--porcelain", "--untracked-files=no"}, &out) != 0 || !out.empty()) {
    std::cerr << "envrewrite: error: the work tree has uncommitted changes; commit or stash them first\n";
    return 2;
  }
  std::string original;
  git(top, {"rev-parse", "--abbrev-ref", "HEAD"}, &original);
  original = original.substr(0, original.find('\n'));
  if (git(top, {"rev-parse", "--verify", "--quiet", "refs/heads/" + a.branch}) == 0) {
    std::cerr << "envrewrite: error: branch " << a.branch << " already exists\n";
    return 2;
  }
  if (git(top, {"checkout", "-q", "-b", a.branch}) != 0) {
    std::cerr << "envrewrite: error: cannot create branch " << a.branch << "\n";
    return 2;
  }
  auto abandon = [&](const std::string& why) {
    std::cerr << "envrewrite: error: " << why << "\nbranch " << a.branch << " deleted; back on " << original << "\n";
    git(top, {"reset", "-q", "--hard"});
    git(top, {"checkout", "-q", original});
    git(top, {"branch", "-q", "-D", a.branch});
    return 2;
  };
  std::vector<CommitRecord> commits;
  std::vector<Review> left;
  for (const auto& rule : all_rules()) {
    if (!a.rules.empty() && std::find(a.rules.begin(), a.rules.end(), rule.name) == a.rules.end()) continue;
    std::vector<std::string> layers = {""};
    if (a.split) {
      std::set<std::string> ls;
      for (const auto& e : session.plan({rule.name}).edits)
        if (!e.variable.empty()) ls.insert(layer_of(reg, e));
      layers.assign(ls.begin(), ls.end());
    }
    for (const auto& layer : layers) {
      CommitRecord c;
      c.rule = rule.name;
      c.layer = layer;
      c.summary = rule.summary;
      std::set<std::string> files;
      for (int round = 0; round < 4; ++round) {
        Plan p = layer.empty() ? session.plan({rule.name}) : only_layer(session.plan({rule.name}), reg, layer);
        if (p.edits.empty()) break;
        ApplyResult r = session.apply(p);
        if (!r.ok) return abandon(rule.name + ": " + r.reason);
        c.edits.insert(c.edits.end(), p.edits.begin(), p.edits.end());
        for (const auto& rv : p.reviews)
          if (rv.kind == "note" || rv.kind == "removed-name") c.notes.push_back(rv);
        files.insert(r.files.begin(), r.files.end());
        if (c.verification.find(r.verification) == std::string::npos) c.verification += r.verification;
      }
      if (files.empty()) continue;
      c.files.assign(files.begin(), files.end());
      std::vector<std::string> add = {"add", "--"};
      for (const auto& f : c.files) add.push_back((fs::path(root) / f).string());
      if (git(top, add) != 0) return abandon("git add failed");
      fs::path msg_file = fs::temp_directory_path() / ("envrewrite-msg-" + std::to_string(::getpid()));
      {
        std::ofstream m(msg_file);
        m << commit_message(c, command);
      }
      int rc = git(top, {"commit", "-q", "-F", msg_file.string()});
      fs::remove(msg_file);
      if (rc != 0) return abandon("git commit failed");
      git(top, {"rev-parse", "HEAD"}, &c.hash);
      c.hash = c.hash.substr(0, c.hash.find('\n'));
      commits.push_back(std::move(c));
    }
  }
  Plan again = session.plan(a.rules);
  left = again.reviews;
  std::string body = pr_description(a.branch, command, commits, left);
  body += again.edits.empty() ? "- a second run of the same command changes nothing (checked).\n"
                              : "- a second run would still make " + std::to_string(again.edits.size()) +
                                    " edit(s); see the review list.\n";
  std::string body_path = a.pr_body;
  if (body_path.empty()) {
    std::string gitdir;
    git(top, {"rev-parse", "--absolute-git-dir"}, &gitdir);
    gitdir = gitdir.substr(0, gitdir.find('\n'));
    fs::create_directories(fs::path(gitdir) / "envrewrite");
    body_path = (fs::path(gitdir) / "envrewrite" / (a.branch + ".md")).string();
  }
  {
    std::ofstream out_body(body_path);
    out_body << body;
    if (!out_body) return abandon("cannot write " + body_path);
  }
  std::cout << "branch " << a.branch << ": " << commits.size() << " commit(s); PR description in " << body_path << "\n";
  if (!a.quiet) std::cerr << review_lines(left);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (auto rc = parse_args(argc, argv, a)) return *rc;
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
  auto cfg = envscan::find_project_config(starts, cfg_error);
  if (!cfg) {
    std::cerr << cfg_error.str() << "\n";
    return 2;
  }
  std::string registry_path = !a.registry.empty() ? a.registry : cfg->registry;
  if (registry_path.empty())
    return usage_error("no registry: pass --registry FILE or add .envscan.json with \"registry\"");
  std::vector<envkit::Diagnostic> diags;
  auto registry = envkit::Registry::load(registry_path, diags);
  for (const auto& d : diags) std::cerr << d.str() << "\n";
  if (!registry) {
    std::cerr << "envrewrite: error: cannot use registry " << registry_path << "\n";
    return 2;
  }
  std::string root = !a.root.empty() ? fs::absolute(a.root).lexically_normal().string()
                     : !cfg->root.empty() ? cfg->root
                                          : fs::current_path().string();
  SessionOptions so;
  for (const auto& p : a.paths) {
    std::string abs = fs::absolute(p).lexically_normal().string();
    if (abs.size() > 1 && abs.back() == '/') abs.pop_back();
    so.paths.push_back(abs);
  }
  so.root = root;
  so.build_dir = !a.build_dir.empty() ? a.build_dir : cfg->build_dir;
  if (a.build_dir.empty() && !so.build_dir.empty() && !fs::exists(fs::path(so.build_dir) / "compile_commands.json"))
    so.build_dir.clear();
  so.exclude = cfg->exclude;
  so.jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  so.resource_dir = a.resource_dir;
  so.registry = &*registry;
  so.today = date;
  Session session(so);
  if (std::string err = session.scan(); !err.empty()) {
    std::cerr << "envrewrite: error: " << err << "\n";
    return 2;
  }
  std::string command = command_line(argc, argv);
  if (!a.branch.empty()) return run_branch(a, session, *registry, root, command);

  Plan plan = session.plan(a.rules);
  if (!a.export_fixes.empty()) {
    std::string err = envscan::write_file_atomic(a.export_fixes, fixes_yaml(plan, fs::current_path().string()));
    if (!err.empty()) {
      std::cerr << "envrewrite: error: " << err << "\n";
      return 2;
    }
  }
  if (!a.quiet) std::cerr << review_lines(plan.reviews);
  if (!a.apply) {
    const Context& ctx = session.context();
    // The diff shows what --apply writes, clang-format on touched lines included.
    for (const auto& w : session.writes_of(plan)) {
      std::vector<const Edit*> edits;
      for (const auto& [file, list] : by_file(plan))
        if (file == w.path) edits = list;
      Edit whole = whole_change(w.path, w.before, w.after);
      if (w.after != apply_edits(w.before, edits)) edits = {&whole};
      std::cout << unified_diff(ctx.rel(w.path), w.before, edits);
    }
    std::cout.flush();
    return plan.edits.empty() ? 0 : 1;
  }
  // Each rule applies on the result of the one before (a branch that remove-dead-flag
  // keeps is live for getenv-to-accessor), so one --apply leaves nothing for a second.
  unsigned total = 0;
  std::set<std::string> files;
  std::vector<Review> reviews;
  for (const auto& rule : all_rules()) {
    if (!a.rules.empty() && std::find(a.rules.begin(), a.rules.end(), rule.name) == a.rules.end()) continue;
    // Again while it changes something: a read nested in another's fallback
    // (`getenv("NEW") ? ... : getenv("OLD") ? ... : 64`) migrates from the inside out.
    for (int round = 0; round < 4; ++round) {
      Plan p = session.plan({rule.name});
      if (p.edits.empty()) break;
      std::size_t n = p.edits.size();
      ApplyResult r = session.apply(p);
      if (!r.ok) {
        std::cerr << "envrewrite: error: " << rule.name << ": not applied: " << r.reason << "\n";
        return 2;
      }
      total += static_cast<unsigned>(n);
      files.insert(r.files.begin(), r.files.end());
    }
  }
  std::cerr << "envrewrite: applied " << total << " edit(s) to " << files.size() << " file(s); verified\n";
  return 0;
}
