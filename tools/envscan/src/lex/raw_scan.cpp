// Raw-lexer pass: tokens, directives and their nesting, defines, calls, function spans.
#include "lex/raw_scan.h"

#include <string_view>
#include <unordered_set>

#include <algorithm>

#include <clang/Basic/LangOptions.h>
#include <clang/Lex/Lexer.h>

namespace envscan {
namespace {

struct Tok {
  clang::tok::TokenKind kind;
  bool bol;  // first token on its line
  unsigned offset, length;
};

std::vector<Tok> lex_all(const std::string& text, Language lang) {
  clang::LangOptions opts;
  opts.LineComment = true;
  opts.C99 = true;
  opts.C11 = true;
  opts.Digraphs = true;
  if (lang == Language::CXX) {
    opts.CPlusPlus = opts.CPlusPlus11 = opts.CPlusPlus14 = opts.CPlusPlus17 = true;
    opts.CPlusPlus20 = true;
  }
  // Offsets are taken relative to this fake file location; no SourceManager needed.
  const auto base = clang::SourceLocation::getFromRawEncoding(1);
  clang::Lexer lexer(base, opts, text.data(), text.data(), text.data() + text.size());
  std::vector<Tok> out;
  out.reserve(text.size() / 6);
  clang::Token t;
  while (true) {
    lexer.LexFromRawLexer(t);
    if (t.is(clang::tok::eof)) break;
    out.push_back({t.getKind(), t.isAtStartOfLine(), t.getLocation().getRawEncoding() - 1,
                   t.getLength()});
  }
  if (!out.empty()) out.front().bol = true;
  return out;
}

bool is_ident(const Tok& t) { return t.kind == clang::tok::raw_identifier; }
bool is_string(const Tok& t) {
  // Wide and UTF-16/32 literals name variables too (`_wgetenv(L"HOME")`).
  return t.kind == clang::tok::string_literal || t.kind == clang::tok::utf8_string_literal ||
         t.kind == clang::tok::wide_string_literal || t.kind == clang::tok::utf16_string_literal ||
         t.kind == clang::tok::utf32_string_literal;
}

// Unquoted content of an ordinary string literal (escapes kept: names have none).
std::string string_content(const std::string& text, const Tok& t) {
  std::string s = text.substr(t.offset, t.length);
  auto q = s.find('"');
  if (q == std::string::npos || s.size() < q + 2) return {};
  return s.substr(q + 1, s.size() - q - 2);
}

RawToken to_raw(const std::string& text, const Tok& t) {
  RawToken r;
  r.offset = t.offset;
  if (is_ident(t)) {
    r.kind = RawToken::Ident;
    r.text = text.substr(t.offset, t.length);
  } else if (is_string(t)) {
    r.kind = RawToken::String;
    r.text = string_content(text, t);
  } else if (t.kind == clang::tok::char_constant) {
    r.kind = RawToken::Char;
    r.text = text.substr(t.offset, t.length);
  } else if (t.kind == clang::tok::numeric_constant) {
    r.kind = RawToken::Number;
    r.text = text.substr(t.offset, t.length);
  } else {
    r.kind = t.kind == clang::tok::unknown ? RawToken::Other : RawToken::Punct;
    r.text = text.substr(t.offset, t.length);
  }
  return r;
}

// Joins a directive's tokens into normalised condition text: `defined(A) && !B`.
std::string tokens_text(const std::string& text, const std::vector<Tok>& toks, std::size_t b,
                        std::size_t e) {
  std::string out;
  std::string prev;
  for (std::size_t i = b; i < e; ++i) {
    std::string s = text.substr(toks[i].offset, toks[i].length);
    bool glue = out.empty() || prev == "(" || prev == "!" || prev == "~" || s == ")" || s == "," ||
                (s == "(" && (prev == "defined" || (!prev.empty() && (std::isalnum((unsigned char)prev.back()) || prev.back() == '_'))));
    if (s == ",") glue = true;
    if (!glue) out += ' ';
    if (prev == ",") out += ' ';
    out += s;
    prev = s;
  }
  // Trim a doubled space introduced by the comma rule.
  std::string clean;
  for (char c : out)
    if (!(c == ' ' && !clean.empty() && clean.back() == ' ')) clean += c;
  return clean;
}

std::string negate(const std::string& c) {
  if (c.empty()) return c;
  bool simple = std::all_of(c.begin(), c.end(), [](char ch) {
    return std::isalnum((unsigned char)ch) || ch == '_';
  });
  if (simple) return "!" + c;
  if (c.rfind("defined(", 0) == 0 && c.find(')') == c.size() - 1) return "!" + c;
  if (c.rfind("!defined(", 0) == 0 && c.find(')') == c.size() - 1) return c.substr(1);
  return "!(" + c + ")";
}

bool needs_parens(const std::string& c) { return c.find("||") != std::string::npos || c.find('?') != std::string::npos; }

const std::set<std::string>& non_call_keywords() {
  static const std::set<std::string> k = {"if", "while", "for", "switch", "return", "sizeof",
                                          "defined", "alignof", "_Alignof", "decltype", "catch",
                                          "typeof", "__typeof__", "__attribute__", "static_assert",
                                          "_Static_assert", "noexcept", "alignas", "_Alignas"};
  return k;
}

bool looks_like_var_name(const std::string& s) {
  if (s.size() < 2 || !(std::isupper((unsigned char)s[0]) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isupper((unsigned char)c) || std::isdigit((unsigned char)c) || c == '_';
  });
}

bool looks_like_identifier(const std::string& s) {
  if (s.size() < 2 || !(std::isalpha((unsigned char)s[0]) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum((unsigned char)c) || c == '_'; });
}

// Marks on a directive's '#' token, so that the code pass can follow conditional arms.
constexpr char kOpens = 2, kSwitches = 3, kCloses = 4;

class DirectiveWalker {
 public:
  DirectiveWalker(const std::string& text, const std::vector<Tok>& toks, RawFile& out)
      : text_(text), toks_(toks), out_(out) {}

