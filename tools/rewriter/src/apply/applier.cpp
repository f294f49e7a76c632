#include "apply/applier.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace envrewrite {
namespace fs = std::filesystem;

namespace {

bool read_all(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

bool inside(const fs::path& p, const fs::path& root) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (r->empty()) continue;  // a trailing separator
    if (q == p.end() || *q != *r) return false;
  }
  return true;
}

}  // namespace

std::string write_atomic(const std::string& path, const std::string& content) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);  // through symlinks: the link stays a link
  if (ec) return path + ": " + ec.message();
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) return path + ": " + std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return path + ": not a regular file";
  std::string tmpl = (target.parent_path() / ("." + target.filename().string() + ".envrewrite.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return path + ": cannot create a temporary file beside it: " + std::strerror(errno);
  auto fail = [&](const std::string& what) {
    int err = errno;
    ::close(fd);
    ::unlink(name.data());
    return path + ": " + what + ": " + std::strerror(err);
  };
  if (::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot set the file mode");
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write failed");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("fsync failed");
  if (::close(fd) != 0) {
    ::unlink(name.data());
    return path + ": close failed: " + std::strerror(errno);
  }
  if (::rename(name.data(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(name.data());
    return path + ": cannot replace: " + std::strerror(err);
  }
  return "";
}

std::string check_writes(const std::vector<FileWrite>& writes, const std::vector<std::string>& roots) {
  std::vector<fs::path> real_roots;
  for (const auto& r : roots) {
    std::error_code ec;
    fs::path c = fs::canonical(r, ec);
    if (!ec) real_roots.push_back(fs::is_directory(c) ? c : c.parent_path());
  }
  for (const auto& w : writes) {
    std::error_code ec;
    fs::path real = fs::canonical(w.path, ec);
    if (ec) return w.path + ": " + ec.message();
    bool ok = false;
    for (const auto& r : real_roots)
      if (inside(real, r)) ok = true;
    if (!ok) return w.path + ": resolves to " + real.string() + ", outside the paths given; refusing to write";
    std::string now;
    if (!read_all(w.path, now)) return w.path + ": cannot read it again before writing";
    if (now != w.before) return w.path + ": changed since it was read; run again";
  }
  return "";
}

std::string write_all(const std::vector<FileWrite>& writes) {
  std::vector<FileWrite> done;
  for (const auto& w : writes) {
    std::string err = write_atomic(w.path, w.after);
    if (!err.empty()) {
      std::string rb = roll_back(done);
      return err + (rb.empty() ? "" : "\n" + rb);
    }
    done.push_back(w);
  }
  return "";
}

std::string roll_back(const std::vector<FileWrite>& writes) {
  std::string failures;
  for (const auto& w : writes) {
    std::string err = write_atomic(w.path, w.before);
    if (!err.empty()) failures += "rollback failed: " + err + "\n";
  }
  return failures;
}

}  // namespace envrewrite
