// accessor-rename: when the registry renames or merges a setting, every use of an
// accessor listed in `former_accessors` becomes the current accessor.
#include "rules/context.h"

namespace envrewrite {

void accessor_rename(const Context& ctx, Plan& plan) {
  std::map<std::string, const envkit::Variable*> renamed;
  for (const auto& v : ctx.registry->variables)
    for (const auto& old : v.former_accessors) renamed[old] = &v;
  if (renamed.empty()) return;
  for (const auto& abs : ctx.sources) {
    if (ctx.is_accessor_header(abs)) continue;
    const std::string& text = ctx.text(abs);
    bool mentions = false;
    for (const auto& [old, v] : renamed)
      if (text.find(old) != std::string::npos) mentions = true;
    if (!mentions) continue;
    for (const auto& t : c_tokens(text)) {
      if (t.kind != CToken::Ident) continue;
      auto it = renamed.find(t.text);
      if (it == renamed.end()) continue;
      Edit e;
      e.file = abs;
      e.offset = t.offset;
      e.length = t.length;
      e.text = it->second->accessor;
      e.rule = "accessor-rename";
      e.variable = it->second->name;
      e.from = t.text;
      e.to = e.text;
      e.message = t.text + "() is now " + e.text + "() (" + it->second->name + ")";
      plan.edits.push_back(e);
      plan.includes[abs] = ctx.registry->header;
    }
  }
}

}  // namespace envrewrite
