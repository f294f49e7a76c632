// Compile commands: a user's compile_commands.json, or one we build for a bare tree.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model.h"

#include <clang/Tooling/ArgumentsAdjusters.h>

namespace clang::tooling {
class CompilationDatabase;
}

namespace envscan {

// Loads BUILD_DIR/compile_commands.json, wrapped so that headers and files missing
// from it get inferred commands, response files expand and the driver mode is right.
std::unique_ptr<clang::tooling::CompilationDatabase> load_database(const std::string& build_dir,
                                                                   std::string& error);

// One command per file: language from the extension (or, for `.h`, from `cxx_headers`,
// the headers whose content is C++), `extra_args` (from compile_flags.txt), then every
// include directory after the system ones (-idirafter).
std::unique_ptr<clang::tooling::CompilationDatabase> make_fallback_database(
    const std::vector<std::string>& files, const std::vector<std::string>& include_dirs,
    const std::string& working_dir, const std::set<std::string>& cxx_headers = {},
    const std::vector<std::string>& extra_args = {});

// compile_flags.txt (clangd's convention when there is no compile database): one argument
// per line, applied to every file; relative include paths resolved against its folder.
std::vector<std::string> read_compile_flags(const std::string& path, std::string& error);
// The -D definitions among such arguments, attributed to `rel`.
std::vector<FlagDefinition> compile_flags_defines(const std::vector<std::string>& args, const std::string& rel);

// Checks every command of `file`: its directory must exist (ClangTool aborts otherwise).
bool commands_usable(const clang::tooling::CompilationDatabase& db, const std::string& file,
                     std::string& why);

// -DNAME[=VALUE] and -UNAME seen in the commands of `files`.
std::vector<FlagDefinition> database_defines(const clang::tooling::CompilationDatabase& db,
                                             const std::vector<std::string>& files);

// Adds the builtin-header resource directory when a command has none, silences
// warnings and never lets errors stop a parse: what every pass that parses needs.
clang::tooling::ArgumentsAdjuster quiet_and_resourced(const std::string& resource_dir);

}  // namespace envscan
