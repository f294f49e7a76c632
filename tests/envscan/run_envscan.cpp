#include "run_envscan.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace

RunResult run_envscan(const std::vector<std::string>& args) { return run_envscan_to(args, ""); }

RunResult run_envscan_to(const std::vector<std::string>& args, const std::string& stdout_to) {
  char out_tmpl[] = "/tmp/envscan_test_out_XXXXXX";
  char err_tmpl[] = "/tmp/envscan_test_err_XXXXXX";
  int out_fd = mkstemp(out_tmpl);
  int err_fd = mkstemp(err_tmpl);
  close(out_fd);
  close(err_fd);
  // `timeout`: a hang (a FIFO read) fails the test instead of stalling it.
  std::string cmd = "timeout 120 " + quote(ENVSCAN_EXE);
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " " + (stdout_to.empty() ? ">" + quote(out_tmpl) : stdout_to) + " 2>" + quote(err_tmpl);
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out_tmpl);
  r.err = slurp(err_tmpl);
  std::remove(out_tmpl);
  std::remove(err_tmpl);
  return r;
}

const std::string& fixture_inventory_json() {
  static const std::string json = [] {
    std::string fx = ENVSCAN_FIXTURES;
    RunResult r = run_envscan({"--registry", fx + "/registry.json", "--today", "2026-03-01", "--root", fx + "/tree",
                               "-j", "2", fx + "/tree"});
    if (r.exit_code != 0) return std::string("{\"error\": \"envscan failed\"}");
    return r.out;
  }();
  return json;
}
