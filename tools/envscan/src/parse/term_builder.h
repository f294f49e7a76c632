// Builds the term (resolve/term.h) of an expression that carries a variable name, the
// way the code builds it: literals and named constants, `+` on strings, buffers filled
// by strcpy/strcat/snprintf/asprintf, std::string `+=`/append, ostringstream `<<`,
// string-builder objects of the project's own, case folding, and locals followed by
// reaching definitions (a value overwritten before the read is not reported). Also
// records the whole-program facts (value_solver.h) the terms refer to.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "resolve/term.h"
#include "resolve/value_solver.h"

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
class Decl;
class QualType;
}  // namespace clang

namespace envscan {

// The expression that carries a name once parentheses, casts, temporaries, string
// constructors and `.c_str()`/`.data()`/`.str()` are looked through.
const clang::Expr* strip_to_name(const clang::Expr* e);

// Is `t` a type that can carry a name: char pointers and arrays, std::string and
// string_view (by declaration, not by spelling), and wide strings?
bool is_string_type(clang::QualType t);

class TermBuilder {
 public:
  using KeyOf = std::function<std::string(const clang::FunctionDecl*)>;
  TermBuilder(clang::ASTContext& ctx, KeyOf key_of);
  ~TermBuilder();

  // The term of `e` as evaluated where it stands, inside `fn` (nullptr at file scope).
  Term build(const clang::Expr* e, const clang::FunctionDecl* fn);

  // Facts of the main file: field initialisers and assignments, arguments passed to the
  // tree's own functions, globals, return values.
  std::vector<ValueFact> facts(const clang::Decl* tu);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace envscan
