#include "parse/run_file.h"

#include <memory>

#include <clang/Basic/FileManager.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Serialization/PCHContainerOperations.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/VirtualFileSystem.h>

namespace envscan {

namespace tooling = clang::tooling;

namespace {

// ClangTool's fallback when no -resource-dir is given: the builtin headers that belong to
// the Clang this binary links, found from the binary's own location.
void add_resource_dir(tooling::CommandLineArguments& args) {
  static int anchor;
  for (const auto& a : args)
    if (a.rfind("-resource-dir", 0) == 0) return;
  args.insert(args.begin() + (args.empty() ? 0 : 1),
              "-resource-dir=" + clang::CompilerInvocation::GetResourcesPath("clang_tool", &anchor));
}

}  // namespace

bool run_on_file(const tooling::CompilationDatabase& db, const std::string& file, tooling::ToolAction& action,
                 clang::DiagnosticConsumer* diagnostics, const tooling::ArgumentsAdjuster& adjuster,
                 llvm::vfs::FileSystem& fs, clang::FileManager& files) {
  auto commands = db.getCompileCommands(file);
  if (commands.empty()) return false;
  tooling::ArgumentsAdjuster adjust = tooling::combineAdjusters(
      tooling::combineAdjusters(tooling::getClangStripOutputAdjuster(), tooling::getClangSyntaxOnlyAdjuster()),
      tooling::combineAdjusters(tooling::getClangStripDependencyFileAdjuster(), adjuster));
  auto pch = std::make_shared<clang::PCHContainerOperations>();
  bool ok = true;
  for (const auto& cmd : commands) {
    if (fs.setCurrentWorkingDirectory(cmd.Directory)) {
      ok = false;
      continue;
    }
    tooling::CommandLineArguments args = adjust(cmd.CommandLine, cmd.Filename);
    if (args.empty()) {
      ok = false;
      continue;
    }
    add_resource_dir(args);
    tooling::ToolInvocation invocation(std::move(args), &action, &files, pch);
    invocation.setDiagnosticConsumer(diagnostics);
    ok &= invocation.run();
  }
  return ok;
}

}  // namespace envscan
