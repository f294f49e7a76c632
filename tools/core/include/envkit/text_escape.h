// Showing untrusted bytes (file names, registry strings, values) without letting them
// act: no terminal escapes, no aborted JSON writer, no comment or table broken open.
#pragma once

#include <string>
#include <string_view>

namespace envkit {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view s);
// Offset of the first byte that does not start a well-formed UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view s);

// For terminals and logs: control bytes (C0, DEL, C1 as UTF-8) and bytes that are not
// UTF-8 become \xNN; everything else is kept as is.
std::string printable(std::string_view s);

// Lossless and valid UTF-8: like printable(), and '\' becomes "\\", so the original
// bytes can be recovered (every "\xNN" is one byte, every "\\" one backslash).
std::string escape_bytes(std::string_view s);

}  // namespace envkit
