// Turns collector output into sites: decides wrappers across all files (to a
// fixpoint), resolves names through constants, arrays and reader macros, and merges
// AST sites with raw-lexer sites from inactive code and unparsed files.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "parse/ast_scan.h"
#include "model.h"
#include "lex/raw_scan.h"

namespace envscan {

struct WrapperInfo {
  unsigned name_param = 0;
  bool base = false;
  std::string idiom;
  std::vector<std::string> compared;
  int default_param = -1;
  std::optional<std::string> default_text;
  std::string name_format = "%s";  // the variable read for argument A: "%s" replaced by A
};

// Where a C library reader that may never be parsed takes the variable name
// (getenv_s: 3, _dupenv_s: 2, anything named like a getenv: 0), or nullopt.
std::optional<unsigned> library_reader_name_arg(const std::string& callee);

// A function's key without its "@file" part (static functions are keyed per file).
std::string display_name(const std::string& key);

// The variable a wrapper reads when called with `arg` (its name_format applied).
std::string wrapped_name(const WrapperInfo& w, const std::string& arg);

// A function whose parameter reaches the name argument of setenv/putenv/unsetenv
// (transitively): calls to it set that variable. `kind` is the C library writer at the end
// (setenv, putenv or unsetenv).
struct WriterWrapper {
  unsigned name_param = 0;
  std::string kind;
};
std::map<std::string, WriterWrapper> find_writer_wrappers(const std::vector<const AstFileResult*>& files);

// Wrappers: base readers plus every function whose parameter reaches a reader's name
// argument, transitively, over the records of every file.
std::map<std::string, WrapperInfo> find_wrappers(const std::vector<const AstFileResult*>& files);
// The same, given the setters (a setter's look before it writes makes it no reader); they
// are matched by simple name, so that setters only the raw lexer saw count too.
std::map<std::string, WrapperInfo> find_wrappers(const std::vector<const AstFileResult*>& files,
                                                 const std::map<std::string, WriterWrapper>& setters);

// Identifiers of the places (record types, functions, globals) that names read through
// `wrappers` depend on: the files that mention them hold the facts to solve those names,
// so they are parsed next (see the AST rounds in scanner.cpp).
std::set<std::string> data_flow_triggers(const std::vector<const AstFileResult*>& files,
                                         const std::map<std::string, WrapperInfo>& wrappers);

// What a read through `w` does with the value (idiom, default, target), from the call
// record and the wrapper; the call site's own use wins when it says more.
void apply_use(const CallRecord& rec, const WrapperInfo& w, ReadSite& s);

// An identifier: letters, digits and '_', not starting with a digit.
bool identifier_name(const std::string& s);

// my_getenv, _hurdsig_getenv, GetEnv: read by name even when their body is unseen.
bool named_like_getenv(const std::string& name);

struct ResolveInput {
  std::vector<const RawFile*> raw;                        // every scanned file
  std::map<std::string, const AstFileResult*> ast;        // by absolute path, files parsed
  std::map<std::string, std::string> accessors;           // accessor name -> variable
};

void resolve_sites(const ResolveInput& in, Findings& out);

// Fills idiom, default, target and function of raw-lexer sites in inactive code from a
// pass that parsed every conditional arm (`retained`, by absolute path), matching by
// line and name. `rel_of` maps absolute paths to report paths.
void enrich_inactive_sites(const std::map<std::string, const AstFileResult*>& retained,
                           const std::map<std::string, std::string>& rel_of,
                           const std::vector<const AstFileResult*>& all_parsed, Findings& out);

}  // namespace envscan