  // Marks directive tokens in `in_directive` and fills arms, tests, defines.
  void run(std::vector<char>& in_directive) {
    in_directive.assign(toks_.size(), 0);
    std::size_t i = 0;
    std::size_t directive_count = 0;
    while (i < toks_.size()) {
      if (!(toks_[i].bol && toks_[i].kind == clang::tok::hash)) {
        if (directive_count == leading_pragmas_) tokens_before_first_ = true;  // code before the guard
        last_non_directive_ = i;
        ++i;
        continue;
      }
      std::size_t e = i + 1;
      while (e < toks_.size() && !toks_[e].bol) ++e;
      for (std::size_t k = i; k < e; ++k) in_directive[k] = 1;
      if (i + 1 < e && is_ident(toks_[i + 1])) {
        std::string d = word(i + 1);
        if (d == "if" || d == "ifdef" || d == "ifndef") in_directive[i] = kOpens;
        else if (d == "elif" || d == "elifdef" || d == "elifndef" || d == "else") in_directive[i] = kSwitches;
        else if (d == "endif") in_directive[i] = kCloses;
      }
      handle(i, e, directive_count);
      ++directive_count;
      i = e;
    }
    // Close arms left open by a missing #endif at end of file.
    while (!stack_.empty()) {
      out_.unbalanced = true;
      close_arm(static_cast<unsigned>(text_.size()));
      stack_.pop_back();
    }
    detect_guard();
  }

 private:
  struct Frame {
    std::vector<std::string> previous;  // conditions of earlier arms
    std::string current;
    std::string own;  // the arm's own condition, without earlier arms' negations
    std::size_t arm_index = 0;  // index in out_.arms of the open arm
    bool guard_candidate = false;
  };

