// Drives the runtime configuration layer with a synthetic environment and captures
// its messages, so tests see exactly what a user would see on stderr.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "hakmem/config.h"

namespace hakmem_test {

struct ConfigRun {
  std::string messages;  // everything written to the message fd
  hakmem_config_report report{};
};

inline std::string read_all(int fd) {
  std::string out;
  ::lseek(fd, 0, SEEK_SET);
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// Runs initialisation on `env` ("NAME=value" strings). `today` is yyyymmdd; the
// default lies inside the registry's deprecation window (2026-11-25 .. 2027-05-25).
inline ConfigRun init_with(std::vector<std::string> env, int32_t today = 20261201, int secure = 0) {
  // String values point into the environment: keep it alive until the next run.
  static std::vector<std::string> kept;
  kept = std::move(env);
  std::vector<char*> envp;
  for (auto& e : kept) envp.push_back(e.data());
  envp.push_back(nullptr);
  int fd = ::memfd_create("hakmem-messages", 0);
  hakmem_config_options opt{envp.data(), today, secure, fd};
  hakmem_config_init_with(&opt);
  ConfigRun run;
  run.messages = read_all(fd);
  run.report = *hakmem_config_last_report();
  ::close(fd);
  return run;
}

inline std::string printed_config() {
  int fd = ::memfd_create("hakmem-print", 0);
  hakmem_config_print(fd);
  std::string out = read_all(fd);
  ::close(fd);
  return out;
}

}  // namespace hakmem_test
