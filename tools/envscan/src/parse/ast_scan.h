// The AST pass: parses the files that can hold reads and records every call that
// may read or write the environment, with what the code does with the result.
// Which callees are wrappers is decided later, across files (see resolve.h).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "resolve/term.h"
#include "resolve/value_solver.h"

namespace clang::tooling {
class CompilationDatabase;
}

namespace envscan {

// What a call argument that may carry a variable name is.
struct ArgInfo {
  enum Kind { None, Literal, Param, Constant, Array, Unknown } kind = None;
  std::vector<std::string> names;  // Literal/Constant: one; Array: every element
  unsigned param = 0;              // Param: index in the enclosing function
  std::string from;                // Constant/Array: the declaration's name
  std::string text;                // source text (defaults, diagnostics)
  std::string prefix;              // Unknown: visible prefix or format
  std::vector<std::string> candidates;  // Unknown: names it can take, when visible
  std::string param_format;  // Param: the name built from it, "PFX_%s"; empty: the parameter itself
  std::optional<Term> term;  // Unknown: how the code builds the name, solved over the whole tree
};

// What the code does with a read's result.
struct Usage {
  std::string idiom;
  std::vector<std::string> compared;
  std::optional<std::string> default_text;
  int default_param = -1;  // default comes from this parameter of the enclosing function
  std::string target;
  std::string target_kind;  // field global local return other
  bool case_insensitive = false;  // an environment walk comparing with strncasecmp & co
};

struct CallRecord {
  std::string callee;
  unsigned offset = 0, line = 0, column = 0;
  std::string macro;     // outermost macro the call was written through
  std::string function;  // enclosing function ("" at file scope)
  std::vector<ArgInfo> args;
  Usage usage;
};

// A file the parse read (the main file and every header), with the digest of the bytes
// the parser saw: a cached result is reused only while each still has that digest.
struct AstInput {
  std::string path;
  std::string digest;
};

struct AstFileResult {
  std::string path;
  bool ran = false;
  unsigned errors = 0;
  std::string first_error;  // "line:col: message"
  std::vector<std::string> missing_includes;
  std::vector<std::pair<unsigned, unsigned>> skipped;  // inactive byte ranges
  std::vector<CallRecord> calls;
  // Every macro the compiler or a system header defines; the scan keeps those the tree
  // tests (kept whole so that a file's result does not depend on other files).
  std::set<std::string> system_macros;
  std::vector<ValueFact> facts;         // what fields, parameters, globals and returns can hold
  std::vector<std::string> search_list;  // include search list (shown with -v)
  std::vector<AstInput> inputs;          // only with record_inputs
};

struct AstOptions {
  unsigned jobs = 1;
  std::string resource_dir;             // added when a command has none
  std::set<std::string> accessors;      // registry accessor names: always recorded
  std::string accessor_header;          // an accessor is a function declared there ("" any)
  bool record_inputs = false;  // fill AstFileResult::inputs (for the cache)
  // Parse every arm of every conditional (#if 0 included) into the AST: a second pass
  // that recovers idioms and defaults of reads in inactive code.
  bool retain_excluded = false;
  std::function<void()> file_done;  // called after each file, from the parsing threads
};

struct AstRun {
  std::vector<AstFileResult> files;
  std::vector<std::string> search_list;  // of the first file (in the order given) that has one, for -v
};

// Parses `files` with commands from `db`, `opts.jobs` threads each taking batches of
// files (run_on_file, one invocation per command). Never aborts: a file that fails still yields a result (ran=false).
AstRun run_ast(const clang::tooling::CompilationDatabase& db, const std::vector<std::string>& files,
               const AstOptions& opts);

// The resource directory baked at configure time, or $ENVSCAN_RESOURCE_DIR.
std::string default_resource_dir();

// Base readers and writers of the C library. `environ` stands for a walk over the
// environment block that compares each entry with a name (strncmp(*ep, name, len)).
const std::vector<std::string>& base_readers();
// The variables that hold the environment block (`environ` and its spellings).
const std::set<std::string>& environment_blocks();
bool is_base_reader(const std::string& name);
bool is_base_writer(const std::string& name);

}  // namespace envscan
