// A small recursive-descent evaluator of preprocessor expressions, with "unknown".
#include "classify/condition_eval.h"

#include <cctype>
#include <optional>
#include <vector>

namespace envscan {
namespace {

using Val = std::optional<long long>;  // nullopt: unknown

class Eval {
 public:
  Eval(const std::string& t, const std::function<bool(const std::string&)>& nd) : nd_(nd) { lex(t); }

  Val run() {
    Val v = ternary();
    if (pos_ != toks_.size()) return std::nullopt;  // trailing tokens: don't guess
    return v;
  }

 private:
  void lex(const std::string& t) {
    std::size_t i = 0;
    while (i < t.size()) {
      char c = t[i];
      if (std::isspace((unsigned char)c)) { ++i; continue; }
      if (std::isalpha((unsigned char)c) || c == '_') {
        std::size_t s = i;
        while (i < t.size() && (std::isalnum((unsigned char)t[i]) || t[i] == '_')) ++i;
        toks_.push_back(t.substr(s, i - s));
        continue;
      }
      if (std::isdigit((unsigned char)c)) {
        std::size_t s = i;
        while (i < t.size() && (std::isalnum((unsigned char)t[i]) || t[i] == '.' || t[i] == '\'')) ++i;
        toks_.push_back(t.substr(s, i - s));
        continue;
      }
      static const char* two[] = {"&&", "||", "==", "!=", "<=", ">=", "<<", ">>"};
      bool matched = false;
      for (const char* op : two)
        if (t.compare(i, 2, op) == 0) {
          toks_.push_back(op);
          i += 2;
          matched = true;
          break;
        }
      if (matched) continue;
      toks_.push_back(std::string(1, c));
      ++i;
    }
  }
  const std::string& peek() const {
    static const std::string end;
    return pos_ < toks_.size() ? toks_[pos_] : end;
  }
  bool accept(const std::string& s) {
    if (peek() == s) { ++pos_; return true; }
    return false;
  }

  Val ternary() {
    Val c = lor();
    if (!accept("?")) return c;
    Val a = ternary();
    if (!accept(":")) return std::nullopt;
    Val b = ternary();
    if (!c) return (a && b && *a == *b) ? a : std::nullopt;
    return *c ? a : b;
  }
  Val lor() {
    Val v = land();
    while (accept("||")) {
      Val r = land();
      if ((v && *v) || (r && *r)) v = 1;
      else if (v && r) v = 0;
      else v = std::nullopt;
    }
    return v;
  }
  Val land() {
    Val v = cmp();
    while (accept("&&")) {
      Val r = cmp();
      if ((v && !*v) || (r && !*r)) v = 0;
      else if (v && r) v = 1;
      else v = std::nullopt;
    }
    return v;
  }
  Val cmp() {
    Val v = arith();
    while (true) {
      std::string op = peek();
      if (op != "==" && op != "!=" && op != "<" && op != ">" && op != "<=" && op != ">=" &&
          op != "&" && op != "|" && op != "^")
        return v;
      ++pos_;
      Val r = arith();
      if (!v || !r) { v = std::nullopt; continue; }
      long long a = *v, b = *r;
      v = op == "==" ? a == b : op == "!=" ? a != b : op == "<" ? a < b : op == ">" ? a > b
        : op == "<=" ? a <= b : op == ">=" ? a >= b : op == "&" ? (a & b) : op == "|" ? (a | b) : (a ^ b);
    }
  }
  Val arith() {
    Val v = unary();
    while (true) {
      std::string op = peek();
      if (op != "+" && op != "-" && op != "*" && op != "/" && op != "%" && op != "<<" && op != ">>") return v;
      ++pos_;
      Val r = unary();
      if (!v || !r) { v = std::nullopt; continue; }
      long long a = *v, b = *r;
      if ((op == "/" || op == "%") && b == 0) { v = std::nullopt; continue; }
      if ((op == "<<" || op == ">>") && (b < 0 || b > 62)) { v = std::nullopt; continue; }
      v = op == "+" ? a + b : op == "-" ? a - b : op == "*" ? a * b : op == "/" ? a / b
        : op == "%" ? a % b : op == "<<" ? a << b : a >> b;
    }
  }
  Val unary() {
    if (accept("!")) { Val v = unary(); return v ? Val(!*v) : std::nullopt; }
    if (accept("-")) { Val v = unary(); return v ? Val(-*v) : std::nullopt; }
    if (accept("+")) return unary();
    if (accept("~")) { Val v = unary(); return v ? Val(~*v) : std::nullopt; }
    return primary();
  }
  Val primary() {
    if (accept("(")) {
      Val v = ternary();
      if (!accept(")")) return std::nullopt;
      return v;
    }
    std::string t = peek();
    if (t.empty()) return std::nullopt;
    ++pos_;
    if (t == "defined") {
      bool paren = accept("(");
      std::string name = peek();
      ++pos_;
      if (paren && !accept(")")) return std::nullopt;
      return nd_(name) ? Val(0) : std::nullopt;
    }
    if (std::isdigit((unsigned char)t[0])) {
      try {
        std::string digits;
        for (char c : t) if (c != '\'') digits += c;
        while (!digits.empty() && std::isalpha((unsigned char)digits.back()) &&
               !(digits.size() > 2 && (digits[1] == 'x' || digits[1] == 'X'))) digits.pop_back();
        return std::stoll(digits, nullptr, 0);
      } catch (...) {
        return std::nullopt;
      }
    }
    if (std::isalpha((unsigned char)t[0]) || t[0] == '_') {
      if (peek() == "(") {  // function-like macro: skip its arguments, unknown
        int depth = 0;
        do {
          if (peek() == "(") ++depth;
          if (peek() == ")") --depth;
          ++pos_;
        } while (depth > 0 && pos_ < toks_.size());
        return std::nullopt;
      }
      if (t == "true") return 1;
      if (t == "false") return 0;
      return nd_(t) ? Val(0) : std::nullopt;
    }
    return std::nullopt;
  }

  const std::function<bool(const std::string&)>& nd_;
  std::vector<std::string> toks_;
  std::size_t pos_ = 0;
};

}  // namespace

Truth evaluate_condition(const std::string& text, const std::function<bool(const std::string&)>& never_defined) {
  Val v = Eval(text, never_defined).run();
  if (!v) return Truth::Unknown;
  return *v ? Truth::True : Truth::False;
}

}  // namespace envscan
