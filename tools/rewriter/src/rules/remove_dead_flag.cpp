// remove-dead-flag: a build flag the registry marks removed with a fixed value no longer
// varies, so its dead branches go and its live branches stay, as unifdef would do it.
#include <cstdlib>

#include "rules/context.h"
#include "rules/unifdef.h"

namespace envrewrite {

void remove_dead_flag(const Context& ctx, Plan& plan) {
  std::map<std::string, std::optional<long long>> fixed;
  for (const auto& f : ctx.registry->build_flags) {
    if (f.status != envkit::Status::Removed || !f.fixed) continue;
    if (*f.fixed == "undefined") {
      fixed[f.name] = std::nullopt;
    } else {
      char* end = nullptr;
      long long v = std::strtoll(f.fixed->c_str(), &end, 0);
      if (*end) continue;
      fixed[f.name] = v;
    }
  }
  if (fixed.empty()) return;
  std::set<std::string> files;
  for (const auto& t : ctx.findings->flag_tests)
    if (fixed.count(t.name)) files.insert(ctx.abs(t.loc.file));
  for (const auto& abs : files) {
    const std::string& text = ctx.text(abs);
    UnifdefResult r = unifdef(text, fixed);
    if (!r.error.empty()) {
      plan.reviews.push_back({ctx.rel(abs), 0, 0, "remove-dead-flag", "not-understood", "",
                              "conditionals not balanced (" + r.error + "); file left alone"});
      continue;
    }
    std::string flags;
    for (const auto& d : r.decided) flags += (flags.empty() ? "" : ", ") + d;
    for (const auto& c : r.changes) {
      Edit e;
      e.file = abs;
      e.offset = c.offset;
      e.length = c.length;
      e.text = c.text;
      e.rule = "remove-dead-flag";
      e.variable = r.decided.size() == 1 ? r.decided.front() : flags;
      e.from = flags;
      e.sites = 0;
      e.message = "branches decided by the removed flag(s) " + flags;
      plan.edits.push_back(e);
    }
  }
}

}  // namespace envrewrite
