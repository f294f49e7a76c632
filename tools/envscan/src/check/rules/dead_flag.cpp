// dead-flag: a build flag that is tested but never defined, or declared but never tested.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& f : ctx.inv->build_flags) {
    if (f.status != EntryStatus::Dead) continue;
    std::string msg = "build flag " + f.name + " is dead: " + f.evidence.detail;
    if (f.tested_at.empty()) {
      out.push_back(finding_in_registry(ctx, "dead-flag", f.pointer, f.name, msg,
                                        {"remove it from build_flags[] in " + registry_display(ctx)}));
      continue;
    }
    for (const auto& t : f.tested_at) {
      CheckFinding c;
      c.file = t.loc.file;
      c.line = t.loc.line;
      c.column = t.loc.column;
      c.name = f.name;
      c.message = msg;
      c.notes = {"fix: envrewrite --rule remove-dead-flag " + t.loc.file};
      out.push_back(std::move(c));
    }
  }
}

}  // namespace

const Rule dead_flag{
    "dead-flag", "warning", "A build flag is tested but never defined, or declared but never tested.",
    "A macro tested by `#if`/`#ifdef` that no `#define`, `-D`, CMake or Makefile defines (its code can never "
    "be compiled), or a registry build flag no code tests. Fix: `envrewrite --rule remove-dead-flag FILE` "
    "removes the dead branches; remove unused declarations from the registry.",
    "#ifdef HAKMEM_NEVER_DEFINED", run};

}  // namespace envscan::rules
