// The gate's driver: run the rules, then severities, suppressions and fingerprints.
#include "check/check.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "check/rule.h"
#include "check/suppress.h"
#include "discover/discovery.h"
#include "envkit/json_source.h"
#include "envkit/text_escape.h"

namespace fs = std::filesystem;

namespace envscan {
namespace {

bool is_script_like(const fs::path& p) {
  std::string name = p.filename().string(), ext = p.extension().string();
  return is_source_file(p.string()) || ext == ".sh" || ext == ".bash" || ext == ".env" || ext == ".envrc" ||
         name == ".env" || name.rfind(".env.", 0) == 0 || name == "CMakeLists.txt" || ext == ".cmake" ||
         name == "Makefile" || name == "GNUmakefile" || name == "makefile" || ext == ".mk";
}

std::string hex64(std::uint64_t v) {
  static const char* d = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = d[v & 15];
  return s;
}

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Line-independent identity: rule, name, file and function, plus the occurrence's rank
// among findings sharing them, so that edits elsewhere in a file keep it stable.
void fill_fingerprints(std::vector<CheckFinding>& out) {
  std::map<std::string, unsigned> seen;
  for (auto& f : out) {
    std::string key = f.rule + '\x1f' + f.name + '\x1f' + f.file + '\x1f' + f.function;
    unsigned rank = seen[key]++;
    f.fingerprint = hex64(fnv1a(key + '\x1f' + std::to_string(rank)));
  }
}

}  // namespace

std::vector<std::string> project_files(const CheckContext& ctx) {
  std::vector<std::string> out;
  auto consider = [&](const fs::path& p) {
    std::string rel = relative_to(p.string(), ctx.root);
    for (const auto& g : ctx.exclude)
      if (glob_match(g, rel)) return;
    bool listed = false;  // check.scripts: scripts without a telling name or extension
    for (const auto& g : ctx.config.scripts) listed = listed || glob_match(g, rel);
    if (listed || is_script_like(p)) out.push_back(rel);
  };
  for (const auto& start : ctx.paths) {
    std::error_code ec;
    if (fs::is_regular_file(start, ec)) {
      consider(start);
      continue;
    }
    fs::recursive_directory_iterator it(start, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const auto& p = it->path();
      if (it->is_directory(ec)) {
        if (p.filename() == ".git" || fs::exists(p / "CMakeCache.txt", ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) consider(p);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<CheckFinding> check_findings(CheckContext ctx) {
  if (ctx.files.empty()) ctx.files = project_files(ctx);
  std::vector<CheckFinding> out;
  for (const Rule* r : all_rules()) {
    auto level = ctx.config.severities.find(r->id);
    if (level != ctx.config.severities.end() && level->second == "off") continue;
    std::vector<CheckFinding> found;
    r->run(ctx, found);
    for (auto& f : found) f.rule = r->id;
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  std::vector<Suppression> sups;
  for (const auto& rel : ctx.files) {
    auto text = envkit::read_text_file((fs::path(ctx.root) / rel).string());
    if (!text || text->find("envscan: ignore") == std::string::npos) continue;
    auto found = parse_suppressions(rel, *text, out);
    sups.insert(sups.end(), found.begin(), found.end());
  }
  // Files the scan could not read or parse: the gate cannot vouch for them.
  for (const auto& d : ctx.inv->diagnostics)
    if (d.severity == "error") {
      CheckFinding f;
      f.file = d.file;
      f.line = d.line;
      f.column = d.column;
      f.severity = "error";
      f.message = d.message;
      f.rule = d.rule;
      f.name = d.file;
      out.push_back(std::move(f));
    }
  apply_suppressions(sups, out);
  std::vector<CheckFinding> kept;
  for (auto& f : out) {
    const Rule* r = find_rule(f.rule);
    auto level = ctx.config.severities.find(f.rule);
    f.severity = level != ctx.config.severities.end() ? level->second : r ? r->severity : "error";
    if (f.severity != "off") kept.push_back(std::move(f));
  }
  std::sort(kept.begin(), kept.end(), [](const CheckFinding& a, const CheckFinding& b) {
    return std::tie(a.file, a.line, a.column, a.rule, a.name, a.message) <
           std::tie(b.file, b.line, b.column, b.rule, b.name, b.message);
  });
  fill_fingerprints(kept);
  return kept;
}

std::string format_findings(const std::vector<CheckFinding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    std::string where = f.file;
    if (f.line) where += ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
    // File names and messages carry untrusted bytes: no raw control bytes to the terminal.
    where = envkit::printable(where);
    out += where + ": " + f.severity + ": " + envkit::printable(f.message) + " [" + f.rule + "]\n";
    for (const auto& n : f.notes) out += where + ": note: " + envkit::printable(n) + "\n";
  }
  return out;
}

}  // namespace envscan
