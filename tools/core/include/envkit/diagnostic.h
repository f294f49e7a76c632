// Compiler-style diagnostics shared by every tool: `file:line:col: error: message [rule]`.
#pragma once

#include <string>
#include <vector>

namespace envkit {

enum class Severity { Note, Warning, Error };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;     // as given by the user (relative stays relative)
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based byte column; 0 when unknown
  std::string pointer;  // JSON pointer, when the diagnostic is about a JSON document
  std::string message;
  std::string rule;     // stable id, e.g. "registry-duplicate-name"

  // One line: `file:line:col: error: message (at /json/pointer) [rule]`.
  std::string str() const;
};

const char* severity_name(Severity s);

// True when any diagnostic is an error.
bool has_errors(const std::vector<Diagnostic>& diags);

}  // namespace envkit
