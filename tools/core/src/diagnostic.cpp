#include "envkit/diagnostic.h"

#include <algorithm>

namespace envkit {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::string Diagnostic::str() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": ";
  out += severity_name(severity);
  out += ": ";
  out += message;
  if (!pointer.empty()) out += " (at " + pointer + ")";
  if (!rule.empty()) out += " [" + rule + "]";
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diags) {
  return std::any_of(diags.begin(), diags.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

}  // namespace envkit
