// The accessor header, added once per file that now calls an accessor: among the file's
// quoted includes in sorted position when they are sorted, else after the last include
// of the top block, else after the leading comment.
#include "rules/context.h"

namespace envrewrite {

namespace {

struct IncludeLine {
  unsigned begin = 0, end = 0;  // the whole line, newline included
  std::string path;
  bool quoted = false;
};

}  // namespace

void add_includes(const Context& ctx, Plan& plan) {
  for (const auto& [abs, header] : plan.includes) {
    if (ctx.is_accessor_header(abs)) continue;
    const std::string& text = ctx.text(abs);
    std::vector<IncludeLine> incs;
    int depth = 0;  // includes inside #if are not the file's include order
    bool present = false;
    std::size_t pos = 0, first_code = std::string::npos;
    bool in_comment = false;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
      std::string line = text.substr(pos, end - pos);
      std::size_t i = line.find_first_not_of(" \t");
      bool blank = i == std::string::npos || line[i] == '\n';
      if (in_comment) {
        if (line.find("*/") != std::string::npos) in_comment = false;
      } else if (!blank && line.compare(i, 2, "/*") == 0) {
        if (line.find("*/", i + 2) == std::string::npos) in_comment = true;
      } else if (!blank && line.compare(i, 2, "//") == 0) {
      } else if (!blank && line[i] == '#') {
        std::size_t j = line.find_first_not_of(" \t", i + 1);
        std::string rest = j == std::string::npos ? "" : line.substr(j);
        if (rest.rfind("include", 0) == 0) {
          std::size_t q = rest.find_first_of("\"<");
          if (q != std::string::npos) {
            char close = rest[q] == '"' ? '"' : '>';
            std::size_t qe = rest.find(close, q + 1);
            std::string path = rest.substr(q + 1, qe == std::string::npos ? 0 : qe - q - 1);
            if (path == header || (path.size() > header.size() &&
                                   path.compare(path.size() - header.size() - 1, std::string::npos, "/" + header) == 0))
              present = true;
            if (depth == 0 || (depth == 1 && incs.empty() && first_code == std::string::npos))
              incs.push_back({static_cast<unsigned>(pos), static_cast<unsigned>(end), path, close == '"'});
          }
        } else if (rest.rfind("if", 0) == 0) {
          ++depth;
        } else if (rest.rfind("endif", 0) == 0) {
          --depth;
        }
      } else if (!blank && first_code == std::string::npos) {
        first_code = pos;
      }
      if (first_code != std::string::npos && !incs.empty() && pos > incs.back().end + 4096) break;
      pos = end;
    }
    if (present) continue;
    std::string line = "#include \"" + header + "\"\n";
    unsigned at = 0;
    std::vector<const IncludeLine*> quoted;
    for (const auto& inc : incs)
      if (inc.quoted && (first_code == std::string::npos || inc.begin < first_code)) quoted.push_back(&inc);
    bool sorted = true;
    for (std::size_t k = 1; k < quoted.size(); ++k)
      if (quoted[k - 1]->path > quoted[k]->path) sorted = false;
    if (!quoted.empty()) {
      at = quoted.back()->end;
      if (sorted)
        for (const auto* q : quoted)
          if (q->path > header) {
            at = q->begin;
            break;
          }
    } else if (!incs.empty() && (first_code == std::string::npos || incs.front().begin < first_code)) {
      unsigned last = incs.front().end;
      for (const auto& inc : incs)
        if (first_code == std::string::npos || inc.begin < first_code) last = inc.end;
      at = last;
      line = "\n" + line;
    } else {
      // After the leading comment block, before the first line of code.
      at = first_code == std::string::npos ? static_cast<unsigned>(text.size()) : static_cast<unsigned>(first_code);
      line += "\n";
    }
    if (at > 0 && text[at - 1] != '\n') line = "\n" + line;
    Edit e;
    e.file = abs;
    e.offset = at;
    e.length = 0;
    e.text = line;
    e.rule = "include";
    e.sites = 0;
    e.message = "accessors are declared in " + header;
    // The include belongs to the rule that needed it (one commit per rule).
    for (const auto& x : plan.edits)
      if (x.file == abs && (x.rule == "getenv-to-accessor" || x.rule == "accessor-rename")) {
        e.rule = x.rule;
        break;
      }
    plan.edits.push_back(e);
  }
}

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules = {
      {"remove-dead-flag", "delete branches decided by removed build flags with a fixed value (as unifdef)",
       remove_dead_flag},
      {"getenv-to-accessor", "reads of registry variables become typed accessor calls", getenv_to_accessor},
      {"alias-to-canonical", "reads of legacy names become reads of their canonical names", alias_to_canonical},
      {"accessor-rename", "calls of renamed accessors follow the registry", accessor_rename},
      {"scripts-and-env-files", "legacy names in scripts, .env files, CMake and Makefiles", scripts_and_env_files},
  };
  return rules;
}

}  // namespace envrewrite
