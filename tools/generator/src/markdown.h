// Small helpers shared by the Markdown documents.
#pragma once

#include <string>

namespace envgen {

// Text safe inside a table cell: pipes escaped, line breaks folded.
std::string cell(const std::string& text);
// An inline code span (text never contains backticks in a valid registry; doubled if it does).
std::string code(const std::string& text);
// The HTML comment every generated document starts with.
std::string generated_comment(const std::string& registry_display, const std::string& presets_display);

}  // namespace envgen
