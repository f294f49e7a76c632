// What every rule sees: the registry at a date, envscan's findings over the tree (sites,
// idioms, defaults, flag tests) and the located value shapes; and what every rule shares:
// file texts, the minimal C lexer used for names and identifiers.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "envkit/registry.h"
#include "locate/value_shapes.h"
#include "model.h"
#include "plan/plan.h"

namespace envrewrite {

struct Context {
  const envkit::Registry* registry = nullptr;
  envkit::Date today;
  std::string root;                       // absolute
  const envscan::Findings* findings = nullptr;
  std::map<std::string, std::string> abs_of;  // root-relative -> absolute
  std::map<std::string, std::string> rel_of;  // absolute -> root-relative
  std::map<std::string, FileShapes> shapes;   // absolute path -> located values
  std::vector<std::string> sources;           // C/C++ files scanned (absolute)
  std::vector<std::string> other_files;       // scripts, .env, CMake, Makefiles (absolute)

  // File text as read once; every edit and the changed-since-read check refer to it.
  const std::string& text(const std::string& abs) const;
  mutable std::map<std::string, std::string> texts;

  // The registry's accessor header is generated from the registry: no rule edits it.
  bool is_accessor_header(const std::string& abs) const {
    const std::string& h = registry->header;
    return !h.empty() && abs.size() > h.size() && abs.compare(abs.size() - h.size() - 1, std::string::npos, "/" + h) == 0;
  }

  std::string rel(const std::string& abs) const {
    auto it = rel_of.find(abs);
    return it == rel_of.end() ? abs : it->second;
  }
  std::string abs(const std::string& rel) const {
    auto it = abs_of.find(rel);
    return it == abs_of.end() ? rel : it->second;
  }
};

// A token of C source outside comments: identifiers and string literals, with offsets.
struct CToken {
  enum Kind { Ident, String } kind;
  unsigned offset = 0, length = 0;  // the whole token (quotes included for strings)
  std::string text;                 // identifier, or the literal's content without quotes
};
// Lexes `text` just enough to skip comments, character literals and directives' `#include <...>`.
std::vector<CToken> c_tokens(const std::string& text);

// A rule: one named unit that adds edits and review items to the plan.
struct Rule {
  std::string name;
  std::string summary;
  std::function<void(const Context&, Plan&)> run;
};

void getenv_to_accessor(const Context& ctx, Plan& plan);
void alias_to_canonical(const Context& ctx, Plan& plan);
void accessor_rename(const Context& ctx, Plan& plan);
void remove_dead_flag(const Context& ctx, Plan& plan);
void scripts_and_env_files(const Context& ctx, Plan& plan);
// Not a rule of its own: adds the accessor header, once per file, in include order.
void add_includes(const Context& ctx, Plan& plan);

// Every rule, in the order they run and commit.
const std::vector<Rule>& all_rules();

// True when `code_default` (a number as the code writes or evaluates it) equals the
// registry's default for `var`; `shown` gets the registry default as text.
bool same_default(const envkit::Registry& reg, const envkit::Variable& var, const std::string& code_default,
                  std::string& shown);

}  // namespace envrewrite
