// docs-stale: a generated document differs from what the registry generates today.
#include <filesystem>

#include "check/rules/rules.h"
#include "envgen/envgen.h"
#include "envkit/json_source.h"

namespace envscan::rules {
namespace {

unsigned first_difference(const std::string& a, const std::string& b) {
  unsigned line = 1;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) return line;
    if (a[i] == '\n') ++line;
  }
  return line;
}

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  const auto& c = ctx.config;
  if (!ctx.registry || ctx.registry_path.empty() ||
      (c.docs_configuration.empty() && c.docs_build_flags.empty() && c.docs_deprecated.empty() && c.docs_header.empty()))
    return;
  envgen::Inputs in;
  std::vector<envkit::Diagnostic> diags;
  auto report = [&](const std::string& abs, unsigned line, std::string msg) {
    CheckFinding f;
    f.file = rel_path(ctx, abs);
    f.line = line;
    f.column = line ? 1 : 0;
    f.name = f.file;
    f.message = std::move(msg);
    f.notes = {"regenerate the documents: " + regenerate_command(ctx)};
    out.push_back(std::move(f));
  };
  if (!envgen::load_inputs(ctx.registry_path, c.presets, in, diags)) {
    std::string why = diags.empty() ? "" : ": " + diags.front().str();
    report(ctx.registry_path, 0, "cannot render the generated documents" + why);
    return;
  }
  // Banners name the inputs as the regeneration command does: relative to the root.
  in.registry_display = rel_path(ctx, ctx.registry_path);
  in.presets_display = c.presets.empty() ? "" : rel_path(ctx, c.presets);
  for (auto& p : in.presets) p.file = rel_path(ctx, p.file);
  auto compare = [&](const std::string& path, const std::string& fresh) {
    if (path.empty()) return;
    auto have = envkit::read_text_file(path);
    if (!have) return report(path, 0, rel_path(ctx, path) + " is missing; it is generated from " + registry_display(ctx));
    if (*have == fresh) return;
    report(path, first_difference(*have, fresh),
           rel_path(ctx, path) + " is stale: it differs from what " + registry_display(ctx) + " generates");
  };
  if (!c.docs_header.empty()) {
    std::string header;
    if (envgen::render_header(in, header, diags)) compare(c.docs_header, header);
  }
  compare(c.docs_configuration, c.docs_configuration.empty() ? "" : envgen::render_configuration(in));
  compare(c.docs_build_flags, c.docs_build_flags.empty() ? "" : envgen::render_build_flags(in));
  compare(c.docs_deprecated, c.docs_deprecated.empty() ? "" : envgen::render_deprecated(in, ctx.date));
}

}  // namespace

const Rule docs_stale{
    "docs-stale", "error", "A generated document differs from the registry.",
    "The files generated from the registry (named under `check.docs` in .envscan.json: configuration, "
    "build_flags, deprecated, header) are compared with a fresh rendering. A registry change committed "
    "without its documents leaves users reading outdated descriptions, defaults and statuses. Fix: run the "
    "regeneration command the note gives (`check.regenerate`, or the envgen command line) and commit the "
    "result.",
    "a new variable in registry.json, CONFIGURATION.md unchanged", run};

}  // namespace envscan::rules
