// Field by field, in declaration order. A change to any encoded struct must bump
// kCacheFormat in scan_cache.h (old entries then miss instead of decoding wrongly).
#include "cache/codec.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace envscan::cache {

namespace {

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void i64(std::int64_t v) { raw(&v, sizeof v); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void str(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  std::string take() { return std::move(out_); }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}
  bool u8(std::uint8_t& v) { return raw(&v, sizeof v); }
  bool u32(std::uint32_t& v) { return raw(&v, sizeof v); }
  static_assert(std::is_same_v<std::uint32_t, unsigned>, "offsets are unsigned, encoded as 32 bits");
  bool i64(std::int64_t& v) { return raw(&v, sizeof v); }
  bool i64(long long& v) {
    std::int64_t x;
    if (!raw(&x, sizeof x)) return false;
    v = x;
    return true;
  }
  bool i32(int& v) {
    std::int64_t x;
    if (!raw(&x, sizeof x) || x < INT32_MIN || x > INT32_MAX) return false;
    v = static_cast<int>(x);
    return true;
  }
  bool boolean(bool& v) {
    std::uint8_t x;
    if (!u8(x) || x > 1) return false;
    v = x == 1;
    return true;
  }
  bool str(std::string& s) {
    std::uint32_t n;
    if (!u32(n) || n > left()) return false;
    s.assign(p_, n);
    p_ += n;
    return true;
  }
  // A count of elements that each take at least one byte: never more than what is left,
  // so that a corrupt count cannot make us allocate gigabytes.
  bool count(std::uint32_t& n) { return u32(n) && n <= left(); }
  bool at_end() const { return p_ == end_; }

 private:
  std::size_t left() const { return static_cast<std::size_t>(end_ - p_); }
  bool raw(void* v, std::size_t n) {
    if (left() < n) return false;
    std::memcpy(v, p_, n);
    p_ += n;
    return true;
  }
  const char* p_;
  const char* end_;
};

// ---- generic containers ------------------------------------------------------------

template <class T, class F>
void put_vec(Writer& w, const std::vector<T>& v, F put) {
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (const auto& x : v) put(w, x);
}
template <class T, class F>
bool get_vec(Reader& r, std::vector<T>& v, F get) {
  std::uint32_t n;
  if (!r.count(n)) return false;
  v.clear();
  v.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    v.emplace_back();
    if (!get(r, v.back())) return false;
  }
  return true;
}
void put_strs(Writer& w, const std::vector<std::string>& v) {
  put_vec(w, v, [](Writer& w, const std::string& s) { w.str(s); });
}
bool get_strs(Reader& r, std::vector<std::string>& v) {
  return get_vec(r, v, [](Reader& r, std::string& s) { return r.str(s); });
}
void put_set(Writer& w, const std::set<std::string>& s) {
  w.u32(static_cast<std::uint32_t>(s.size()));
  for (const auto& x : s) w.str(x);
}
bool get_set(Reader& r, std::set<std::string>& s) {
  std::uint32_t n;
  if (!r.count(n)) return false;
  s.clear();
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string x;
    if (!r.str(x)) return false;
    s.insert(s.end(), std::move(x));
  }
  return true;
}
// Interned per-file names travel as text (ids are the process's own), sorted so that
// the same file gives the same entry.
void put_ids(Writer& w, const IdentifierSet& s) {
  std::vector<std::string_view> names = s.names();
  std::sort(names.begin(), names.end());
  w.u32(static_cast<std::uint32_t>(names.size()));
  for (std::string_view x : names) w.str(std::string(x));
}
bool get_ids(Reader& r, IdentifierSet& s) {
  std::uint32_t n;
  if (!r.count(n)) return false;
  s = IdentifierSet();
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string x;
    if (!r.str(x)) return false;
    s.insert(x);
  }
  s.seal();
  return true;
}

