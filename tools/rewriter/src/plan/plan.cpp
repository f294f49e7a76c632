#include "plan/plan.h"

#include <algorithm>

namespace envrewrite {

void normalise(Plan& plan, const std::map<std::string, std::string>& rel_of) {
  auto& e = plan.edits;
  std::stable_sort(e.begin(), e.end(), [](const Edit& a, const Edit& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.offset != b.offset) return a.offset < b.offset;
    return a.length > b.length;  // the larger edit first, so that contained ones follow it
  });
  std::vector<Edit> kept;
  for (auto& x : e) {
    if (!kept.empty() && kept.back().file == x.file) {
      Edit& prev = kept.back();
      unsigned prev_end = prev.offset + prev.length;
      bool identical = prev.offset == x.offset && prev.length == x.length && prev.text == x.text;
      if (identical) {
        continue;
      }
      // Two insertions at one place keep their order; an insertion inside a replaced range goes.
      bool inside = prev.length > 0 && x.offset >= prev.offset && x.offset + x.length <= prev_end &&
                    !(x.length == 0 && x.offset == prev_end);
      if (inside) continue;
      if (x.offset < prev_end) {
        auto it = rel_of.find(x.file);
        Review r;
        r.file = it == rel_of.end() ? x.file : it->second;
        r.rule = x.rule;
        r.kind = "conflict";
        r.variable = x.variable;
        r.message = "edit overlaps another rule's edit (" + prev.rule + "); run again after applying";
        plan.reviews.push_back(r);
        continue;
      }
    }
    kept.push_back(std::move(x));
  }
  e = std::move(kept);
}

std::string apply_edits(const std::string& original, const std::vector<const Edit*>& edits) {
  std::string out;
  out.reserve(original.size());
  unsigned pos = 0;
  for (const Edit* e : edits) {
    if (e->offset < pos || e->offset + e->length > original.size()) continue;
    out.append(original, pos, e->offset - pos);
    out += e->text;
    pos = e->offset + e->length;
  }
  out.append(original, pos, std::string::npos);
  return out;
}

std::map<std::string, std::vector<const Edit*>> by_file(const Plan& plan) {
  std::map<std::string, std::vector<const Edit*>> m;
  for (const auto& e : plan.edits) m[e.file].push_back(&e);
  return m;
}

std::pair<unsigned, unsigned> line_col(const std::string& text, unsigned offset) {
  unsigned line = 1, col = 1;
  for (unsigned i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace envrewrite
