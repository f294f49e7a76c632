// Solves terms (term.h) to the names they can hold, over facts gathered from every
// parsed file: what each function parameter receives at its call sites, what each struct
// field and global is initialised or assigned with, what each function returns.
// Field-sensitive and whole-program, with a bound on work: a value set holds at most
// kMaxValues names, and a part that stays unknown becomes a wildcard.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "resolve/term.h"

namespace envscan {

// One fact: the symbol (Param/Field/Global/Return with its key and index) can hold `value`.
struct ValueFact {
  Term::Kind kind = Term::Kind::Global;
  std::string key;
  unsigned index = 0;
  Term value;
};

// The identity of a symbol (Param/Field/Global/Return with its key and index).
std::string symbol_key(Term::Kind kind, const std::string& key, unsigned index);

// A solved value: literal text where every unknown part is kWildcard.
inline constexpr char kWildcard = '\x01';

class ValueSolver {
 public:
  static constexpr std::size_t kMaxValues = 64;

  void add(const ValueFact& f);
  // Every value `t` can hold (deduplicated, sorted). Empty when nothing is known at all.
  std::vector<std::string> values(const Term& t);

 private:
  std::set<std::string> eval(const Term& t, unsigned depth);
  std::set<std::string> symbol(const Term& t, unsigned depth);

  std::map<std::string, std::vector<Term>> facts_;
  std::map<std::string, std::set<std::string>> memo_;
  std::set<std::string> busy_;
  std::size_t work_ = 0;
};

// "PFX_\x01" -> "PFX_*"
std::string wildcard_pattern(const std::string& value);

}  // namespace envscan
