// Running the tools and handling fixture trees in tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

namespace rwtest {

namespace fs = std::filesystem;

struct Result {
  int code = -1;
  std::string out, err;
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs a command line through sh, capturing stdout and stderr.
inline Result sh(const std::string& cmd, const std::string& cwd = "") {
  static int counter = 0;
  fs::path base = fs::temp_directory_path() / ("rwtest-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string full = (cwd.empty() ? "" : "cd " + quote(cwd) + " && ") + cmd + " >" + quote(base.string() + ".out") +
                     " 2>" + quote(base.string() + ".err");
  int status = std::system(full.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base.string() + ".out");
  r.err = slurp(base.string() + ".err");
  fs::remove(base.string() + ".out");
  fs::remove(base.string() + ".err");
  return r;
}

inline Result envrewrite(const std::vector<std::string>& args, const std::string& cwd = "") {
  std::string cmd = quote(ENVREWRITE_EXE);
  for (const auto& a : args) cmd += " " + quote(a);
  return sh(cmd, cwd);
}

inline fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("rwtest-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

inline void copy_tree(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

}  // namespace rwtest
