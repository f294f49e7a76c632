#include "format/touched_format.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace envrewrite {
namespace fs = std::filesystem;

namespace {

std::string clang_format_binary() {
  for (const char* name : {"clang-format-19", "clang-format"})
    for (const char* dir : {"/usr/bin/", "/usr/local/bin/", "/usr/lib/llvm-19/bin/"})
      if (::access((std::string(dir) + name).c_str(), X_OK) == 0) return std::string(dir) + name;
  return "";
}

unsigned line_of(const std::string& text, std::size_t offset) {
  return 1 + static_cast<unsigned>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

}  // namespace

std::string find_style_file(const std::string& file, const std::string& root) {
  fs::path dir = fs::path(file).parent_path();
  fs::path stop = fs::path(root);
  while (true) {
    for (const char* n : {".clang-format", "_clang-format"})
      if (fs::exists(dir / n)) return (dir / n).string();
    if (dir == stop || dir == dir.parent_path() || dir.string().size() < stop.string().size()) return "";
    dir = dir.parent_path();
  }
}

std::string format_touched(const std::string& file, const std::string& root, const std::string& before,
                           const std::string& after, const std::vector<const Edit*>& edits) {
  (void)before;
  if (find_style_file(file, root).empty()) return after;
  std::string tool = clang_format_binary();
  if (tool.empty()) return after;
  // Touched lines of the new text: where each edit's replacement landed.
  std::vector<std::pair<unsigned, unsigned>> lines;
  long shift = 0;
  for (const Edit* e : edits) {
    std::size_t start = static_cast<std::size_t>(static_cast<long>(e->offset) + shift);
    std::size_t end = start + e->text.size();
    std::string t = e->text;
    if (!t.empty() && t.back() == '\n' && end > start) --end;
    lines.push_back({line_of(after, start), line_of(after, end)});
    shift += static_cast<long>(e->text.size()) - static_cast<long>(e->length);
  }
  fs::path tmp = fs::temp_directory_path() / ("envrewrite-fmt-" + std::to_string(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary);
    out << after;
  }
  std::string cmd = "'" + tool + "' --style=file --assume-filename='" + file + "'";
  for (const auto& [a, b] : lines) cmd += " --lines=" + std::to_string(a) + ":" + std::to_string(b);
  cmd += " < '" + tmp.string() + "' 2>/dev/null";
  std::string formatted;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) formatted.append(buf, n);
    int status = ::pclose(p);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) formatted.clear();
  }
  fs::remove(tmp);
  return formatted.empty() ? after : formatted;
}

Edit whole_change(const std::string& file, const std::string& before, const std::string& after) {
  std::size_t p = 0;
  while (p < before.size() && p < after.size() && before[p] == after[p]) ++p;
  std::size_t s = 0;
  while (s < before.size() - p && s < after.size() - p && before[before.size() - 1 - s] == after[after.size() - 1 - s]) ++s;
  Edit e;
  e.file = file;
  e.offset = static_cast<unsigned>(p);
  e.length = static_cast<unsigned>(before.size() - p - s);
  e.text = after.substr(p, after.size() - p - s);
  return e;
}

}  // namespace envrewrite
