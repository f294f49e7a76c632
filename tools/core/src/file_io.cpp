#include "envkit/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace envkit {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) { return std::strerror(err); }

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now so that a failing close (a full disk on NFS) is reported.
  int close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

// The file a path names once symlinks are followed; the path itself when it is not a
// symlink or the link cannot be resolved (the write then fails with a clear error).
fs::path follow_symlinks(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
  fs::path resolved = fs::weakly_canonical(path, ec);
  return ec ? path : resolved;
}

std::string write_in_place(const fs::path& target, const std::string& shown, const std::string& content) {
  Fd fd(::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) return shown + ": cannot open for writing: " + errno_text(errno);
  if (std::string err = write_all(fd.get(), content); !err.empty()) return shown + ": write failed: " + err;
  if (fd.close() != 0) return shown + ": write failed: " + errno_text(errno);
  return "";
}

std::string replace_atomically(const fs::path& target, const std::string& shown, const std::string& content,
                               const struct stat* existing) {
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  Fd fd(::mkostemp(name.data(), O_CLOEXEC));
  if (fd.get() < 0) return shown + ": cannot create a temporary file in " + dir.string() + ": " + errno_text(errno);
  std::string tmp(name.data());
  auto fail = [&](const std::string& what, int err) {
    ::unlink(tmp.c_str());
    return shown + ": " + what + ": " + errno_text(err);
  };
  // mkstemp makes 0600; give the file the mode it had, or what a plain create would.
  mode_t mode = 0666;
  if (existing) {
    mode = existing->st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode &= ~mask;
  }
  if (::fchmod(fd.get(), mode) != 0) return fail("cannot set permissions", errno);
  if (std::string err = write_all(fd.get(), content); !err.empty()) {
    ::unlink(tmp.c_str());
    return shown + ": write failed: " + err;
  }
  if (fd.close() != 0) return fail("write failed", errno);
  if (::rename(tmp.c_str(), target.c_str()) != 0) return fail("cannot replace file", errno);
  return "";
}

}  // namespace

ReadStatus read_regular_file(const std::string& path, std::string& out, std::string& error, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    error = errno_text(err);
    return err == ENOENT ? ReadStatus::Missing : ReadStatus::Error;
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    error = errno_text(errno);
    return ReadStatus::Error;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a directory";
    return ReadStatus::Error;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file (a device, FIFO or socket); refused";
    return ReadStatus::Error;
  }
  auto too_large = [&] {
    error = "larger than " + std::to_string(max_bytes) + " bytes; refused";
    return ReadStatus::Error;
  };
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) return too_large();
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno_text(errno);
      return ReadStatus::Error;
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) return too_large();  // grew while read
    text.append(buf, static_cast<std::size_t>(n));
  }
  out = std::move(text);
  return ReadStatus::Ok;
}

std::string write_all(int fd, const std::string& data) {
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_text(errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return "";
}

std::string write_output_file(const std::string& path, const std::string& content) {
  fs::path target = follow_symlinks(path);
  struct stat st;
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return path + ": is a directory";
    if (!S_ISREG(st.st_mode)) return write_in_place(target, path, content);
    return replace_atomically(target, path, content, &st);
  }
  if (errno != ENOENT) return path + ": cannot write: " + errno_text(errno);
  return replace_atomically(target, path, content, nullptr);
}

}  // namespace envkit
