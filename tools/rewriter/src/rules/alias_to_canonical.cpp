// alias-to-canonical: a read of a legacy name becomes a read of its replacement. The
// literal naming the alias is renamed in every file where envscan saw the alias read;
// reads whose name is not written as a literal there (built by a macro) are listed.
#include "rules/context.h"

namespace envrewrite {

void alias_to_canonical(const Context& ctx, Plan& plan) {
  const auto& reg = *ctx.registry;
  const std::string rule = "alias-to-canonical";
  // file -> alias -> sites
  std::map<std::string, std::map<std::string, std::vector<const envscan::ReadSite*>>> files;
  for (const auto& site : ctx.findings->reads) {
    if (site.via == "accessor" || site.via == "constructed") continue;
    auto info = reg.lookup(site.name, ctx.today);
    if (info.kind != envkit::NameInfo::Kind::Alias || !info.variable) continue;
    files[ctx.abs(site.loc.file)][site.name].push_back(&site);
  }
  for (const auto& [abs, aliases] : files) {
    const std::string& text = ctx.text(abs);
    auto tokens = c_tokens(text);
    for (const auto& [alias, sites] : aliases) {
      auto info = reg.lookup(alias, ctx.today);
      const auto& var = *info.variable;
      if (!info.alias->value_map.empty()) {
        for (const auto* s : sites)
          plan.reviews.push_back({s->loc.file, s->loc.line, s->loc.column, rule, "value-map", var.name,
                                  alias + ": legacy values map to other values of " + var.name +
                                      "; renaming the read would change what the code sees"});
        continue;
      }
      std::set<unsigned> lines_done;
      for (const auto& t : tokens) {
        if (t.kind != CToken::String || t.text != alias) continue;
        Edit e;
        e.file = abs;
        e.offset = t.offset + 1;
        e.length = static_cast<unsigned>(alias.size());
        e.text = var.name;
        e.rule = rule;
        e.variable = var.name;
        e.from = alias;
        e.to = var.name;
        e.message = alias + " is a legacy name of " + var.name;
        plan.edits.push_back(e);
        lines_done.insert(line_col(text, t.offset).first);
      }
      for (const auto* s : sites)
        if (s->name_from.rfind("constant:", 0) != 0 && s->name_from.rfind("array:", 0) != 0 &&
            !lines_done.count(s->loc.line))
          plan.reviews.push_back({s->loc.file, s->loc.line, s->loc.column, rule, "macro-body", var.name,
                                  alias + ": the name is not written as a literal here (built by a macro?); "
                                          "rename it by hand to " + var.name});
    }
  }
}

}  // namespace envrewrite
