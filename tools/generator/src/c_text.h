// Spelling values and text as C11 source that is also valid C++20.
#pragma once

#include <string>

#include "envkit/registry.h"

namespace envgen {

std::string upper(std::string s);
// A C identifier fragment: letters and digits kept, anything else becomes '_'.
std::string identifier_fragment(const std::string& s);
// Text safe inside a /* */ comment on one line: no "*/" or "/*", no line breaks or
// other control bytes (shown as \xNN).
std::string c_comment(const std::string& s);
// A string literal with every byte that C could misread escaped.
std::string c_string(const std::string& s);
// A designated union initializer, e.g. `{.i = INT64_C(64)}`, for a value of `type`.
std::string c_value(const envkit::Value& v, envkit::ValueType type);
// The C type an accessor of `v` returns (`int64_t`, `const char *`, `enum <accessor>_value`).
std::string accessor_return_type(const envkit::Variable& v);
// yyyymmdd as an int, the form the runtime compares dates in.
long date_int(const envkit::Date& d);

}  // namespace envgen