  std::string text(std::size_t b, std::size_t e) const { return tokens_text(text_, toks_, b, e); }
  std::string word(std::size_t k) const { return text_.substr(toks_[k].offset, toks_[k].length); }

  unsigned line_end(std::size_t e) const {
    return e < toks_.size() ? toks_[e].offset : static_cast<unsigned>(text_.size());
  }

  void open_arm(const std::string& cond, unsigned begin) {
    ConditionalArm arm;
    arm.begin = begin;
    arm.end = begin;
    arm.condition = cond;
    arm.depth = static_cast<unsigned>(stack_.size());
    out_.arms.push_back(arm);
    stack_.back().arm_index = out_.arms.size() - 1;
    stack_.back().current = cond;
  }
  void close_arm(unsigned end) { out_.arms[stack_.back().arm_index].end = end; }

  std::string arm_condition(const Frame& f, const std::string& own) const {
    std::vector<std::string> parts;
    for (const auto& p : f.previous) parts.push_back(negate(p));
    if (!own.empty()) parts.push_back(own);
    return join_conditions(parts);
  }

  // Identifiers tested by an #if/#elif expression (not `defined`, not function-like calls).
  void collect_tests(std::size_t b, std::size_t e, const std::string& directive,
                     const std::string& expr) {
    int skip_depth = -1, depth = 0;
    for (std::size_t k = b; k < e; ++k) {
      const auto& t = toks_[k];
      if (t.kind == clang::tok::l_paren) ++depth;
      if (t.kind == clang::tok::r_paren) {
        --depth;
        if (depth == skip_depth) skip_depth = -1;
      }
      if (!is_ident(t) || skip_depth >= 0) continue;
      std::string w = word(k);
      if (w == "defined") continue;
      if (k + 1 < e && toks_[k + 1].kind == clang::tok::l_paren) {
        // __has_include(<x.h>), FOO(2): not a flag test; skip its arguments.
        skip_depth = depth;
        continue;
      }
      if (w == "true" || w == "false") continue;
      out_.tests.push_back({w, t.offset, directive, expr});
    }
  }

