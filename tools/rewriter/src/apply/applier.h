// Writing rewritten files safely: every file is checked before any is written (inside the
// given roots once symlinks are resolved, unchanged since it was read), then replaced
// atomically (mkstemp in its own directory, same mode, fsync, rename). What was written
// can be rolled back to the exact bytes read.
#pragma once

#include <string>
#include <vector>

namespace envrewrite {

struct FileWrite {
  std::string path;    // as planned (absolute)
  std::string before;  // the bytes the plan was made from
  std::string after;
};

// Replaces `path` with `content` atomically, keeping its permission bits. "" on success.
std::string write_atomic(const std::string& path, const std::string& content);

// Empty when every file may be written; else the first reason, naming the file.
std::string check_writes(const std::vector<FileWrite>& writes, const std::vector<std::string>& roots);

// Writes all, stopping at the first failure (then restores the ones written). "" on success.
std::string write_all(const std::vector<FileWrite>& writes);

// Puts back the bytes every file had before; returns failures, one per line.
std::string roll_back(const std::vector<FileWrite>& writes);

}  // namespace envrewrite
