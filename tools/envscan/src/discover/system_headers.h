// Platform knowledge from the system headers themselves: a macro that a header under the
// compiler's system include paths defines is the platform's, not a build flag of the
// project, whatever its name (NS_INADDRSZ, EXEC_PAGESIZE, XML_STATUS_OK, ...).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace envscan {

// The system include directories clang's driver gives a C and a C++ compilation on this
// host (the resource directory's, the C++ library's, the multiarch and /usr/include).
std::vector<std::string> system_include_dirs(const std::string& resource_dir);

struct SystemMacroLimits {
  std::size_t max_files = 4000;
  std::size_t max_bytes = 64u << 20;
};

// Macros #defined by the headers reachable from `includes` (names as written in
// `#include <...>`), following their own #include lines transitively, over-approximating:
// every header of that name in any of `dirs`, every arm of every #if.
std::set<std::string> system_defined_macros(const std::vector<std::string>& dirs,
                                            const std::set<std::string>& includes,
                                            const SystemMacroLimits& limits = {});

}  // namespace envscan
