#include "envgen/output_files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace envgen {

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

bool is_fresh(const OutputFile& file) {
  std::string old;
  return read_file(file.path, old) && old == file.content;
}

bool write_if_changed(const OutputFile& file, bool& written, std::string& error) {
  written = false;
  if (is_fresh(file)) return true;
  std::error_code ec;
  auto parent = std::filesystem::path(file.path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);  // a failure shows up at the write
  std::string tmp = file.path + ".envgen-tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << file.content;
    out.flush();
    if (!out) {
      error = file.path + ": cannot write temporary file " + tmp + ": " + std::strerror(errno);
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), file.path.c_str()) != 0) {
    error = file.path + ": cannot replace file: " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  written = true;
  return true;
}

}  // namespace envgen
