// The list of rules (documentation order) and the helpers they share.
#include <algorithm>
#include <filesystem>

#include "check/rule.h"
#include "check/rules/rules.h"
#include "discover/discovery.h"

namespace envscan {

const std::vector<const Rule*>& all_rules() {
  using namespace rules;
  static const std::vector<const Rule*> list = {
      &undocumented_env,    &removed_env_read,   &deprecated_env_read, &past_sunset,
      &raw_env_read,        &dead_registry_entry, &dead_flag,          &undocumented_flag,
      &removed_flag,        &duplicate_name,     &default_mismatch,    &type_mismatch,
      &docs_stale,          &preset_unknown_var, &preset_out_of_range, &script_unknown_var,
      &malformed_suppression, &unused_suppression};
  return list;
}

const Rule* find_rule(const std::string& id) {
  for (const Rule* r : all_rules())
    if (id == r->id) return r;
  return nullptr;
}

CheckFinding finding_at_site(const char* rule, const ReadSite& site, const std::string& name, std::string message,
                             std::vector<std::string> notes) {
  CheckFinding f;
  f.file = site.loc.file;
  f.line = site.loc.line;
  f.column = site.loc.column;
  f.rule = rule;
  f.name = name;
  f.function = site.function;
  f.message = std::move(message);
  f.notes = std::move(notes);
  return f;
}

CheckFinding finding_in_registry(const CheckContext& ctx, const char* rule, const std::string& pointer,
                                 const std::string& name, std::string message, std::vector<std::string> notes) {
  CheckFinding f;
  f.file = ctx.inv ? ctx.inv->registry : registry_display(ctx);
  if (f.file.empty()) f.file = registry_display(ctx);
  if (ctx.registry && !pointer.empty()) {
    envkit::TextPos pos = ctx.registry->position_of(pointer);
    f.line = static_cast<unsigned>(std::max(0, pos.line));
    f.column = static_cast<unsigned>(std::max(0, pos.column));
  }
  f.rule = rule;
  f.name = name;
  f.message = std::move(message);
  f.notes = std::move(notes);
  return f;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string nearest_registered_name(const envkit::Registry& reg, const std::string& name) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, name.size() / 5) + 1;
  for (const auto& v : reg.variables) {
    std::size_t d = edit_distance(name, v.name);
    if (d < best_d || (d == best_d && !best.empty() && v.name < best)) {
      if (d < best_d) best_d = d;
      best = v.name;
    }
  }
  return best;
}

std::string rel_path(const CheckContext& ctx, const std::string& abs) { return relative_to(abs, ctx.root); }

std::string registry_display(const CheckContext& ctx) {
  return ctx.registry_path.empty() ? "the registry" : rel_path(ctx, ctx.registry_path);
}

std::string regenerate_command(const CheckContext& ctx) {
  if (!ctx.config.regenerate.empty()) return ctx.config.regenerate;
  const auto& c = ctx.config;
  if (c.docs_header.empty() && c.docs_configuration.empty() && c.docs_deprecated.empty() && c.docs_build_flags.empty())
    return "";
  std::string cmd = "envgen --registry " + registry_display(ctx);
  if (!c.presets.empty()) cmd += " --presets " + rel_path(ctx, c.presets);
  if (!c.docs_header.empty()) cmd += " --header " + rel_path(ctx, c.docs_header);
  if (!c.docs_configuration.empty()) cmd += " --configuration " + rel_path(ctx, c.docs_configuration);
  if (!c.docs_deprecated.empty()) cmd += " --deprecated " + rel_path(ctx, c.docs_deprecated);
  if (!c.docs_build_flags.empty()) cmd += " --build-flags " + rel_path(ctx, c.docs_build_flags);
  return cmd;
}

std::string then_regenerate(const CheckContext& ctx) {
  std::string cmd = regenerate_command(ctx);
  return cmd.empty() ? "" : ", then regenerate the documents: " + cmd;
}

}  // namespace envscan
