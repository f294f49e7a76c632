// JSON parsing that remembers where every value came from, so that errors can name
// both the JSON pointer and the line:col of the offending value.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "envkit/diagnostic.h"

namespace envkit {

struct TextPos {
  int line = 0;
  int column = 0;
};

// Position of `pointer` in `positions`, or of its nearest ancestor that has one.
TextPos position_in(const std::map<std::string, TextPos>& positions, const std::string& pointer);

struct JsonDocument {
  std::string file;
  nlohmann::ordered_json root;
  std::map<std::string, TextPos> positions;  // JSON pointer -> start of its value

  // Position of `pointer`, or of its nearest ancestor that has one.
  TextPos position_of(const std::string& pointer) const;

  // A diagnostic located at `pointer`.
  Diagnostic at(const std::string& pointer, std::string message, std::string rule,
                Severity sev = Severity::Error) const;
};

// Parses `text` strictly (RFC 8259; duplicate keys are an error). On failure returns
// nullopt and sets `error` to a located diagnostic.
std::optional<JsonDocument> parse_json(const std::string& file, const std::string& text,
                                       Diagnostic& error);

// The whole file as bytes, or nullopt when it cannot be read, is not a regular file or
// is larger than 64 MiB; `reason` (optional) receives why.
std::optional<std::string> read_text_file(const std::string& path, std::string* reason = nullptr);

// The diagnostic for a file that cannot be read:
// `path: error: cannot read <what>[: <reason>] [io]`.
Diagnostic unreadable_file(const std::string& path, const std::string& what, const std::string& reason = "");

// Reads and parses a file; unreadable files give a diagnostic naming the file.
std::optional<JsonDocument> load_json_file(const std::string& path, Diagnostic& error);

// Appends `token` to a JSON pointer with RFC 6901 escaping.
std::string pointer_join(const std::string& base, const std::string& token);
std::string pointer_join(const std::string& base, std::size_t index);

}  // namespace envkit
