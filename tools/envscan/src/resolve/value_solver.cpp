#include "resolve/value_solver.h"

#include <algorithm>

namespace envscan {

namespace {
constexpr std::size_t kMaxWork = 2'000'000;
constexpr unsigned kMaxDepth = 24;
const std::string kAny(1, kWildcard);

std::string collapse(std::string s) {
  std::string out;
  for (char c : s)
    if (!(c == kWildcard && !out.empty() && out.back() == kWildcard)) out += c;
  return out;
}
}  // namespace

std::string symbol_key(Term::Kind kind, const std::string& key, unsigned index) {
  return std::to_string(static_cast<int>(kind)) + ":" + key + "#" + std::to_string(index);
}

void ValueSolver::add(const ValueFact& f) {
  auto& list = facts_[symbol_key(f.kind, f.key, f.index)];
  if (list.size() < 4 * kMaxValues && std::find(list.begin(), list.end(), f.value) == list.end())
    list.push_back(f.value);
  memo_.clear();
}

std::vector<std::string> ValueSolver::values(const Term& t) {
  std::set<std::string> v = eval(t, 0);
  return {v.begin(), v.end()};
}

std::set<std::string> ValueSolver::symbol(const Term& t, unsigned depth) {
  std::string k = symbol_key(t.kind, t.key, t.index);
  if (auto it = memo_.find(k); it != memo_.end()) return it->second;
  if (busy_.count(k)) return {};  // a cycle: the other paths supply the values
  auto facts = facts_.find(k);
  if (facts == facts_.end()) return {kAny};
  busy_.insert(k);
  std::set<std::string> out;
  for (const Term& f : facts->second) {
    for (auto& v : eval(f, depth + 1)) {
      if (out.size() >= kMaxValues) break;
      out.insert(v);
    }
  }
  busy_.erase(k);
  if (out.empty()) out.insert(kAny);
  memo_[k] = out;
  return out;
}

std::set<std::string> ValueSolver::eval(const Term& t, unsigned depth) {
  if (++work_ > kMaxWork || depth > kMaxDepth) return {kAny};
  using K = Term::Kind;
  switch (t.kind) {
    case K::Lit:
      return {t.key};
    case K::Unknown:
      return {kAny};
    case K::Int: {
      if (t.hi <= t.lo || t.hi - t.lo > static_cast<long long>(kMaxValues)) return {kAny};
      std::set<std::string> out;
      for (long long v = t.lo; v < t.hi; ++v) out.insert(std::to_string(v));
      return out;
    }
    case K::Alt: {
      std::set<std::string> out;
      for (const auto& k : t.kids)
        for (auto& v : eval(k, depth + 1)) {
          if (out.size() >= kMaxValues) return out;
          out.insert(v);
        }
      return out;
    }
    case K::Cat: {
      std::set<std::string> acc{""};
      for (const auto& k : t.kids) {
        std::set<std::string> part = eval(k, depth + 1);
        std::set<std::string> next;
        for (const auto& a : acc)
          for (const auto& p : part) {
            if (next.size() >= kMaxValues) break;
            next.insert(collapse(a + p));
          }
        acc = std::move(next);
      }
      return acc;
    }
    case K::Upper:
    case K::Lower: {
      std::set<std::string> out;
      for (std::string v : eval(t.kids.at(0), depth + 1)) {
        for (char& c : v)
          if (c != kWildcard)
            c = static_cast<char>(t.kind == K::Upper ? std::toupper((unsigned char)c) : std::tolower((unsigned char)c));
        out.insert(v);
      }
      return out;
    }
    case K::Param:
    case K::Field:
    case K::Global:
    case K::Return:
      return symbol(t, depth);
  }
  return {kAny};
}

std::string wildcard_pattern(const std::string& value) {
  std::string out;
  for (char c : value) out += c == kWildcard ? '*' : c;
  return out;
}

}  // namespace envscan
