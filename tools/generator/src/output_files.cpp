#include "envgen/output_files.h"

#include <sys/stat.h>

#include <filesystem>

#include "envkit/file_io.h"

namespace envgen {

bool is_fresh(const OutputFile& file) {
  // A file longer than the content differs from it: never read more than that (the
  // output may be a device that never ends).
  std::string old, error;
  return envkit::read_regular_file(file.path, old, error, file.content.size() + 1) == envkit::ReadStatus::Ok &&
         old == file.content;
}

bool write_if_changed(const OutputFile& file, bool& written, std::string& error) {
  written = false;
  if (is_fresh(file)) return true;
  std::error_code ec;
  auto parent = std::filesystem::path(file.path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);  // a failure shows up at the write
  error = envkit::write_output_file(file.path, file.content);
  if (!error.empty()) return false;
  written = true;
  return true;
}

namespace {

// Where a write to `path` lands when the file does not exist yet: weakly_canonical
// resolves every existing component (symlinks, and `..` after them, as open(2) would),
// then appends the rest normalised.
std::string destination_path(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec);
  if (ec) return path;
  auto canon = std::filesystem::weakly_canonical(abs, ec);
  return (ec ? abs.lexically_normal() : canon).string();
}

}  // namespace

bool same_destination(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  return destination_path(a) == destination_path(b);
}

}  // namespace envgen
