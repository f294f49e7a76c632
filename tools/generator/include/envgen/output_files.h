// Writing generated files: atomically, and only when their content changed, so that
// timestamps (and build systems watching them) move only on real changes.
#pragma once

#include <string>

namespace envgen {

struct OutputFile {
  std::string path;
  std::string content;
};

// True when `path` exists and holds exactly `content`.
bool is_fresh(const OutputFile& file);

// Writes through a temporary file in the same directory and rename(2). Leaves an
// up-to-date file untouched (`written` = false). On failure, `error` names the file.
bool write_if_changed(const OutputFile& file, bool& written, std::string& error);

}  // namespace envgen
