// The inventory model: what envscan found, before and after classification.
// Plain data; every collector fills it and every writer reads it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace envscan {

// A place in a scanned file. `file` is relative to the report root.
struct Location {
  std::string file;
  unsigned line = 0;    // 1-based
  unsigned column = 0;  // 1-based byte column
  unsigned offset = 0;  // byte offset, to merge sites seen twice
  auto operator<=>(const Location& o) const {
    if (auto c = file <=> o.file; c != 0) return c;
    return offset <=> o.offset;
  }
  bool operator==(const Location& o) const { return file == o.file && offset == o.offset; }
};

// One read of an environment variable.
struct ReadSite {
  std::string name;
  Location loc;
  std::string function;   // enclosing function; empty at file scope
  std::string via;        // direct | wrapper:NAME | macro:NAME | accessor | constructed
  std::string name_from;  // literal | constant:NAME | array:NAME
  std::string idiom;      // presence bool atoi strtol strtoul strtod atof enum-compare raw-string; "" unknown
  std::vector<std::string> compared_with;  // enum-compare literals
  std::optional<std::string> default_value;
  std::string target;     // variable or field receiving the value
  std::string target_kind;  // field global local return other
  std::string condition;  // presence condition, "" when unconditional
  std::vector<std::string> condition_arms;  // the same, one entry per enclosing #if arm
  bool live = true;
  bool possible = true;   // false when the condition can never hold (#if 0, never-defined flag)
  std::string source = "ast";  // ast | lexer (file did not parse, or inactive code)
  bool case_insensitive = false;  // found by a case-insensitive walk over the environment
};

// A read whose name is assembled at run time.
struct ConstructedRead {
  Location loc;
  std::string function;
  std::string pattern;  // visible prefix or format, e.g. "ACME_%s"; "${M}" for a build macro's value
  std::vector<std::string> candidates;
  std::vector<std::string> build_macros;  // configure-time macros the name is built from
  std::string condition;
  bool live = true;
  std::string source = "ast";
};

// setenv / putenv / unsetenv.
struct WriteSite {
  std::string name;  // empty when not visible
  std::string kind;  // setenv putenv unsetenv
  Location loc;
  std::string function;
  std::string condition;
  bool live = true;
};

// One test of a macro in #if / #ifdef / #ifndef / #elif / defined().
struct FlagTest {
  std::string name;
  Location loc;
  std::string directive;  // if ifdef ifndef elif elifdef elifndef
  std::string condition;  // enclosing presence condition
  std::string expression; // the directive's own condition text
  std::optional<bool> live;
};

// Where a macro gets a value.
struct FlagDefinition {
  std::string name;
  std::string kind;  // define undef compile-db cmake makefile
  Location loc;      // line 0 for compile-db entries
  std::string value;
  std::string condition;
};

struct FileDiagnostic {
  std::string file;
  unsigned line = 0, column = 0;
  std::string severity;  // error warning note
  std::string message;
  std::string rule;
  auto operator<=>(const FileDiagnostic&) const = default;
};

// Everything the collectors produced; classification adds statuses.
struct Findings {
  std::vector<ReadSite> reads;
  std::vector<ConstructedRead> constructed;
  std::vector<WriteSite> writes;
  std::vector<FlagTest> flag_tests;
  std::vector<FlagDefinition> flag_defs;
  std::set<std::string> include_guards;
  std::set<std::string> platform_names;  // macros predefined by the compiler or system headers
  std::vector<FileDiagnostic> diagnostics;
  std::map<std::string, std::string> wrappers;  // wrapper function -> how it reads (for -v and docs)
  std::map<std::string, std::string> reader_macros;
  std::size_t files_scanned = 0, files_parsed = 0;
  std::vector<std::string> search_list;  // -v: include search list of one compile command
  std::vector<std::string> parsed_files;  // -v: files the AST parsed (relative), sorted
};

// What classification decided about a variable or a flag. Flags are never deprecated.
enum class EntryStatus { Active, Deprecated, Removed, Dead, Duplicate, Undocumented };
// The word the inventory, the tables and the check rules use.
const char* status_name(EntryStatus s);

// Classified entries.
struct Evidence {
  std::string rule;    // e.g. "registry-alias-in-window", "read-not-in-registry"
  std::string detail;  // one sentence a user can act on
  std::vector<Location> sites;
};

struct VariableEntry {
  std::string name;
  EntryStatus status = EntryStatus::Active;
  Evidence evidence;
  bool in_registry = false;
  std::string canonical;  // canonical name (itself when canonical)
  std::string alias_of;   // set for aliases
  std::string layer;
  std::string replacement;
  std::vector<ReadSite> sites;
  std::vector<std::string> duplicates;  // names judged to be the same setting
  std::string pointer;  // JSON pointer of its registry declaration ("" when undeclared)
};

struct FlagEntry {
  std::string name;
  EntryStatus status = EntryStatus::Active;
  Evidence evidence;
  bool in_registry = false;
  std::string kind;
  std::vector<FlagTest> tested_at;
  std::vector<FlagDefinition> defined_at;
  std::string pointer;  // JSON pointer of its registry declaration ("" when undeclared)
};

struct MacroEntry {  // platform/compiler macros: reported apart, never classified
  std::string name;
  std::size_t tests = 0;
  std::vector<Location> sites;
};

struct Inventory {
  std::string root;  // what paths are relative to ("." when the repository root)
  std::string registry;  // registry file used, relative to root; "" when none
  std::string prefix;
  std::string date;
  std::vector<VariableEntry> variables;
  std::vector<ReadSite> other_reads;  // names outside the registry prefix
  std::vector<FlagEntry> build_flags;
  std::vector<MacroEntry> platform_macros;
  std::vector<std::string> include_guards;
  std::vector<ConstructedRead> constructed;
  std::vector<WriteSite> writes;
  std::vector<FileDiagnostic> diagnostics;
  std::map<std::string, std::string> wrappers;
  std::map<std::string, std::string> reader_macros;
  std::vector<std::string> search_list;
  std::vector<std::string> parsed_files;
  std::size_t files_scanned = 0, files_parsed = 0;
};

}  // namespace envscan