void put_tables(Writer& w, const RawTables& t) {
  put_vec(w, t.tables, [](Writer& w, const RawTable& x) {
    w.str(x.name);
    w.str(x.type);
    put_vec(w, x.entries, [](Writer& w, const RawTableEntry& e) {
      w.u32(e.offset);
      put_vec(w, e.elements, [](Writer& w, const RawTableElement& el) {
        w.str(el.field);
        w.boolean(el.value.has_value());
        w.str(el.value.value_or(""));
      });
    });
  });
  put_vec(w, t.record_fields, [](Writer& w, const std::pair<std::string, std::vector<std::string>>& r) {
    w.str(r.first);
    put_strs(w, r.second);
  });
}
bool get_tables(Reader& r, RawTables& t) {
  return get_vec(r, t.tables, [](Reader& r, RawTable& x) {
           return r.str(x.name) && r.str(x.type) && get_vec(r, x.entries, [](Reader& r, RawTableEntry& e) {
                    return r.u32(e.offset) && get_vec(r, e.elements, [](Reader& r, RawTableElement& el) {
                             bool has = false;
                             std::string v;
                             if (!r.str(el.field) || !r.boolean(has) || !r.str(v)) return false;
                             if (has) el.value = std::move(v);
                             return true;
                           });
                  });
         }) &&
         get_vec(r, t.record_fields, [](Reader& r, std::pair<std::string, std::vector<std::string>>& x) {
           return r.str(x.first) && get_strs(r, x.second);
         });
}

// ---- RawFile -----------------------------------------------------------------------

void put_token(Writer& w, const RawToken& t) {
  w.u8(t.kind);
  w.str(t.text);
  w.u32(t.offset);
}
bool get_token(Reader& r, RawToken& t) {
  std::uint8_t k;
  if (!r.u8(k) || k > RawToken::Other) return false;
  t.kind = static_cast<RawToken::Kind>(k);
  return r.str(t.text) && r.u32(t.offset);
}
void put_tokens(Writer& w, const std::vector<RawToken>& v) { put_vec(w, v, put_token); }
bool get_tokens(Reader& r, std::vector<RawToken>& v) { return get_vec(r, v, get_token); }

void put_raw(Writer& w, const RawFile& f) {
  w.str(f.path);
  w.str(f.rel);
  put_vec(w, f.line_starts, [](Writer& w, unsigned x) { w.u32(x); });
  put_vec(w, f.arms, [](Writer& w, const ConditionalArm& a) {
    w.u32(a.begin);
    w.u32(a.end);
    w.str(a.condition);
    w.u32(a.depth);
    w.boolean(a.guard);
  });
  put_vec(w, f.tests, [](Writer& w, const RawTest& t) {
    w.str(t.name);
    w.u32(t.offset);
    w.str(t.directive);
    w.str(t.expression);
  });
  put_vec(w, f.defines, [](Writer& w, const RawDefine& d) {
    w.str(d.name);
    w.boolean(d.undef);
    w.boolean(d.function_like);
    put_strs(w, d.params);
    put_tokens(w, d.body);
    w.u32(d.offset);
  });
  put_vec(w, f.calls, [](Writer& w, const RawCall& c) {
    w.str(c.callee);
    w.u32(c.offset);
    put_vec(w, c.args, put_tokens);
  });
  put_vec(w, f.functions, [](Writer& w, const FunctionSpan& s) {
    w.str(s.name);
    w.u32(s.begin);
    w.u32(s.end);
    put_strs(w, s.params);
  });
  put_ids(w, f.called);
  put_set(w, f.string_words);
  put_ids(w, f.identifiers);
  w.u32(static_cast<std::uint32_t>(f.string_constants.size()));
  for (const auto& [k, v] : f.string_constants) {
    w.str(k);
    w.str(v);
  }
  put_vec(w, f.listed_names, [](Writer& w, const std::pair<unsigned, std::string>& p) {
    w.u32(p.first);
    w.str(p.second);
  });
  put_tables(w, f.tables);
  w.str(f.include_guard);
  put_strs(w, f.system_includes);
  w.boolean(f.unbalanced);
  w.boolean(f.cxx);
}