  void handle(std::size_t i, std::size_t e, std::size_t index) {
    if (i + 1 >= e || !is_ident(toks_[i + 1])) return;
    const std::string name = word(i + 1);
    if (name == "pragma" && index == leading_pragmas_ && stack_.empty()) ++leading_pragmas_;
    const unsigned here = toks_[i].offset;
    const unsigned after = line_end(e);
    const std::size_t b = i + 2;
    if (name == "if" || name == "ifdef" || name == "ifndef") {
      std::string cond;
      std::string expr = text(b, e);
      if (name == "if") {
        cond = expr;
        collect_tests(b, e, name, expr);
      } else if (b < e && is_ident(toks_[b])) {
        std::string m = word(b);
        cond = name == "ifdef" ? "defined(" + m + ")" : "!defined(" + m + ")";
        out_.tests.push_back({m, toks_[b].offset, name, cond});
      }
      Frame f;
      // A bare `#ifndef` has no condition and guards nothing (found by the lexer fuzzer).
      // Only `#pragma once` (or another pragma) may come before a guard's test.
      f.guard_candidate = stack_.empty() && index == leading_pragmas_ && !tokens_before_first_ &&
                          cond.rfind("!defined(", 0) == 0;
      if (f.guard_candidate) guard_name_ = cond.substr(9, cond.size() - 10);
      f.own = cond;
      stack_.push_back(f);
      open_arm(cond, after);
      return;
    }
    if (name == "elif" || name == "elifdef" || name == "elifndef" || name == "else") {
      if (stack_.empty()) {
        out_.unbalanced = true;
        return;
      }
      close_arm(here);
      Frame& f = stack_.back();
      f.previous.push_back(f.own);
      f.guard_candidate = false;
      std::string own;
      if (name == "elif") {
        own = text(b, e);
        collect_tests(b, e, name, own);
      } else if (name != "else" && b < e && is_ident(toks_[b])) {
        std::string m = word(b);
        own = name == "elifdef" ? "defined(" + m + ")" : "!defined(" + m + ")";
        out_.tests.push_back({m, toks_[b].offset, name, own});
      }
      f.own = own;
      open_arm(arm_condition(f, own), after);
      return;
    }
    if (name == "endif") {
      if (stack_.empty()) {
        out_.unbalanced = true;
        return;
      }
      close_arm(here);
      if (stack_.back().guard_candidate && stack_.size() == 1) {
        guard_arm_ = stack_.back().arm_index;
      }
      stack_.pop_back();
      return;
    }
    if ((name == "include" || name == "include_next" || name == "import") && b + 1 < e &&
        toks_[b].kind == clang::tok::less) {
      std::size_t k = b + 1;
      while (k < e && toks_[k].kind != clang::tok::greater) ++k;
      if (k < e) {
        unsigned from = toks_[b].offset + 1;
        out_.system_includes.push_back(text_.substr(from, toks_[k].offset - from));
      }
      return;
    }
    if (name == "define" || name == "undef") {
      if (b >= e || !is_ident(toks_[b])) return;
      RawDefine d;
      d.name = word(b);
      d.undef = name == "undef";
      d.offset = toks_[b].offset;
      std::size_t k = b + 1;
      // Function-like only when '(' touches the name.
      if (!d.undef && k < e && toks_[k].kind == clang::tok::l_paren &&
          toks_[k].offset == toks_[b].offset + toks_[b].length) {
        d.function_like = true;
        for (++k; k < e && toks_[k].kind != clang::tok::r_paren; ++k)
          if (is_ident(toks_[k]) || toks_[k].kind == clang::tok::ellipsis) d.params.push_back(word(k));
        ++k;
      }
      for (; k < e && !d.undef; ++k) d.body.push_back(to_raw(text_, toks_[k]));
      if (index == leading_pragmas_ + 1 && stack_.size() == 1 && stack_.back().guard_candidate &&
          d.name == guard_name_)
        guard_defined_ = true;
      out_.defines.push_back(std::move(d));
      return;
    }
  }

  void detect_guard() {
    if (!guard_defined_ || guard_arm_ == SIZE_MAX) return;
    // Nothing but comments may follow the guard's #endif.
    if (last_non_directive_ != SIZE_MAX &&
        toks_[last_non_directive_].offset > out_.arms[guard_arm_].end)
      return;
    out_.arms[guard_arm_].guard = true;
    out_.include_guard = guard_name_;
  }

  const std::string& text_;
  const std::vector<Tok>& toks_;
  RawFile& out_;
  std::vector<Frame> stack_;
  bool tokens_before_first_ = false;
  std::size_t last_non_directive_ = SIZE_MAX;
  std::size_t leading_pragmas_ = 0;  // directives before the first that are all pragmas
  std::string guard_name_;
  bool guard_defined_ = false;
  std::size_t guard_arm_ = SIZE_MAX;
};

// Calls and function spans over code tokens (directive lines excluded).
void scan_code(const std::string& text, const std::vector<Tok>& toks,
               const std::vector<char>& in_directive, RawFile& out) {
  std::vector<std::size_t> code;
  code.reserve(toks.size());
  std::vector<std::pair<std::size_t, char>> events;  // (code position, conditional event)
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!in_directive[i]) code.push_back(i);
    else if (in_directive[i] > 1) events.push_back({code.size(), in_directive[i]});
  }

