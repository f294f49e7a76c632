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

// Header templates a configure step turns into config.h: `#undef NAME` (autoheader),
// `#cmakedefine NAME`, `#cmakedefine01 NAME`, `#mesondefine NAME`.
std::vector<FlagDefinition> template_definitions(const std::string& rel, const std::string& text);

// autoconf scripts (configure.ac, *.m4): AC_DEFINE, AC_DEFINE_UNQUOTED, AH_TEMPLATE,
// AC_CHECK_FUNCS/HEADERS/DECLS (HAVE_*), and AC_CONFIG_HEADERS (HAVE_CONFIG_H).
std::vector<FlagDefinition> autoconf_definitions(const std::string& rel, const std::string& text);

// meson.build: <conf>.set/set10/set_quoted('NAME', ...) and add_project_arguments('-DNAME').
std::vector<FlagDefinition> meson_definitions(const std::string& rel, const std::string& text);

// Dispatches on the file name.
std::vector<FlagDefinition> build_file_definitions(const std::string& rel, const std::string& text);

}  // namespace envscan
