// Inline suppressions.
#include "check/suppress.h"

#include <algorithm>
#include <sstream>

#include "check/rule.h"

namespace envscan {
namespace {

// Only a comment opener right before the marker makes a suppression (`// envscan:`,
// `/* envscan:`, `# envscan:`), and not one inside a string literal: documentation that
// quotes the syntax must not suppress or be reported.
bool in_comment(const std::string& before) {
  std::size_t end = before.find_last_not_of(" \t");
  if (end == std::string::npos) return false;
  std::size_t opener;
  if (before[end] == '#') opener = end;
  else if (end >= 1 && (before.compare(end - 1, 2, "//") == 0 || before.compare(end - 1, 2, "/*") == 0)) opener = end - 1;
  else return false;
  bool in_string = false;
  for (std::size_t i = 0; i < opener; ++i) {
    if (before[i] == '\\') ++i;
    else if (before[i] == '"') in_string = !in_string;
  }
  return !in_string;
}

}  // namespace

std::vector<Suppression> parse_suppressions(const std::string& file, const std::string& text,
                                            std::vector<CheckFinding>& malformed) {
  static const std::string kMarker = "envscan: ignore";
  std::vector<Suppression> out;
  std::size_t pos = 0;
  unsigned line = 1;
  std::size_t line_start = 0, counted = 0;
  while ((pos = text.find(kMarker, pos)) != std::string::npos) {
    for (; counted < pos; ++counted)
      if (text[counted] == '\n') ++line, line_start = counted + 1;
    Suppression s{file, line, static_cast<unsigned>(pos - line_start + 1), {}, {}, {}};
    if (!in_comment(text.substr(line_start, pos - line_start))) {
      pos += kMarker.size();
      continue;
    }
    std::size_t eol = text.find('\n', pos);
    std::string rest = text.substr(pos + kMarker.size(), eol == std::string::npos ? std::string::npos : eol - pos - kMarker.size());
    pos += kMarker.size();
    // Block comments end on the same line: keep the reason free of the terminator.
    if (auto end = rest.find("*/"); end != std::string::npos) rest.resize(end);
    std::string problem;
    if (rest.empty() || rest[0] != '[' || rest.find(']') == std::string::npos) {
      problem = "suppression needs a rule id in brackets: envscan: ignore[rule-id] reason";
    } else {
      std::size_t close = rest.find(']');
      std::stringstream ids(rest.substr(1, close - 1));
      std::string id;
      while (std::getline(ids, id, ',')) {
        id.erase(std::remove_if(id.begin(), id.end(), [](char c) { return c == ' ' || c == '\t'; }), id.end());
        if (!id.empty()) s.rules.push_back(id);
      }
      std::string reason = rest.substr(close + 1);
      auto first = reason.find_first_not_of(" \t\r");
      auto last = reason.find_last_not_of(" \t\r");
      s.reason = first == std::string::npos ? "" : reason.substr(first, last - first + 1);
      if (s.rules.empty()) problem = "suppression names no rule: envscan: ignore[rule-id] reason";
      else if (s.reason.empty()) problem = "suppression of " + s.rules.front() + " needs a reason after the bracket";
    }
    if (!problem.empty()) {
      CheckFinding f;
      f.file = file;
      f.line = s.line;
      f.column = s.column;
      f.rule = "malformed-suppression";
      f.message = problem;
      malformed.push_back(std::move(f));
      continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(std::vector<Suppression>& sups, std::vector<CheckFinding>& findings) {
  std::vector<CheckFinding> kept;
  for (auto& f : findings) {
    bool silenced = false;
    for (auto& s : sups) {
      if (s.file != f.file || (f.line != s.line && f.line != s.line + 1)) continue;
      if (std::find(s.rules.begin(), s.rules.end(), f.rule) == s.rules.end()) continue;
      silenced = true;
      if (std::find(s.used.begin(), s.used.end(), f.rule) == s.used.end()) s.used.push_back(f.rule);
    }
    if (!silenced) kept.push_back(std::move(f));
  }
  findings = std::move(kept);
  for (const auto& s : sups) {
    for (const auto& id : s.rules) {
      CheckFinding f;
      f.file = s.file;
      f.line = s.line;
      f.column = s.column;
      if (!find_rule(id)) {
        f.rule = "malformed-suppression";
        f.message = "suppression names unknown rule '" + id + "'";
        findings.push_back(f);
        continue;
      }
      if (std::find(s.used.begin(), s.used.end(), id) != s.used.end()) continue;
      f.rule = "unused-suppression";
      f.name = id;
      f.message = "suppression of " + id + " silences nothing on this line or the next; remove it";
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace envscan
