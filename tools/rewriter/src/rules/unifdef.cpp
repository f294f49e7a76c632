#include "rules/unifdef.h"

#include <cctype>
#include <cstdlib>
#include <set>

namespace envrewrite {

namespace {

struct Tok {
  enum Kind { Num, Ident, Op, End } kind;
  std::string text;
  long long value = 0;
};

// Three-valued integer: a value, or unknown.
struct V {
  bool known = false;
  long long v = 0;
};
V known(long long v) { return {true, v}; }
const V kUnknown{};

class Expr {
 public:
  Expr(const std::string& s, const std::map<std::string, std::optional<long long>>& fixed,
       std::set<std::string>& used)
      : fixed_(fixed), used_(used) {
    lex(s);
  }
  V parse() {
    V v = ternary();
    if (!ok_ || toks_[pos_].kind != Tok::End) return kUnknown;
    // A condition no fixed macro takes part in (#if 0, #if 1) is not ours to decide.
    if (!decided_any_) return kUnknown;
    return v;
  }

 private:
  void lex(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        std::size_t b = i;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])))) ++i;
        std::string n = s.substr(b, i - b);
        while (!n.empty() && (n.back() == 'u' || n.back() == 'U' || n.back() == 'l' || n.back() == 'L')) n.pop_back();
        char* end = nullptr;
        long long v = std::strtoll(n.c_str(), &end, 0);
        if (*end) ok_ = false;
        toks_.push_back({Tok::Num, n, v});
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t b = i;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
        toks_.push_back({Tok::Ident, s.substr(b, i - b)});
      } else {
        static const char* two[] = {"&&", "||", "==", "!=", "<=", ">=", "<<", ">>"};
        std::string op(1, c);
        for (const char* t : two)
          if (s.compare(i, 2, t) == 0) op = t;
        if (op == "'" || op == "\"") ok_ = false;
        toks_.push_back({Tok::Op, op});
        i += op.size();
      }
    }
    toks_.push_back({Tok::End, ""});
  }
  const Tok& peek() const { return toks_[pos_]; }
  bool accept(const char* op) {
    if (peek().kind == Tok::Op && peek().text == op) {
      ++pos_;
      return true;
    }
    return false;
  }
  V ternary() { return lor(); }
  V lor() {
    V l = land();
    while (accept("||")) {
      V r = land();
      if ((l.known && l.v) || (r.known && r.v)) l = known(1);
      else if (l.known && r.known) l = known(0);
      else l = kUnknown;
    }
    return l;
  }
  V land() {
    V l = binary(0);
    while (accept("&&")) {
      V r = binary(0);
      if ((l.known && !l.v) || (r.known && !r.v)) l = known(0);
      else if (l.known && r.known) l = known(1);
      else l = kUnknown;
    }
    return l;
  }
  // unifdef 2.10 evaluates comparisons and logic only; any other operator (arithmetic,
  // bitwise, ?:) leaves the whole line as written. A function-like macro is unknown.
  V binary(int level) {
    static const std::vector<std::vector<std::string>> ops = {{"==", "!="}, {"<", ">", "<=", ">="}};
    if (level == static_cast<int>(ops.size())) return unary();
    V l = binary(level + 1);
    while (true) {
      std::string op;
      for (const auto& o : ops[level])
        if (peek().kind == Tok::Op && peek().text == o) op = o;
      if (op.empty()) return l;
      ++pos_;
      V r = binary(level + 1);
      if (!l.known || !r.known) {
        l = kUnknown;
        continue;
      }
      long long a = l.v, b = r.v;
      long long x = op == "==" ? a == b : op == "!=" ? a != b : op == "<" ? a < b : op == ">" ? a > b
                  : op == "<=" ? a <= b : a >= b;
      l = known(x);
    }
  }
  V unary() {
    if (accept("!")) {
      V v = unary();
      return v.known ? known(!v.v) : kUnknown;
    }
    return primary();
  }
  V primary() {
    const Tok t = peek();
    if (t.kind == Tok::Num) {
      ++pos_;
      return known(t.value);
    }
    if (accept("(")) {
      V v = ternary();
      if (!accept(")")) ok_ = false;
      return v;
    }
    if (t.kind == Tok::Ident) {
      ++pos_;
      if (t.text == "defined") {
        bool paren = accept("(");
        if (peek().kind != Tok::Ident) {
          ok_ = false;
          return kUnknown;
        }
        std::string name = peek().text;
        ++pos_;
        if (paren && !accept(")")) ok_ = false;
        auto it = fixed_.find(name);
        if (it == fixed_.end()) return kUnknown;
        used_.insert(name);
        decided_any_ = true;
        return known(it->second.has_value());
      }
      if (peek().kind == Tok::Op && peek().text == "(") {  // a function-like macro: unknown
        int depth = 0;
        do {
          if (peek().kind == Tok::End) {
            ok_ = false;
            return kUnknown;
          }
          if (peek().text == "(") ++depth;
          if (peek().text == ")") --depth;
          ++pos_;
        } while (depth > 0);
        return kUnknown;
      }
      auto it = fixed_.find(t.text);
      if (it == fixed_.end()) return kUnknown;
      used_.insert(t.text);
      decided_any_ = true;
      return known(it->second.value_or(0));
    }
    ok_ = false;
    return kUnknown;
  }

  const std::map<std::string, std::optional<long long>>& fixed_;
  std::set<std::string>& used_;
  std::vector<Tok> toks_;
  std::size_t pos_ = 0;
  bool ok_ = true;
  bool decided_any_ = false;
};