  auto word = [&](std::size_t k) { return text.substr(toks[k].offset, toks[k].length); };
  // Distinct names of this file first: the tree-wide pool is then asked once per name.
  std::unordered_set<std::string_view> identifiers, called;
  const auto& keywords = non_call_keywords();
  // `(const char *name, int n[])`: the last identifier of each top-level parameter before any '['.
  auto parameter_names = [&](std::size_t lparen, std::size_t rparen) {
    std::vector<std::string> names;
    std::string last;
    int d = 0;
    bool subscript = false;
    for (std::size_t k = lparen + 1; k < rparen; ++k) {
      const Tok& a = toks[code[k]];
      if (a.kind == clang::tok::l_paren || a.kind == clang::tok::l_square) {
        if (d == 0 && a.kind == clang::tok::l_square) subscript = true;
        ++d;
      } else if (a.kind == clang::tok::r_paren || a.kind == clang::tok::r_square) {
        --d;
      } else if (a.kind == clang::tok::comma && d == 0) {
        names.push_back(last);
        last.clear();
        subscript = false;
      } else if (is_ident(a) && !subscript && d == 0) {
        last = word(code[k]);
      }
    }
    names.push_back(last);
    for (auto& nm : names)
      if (nm == "void" || nm == "const" || keywords.count(nm)) nm.clear();
    return names;
  };

  // Named string constants: NAME = "X"  /  NAME[] = "X"  /  NAME[N] = "X", up to ';' or ','.
  for (std::size_t n = 0; n + 2 < code.size(); ++n) {
    if (!is_ident(toks[code[n]])) continue;
    std::size_t m = n + 1;
    if (toks[code[m]].kind == clang::tok::l_square) {
      while (m < code.size() && toks[code[m]].kind != clang::tok::r_square && m - n < 4) ++m;
      ++m;
    }
    if (m + 1 >= code.size() || toks[code[m]].kind != clang::tok::equal) continue;
    std::string value;
    std::size_t k = m + 1;
    for (; k < code.size() && is_string(toks[code[k]]); ++k) value += string_content(text, toks[code[k]]);
    if (k == m + 1 || k >= code.size()) continue;
    auto end = toks[code[k]].kind;
    // Any identifier-shaped value: projects read lower-case names too (`http_proxy`).
    if ((end == clang::tok::semi || end == clang::tok::comma) && looks_like_identifier(value))
      out.string_constants.emplace(word(code[n]), value);
  }

  // Function spans: a '{' at top level that follows ')' (or a qualifier after it).
  int depth = 0;            // brace depth excluding transparent braces
  std::vector<bool> braces;  // true for namespace / extern "C" braces
  std::string pending_name;  // identifier before the last top-level '('
  std::size_t pending_lparen = SIZE_MAX;  // code index of that '('
  std::size_t last_rparen = SIZE_MAX;
  std::size_t fn_index = SIZE_MAX;
  int paren = 0;

