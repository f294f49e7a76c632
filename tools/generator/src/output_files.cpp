#include "envgen/output_files.h"

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

}  // namespace envgen
