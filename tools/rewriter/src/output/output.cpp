#include "output/output.h"

#include <algorithm>
#include <sstream>

namespace envrewrite {

namespace {

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) {
      out.push_back(s.substr(pos));
      break;
    }
    out.push_back(s.substr(pos, nl - pos + 1));
    pos = nl + 1;
  }
  return out;
}

// A changed span: whole old lines [first, first+count) become `repl` lines.
struct Span {
  unsigned begin = 0, end = 0;  // byte range of whole lines
  std::vector<const Edit*> edits;
};

std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

std::string unified_diff(const std::string& rel, const std::string& original, const std::vector<const Edit*>& edits,
                         unsigned context) {
  // Line starts of the original.
  std::vector<unsigned> starts{0};
  for (unsigned i = 0; i < original.size(); ++i)
    if (original[i] == '\n' && i + 1 < original.size()) starts.push_back(i + 1);
  auto line_of = [&](unsigned off) {  // 0-based
    return static_cast<unsigned>(std::upper_bound(starts.begin(), starts.end(), off) - starts.begin() - 1);
  };
  auto line_end = [&](unsigned line) {
    return line + 1 < starts.size() ? starts[line + 1] : static_cast<unsigned>(original.size());
  };
  std::vector<Span> spans;
  for (const Edit* e : edits) {
    unsigned b = starts[line_of(std::min<unsigned>(e->offset, original.empty() ? 0 : original.size() - 1))];
    if (e->offset >= original.size()) b = static_cast<unsigned>(original.size());
    unsigned end_off = e->offset + e->length;
    unsigned en;
    if (e->length == 0 && e->offset == b) en = b;  // a pure insertion before a line
    else if (e->length > 0 && (end_off == original.size() || (end_off > 0 && original[end_off - 1] == '\n'))) en = end_off;
    else en = line_end(line_of(std::min<unsigned>(end_off, original.size() ? original.size() - 1 : 0)));
    if (!spans.empty() && b < spans.back().end) {
      spans.back().end = std::max(spans.back().end, en);
      spans.back().edits.push_back(e);
    } else if (!spans.empty() && b == spans.back().end && spans.back().begin == spans.back().end) {
      spans.back().end = en;
      spans.back().edits.push_back(e);
    } else {
      spans.push_back({b, en, {e}});
    }
  }
  if (spans.empty()) return "";
  std::vector<std::string> old_lines = split_lines(original);
  std::ostringstream out;
  out << "--- a/" << rel << "\n+++ b/" << rel << "\n";
  // Hunks: spans whose context overlaps are printed together.
  std::size_t k = 0;
  long delta = 0;  // new line number - old line number before the current span
  while (k < spans.size()) {
    std::size_t last = k;
    auto first_line = [&](const Span& s) { return s.begin >= original.size() ? static_cast<unsigned>(old_lines.size()) : line_of(s.begin); };
    auto end_line = [&](const Span& s) { return s.end >= original.size() ? static_cast<unsigned>(old_lines.size()) : line_of(s.end); };
    while (last + 1 < spans.size() && first_line(spans[last + 1]) <= end_line(spans[last]) + 2 * context) ++last;
    unsigned h_old_begin = first_line(spans[k]) > context ? first_line(spans[k]) - context : 0;
    unsigned h_old_end = std::min<unsigned>(static_cast<unsigned>(old_lines.size()), end_line(spans[last]) + context);
    std::vector<std::string> body;
    unsigned cur = h_old_begin;
    long hunk_delta = 0;
    unsigned old_count = 0, new_count = 0;
    for (std::size_t s = k; s <= last; ++s) {
      for (; cur < first_line(spans[s]); ++cur) {
        body.push_back(" " + old_lines[cur]);
        ++old_count;
        ++new_count;
      }
      std::string old_text = original.substr(spans[s].begin, spans[s].end - spans[s].begin);
      std::string new_text;
      unsigned p = spans[s].begin;
      for (const Edit* e : spans[s].edits) {
        if (e->offset < p) continue;
        new_text += original.substr(p, e->offset - p) + e->text;
        p = e->offset + e->length;
      }
      new_text += original.substr(p, spans[s].end - p);
      auto ol = split_lines(old_text), nlines = split_lines(new_text);
      for (const auto& l : ol) body.push_back("-" + l);
      for (const auto& l : nlines) body.push_back("+" + l);
      old_count += static_cast<unsigned>(ol.size());
      new_count += static_cast<unsigned>(nlines.size());
      hunk_delta += static_cast<long>(nlines.size()) - static_cast<long>(ol.size());
      cur = end_line(spans[s]);
    }
    for (; cur < h_old_end; ++cur) {
      body.push_back(" " + old_lines[cur]);
      ++old_count;
      ++new_count;
    }
    auto range = [](unsigned start, unsigned count) {
      // `diff -u`: a hunk with no lines on one side names the line before it.
      std::string s = std::to_string(count == 0 ? start : start + 1);
      if (count != 1) s += "," + std::to_string(count);
      return s;
    };
    out << "@@ -" << range(h_old_begin, old_count) << " +"
        << range(static_cast<unsigned>(static_cast<long>(h_old_begin) + delta), new_count) << " @@\n";
    for (auto& l : body) {
      if (l.empty() || l.back() != '\n') l += "\n\\ No newline at end of file\n";
      out << l;
    }
    delta += hunk_delta;
    k = last + 1;
  }
  return out.str();
}

std::string fixes_yaml(const Plan& plan, const std::string& build_dir) {
  std::ostringstream out;
  out << "---\nMainSourceFile: ''\nDiagnostics:" << (plan.edits.empty() ? " []\n" : "\n");
  for (const auto& e : plan.edits) {
    out << "  - DiagnosticName: " << yaml_quote("envrewrite-" + e.rule) << "\n"
        << "    DiagnosticMessage:\n"
        << "      Message: " << yaml_quote(e.message) << "\n"
        << "      FilePath: " << yaml_quote(e.file) << "\n"
        << "      FileOffset: " << e.offset << "\n"
        << "      Replacements:\n"
        << "        - FilePath: " << yaml_quote(e.file) << "\n"
        << "          Offset: " << e.offset << "\n"
        << "          Length: " << e.length << "\n"
        << "          ReplacementText: " << yaml_quote(e.text) << "\n"
        << "    Level: Warning\n"
        << "    BuildDirectory: " << yaml_quote(build_dir) << "\n";
  }
  out << "...\n";
  return out.str();
}

std::string review_lines(const std::vector<Review>& reviews) {
  std::ostringstream out;
  for (const auto& r : reviews) {
    out << r.file;
    if (r.line) out << ":" << r.line << ":" << r.column;
    out << ": note: " << r.message << " [envrewrite/" << r.rule << ":" << r.kind << "]\n";
  }
  return out.str();
}

}  // namespace envrewrite
