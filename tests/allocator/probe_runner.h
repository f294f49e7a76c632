// Runs tests/allocator/probe with an environment and parses its name=value lines.
#pragma once

#include <cstdio>
#include <map>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

struct ProbeResult {
  std::map<std::string, long long> values;
  std::string stderr_text;
  int status = -1;
  long long operator[](const std::string &name) const {
    auto it = values.find(name);
    return it == values.end() ? -1 : it->second;
  }
  bool has(const std::string &name) const { return values.count(name) != 0; }
};

inline std::string slurp_file(const std::string &path) {
  std::string out;
  if (FILE *f = std::fopen(path.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

// `env` is a list of NAME=value words; the probe starts from an environment without
// any HAKMEM_ variable, so only what the test sets counts.
inline ProbeResult run_probe(const std::string &env, const std::string &args) {
  static int serial = 0;
  std::string err = std::string(P_tmpdir) + "/hakmem_probe_err." + std::to_string(getpid()) + "." + std::to_string(serial++);
  std::string cmd = "env $(env | sed -n 's/^\\(HAKMEM_[A-Z0-9_]*\\)=.*/-u \\1/p') " + env + " " HAKMEM_PROBE_PATH " " + args + " 2>" + err;
  ProbeResult r;
  FILE *p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char line[512];
  while (std::fgets(line, sizeof line, p)) {
    std::string s(line);
    auto eq = s.find('=');
    if (eq == std::string::npos) continue;
    try {
      r.values[s.substr(0, eq)] = std::stoll(s.substr(eq + 1));
    } catch (...) {
    }
  }
  r.status = pclose(p);
  r.stderr_text = slurp_file(err);
  std::remove(err.c_str());
  return r;
}