// Removes comments from a directive's text.
std::string strip_comments(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "//") == 0) break;
    if (s.compare(i, 2, "/*") == 0) {
      std::size_t e = s.find("*/", i + 2);
      if (e == std::string::npos) break;
      i = e + 1;
      out += ' ';
      continue;
    }
    if (s.compare(i, 2, "\\\n") == 0) {
      ++i;
      out += ' ';
      continue;
    }
    out += s[i];
  }
  return out;
}

struct Group {
  bool dropped_whole = false;  // inside an arm that is being deleted
  bool emitted = false;        // an #if line of this group was kept
  bool taken = false;          // an arm known true was reached
  bool keep = true;            // contents of the current arm are kept
};

}  // namespace

UnifdefResult unifdef(const std::string& text, const std::map<std::string, std::optional<long long>>& fixed) {
  UnifdefResult res;
  std::set<std::string> used;
  std::vector<Group> stack;
  bool in_comment = false;
  std::size_t pos = 0;
  unsigned line_no = 0;
  auto keeping = [&] {
    for (const auto& g : stack)
      if (!g.keep || g.dropped_whole) return false;
    return true;
  };
  auto change = [&](std::size_t b, std::size_t e, unsigned line, std::string repl) {
    if (!res.changes.empty() && repl.empty() && res.changes.back().text.empty() &&
        res.changes.back().offset + res.changes.back().length == b) {
      res.changes.back().length += static_cast<unsigned>(e - b);
      return;
    }
    res.changes.push_back({static_cast<unsigned>(b), static_cast<unsigned>(e - b), std::move(repl), line});
  };
  while (pos < text.size()) {
    // One logical line: physical lines joined by backslash-newline.
    std::size_t b = pos, e = pos;
    unsigned first = line_no + 1;
    while (true) {
      std::size_t nl = text.find('\n', e);
      std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
      ++line_no;
      bool cont = nl != std::string::npos && nl > e && text[nl - 1] == '\\';
      e = end;
      if (!cont || e >= text.size()) break;
    }
    pos = e;
    std::string line = text.substr(b, e - b);
    // Directive?
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    bool directive = !in_comment && i < line.size() && line[i] == '#';
    std::string word;
    std::size_t word_at = 0;
    if (directive) {
      std::size_t j = i + 1;
      while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
      word_at = j;
      while (j < line.size() && std::isalpha(static_cast<unsigned char>(line[j]))) word += line[j++];
    }
    // Track block comments in ordinary lines (a directive inside a comment is not one).
    auto scan_comments = [&](const std::string& l) {
      for (std::size_t k = 0; k < l.size(); ++k) {
        if (in_comment) {
          if (l.compare(k, 2, "*/") == 0) {
            in_comment = false;
            ++k;
          }
        } else if (l.compare(k, 2, "//") == 0) {
          break;
        } else if (l.compare(k, 2, "/*") == 0) {
          in_comment = true;
          ++k;
        } else if (l[k] == '"' || l[k] == '\'') {
          char q = l[k++];
          while (k < l.size() && l[k] != q) k += l[k] == '\\' ? 2 : 1;
        }
      }
    };
    bool cond_word = word == "if" || word == "ifdef" || word == "ifndef" || word == "elif" || word == "else" ||
                     word == "endif";
    if (!directive || !cond_word) {
      if (!keeping()) change(b, e, first, "");
      scan_comments(line);
      continue;
    }
    std::string rest = strip_comments(line.substr(word_at + word.size()));
    auto eval = [&]() -> V {
      std::string expr = rest;
      if (word == "ifdef" || word == "ifndef") {
        std::string name;
        for (char c : expr)
          if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') name += c;
          else if (!name.empty()) break;
        expr = (word == "ifndef" ? "!defined(" : "defined(") + name + ")";
      }
      return Expr(expr, fixed, used).parse();
    };
    bool outer_keep = keeping();
    if (word == "if" || word == "ifdef" || word == "ifndef") {
      Group g;
      if (!outer_keep) {
        g.dropped_whole = true;
        change(b, e, first, "");
      } else {
        V v = eval();
        if (!v.known) {
          g.emitted = true;
        } else {
          change(b, e, first, "");
          g.taken = v.v != 0;
          g.keep = v.v != 0;
        }
      }
      stack.push_back(g);
      continue;
    }
    if (stack.empty()) {
      res.error = "line " + std::to_string(first) + ": #" + word + " without #if";
      res.changes.clear();
      return res;
    }
    Group& g = stack.back();
    if (g.dropped_whole) {
      change(b, e, first, "");
      if (word == "endif") stack.pop_back();
      continue;
    }
    if (word == "endif") {
      if (!g.emitted) change(b, e, first, "");
      stack.pop_back();
      continue;
    }
    if (g.taken) {
      g.keep = false;
      change(b, e, first, "");
      continue;
    }
    if (word == "else") {
      g.keep = true;
      if (!g.emitted) change(b, e, first, "");
      continue;
    }
    // #elif
    V v = eval();
    if (v.known && !v.v) {
      g.keep = false;
      change(b, e, first, "");
    } else if (v.known) {
      g.keep = true;
      g.taken = true;
      if (g.emitted) change(b, e, first, line.substr(0, word_at) + "else\n");
      else change(b, e, first, "");
    } else {
      g.keep = true;
      if (!g.emitted) {
        change(b, e, first, line.substr(0, word_at) + "if  " + line.substr(word_at + 4));
        g.emitted = true;
      }
    }
  }
  if (!stack.empty()) {
    res.error = "#if without #endif";
    res.changes.clear();
    return res;
  }
  res.decided.assign(used.begin(), used.end());
  return res;
}

}  // namespace envrewrite