  // Each arm of a conditional starts from the brace depth at its #if, and the code after
  // #endif continues from the first arm: `#if A / int f(int) { / #else / int f(long) { / #endif`
  // opens one function, not two.
  struct ArmDepth {
    int at_if;
    int after_first = -1;
    std::size_t braces;
  };
  std::vector<ArmDepth> arm_depths;
  std::size_t next_event = 0;
  auto apply_events = [&](std::size_t n) {
    for (; next_event < events.size() && events[next_event].first <= n; ++next_event) {
      char kind = events[next_event].second;
      if (kind == kOpens) {
        arm_depths.push_back({depth, -1, braces.size()});
      } else if (!arm_depths.empty()) {
        ArmDepth& a = arm_depths.back();
        if (a.after_first < 0) a.after_first = depth;
        depth = kind == kSwitches ? a.at_if : a.after_first;
        if (braces.size() > a.braces && kind == kSwitches) braces.resize(a.braces);
        if (kind == kCloses) arm_depths.pop_back();
      }
    }
  };
  for (std::size_t n = 0; n < code.size(); ++n) {
    apply_events(n);
    const Tok& t = toks[code[n]];
    if (is_string(t)) {
      std::string s = string_content(text, t);
      if (looks_like_var_name(s)) out.string_words.insert(s);
      if (looks_like_identifier(s) && n > 0 && n + 1 < code.size()) {
        // An element of a brace list (`{ "A", ... }`, `{ .key = "A" }`): a table entry.
        auto before = toks[code[n - 1]].kind, after = toks[code[n + 1]].kind;
        bool designated = before == clang::tok::equal && n >= 3 && toks[code[n - 3]].kind == clang::tok::period;
        if ((before == clang::tok::l_brace || before == clang::tok::comma || designated) &&
            (after == clang::tok::comma || after == clang::tok::r_brace))
          out.listed_names.emplace_back(t.offset, s);
      }
    }
    if (is_ident(t)) identifiers.insert(std::string_view(text).substr(t.offset, t.length));
    if (is_ident(t) && n + 1 < code.size() && toks[code[n + 1]].kind == clang::tok::l_paren) {
      std::string callee = word(code[n]);
      called.insert(std::string_view(text).substr(t.offset, t.length));
      if (depth == 0 && paren == 0) {
        pending_name = callee;
        pending_lparen = n + 1;
      }
      if (!keywords.count(callee)) {
        RawCall call;
        call.callee = callee;
        call.offset = t.offset;
        int d = 0;
        std::vector<RawToken> cur;
        std::size_t m = n + 1;
        for (; m < code.size(); ++m) {
          const Tok& a = toks[code[m]];
          if (a.kind == clang::tok::l_paren || a.kind == clang::tok::l_square || a.kind == clang::tok::l_brace) {
            if (d++ == 0) continue;
          } else if (a.kind == clang::tok::r_paren || a.kind == clang::tok::r_square || a.kind == clang::tok::r_brace) {
            if (--d == 0) break;
          } else if (a.kind == clang::tok::semi) {
            break;  // unbalanced: give up on this call
          } else if (a.kind == clang::tok::comma && d == 1) {
            call.args.push_back(std::move(cur));
            cur.clear();
            continue;
          }
          if (cur.size() < 16) cur.push_back(to_raw(text, a));
        }
        if (!cur.empty() || !call.args.empty()) call.args.push_back(std::move(cur));
        // Keep only calls that can name a variable: a string literal, or a lone
        // upper-case identifier (a name constant or a reader macro's argument).
        // A parameter of the enclosing function passed on is kept too: the function may be a
        // wrapper (inferred later, also where the AST never saw the file).
        const std::vector<std::string>* params = fn_index != SIZE_MAX ? &out.functions[fn_index].params : nullptr;
        bool useful = std::any_of(call.args.begin(), call.args.end(), [&](const auto& a) {
          if (a.empty() || a.size() > 12) return false;
          if (a.size() == 1 && a[0].kind == RawToken::Ident)
            return looks_like_var_name(a[0].text) || out.string_constants.count(a[0].text) > 0 ||
                   (params && std::find(params->begin(), params->end(), a[0].text) != params->end());
          return std::any_of(a.begin(), a.end(), [](const RawToken& t) { return t.kind == RawToken::String; });
        });
        if (useful) out.calls.push_back(std::move(call));
      }
    }
    switch (t.kind) {
      case clang::tok::l_paren: ++paren; break;
      case clang::tok::r_paren:
        if (paren > 0) --paren;
        if (paren == 0) last_rparen = n;
        break;
      case clang::tok::l_brace: {
        bool transparent = false;
        // namespace X {   extern "C" {
        for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
          const Tok& p = toks[code[n - back]];
          if (is_ident(p) && (word(code[n - back]) == "namespace")) transparent = true;
          if (is_string(p) && back == 1 && n >= 2 && word(code[n - 2]) == "extern") transparent = true;
        }
        braces.push_back(transparent);
        if (transparent) break;
        if (depth == 0 && paren == 0 && last_rparen != SIZE_MAX && n - last_rparen <= 4 &&
            !pending_name.empty()) {
          out.functions.push_back({pending_name, t.offset, t.offset, {}});
          fn_index = out.functions.size() - 1;
          if (pending_lparen < last_rparen) out.functions[fn_index].params = parameter_names(pending_lparen, last_rparen);
        }
        ++depth;
        break;
      }
      case clang::tok::r_brace:
        if (!braces.empty()) {
          bool transparent = braces.back();
          braces.pop_back();
          if (transparent) break;
        }
        if (depth > 0 && --depth == 0 && fn_index != SIZE_MAX) {
          out.functions[fn_index].end = t.offset + 1;
          fn_index = SIZE_MAX;
        }
        break;
      case clang::tok::semi:
        if (depth == 0) {
          pending_name.clear();
          pending_lparen = SIZE_MAX;
          last_rparen = SIZE_MAX;
        }
        break;
      default: break;
    }
  }
  if (fn_index != SIZE_MAX) out.functions[fn_index].end = static_cast<unsigned>(text.size());
  for (std::string_view id : identifiers) out.identifiers.insert(id);
  for (std::string_view id : called) out.called.insert(id);
}

}  // namespace

