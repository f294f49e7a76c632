// script-unknown-var: a shell script, .env file, CMake file or Makefile sets a variable
// the registry lacks or has removed.
#include <filesystem>
#include <regex>
#include <sstream>

#include "check/rules/rules.h"
#include "discover/discovery.h"
#include "envkit/json_source.h"

namespace fs = std::filesystem;

namespace envscan::rules {
namespace {

enum class Lang { None, Shell, CMake, Make };

Lang language_of(const std::string& rel) {
  fs::path p(rel);
  std::string name = p.filename().string(), ext = p.extension().string();
  if (is_source_file(rel)) return Lang::None;
  if (name == "CMakeLists.txt" || ext == ".cmake") return Lang::CMake;
  if (name == "Makefile" || name == "GNUmakefile" || name == "makefile" || ext == ".mk") return Lang::Make;
  return Lang::Shell;  // .sh .bash .env .envrc .env.*
}

// Where a line's comment starts (`#` at the start or after blank space), else npos.
std::size_t comment_start(const std::string& line) {
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return i;
  return std::string::npos;
}

void run(const CheckContext& ctx, std::vector<CheckFinding>& out) {
  if (!ctx.registry || ctx.registry->prefix.empty()) return;
  const std::string name = "(" + ctx.registry->prefix + "[A-Za-z0-9_]*)";
  // Assignments that put a name into a process's environment, per language.
  const std::regex shell_set("(?:^|[\\s;&|(])(?:export\\s+|readonly\\s+|declare\\s+-x\\s+|env\\s+)?" + name + "=");
  const std::regex export_name("\\bexport\\s+" + name + "\\b");
  const std::regex cmake_env("ENV\\{" + name + "\\}");
  const std::regex cmake_assign("(?:^|[\\s\";])" + name + "=");
  for (const auto& rel : ctx.files) {
    Lang lang = language_of(rel);
    if (lang == Lang::None) continue;
    auto text = envkit::read_text_file((fs::path(ctx.root) / rel).string());
    if (!text || text->find(ctx.registry->prefix) == std::string::npos) continue;
    std::istringstream in(*text);
    std::string line;
    unsigned n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::string code = line.substr(0, comment_start(line));
      std::vector<std::pair<std::string, std::size_t>> names;  // name, 0-based column
      auto collect = [&](const std::regex& re) {
        for (std::sregex_iterator it(code.begin(), code.end(), re), end; it != end; ++it)
          names.emplace_back((*it)[1].str(), static_cast<std::size_t>((*it).position(1)));
      };
      if (lang == Lang::Shell) collect(shell_set), collect(export_name);
      if (lang == Lang::CMake) {
        collect(cmake_env);
        if (code.find("ENVIRONMENT") != std::string::npos || code.find(" env ") != std::string::npos) collect(cmake_assign);
      }
      if (lang == Lang::Make) {
        collect(export_name);
        if (!line.empty() && line[0] == '\t') collect(shell_set);  // recipe lines run in a shell
      }
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      for (const auto& [var, col] : names) {
        auto info = ctx.registry->lookup(var, ctx.date);
        using Kind = envkit::NameInfo::Kind;
        std::string what;
        std::vector<std::string> notes;
        if (info.kind == Kind::Unknown) {
          what = "which " + registry_display(ctx) + " does not declare";
          std::string near = nearest_registered_name(*ctx.registry, var);
          if (!near.empty()) notes.push_back("did you mean " + near + "?");
        } else if (info.kind == Kind::Removed || info.kind == Kind::RemovedFamily ||
                   (info.kind == Kind::Alias && info.alias && info.alias->removed_at(ctx.date))) {
          what = "which is removed";
          if (!info.replacement.empty()) notes.push_back("use " + info.replacement + " instead");
        } else {
          continue;
        }
        CheckFinding f;
        f.file = rel;
        f.line = n;
        f.column = static_cast<unsigned>(col + 1);
        f.name = var;
        f.message = "sets environment variable " + var + ", " + what;
        f.notes = notes;
        out.push_back(std::move(f));
      }
    }
  }
}

}  // namespace

const Rule script_unknown_var{
    "script-unknown-var", "error", "A script or build file sets a variable the registry lacks or has removed.",
    "Shell scripts (`.sh`, `.bash`), `.env` and `.envrc` files, CMake files (`set(ENV{...})`, test "
    "`ENVIRONMENT` properties, `cmake -E env`) and Makefiles (`export`, recipe lines) under the scanned paths, "
    "and files matched by the `check.scripts` globs are searched for assignments to names with the registry's prefix. A misspelt or removed name has no "
    "effect, silently. Fix: correct the name (the note names the closest one) or declare the variable.",
    "export HAKMEM_TINY_REFIL_BATCH=8", run};

}  // namespace envscan::rules
