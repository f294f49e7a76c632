// Tables written as data, seen by the raw lexer: `static const struct place places[] =
// { { "ACME_HOME", NULL }, ... };`, the field order of the records they hold, and entries
// made by a macro whose body is a brace list (`ENTRY("ACME_ROOT")`). They name the variables
// a walk over the table reads (`getenv(list[i].env)`) in files the AST could not type: a
// generated header that is missing, another platform's types.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace envscan {

struct RawToken;
struct RawDefine;

struct RawTableElement {
  std::string field;                 // designated initialiser `.env = "X"`; "" when positional
  std::optional<std::string> value;  // string literal content; nullopt for anything else
};

struct RawTableEntry {
  unsigned offset = 0;  // where the entry starts (its #if arms decide when it exists)
  std::vector<RawTableElement> elements;
};

struct RawTable {
  std::string name;  // the array
  std::string type;  // struct tag or typedef name of its elements; "" for other element types
  std::vector<RawTableEntry> entries;
};

struct RawTables {
  std::vector<RawTable> tables;
  // struct tag or typedef name -> field names in declaration order (simple records only:
  // one with a nested record or a function pointer is left out rather than misnumbered).
  std::vector<std::pair<std::string, std::vector<std::string>>> record_fields;
};

// `code`: the file's tokens outside preprocessor directives, in order.
RawTables scan_tables(const std::vector<RawToken>& code, const std::vector<RawDefine>& defines);

// The strings `arg` (source text such as `list[i].env` or `names[n]`) can take when it indexes
// one of `t`'s tables, with the offset of the entry each comes from; empty when it does not.
std::vector<std::pair<std::string, unsigned>> table_read_values(const RawTables& t, const std::string& arg);

}  // namespace envscan
