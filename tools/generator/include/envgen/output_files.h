// Writing generated files: atomically, and only when their content changed, so that
// timestamps (and build systems watching them) move only on real changes.
#pragma once

#include <string>

namespace envgen {

struct OutputFile {
  std::string path;
  std::string content;
};

// True when `path` is a regular file holding exactly `content`; reads at most one byte
// more than `content`.
bool is_fresh(const OutputFile& file);

// Writes with envkit::write_output_file: a regular file is replaced atomically, a device
// or FIFO is written in place. Leaves an up-to-date file untouched (`written` = false).
// On failure, `error` names the file.
bool write_if_changed(const OutputFile& file, bool& written, std::string& error);

// True when writing `a` and writing `b` would reach one file: the same device and inode
// when both exist (a symlink, a hard link, `dir/../file`), else the same path once made
// absolute with the symlinks of its existing part resolved (`link/new.md` and
// `real/new.md`, where `dir/..` means what the kernel would make of it).
bool same_destination(const std::string& a, const std::string& b);

}  // namespace envgen
