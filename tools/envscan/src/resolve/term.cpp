#include "resolve/term.h"

#include <algorithm>

namespace envscan {

namespace {
constexpr std::size_t kMaxAlternatives = 64;
}

Term Term::cat(std::vector<Term> parts) {
  std::vector<Term> flat;
  for (auto& p : parts) {
    if (p.kind == Kind::Cat) {
      for (auto& k : p.kids) flat.push_back(std::move(k));
    } else if (!(p.kind == Kind::Lit && p.key.empty())) {
      flat.push_back(std::move(p));
    }
  }
  std::vector<Term> merged;
  for (auto& p : flat) {
    if (p.kind == Kind::Lit && !merged.empty() && merged.back().kind == Kind::Lit)
      merged.back().key += p.key;
    else
      merged.push_back(std::move(p));
  }
  if (merged.empty()) return lit("");
  if (merged.size() == 1) return std::move(merged[0]);
  Term t;
  t.kind = Kind::Cat;
  t.kids = std::move(merged);
  return t;
}

Term Term::alt(std::vector<Term> options) {
  std::vector<Term> flat;
  for (auto& o : options) {
    if (o.kind == Kind::Alt) {
      for (auto& k : o.kids)
        if (std::find(flat.begin(), flat.end(), k) == flat.end()) flat.push_back(std::move(k));
    } else if (std::find(flat.begin(), flat.end(), o) == flat.end()) {
      flat.push_back(std::move(o));
    }
    if (flat.size() > kMaxAlternatives) return unknown("too many alternatives");
  }
  if (flat.empty()) return unknown();
  if (flat.size() == 1) return std::move(flat[0]);
  Term t;
  t.kind = Kind::Alt;
  t.kids = std::move(flat);
  return t;
}

Term Term::fold(Kind k, Term inner) {
  if (inner.kind == Kind::Lit) {
    for (char& c : inner.key)
      c = static_cast<char>(k == Kind::Upper ? std::toupper((unsigned char)c) : std::tolower((unsigned char)c));
    return inner;
  }
  Term t;
  t.kind = k;
  t.kids.push_back(std::move(inner));
  return t;
}

std::size_t Term::size() const {
  std::size_t n = 1;
  for (const auto& k : kids) n += k.size();
  return n;
}

bool Term::literal_only(std::vector<std::string>& out) const {
  switch (kind) {
    case Kind::Lit:
      out.push_back(key);
      return true;
    case Kind::Alt:
      for (const auto& k : kids)
        if (!k.literal_only(out)) return false;
      return true;
    case Kind::Cat: {
      std::vector<std::string> acc{""};
      for (const auto& k : kids) {
        std::vector<std::string> part;
        if (!k.literal_only(part)) return false;
        std::vector<std::string> next;
        for (const auto& a : acc)
          for (const auto& p : part) next.push_back(a + p);
        if (next.size() > kMaxAlternatives) return false;
        acc = std::move(next);
      }
      out.insert(out.end(), acc.begin(), acc.end());
      return true;
    }
    default:
      return false;
  }
}

bool Term::operator==(const Term& o) const {
  return kind == o.kind && key == o.key && index == o.index && lo == o.lo && hi == o.hi && kids == o.kids;
}

}  // namespace envscan
