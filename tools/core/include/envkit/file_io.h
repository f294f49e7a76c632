// Reading inputs and writing outputs safely, shared by every tool: inputs are read only
// from regular files and only up to a size cap (a device or FIFO could never end or
// block forever); outputs replace regular files atomically through a temporary file
// that cannot be a planted symlink, and are written in place to devices and FIFOs.
#pragma once

#include <cstddef>
#include <string>

namespace envkit {

// Inputs larger than this are refused unless a caller asks for another cap.
constexpr std::size_t kDefaultMaxInputBytes = std::size_t{64} << 20;

enum class ReadStatus { Ok, Missing, Error };

// Reads the whole of `path` into `out` when it is a regular file (symlinks followed) of
// at most `max_bytes`. Otherwise sets `error` to the reason ("not a regular file", "larger
// than ...", the system error); the path is not part of the message.
ReadStatus read_regular_file(const std::string& path, std::string& out, std::string& error,
                             std::size_t max_bytes = kDefaultMaxInputBytes);

// Writes `content` to `path`. A missing or regular file is replaced atomically: a fresh
// temporary file made with mkstemp (O_EXCL, so never through a symlink) in the target's
// directory, then rename(2); an existing file keeps its permission bits. A symlink is
// followed, so the link stays and its target changes. A device, FIFO or socket is written
// in place, never replaced. Returns "" on success, else a message that names `path`.
std::string write_output_file(const std::string& path, const std::string& content);

// Writes all of `data` to `fd`, retrying short writes. Returns "" or the system error.
std::string write_all(int fd, const std::string& data);

}  // namespace envkit
