// Compile-database loading and the fallback database for bare directory scans.
#include "discover/compile_db.h"

#include <filesystem>
#include <map>
#include <set>

#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/Support/CommandLine.h>

namespace envscan {
namespace fs = std::filesystem;
using clang::tooling::CompileCommand;
using clang::tooling::CompilationDatabase;

namespace {

bool is_cxx(const std::string& path) {
  static const std::set<std::string> exts = {".cc", ".cpp", ".cxx", ".c++", ".C", ".hpp", ".hh", ".hxx", ".ipp", ".tcc", ".inl"};
  return exts.count(fs::path(path).extension().string()) > 0;
}
bool is_header(const std::string& path) {
  static const std::set<std::string> exts = {".h", ".hpp", ".hh", ".hxx", ".ipp", ".tcc", ".inl", ".def", ".inc"};
  return exts.count(fs::path(path).extension().string()) > 0;
}

// A database that holds exactly one command per file and lists them all
// (FixedCompilationDatabase cannot enumerate its files). Commands are built on demand:
// with a thousand include directories, storing them per file would cost gigabytes.
class ListDatabase : public CompilationDatabase {
 public:
  std::set<std::string> files;
  std::set<std::string> cxx_headers;
  std::vector<std::string> include_args;
  std::string working_dir;

  std::vector<CompileCommand> getCompileCommands(llvm::StringRef file) const override {
    std::string f = file.str();
    if (!files.count(f)) return {};
    bool cxx = is_cxx(f) || cxx_headers.count(f);
    std::vector<std::string> args = {cxx ? "clang++" : "clang"};
    if (is_header(f)) {
      args.push_back("-x");
      args.push_back(cxx ? "c++-header" : "c-header");
    }
    // No -std: the compiler's default (gnu17 / gnu++17) is what a bare `clang` would use,
    // and newer C++ modes make every standard header cost more to parse.
    args.insert(args.end(), include_args.begin(), include_args.end());
    args.push_back(f);
    return {CompileCommand(working_dir, f, std::move(args), "")};
  }
  std::vector<std::string> getAllFiles() const override { return {files.begin(), files.end()}; }
};

// Meson, Bear and `ninja -t compdb` write `file` relative to `directory`. Commands are
// handed on with an absolute file name (in the command line too), so that the AST of a
// file is stored under the same absolute path it is looked up by.
class AbsoluteFileDatabase : public CompilationDatabase {
 public:
  explicit AbsoluteFileDatabase(std::unique_ptr<CompilationDatabase> inner) : inner_(std::move(inner)) {}

  std::vector<CompileCommand> getCompileCommands(llvm::StringRef file) const override {
    return absolute(inner_->getCompileCommands(file));
  }
  std::vector<std::string> getAllFiles() const override { return inner_->getAllFiles(); }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return absolute(inner_->getAllCompileCommands());
  }

 private:
  static std::vector<CompileCommand> absolute(std::vector<CompileCommand> cmds) {
    for (auto& c : cmds) {
      if (c.Filename.empty() || fs::path(c.Filename).is_absolute()) continue;
      std::string abs = (fs::path(c.Directory) / c.Filename).lexically_normal().string();
      for (auto& arg : c.CommandLine)
        if (arg == c.Filename) arg = abs;
      c.Filename = abs;
    }
    return cmds;
  }
  std::unique_ptr<CompilationDatabase> inner_;
};

}  // namespace

std::unique_ptr<CompilationDatabase> load_database(const std::string& build_dir, std::string& error) {
  std::string path = (fs::path(build_dir) / "compile_commands.json").string();
  if (!fs::exists(path)) {
    error = path + ": no compile_commands.json (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)";
    return nullptr;
  }
  auto db = clang::tooling::JSONCompilationDatabase::loadFromFile(
      path, error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!db) {
    error = path + ": " + error;
    return nullptr;
  }
  std::unique_ptr<CompilationDatabase> wrapped = clang::tooling::inferMissingCompileCommands(std::move(db));
  wrapped = clang::tooling::inferTargetAndDriverMode(std::move(wrapped));
  wrapped = clang::tooling::expandResponseFiles(std::move(wrapped), llvm::vfs::getRealFileSystem());
  return std::make_unique<AbsoluteFileDatabase>(std::move(wrapped));
}

std::unique_ptr<CompilationDatabase> make_fallback_database(const std::vector<std::string>& files,
                                                            const std::vector<std::string>& include_dirs,
                                                            const std::string& working_dir,
                                                            const std::set<std::string>& cxx_headers) {
  auto db = std::make_unique<ListDatabase>();
  db->files.insert(files.begin(), files.end());
  db->cxx_headers = cxx_headers;
  for (const auto& d : include_dirs) db->include_args.push_back("-I" + d);
  db->working_dir = working_dir;
  return db;
}

bool commands_usable(const CompilationDatabase& db, const std::string& file, std::string& why) {
  for (const auto& cmd : db.getCompileCommands(file)) {
    std::error_code ec;
    if (!fs::is_directory(cmd.Directory, ec)) {
      why = "compile command directory '" + cmd.Directory + "' cannot be entered";
      return false;
    }
  }
  return true;
}

std::vector<FlagDefinition> database_defines(const CompilationDatabase& db, const std::vector<std::string>& files) {
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<FlagDefinition> out;
  for (const auto& f : files)
    for (const auto& cmd : db.getCompileCommands(f)) {
      const auto& a = cmd.CommandLine;
      for (std::size_t i = 0; i < a.size(); ++i) {
        std::string def;
        bool undef = false;
        if (a[i] == "-D" && i + 1 < a.size()) def = a[++i];
        else if (a[i].rfind("-D", 0) == 0) def = a[i].substr(2);
        else if (a[i] == "-U" && i + 1 < a.size()) { def = a[++i]; undef = true; }
        else if (a[i].rfind("-U", 0) == 0) { def = a[i].substr(2); undef = true; }
        if (def.empty() || undef) continue;  // -U removes a definition; it defines nothing
        auto eq = def.find('=');
        FlagDefinition d;
        d.name = def.substr(0, eq);
        d.value = eq == std::string::npos ? "1" : def.substr(eq + 1);
        d.kind = "compile-db";
        if (!seen.insert({d.name, d.value + d.kind}).second) continue;
        out.push_back(std::move(d));
      }
    }
  return out;
}

}  // namespace envscan