std::string join_conditions(const std::vector<std::string>& arms) {
  // Bounded: 10,000 nested #if would otherwise give every directive a condition as long
  // as the whole nest, quadratic in the input (gigabytes of JSON). The rest is counted.
  constexpr std::size_t kMaxConditionBytes = 2048;
  std::string out;
  std::size_t left_out = 0;
  for (const auto& a : arms) {
    if (a.empty()) continue;
    if (out.size() >= kMaxConditionBytes) {
      ++left_out;
      continue;
    }
    if (!out.empty()) out += " && ";
    out += arms.size() > 1 && needs_parens(a) ? "(" + a + ")" : a;
  }
  if (left_out) out += " && ... (" + std::to_string(left_out) + " more conditions)";
  return out;
}

Location RawFile::location(unsigned offset) const {
  Location loc;
  loc.file = rel;
  loc.offset = offset;
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts.begin());  // 1-based
  loc.line = static_cast<unsigned>(line);
  loc.column = offset - (line ? line_starts[line - 1] : 0) + 1;
  return loc;
}

std::vector<std::string> RawFile::conditions_at(unsigned offset) const {
  std::vector<std::pair<unsigned, std::string>> found;
  for (const auto& a : arms)
    if (!a.guard && a.begin <= offset && offset < a.end) found.push_back({a.depth, a.condition});
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(f.second);
  return out;
}

std::string RawFile::function_at(unsigned offset) const {
  for (const auto& f : functions)
    if (f.begin <= offset && offset < f.end) return f.name;
  return {};
}

RawFile scan_raw(const std::string& path, const std::string& rel, const std::string& text,
                 Language lang) {
  RawFile out;
  out.path = path;
  out.rel = rel;
  out.cxx = lang == Language::CXX;
  out.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') out.line_starts.push_back(static_cast<unsigned>(i + 1));
  std::vector<Tok> toks = lex_all(text, lang);
  std::vector<char> in_directive;
  DirectiveWalker(text, toks, out).run(in_directive);
  scan_code(text, toks, in_directive, out);
  // Tables (`x[] = {`) are rare: only files that have one pay for the token copy.
  bool has_table = false;
  for (std::size_t i = 0; i + 2 < toks.size() && !has_table; ++i)
    has_table = toks[i].kind == clang::tok::r_square && toks[i + 1].kind == clang::tok::equal &&
                toks[i + 2].kind == clang::tok::l_brace && !in_directive[i];
  if (has_table) {
    std::vector<RawToken> code;
    for (std::size_t i = 0; i < toks.size(); ++i)
      if (!in_directive[i]) code.push_back(to_raw(text, toks[i]));
    out.tables = scan_tables(code, out.defines);
  }
  out.identifiers.seal();
  out.called.seal();
  return out;
}

}  // namespace envscan