bool get_raw(Reader& r, RawFile& f) {
  if (!r.str(f.path) || !r.str(f.rel)) return false;
  if (!get_vec(r, f.line_starts, [](Reader& r, unsigned& x) { return r.u32(x); })) return false;
  if (!get_vec(r, f.arms, [](Reader& r, ConditionalArm& a) {
        return r.u32(a.begin) && r.u32(a.end) && r.str(a.condition) && r.u32(a.depth) && r.boolean(a.guard);
      }))
    return false;
  if (!get_vec(r, f.tests, [](Reader& r, RawTest& t) {
        return r.str(t.name) && r.u32(t.offset) && r.str(t.directive) && r.str(t.expression);
      }))
    return false;
  if (!get_vec(r, f.defines, [](Reader& r, RawDefine& d) {
        return r.str(d.name) && r.boolean(d.undef) && r.boolean(d.function_like) && get_strs(r, d.params) &&
               get_tokens(r, d.body) && r.u32(d.offset);
      }))
    return false;
  if (!get_vec(r, f.calls, [](Reader& r, RawCall& c) {
        return r.str(c.callee) && r.u32(c.offset) && get_vec(r, c.args, get_tokens);
      }))
    return false;
  if (!get_vec(r, f.functions, [](Reader& r, FunctionSpan& s) {
        return r.str(s.name) && r.u32(s.begin) && r.u32(s.end) && get_strs(r, s.params);
      }))
    return false;
  if (!get_ids(r, f.called) || !get_set(r, f.string_words) || !get_ids(r, f.identifiers)) return false;
  std::uint32_t n;
  if (!r.count(n)) return false;
  f.string_constants.clear();
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string k, v;
    if (!r.str(k) || !r.str(v)) return false;
    f.string_constants.emplace_hint(f.string_constants.end(), std::move(k), std::move(v));
  }
  if (!get_vec(r, f.listed_names, [](Reader& r, std::pair<unsigned, std::string>& p) {
        return r.u32(p.first) && r.str(p.second);
      }))
    return false;
  if (!get_tables(r, f.tables)) return false;
  return r.str(f.include_guard) && get_strs(r, f.system_includes) && r.boolean(f.unbalanced) && r.boolean(f.cxx);
}

// ---- AstFileResult -----------------------------------------------------------------

// Terms nest as the code's expressions do; the bound keeps a corrupt payload from
// recursing without end.
constexpr unsigned kMaxTermDepth = 4096;

void put_term(Writer& w, const Term& t) {
  w.u8(static_cast<std::uint8_t>(t.kind));
  w.str(t.key);
  w.u32(t.index);
  w.i64(t.lo);
  w.i64(t.hi);
  put_vec(w, t.kids, put_term);
}
bool get_term(Reader& r, Term& t, unsigned depth) {
  std::uint8_t k;
  if (depth > kMaxTermDepth || !r.u8(k) || k > static_cast<std::uint8_t>(Term::Kind::Unknown)) return false;
  t.kind = static_cast<Term::Kind>(k);
  return r.str(t.key) && r.u32(t.index) && r.i64(t.lo) && r.i64(t.hi) &&
         get_vec(r, t.kids, [depth](Reader& r, Term& kid) { return get_term(r, kid, depth + 1); });
}

void put_opt_str(Writer& w, const std::optional<std::string>& s) {
  w.boolean(s.has_value());
  if (s) w.str(*s);
}
bool get_opt_str(Reader& r, std::optional<std::string>& s) {
  bool has;
  if (!r.boolean(has)) return false;
  s.reset();
  if (!has) return true;
  s.emplace();
  return r.str(*s);
}

void put_arg(Writer& w, const ArgInfo& a) {
  w.u8(static_cast<std::uint8_t>(a.kind));
  put_strs(w, a.names);
  w.u32(a.param);
  w.str(a.from);
  w.str(a.text);
  w.str(a.prefix);
  put_strs(w, a.candidates);
  w.str(a.param_format);
  w.boolean(a.term.has_value());
  if (a.term) put_term(w, *a.term);
}
bool get_arg(Reader& r, ArgInfo& a) {
  std::uint8_t k;
  if (!r.u8(k) || k > ArgInfo::Unknown) return false;
  a.kind = static_cast<ArgInfo::Kind>(k);
  bool has_term;
  if (!(get_strs(r, a.names) && r.u32(a.param) && r.str(a.from) && r.str(a.text) && r.str(a.prefix) &&
        get_strs(r, a.candidates) && r.str(a.param_format) && r.boolean(has_term)))
    return false;
  a.term.reset();
  if (!has_term) return true;
  a.term.emplace();
  return get_term(r, *a.term, 0);
}

