// A name as the code builds it: literals, concatenations, alternatives, and the
// symbolic places a value comes from (a function's parameter, a struct field, a global,
// a function's return value). The AST collectors record terms; the value solver
// (value_solver.h) turns them into the names they can hold, over the whole tree.
#pragma once

#include <string>
#include <vector>

namespace envscan {

struct Term {
  enum class Kind : unsigned char {
    Lit,      // key: the text
    Cat,      // kids, in order
    Alt,      // kids: any one of them
    Param,    // key: function key, index: parameter
    Field,    // key: "Record::field"
    Global,   // key: variable key (its initialisers and assignments)
    Return,   // key: function key (its return statements)
    Int,      // a number formatted into the name; lo..hi-1 when known (hi > lo)
    Upper,    // kids[0] upper-cased
    Lower,    // kids[0] lower-cased
    Unknown,  // key: source text, for messages
  };
  Kind kind = Kind::Unknown;
  std::string key;
  unsigned index = 0;
  long long lo = 0, hi = 0;
  std::vector<Term> kids;

  static Term lit(std::string s) { return Term{Kind::Lit, std::move(s), 0, 0, 0, {}}; }
  static Term unknown(std::string text = {}) { return Term{Kind::Unknown, std::move(text), 0, 0, 0, {}}; }
  static Term symbol(Kind k, std::string key, unsigned index = 0) { return Term{k, std::move(key), index, 0, 0, {}}; }
  static Term integer(long long lo = 0, long long hi = 0) { return Term{Kind::Int, {}, 0, lo, hi, {}}; }
  static Term cat(std::vector<Term> parts);  // flattens, merges adjacent literals
  static Term alt(std::vector<Term> options);  // flattens, drops duplicates
  static Term fold(Kind k, Term inner);      // Upper / Lower

  bool is_unknown() const { return kind == Kind::Unknown; }
  std::size_t size() const;  // nodes, to bound work
  // Every alternative is literal text: the strings it can be.
  bool literal_only(std::vector<std::string>& out) const;
  bool operator==(const Term& o) const;
};

}  // namespace envscan
