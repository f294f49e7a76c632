// Compile-database loading and the fallback database for bare directory scans.
#include "discover/compile_db.h"

#include <filesystem>
#include <fstream>
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
                                                            const std::set<std::string>& cxx_headers,
                                                            const std::vector<std::string>& extra_args) {
  auto db = std::make_unique<ListDatabase>();
  db->files.insert(files.begin(), files.end());
  db->cxx_headers = cxx_headers;
  // After the system directories: a folder of compatibility headers in the tree (a
  // Windows pthread.h, a BSD sys/queue.h) must not shadow the system's own. Quoted
  // includes still find the project's headers (their own folder is searched first).
  for (const auto& a : extra_args) db->include_args.push_back(a);
  for (const auto& d : include_dirs) db->include_args.push_back("-idirafter" + d);
  db->working_dir = working_dir;
  return db;
}

std::vector<std::string> read_compile_flags(const std::string& path, std::string& error) {
  std::vector<std::string> out;
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot read";
    return out;
  }
  // One argument per line (clangd's and clang-tidy's convention); relative -I paths are
  // relative to the file's folder.
  std::string dir = fs::path(path).parent_path().string();
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    line = line.substr(b);
    for (const char* flag : {"-I", "-isystem", "-iquote", "-idirafter"}) {
      std::string f = flag;
      if (line.size() > f.size() && line.compare(0, f.size(), f) == 0 && line[f.size()] != '/') {
        line = f + (fs::path(dir) / line.substr(f.size())).lexically_normal().string();
        break;
      }
    }
    out.push_back(line);
  }
  return out;
}

std::vector<FlagDefinition> compile_flags_defines(const std::vector<std::string>& args, const std::string& rel) {
  std::vector<FlagDefinition> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string d;
    if (args[i].rfind("-D", 0) == 0 && args[i].size() > 2) d = args[i].substr(2);
    else if (args[i] == "-D" && i + 1 < args.size()) d = args[++i];
    if (d.empty()) continue;
    FlagDefinition def;
    auto eq = d.find('=');
    def.name = d.substr(0, eq);
    def.value = eq == std::string::npos ? "1" : d.substr(eq + 1);
    def.kind = "compile-db";
    def.loc.file = rel;
    out.push_back(std::move(def));
  }
  return out;
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

// Shared by every pass that parses (envscan's AST rounds, envrewrite's locator and verifier).
clang::tooling::ArgumentsAdjuster quiet_and_resourced(const std::string& resource_dir) {
  return [resource_dir](const clang::tooling::CommandLineArguments& args, llvm::StringRef) {
    clang::tooling::CommandLineArguments out;
    bool has_resource = false;
    for (const auto& a : args)
      if (a.rfind("-resource-dir", 0) == 0) has_resource = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
      out.push_back(args[i]);
      if (i == 0) {
        if (!has_resource && !resource_dir.empty()) out.push_back("-resource-dir=" + resource_dir);
        // Reads are what matter: warnings cost time, and errors must not stop the scan.
        for (const char* f : {"-w", "-Wno-error", "-ferror-limit=0", "-fno-spell-checking",
                              "-Wno-implicit-function-declaration", "-Wno-implicit-int",
                              "-Wno-int-conversion", "-Wno-incompatible-pointer-types"})
          out.push_back(f);
      }
    }
    return out;
  };
}

}  // namespace envscan
