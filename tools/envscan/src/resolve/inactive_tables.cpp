#include "resolve/inactive_tables.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "resolve/value_solver.h"

namespace envscan {
namespace {

bool inside(const std::vector<std::pair<unsigned, unsigned>>& ranges, unsigned offset) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const auto& r) { return r.first <= offset && offset < r.second; });
}

const CallRecord* same_call(const AstFileResult* r, const CallRecord& rec) {
  if (!r) return nullptr;
  for (const CallRecord& c : r->calls)
    if (c.offset == rec.offset && c.callee == rec.callee) return &c;
  return nullptr;
}

std::vector<std::string> minus(const std::vector<std::string>& all, const std::vector<std::string>& some) {
  std::vector<std::string> out;
  for (const auto& v : all)
    if (std::find(some.begin(), some.end(), v) == some.end() && v.find(kWildcard) == std::string::npos) out.push_back(v);
  return out;
}

}  // namespace

bool has_inactive_table_entries(const RawFile& raw, const AstFileResult& ast) {
  if (!ast.ran || ast.skipped.empty()) return false;
  return std::any_of(raw.listed_names.begin(), raw.listed_names.end(),
                     [&](const auto& l) { return inside(ast.skipped, l.first); });
}

void add_inactive_table_reads(const ResolveInput& in, const std::map<std::string, const AstFileResult*>& retained,
                              Findings& out) {
  if (retained.empty()) return;
  // Where each such entry sits: the first inactive table entry with that text.
  std::map<std::string, std::pair<const RawFile*, unsigned>> entry;
  for (const RawFile* raw : in.raw) {
    auto a = in.ast.find(raw->path);
    if (a == in.ast.end() || !retained.count(raw->path)) continue;
    for (const auto& [offset, text] : raw->listed_names)
      if (inside(a->second->skipped, offset)) entry.emplace(text, std::make_pair(raw, offset));
  }
  if (entry.empty()) return;

  std::vector<const AstFileResult*> parsed;
  ValueSolver active, every;
  for (const auto& [path, r] : in.ast) {
    parsed.push_back(r);
    for (const ValueFact& f : r->facts) {
      active.add(f);
      every.add(f);
    }
  }
  for (const auto& [path, r] : retained)
    for (const ValueFact& f : r->facts) every.add(f);
  const std::map<std::string, WrapperInfo> wrappers = find_wrappers(parsed);

  std::set<std::tuple<std::string, unsigned, std::string>> known;
  for (const ReadSite& s : out.reads) known.insert({s.loc.file, s.loc.offset, s.name});

  for (const RawFile* raw : in.raw) {
    auto a = in.ast.find(raw->path);
    if (a == in.ast.end()) continue;
    auto r = retained.find(raw->path);
    const AstFileResult* kept = r == retained.end() ? nullptr : r->second;
    for (const CallRecord& rec : a->second->calls) {
      auto w = wrappers.find(rec.callee);
      if (w == wrappers.end() || w->second.name_param >= rec.args.size()) continue;
      const ArgInfo& arg = rec.args[w->second.name_param];
      std::vector<std::string> extra;
      std::string from;
      if (arg.kind == ArgInfo::Array) {
        const CallRecord* again = same_call(kept, rec);
        if (!again || w->second.name_param >= again->args.size()) continue;
        extra = minus(again->args[w->second.name_param].names, arg.names);
        from = "array:" + arg.from;
      } else if (arg.kind == ArgInfo::Unknown && arg.term) {
        extra = minus(every.values(*arg.term), active.values(*arg.term));
        from = "flow";
      }
      for (const std::string& v : extra) {
        auto where = entry.find(v);
        std::string name = wrapped_name(w->second, v);
        if (where == entry.end() || !identifier_name(name)) continue;  // only names placed in an off arm
        Location loc{raw->rel, rec.line, rec.column, rec.offset};
        if (!known.insert({loc.file, loc.offset, name}).second) continue;
        ReadSite s;
        s.name = name;
        s.loc = loc;
        s.function = display_name(rec.function);
        s.via = w->second.base ? "direct" : "wrapper:" + display_name(rec.callee);
        s.name_from = from;
        apply_use(rec, w->second, s);
        s.condition_arms = raw->conditions_at(rec.offset);
        for (auto& c : where->second.first->conditions_at(where->second.second)) s.condition_arms.push_back(c);
        s.condition = join_conditions(s.condition_arms);
        s.live = false;
        out.reads.push_back(std::move(s));
      }
    }
  }
}

}  // namespace envscan
