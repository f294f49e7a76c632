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

}  // namespace envgen
