// Finding the files to scan: C/C++ sources and headers, build-definition files
// (CMake, Makefiles), and the directories that hold headers.
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace envscan {

struct Discovery {
  std::vector<std::string> sources;      // absolute, sorted, unique (C/C++ sources and headers)
  std::vector<std::string> build_files;  // CMakeLists.txt, *.cmake, Makefile, *.mk
  std::vector<std::string> include_dirs; // directories holding headers, plus include/ dirs
  std::vector<FileDiagnostic> diagnostics;
};

// Walks `paths` recursively. Skips .git and build directories (holding CMakeCache.txt),
// and paths matching an `exclude` pattern (glob over the root-relative path).
// Never throws: unreadable entries and symlink loops become diagnostics.
Discovery discover(const std::vector<std::string>& paths, const std::string& root,
                   const std::vector<std::string>& exclude);

bool is_source_file(const std::string& path);
bool is_cxx_file(const std::string& path);
// `shell.c.in`, `version.h.in` is a build file: a source with configure-time placeholders,
// read by the raw lexer (it does not compile as it stands).
bool is_source_template(const std::string& path);

// `path` relative to `root` when inside it, else absolute; '/' separators.
std::string relative_to(const std::string& path, const std::string& root);

// fnmatch-style glob: * (not /), ** (any), ?.
bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace envscan
