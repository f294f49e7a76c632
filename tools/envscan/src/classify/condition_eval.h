// Three-valued evaluation of #if conditions over what the scan knows: a macro that is
// never defined anywhere (sources, compile database, CMake, Makefiles) is 0 and not
// defined(); everything else is unknown. Used to tell dead code from code that is
// merely inactive in the scanned configuration.
#pragma once

#include <functional>
#include <string>

namespace envscan {

enum class Truth { False, True, Unknown };

// `never_defined(name)` is true when the name cannot be defined by this project.
Truth evaluate_condition(const std::string& text,
                         const std::function<bool(const std::string&)>& never_defined);

}  // namespace envscan
