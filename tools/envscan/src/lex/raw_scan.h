// The raw-lexer pass: runs on every file, needs no compile command and never fails.
// It sees what the AST cannot: every arm of every #if, including inactive ones.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "lex/identifier_set.h"
#include "lex/raw_tables.h"

#include "model.h"

namespace envscan {

// One arm of a conditional: [begin, end) byte offsets and the condition under which
// the arm's text is compiled (negations of earlier arms included).
struct ConditionalArm {
  unsigned begin = 0, end = 0;
  std::string condition;
  unsigned depth = 0;   // 1 for outermost
  bool guard = false;   // the include guard's arm: not a presence condition
};

struct RawToken {
  enum Kind : unsigned char { Ident, String, Char, Number, Punct, Other } kind = Other;
  std::string text;  // identifier name, unquoted string content, or spelling
  unsigned offset = 0;
};

// A #define / #undef line.
struct RawDefine {
  std::string name;
  bool undef = false;
  bool function_like = false;
  std::vector<std::string> params;
  std::vector<RawToken> body;
  unsigned offset = 0;
};

// `callee ( args )` outside directives; args split at top-level commas.
struct RawCall {
  std::string callee;
  unsigned offset = 0;
  std::vector<std::vector<RawToken>> args;
};

struct FunctionSpan {
  std::string name;
  unsigned begin = 0, end = 0;
  std::vector<std::string> params;  // parameter names, in order ("" where unnamed)
};

struct RawTest {  // a macro tested by a conditional directive
  std::string name;
  unsigned offset = 0;
  std::string directive;
  std::string expression;
};

struct RawFile {
  std::string path;      // as given to the scanner (absolute)
  std::string rel;       // relative to the report root
  std::vector<unsigned> line_starts;
  std::vector<ConditionalArm> arms;
  std::vector<RawTest> tests;
  std::vector<RawDefine> defines;
  std::vector<RawCall> calls;
  std::vector<FunctionSpan> functions;
  IdentifierSet called;                  // identifiers followed by '('
  std::set<std::string> string_words;    // string literals that look like variable names
  IdentifierSet identifiers;             // every identifier outside directives (data-flow triggers)
  std::map<std::string, std::string> string_constants;
  std::vector<std::pair<unsigned, std::string>> listed_names;  // identifier-like strings in brace lists  // `k_name[] = "X"` / `*k = "X"`
  RawTables tables;                      // string tables written as data, for table walks
  std::string include_guard;
  std::vector<std::string> system_includes;  // `#include <x>` names (platform knowledge comes from them)
  bool unbalanced = false;               // #endif without #if, or #if left open
  bool cxx = false;                      // lexed as C++

  Location location(unsigned offset) const;
  // Presence condition at `offset`: arms containing it, outermost first (guard excluded).
  std::vector<std::string> conditions_at(unsigned offset) const;
  std::string function_at(unsigned offset) const;
};

enum class Language { C, CXX };

// Lexes `text` (the contents of `path`) without preprocessing.
RawFile scan_raw(const std::string& path, const std::string& rel, const std::string& text,
                 Language lang);

// `a && b` from a list of arm conditions, parenthesising where needed; about 2 KiB at
// most, further conditions counted ("... (N more conditions)").
std::string join_conditions(const std::vector<std::string>& arms);

}  // namespace envscan
