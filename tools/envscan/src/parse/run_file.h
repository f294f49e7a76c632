// Runs a Clang action over one file of a compile database, as ClangTool::run does for
// one file, but with the file name exactly as given. ClangTool first makes every source
// path "native", which on POSIX turns each `\` into `/`: `we\ird.c` became `we/ird.c`, had
// no compile command, printed "Skipping ..." on stderr and fell back to the lexer.
#pragma once

#include <string>

#include <clang/Tooling/ArgumentsAdjusters.h>

namespace clang {
class DiagnosticConsumer;
class FileManager;
namespace tooling {
class CompilationDatabase;
class ToolAction;
}  // namespace tooling
}  // namespace clang

namespace llvm::vfs {
class FileSystem;
}

namespace envscan {

// Runs `action` once per compile command of `file` (looked up by its name as given),
// with the commands' working directory set on `fs` (which `files` must use; never the
// process's own, so that threads do not race), the same argument adjusters ClangTool adds
// (syntax only, no output or dependency files) followed by `adjuster`, and the builtin
// resource directory when no argument names one. Returns false when `file` has no
// command, a directory cannot be entered, or a command failed.
bool run_on_file(const clang::tooling::CompilationDatabase& db, const std::string& file,
                 clang::tooling::ToolAction& action, clang::DiagnosticConsumer* diagnostics,
                 const clang::tooling::ArgumentsAdjuster& adjuster, llvm::vfs::FileSystem& fs,
                 clang::FileManager& files);

}  // namespace envscan
