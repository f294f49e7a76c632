// Small helpers shared by the Markdown documents.
#pragma once

#include <string>

namespace envgen {

// Markdown prose (a heading, a paragraph): one line, no control bytes (\xNN), and
// &, < and > as entities so that no HTML gets through.
std::string prose(const std::string& text);
// Text safe inside a table cell: prose with pipes escaped.
std::string cell(const std::string& text);
// An inline code span (text never contains backticks in a valid registry; doubled if it does).
std::string code(const std::string& text);
// The HTML comment every generated document starts with; no "--" of its inputs can end it.
std::string generated_comment(const std::string& registry_display, const std::string& presets_display);

}  // namespace envgen