void put_call(Writer& w, const CallRecord& c) {
  w.str(c.callee);
  w.u32(c.offset);
  w.u32(c.line);
  w.u32(c.column);
  w.str(c.macro);
  w.str(c.function);
  put_vec(w, c.args, put_arg);
  const Usage& u = c.usage;
  w.str(u.idiom);
  put_strs(w, u.compared);
  put_opt_str(w, u.default_text);
  w.i64(u.default_param);
  w.str(u.target);
  w.str(u.target_kind);
  w.boolean(u.case_insensitive);
}
bool get_call(Reader& r, CallRecord& c) {
  Usage& u = c.usage;
  return r.str(c.callee) && r.u32(c.offset) && r.u32(c.line) && r.u32(c.column) && r.str(c.macro) &&
         r.str(c.function) && get_vec(r, c.args, get_arg) && r.str(u.idiom) && get_strs(r, u.compared) &&
         get_opt_str(r, u.default_text) && r.i32(u.default_param) && r.str(u.target) && r.str(u.target_kind) &&
         r.boolean(u.case_insensitive);
}

void put_ast(Writer& w, const AstFileResult& a) {
  w.str(a.path);
  w.boolean(a.ran);
  w.u32(a.errors);
  w.str(a.first_error);
  put_strs(w, a.missing_includes);
  put_vec(w, a.skipped, [](Writer& w, const std::pair<unsigned, unsigned>& p) {
    w.u32(p.first);
    w.u32(p.second);
  });
  put_vec(w, a.calls, put_call);
  put_set(w, a.system_macros);
  put_vec(w, a.facts, [](Writer& w, const ValueFact& f) {
    w.u8(static_cast<std::uint8_t>(f.kind));
    w.str(f.key);
    w.u32(f.index);
    put_term(w, f.value);
  });
  put_strs(w, a.search_list);
  put_vec(w, a.inputs, [](Writer& w, const AstInput& in) {
    w.str(in.path);
    w.str(in.digest);
  });
}
bool get_ast(Reader& r, AstFileResult& a) {
  if (!(r.str(a.path) && r.boolean(a.ran) && r.u32(a.errors) && r.str(a.first_error) &&
        get_strs(r, a.missing_includes)))
    return false;
  if (!get_vec(r, a.skipped, [](Reader& r, std::pair<unsigned, unsigned>& p) { return r.u32(p.first) && r.u32(p.second); }))
    return false;
  if (!get_vec(r, a.calls, get_call) || !get_set(r, a.system_macros)) return false;
  if (!get_vec(r, a.facts, [](Reader& r, ValueFact& f) {
        std::uint8_t k;
        if (!r.u8(k) || k > static_cast<std::uint8_t>(Term::Kind::Unknown)) return false;
        f.kind = static_cast<Term::Kind>(k);
        return r.str(f.key) && r.u32(f.index) && get_term(r, f.value, 0);
      }))
    return false;
  return get_strs(r, a.search_list) &&
         get_vec(r, a.inputs, [](Reader& r, AstInput& in) { return r.str(in.path) && r.str(in.digest); });
}

}  // namespace

std::string encode_raw(const RawFile& f) {
  Writer w;
  put_raw(w, f);
  return w.take();
}
bool decode_raw(std::string_view bytes, RawFile& out) {
  Reader r(bytes);
  out = RawFile{};
  return get_raw(r, out) && r.at_end();
}

std::string encode_ast(const AstFileResult& a) {
  Writer w;
  put_ast(w, a);
  return w.take();
}
bool decode_ast(std::string_view bytes, AstFileResult& out) {
  Reader r(bytes);
  out = AstFileResult{};
  return get_ast(r, out) && r.at_end();
}

}  // namespace envscan::cache
