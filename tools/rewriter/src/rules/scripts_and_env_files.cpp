// scripts-and-env-files: legacy names in shell scripts, .env files, CMake files and
// Makefiles (`HAKMEM_TINY_P0_BATCH=32 ./bench`, `export ...`, `-DPOOL_TLS_PHASE1=0`) become
// their canonical names, or are removed with a note when the registry removed them.
#include <cctype>
#include <cstdlib>

#include "rules/context.h"

namespace envrewrite {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// End of a shell word starting at `i` (quotes kept together).
std::size_t word_end(const std::string& s, std::size_t i) {
  while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ';' && s[i] != ')') {
    if (s[i] == '"' || s[i] == '\'') {
      char q = s[i++];
      while (i < s.size() && s[i] != q) ++i;
    }
    ++i;
  }
  return std::min(i, s.size());
}

std::string unquote(std::string v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
  return v;
}

}  // namespace

void scripts_and_env_files(const Context& ctx, Plan& plan) {
  const auto& reg = *ctx.registry;
  const std::string rule = "scripts-and-env-files";
  std::set<std::string> removed_flags;
  for (const auto& f : reg.build_flags)
    if (f.status == envkit::Status::Removed && f.fixed) removed_flags.insert(f.name);
  for (const auto& abs : ctx.other_files) {
    const std::string& text = ctx.text(abs);
    std::string rel = ctx.rel(abs);
    std::size_t pos = 0;
    unsigned line_no = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      std::size_t end = nl == std::string::npos ? text.size() : nl;
      std::string line = text.substr(pos, end - pos);
      ++line_no;
      std::size_t first = line.find_first_not_of(" \t");
      if (first == std::string::npos || line[first] == '#') {
        pos = end + 1;
        continue;
      }
      for (std::size_t i = 0; i < line.size();) {
        if (!(std::isalpha(static_cast<unsigned char>(line[i])) || line[i] == '_') || (i > 0 && ident_char(line[i - 1]))) {
          ++i;
          continue;
        }
        std::size_t j = i;
        while (j < line.size() && ident_char(line[j])) ++j;
        // -DNAME / -UNAME: the option letter is lexed with the name.
        bool dash_d = i >= 1 && line[i - 1] == '-' && (line[i] == 'D' || line[i] == 'U') && j > i + 1;
        if (dash_d) ++i;
        std::string name = line.substr(i, j - i);
        unsigned off = static_cast<unsigned>(pos + i);
        auto review = [&](const std::string& kind, const std::string& var, const std::string& msg) {
          plan.reviews.push_back({rel, line_no, static_cast<unsigned>(i + 1), rule, kind, var, msg});
        };
        if (dash_d && removed_flags.count(name)) {
          // -DNAME[=V] / -UNAME: the flag is gone; drop the option and one space.
          std::size_t b = i - 2, e = word_end(line, j);
          if (e < line.size() && line[e] == ' ') ++e;
          else if (b > 0 && line[b - 1] == ' ') --b;
          Edit ed{abs, static_cast<unsigned>(pos + b), static_cast<unsigned>(e - b), "", rule,
                  line.substr(i - 2, word_end(line, j) - (i - 2)) + " removed: the flag is fixed in the code now",
                  name, line.substr(i - 2, word_end(line, j) - (i - 2)), "", 0};
          plan.edits.push_back(ed);
          review("note", name, "removed " + ed.from + " (build flag removed; its fixed value is now in the code)");
          i = j;
          continue;
        }
        if (dash_d) {
          i = j;
          continue;
        }
        auto info = reg.lookup(name, ctx.today);
        bool assign = j < line.size() && line[j] == '=';
        if (info.kind == envkit::NameInfo::Kind::Alias && info.variable) {
          const auto& var = *info.variable;
          std::string value;
          std::size_t vend = j;
          if (assign) {
            vend = word_end(line, j + 1);
            value = unquote(line.substr(j + 1, vend - j - 1));
          }
          if (!info.alias->value_map.empty() && assign) {
            auto m = info.alias->value_map.find(value);
            if (m == info.alias->value_map.end()) {
              review("value-map", var.name, name + "=" + value + ": no canonical value for this legacy value; left alone");
              i = j;
              continue;
            }
            plan.edits.push_back({abs, off, static_cast<unsigned>(vend - i), var.name + "=" + m->second, rule,
                                  name + "=" + value + " is " + var.name + "=" + m->second, var.name, name, var.name, 1});
          } else {
            plan.edits.push_back({abs, off, static_cast<unsigned>(j - i), var.name, rule,
                                  name + " is a legacy name of " + var.name, var.name, name, var.name, 1});
          }
          i = j;
          continue;
        }
        bool removed = info.kind == envkit::NameInfo::Kind::Removed || info.kind == envkit::NameInfo::Kind::RemovedFamily ||
                       (info.kind == envkit::NameInfo::Kind::Alias && !info.variable);
        if (removed && assign) {
          std::string why = info.replacement.empty() ? "" : "; use " + info.replacement;
          std::size_t vend = word_end(line, j + 1);
          std::string before = line.substr(0, i);
          std::size_t bs = before.find_last_not_of(" \t");
          bool export_line = before.substr(first, bs == std::string::npos ? 0 : bs + 1 - first) == "export";
          bool alone = (first == i || export_line) && line.find_first_not_of(" \t;", vend) == std::string::npos;
          if (alone) {
            std::string note = line.substr(0, first) + "# envrewrite: " + name + " was removed" + why;
            plan.edits.push_back({abs, static_cast<unsigned>(pos), static_cast<unsigned>(end - pos), note, rule,
                                  name + " was removed" + why, name, name, "", 1});
          } else {
            std::size_t e = vend;
            while (e < line.size() && line[e] == ' ') ++e;
            plan.edits.push_back({abs, off, static_cast<unsigned>(e - i), "", rule, name + " was removed" + why, name,
                                  name, "", 1});
          }
          review("removed-name", name, name + " was removed from the registry" + why + "; its setting was dropped here");
          i = vend;
          continue;
        }
        i = j;
      }
      pos = end + 1;
    }
  }
}

}  // namespace envrewrite
