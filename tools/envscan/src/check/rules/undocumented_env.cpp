// undocumented-env: code reads a prefixed variable the registry does not declare.
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {

// The registry type a read's idiom suggests, for the declaration we propose.
const char* type_for_idiom(const std::string& idiom) {
  if (idiom == "presence" || idiom == "bool") return "bool";
  if (idiom == "atoi" || idiom == "strtol") return "int";
  if (idiom == "strtoul") return "uint";
  if (idiom == "strtod" || idiom == "atof") return "float";
  if (idiom == "enum-compare") return "enum";
  return "string";
}

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  for (const auto& v : ctx.inv->variables) {
    if (v.status != EntryStatus::Undocumented) continue;
    std::string reg = registry_display(ctx);
    for (const auto& s : v.sites) {
      std::vector<std::string> notes;
      if (ctx.registry) {
        std::string near = nearest_registered_name(*ctx.registry, v.name);
        if (!near.empty()) notes.push_back("did you mean " + near + "? (the closest registered name)");
      }
      std::string decl = "{\"name\": \"" + v.name + "\", \"type\": \"" + type_for_idiom(s.idiom) + "\"";
      if (s.default_value) decl += ", \"default\": " + *s.default_value;
      decl += ", \"layer\": ..., \"status\": \"active\", \"description\": ...}";
      notes.push_back("to declare it, add " + decl + " to variables[] in " + reg +
                      then_regenerate(ctx));
      out.push_back(finding_at_site("undocumented-env", s, v.name,
                                    "environment variable " + v.name + " is read but not declared in " + reg, notes));
    }
  }
}

}  // namespace

const Rule undocumented_env{
    "undocumented-env", "error", "Code reads a variable the registry does not declare.",
    "A read of a name with the registry's prefix that the registry neither declares, aliases nor lists as "
    "removed. Undeclared variables have no type, default, documentation or accessor. Fix: declare the "
    "variable in the registry and regenerate the documents (the note gives the declaration and the command), "
    "or correct the name when it is a typo (the note names the closest registered name).",
    "getenv(\"HAKMEM_NEW_THING\")", run};

}  // namespace envscan::rules
