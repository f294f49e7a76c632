// Build-flag definitions outside the sources: CMake and Makefiles, each read by a
// small tokenizer (no evaluation: a definition anywhere counts as "defined somewhere").
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace envscan {

// add_compile_definitions, target_compile_definitions, add_definitions, option, and
// -DNAME inside any other command's arguments (e.g. set(CMAKE_C_FLAGS ...)).
std::vector<FlagDefinition> cmake_definitions(const std::string& rel, const std::string& text);

// -DNAME[=VALUE] in a Makefile (comments skipped).
std::vector<FlagDefinition> makefile_definitions(const std::string& rel, const std::string& text);

// Dispatches on the file name.
std::vector<FlagDefinition> build_file_definitions(const std::string& rel, const std::string& text);

}  // namespace envscan
