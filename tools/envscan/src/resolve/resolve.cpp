// Site resolution: wrappers, names, liveness, merging.
#include "resolve/resolve.h"

#include <algorithm>
#include <set>

namespace envscan {
namespace {

std::string simple_name(const std::string& key) {
  std::string q = display_name(key);
  auto p = q.rfind("::");
  return p == std::string::npos ? q : q.substr(p + 2);
}

int idiom_rank(const std::string& idiom) {
  if (idiom.empty()) return 0;
  if (idiom == "presence") return 1;
  if (idiom == "raw-string") return 2;
  return 3;
}

}  // namespace

// The call site's own use wins when it says more than the wrapper does (or the wrapper
// only passes it on).
void apply_use(const CallRecord& rec, const WrapperInfo& w, ReadSite& s) {
  bool own = w.base || idiom_rank(rec.usage.idiom) >= 3 || w.idiom.empty() ||
             (w.idiom == "raw-string" && !rec.usage.idiom.empty());
  s.idiom = own ? rec.usage.idiom : w.idiom;
  s.compared_with = own ? rec.usage.compared : w.compared;
  if (rec.usage.default_text) s.default_value = rec.usage.default_text;
  else if (!w.base && w.default_param >= 0 && static_cast<std::size_t>(w.default_param) < rec.args.size())
    s.default_value = rec.args[static_cast<std::size_t>(w.default_param)].text;
  else if (!w.base && w.default_text) s.default_value = w.default_text;
  s.target = rec.usage.target;
  s.target_kind = rec.usage.target_kind;
  s.case_insensitive = rec.usage.case_insensitive;
}

namespace {

bool in_ranges(const std::vector<std::pair<unsigned, unsigned>>& ranges, unsigned off) {
  for (const auto& [b, e] : ranges)
    if (b <= off && off <= e) return true;
  return false;
}

// A function-like macro that reads the environment: how to build the name from its arguments.
struct ReaderMacro {
  std::vector<std::string> params;
  std::vector<RawToken> name_tokens;  // tokens of the reader's name argument in the body
  std::string reader;
};

std::optional<std::string> expand_name(const ReaderMacro& m, const std::vector<std::vector<RawToken>>& actual) {
  std::string name;
  auto param_index = [&](const std::string& p) -> int {
    for (std::size_t i = 0; i < m.params.size(); ++i)
      if (m.params[i] == p) return static_cast<int>(i);
    return -1;
  };
  for (std::size_t i = 0; i < m.name_tokens.size(); ++i) {
    const RawToken& t = m.name_tokens[i];
    if (t.kind == RawToken::String) {
      name += t.text;
    } else if (t.kind == RawToken::Punct && t.text == "#" && i + 1 < m.name_tokens.size()) {
      int p = param_index(m.name_tokens[++i].text);
      if (p < 0 || static_cast<std::size_t>(p) >= actual.size()) return std::nullopt;
      for (const auto& a : actual[static_cast<std::size_t>(p)]) name += a.text;
    } else if (t.kind == RawToken::Ident) {
      int p = param_index(t.text);
      if (p < 0 || static_cast<std::size_t>(p) >= actual.size()) return std::nullopt;
      const auto& a = actual[static_cast<std::size_t>(p)];
      if (a.size() != 1 || a[0].kind != RawToken::String) return std::nullopt;
      name += a[0].text;
    } else {
      return std::nullopt;
    }
  }
  if (name.empty()) return std::nullopt;
  return name;
}

}  // namespace

bool identifier_name(const std::string& s) {
  if (s.empty() || !(std::isalpha((unsigned char)s[0]) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum((unsigned char)c) || c == '_'; });
}

namespace {

bool looks_like_name(const std::string& s) { return identifier_name(s); }

// Adjacent string literals and string macros (`PFX "_DEBUG"`); a macro-like identifier
// that nothing defines stands for a configure-time value, written "${NAME}" and listed in
// `build_macros`. nullopt when anything else takes part, or no string does.
std::optional<std::string> concatenated_name(const std::vector<RawToken>& toks,
                                             const std::map<std::string, std::string>& string_macros,
                                             std::vector<std::string>& build_macros) {
  std::string name;
  bool text = false;
  for (const RawToken& t : toks) {
    if (t.kind == RawToken::String) {
      name += t.text;
      text = true;
    } else if (t.kind == RawToken::Ident && string_macros.count(t.text)) {
      name += string_macros.at(t.text);
      text = true;
    } else if (t.kind == RawToken::Ident && t.text.size() > 1 &&
               std::none_of(t.text.begin(), t.text.end(), [](char c) { return std::islower((unsigned char)c); })) {
      name += "${" + t.text + "}";
      build_macros.push_back(t.text);
    } else {
      return std::nullopt;
    }
  }
  if (!text || toks.size() < 2) return std::nullopt;
  return name;
}

// "PFX_\x01" -> "PFX_*" when enough of the name is fixed to tell a family; else "".
std::string family_pattern(const std::string& value) {
  std::string p = wildcard_pattern(value);
  std::size_t fixed = 0;
  for (char c : p) {
    if (c == '*') continue;
    if (!(std::isalnum((unsigned char)c) || c == '_')) return "";
    ++fixed;
  }
  if (fixed < 3 || p.front() == '*') return "";
  return p;
}

// Assembled from parts (a prefix, a number, case folding), not only handed along.
bool built_at_run_time(const Term& t) {
  if (t.kind == Term::Kind::Cat || t.kind == Term::Kind::Int || t.kind == Term::Kind::Upper ||
      t.kind == Term::Kind::Lower)
    return true;
  return std::any_of(t.kids.begin(), t.kids.end(), built_at_run_time);
}

}  // namespace

bool named_like_getenv(const std::string& name) {
  std::string n = simple_name(name);
  if (n.size() <= 6) return false;
  std::string tail = n.substr(n.size() - 6);
  for (char& c : tail) c = static_cast<char>(std::tolower((unsigned char)c));
  return tail == "getenv";
}

std::optional<unsigned> library_reader_name_arg(const std::string& callee) {
  // getenv_s(&len, buf, size, name), _dupenv_s(&buf, &len, name), and their wide forms.
  if (callee == "getenv_s" || callee == "_wgetenv_s") return 3;
  if (callee == "_dupenv_s" || callee == "_wdupenv_s") return 2;
  if (named_like_getenv(callee)) return 0;  // _wgetenv, g_getenv, SDL_getenv, ...
  return std::nullopt;
}

std::string display_name(const std::string& key) { return key.substr(0, key.find('@')); }

std::string wrapped_name(const WrapperInfo& w, const std::string& arg) {
  std::string name = w.name_format;
  if (auto pos = name.find("%s"); pos != std::string::npos) name.replace(pos, 2, arg);
  return name;
}

std::map<std::string, WriterWrapper> find_writer_wrappers(const std::vector<const AstFileResult*>& files) {
  std::map<std::string, WriterWrapper> w;
  for (const char* b : {"setenv", "putenv", "unsetenv"}) w[b] = WriterWrapper{0, b};
  w["std::setenv"] = WriterWrapper{0, "setenv"};
  bool changed = true;
  while (changed) {
    changed = false;
    for (const AstFileResult* f : files)
      for (const CallRecord& rec : f->calls) {
        if (rec.function.empty() || w.count(rec.function) || rec.args.empty()) continue;
        auto it = w.find(rec.callee);
        if (it == w.end() || it->second.name_param >= rec.args.size()) continue;
        const ArgInfo& a = rec.args[it->second.name_param];
        std::optional<unsigned> param;
        if (a.kind == ArgInfo::Param && a.param_format.empty()) param = a.param;
        // putenv(concat(name, "=", value)): the name is what comes before '='.
        if (a.kind == ArgInfo::Unknown && a.term && it->second.kind == "putenv" && a.term->kind == Term::Kind::Cat &&
            a.term->kids.size() >= 2 && a.term->kids[0].kind == Term::Kind::Param && a.term->kids[0].key == rec.function &&
            a.term->kids[1].kind == Term::Kind::Lit && a.term->kids[1].key.rfind('=', 0) == 0)
          param = a.term->kids[0].index;
        if (!param) continue;
        w[rec.function] = WriterWrapper{*param, it->second.kind};
        changed = true;
      }
  }
  return w;
}

// Each setter's name parameter, by the function's simple name (the raw lexer knows no more).
static std::map<std::string, unsigned> setter_params_by_name(const std::map<std::string, WriterWrapper>& setters) {
  std::map<std::string, unsigned> out;
  for (const auto& [k, v] : setters) out.emplace(simple_name(k), v.name_param);
  return out;
}

std::map<std::string, WrapperInfo> find_wrappers(const std::vector<const AstFileResult*>& files) {
  return find_wrappers(files, find_writer_wrappers(files));
}

std::map<std::string, WrapperInfo> find_wrappers(const std::vector<const AstFileResult*>& files,
                                                 const std::map<std::string, WriterWrapper>& setters) {
  // A setter that looks before it writes (`if (!overwrite && getenv(name)) return`) reads
  // only to decide the write: its callers set the variable, they do not read it.
  const std::map<std::string, unsigned> setter_param = setter_params_by_name(setters);
  auto is_setter_param = [&](const std::string& fn, unsigned param) {
    auto it = setter_param.find(simple_name(fn));
    return it != setter_param.end() && it->second == param;
  };
  std::map<std::string, WrapperInfo> w;
  for (const std::string& b : base_readers()) {
    WrapperInfo info;
    info.base = true;
    w[b] = info;
  }
  // Functions named like a getenv (my_getenv, _hurdsig_getenv) read their first argument
  // even when their body is not visible or walks environ by hand.
  for (const AstFileResult* f : files)
    for (const CallRecord& rec : f->calls)
      if (!w.count(rec.callee) && named_like_getenv(rec.callee) && !rec.args.empty() &&
          rec.args[0].kind != ArgInfo::None)
        w[rec.callee] = WrapperInfo{};
  bool changed = true;
  while (changed) {
    changed = false;
    for (const AstFileResult* f : files)
      for (const CallRecord& rec : f->calls) {
        if (rec.function.empty() || w.count(rec.function)) continue;
        auto it = w.find(rec.callee);
        if (it == w.end()) continue;
        const WrapperInfo& callee = it->second;
        if (callee.name_param >= rec.args.size()) continue;
        const ArgInfo& a = rec.args[callee.name_param];
        if (a.kind != ArgInfo::Param || is_setter_param(rec.function, a.param)) continue;
        WrapperInfo info;
        info.name_param = a.param;
        // Prefixes compose: an outer wrapper passing "X_%s" to a reader of "PFX_%s".
        info.name_format = wrapped_name(callee, a.param_format.empty() ? "%s" : a.param_format);
        bool own = idiom_rank(rec.usage.idiom) >= 3 || (callee.idiom.empty() && !rec.usage.idiom.empty());
        info.idiom = own ? rec.usage.idiom : callee.idiom;
        info.compared = own ? rec.usage.compared : callee.compared;
        if (rec.usage.default_param >= 0) info.default_param = rec.usage.default_param;
        else if (rec.usage.default_text) info.default_text = rec.usage.default_text;
        else if (callee.default_param >= 0 && static_cast<std::size_t>(callee.default_param) < rec.args.size()) {
          const ArgInfo& d = rec.args[static_cast<std::size_t>(callee.default_param)];
          if (d.kind == ArgInfo::Param) info.default_param = static_cast<int>(d.param);
          else if (!d.text.empty()) info.default_text = d.text;
        } else if (callee.default_text) {
          info.default_text = callee.default_text;
        }
        w[rec.function] = info;
        changed = true;
      }
  }
  return w;
}

std::set<std::string> data_flow_triggers(const std::vector<const AstFileResult*>& files,
                                         const std::map<std::string, WrapperInfo>& wrappers) {
  std::map<std::string, std::vector<const Term*>> facts;
  for (const AstFileResult* f : files)
    for (const ValueFact& fact : f->facts) facts[symbol_key(fact.kind, fact.key, fact.index)].push_back(&fact.value);
  // (term, how many symbols away from a read): only the symbols a read's name depends on
  // directly, and those their values are built from, are worth parsing files for.
  std::vector<std::pair<const Term*, int>> work;
  for (const AstFileResult* f : files)
    for (const CallRecord& rec : f->calls) {
      auto w = wrappers.find(rec.callee);
      if (w == wrappers.end() && !named_like_getenv(rec.callee)) continue;
      for (const ArgInfo& a : rec.args)
        if (a.term) work.push_back({&*a.term, 0});
    }
  std::set<std::string> seen, out;
  auto identifier = [](std::string k, Term::Kind kind) {
    k = k.substr(0, k.find('@'));
    if (k.size() > 2 && k.compare(k.size() - 2, 2, "[]") == 0) k.resize(k.size() - 2);
    if (kind == Term::Kind::Field) {  // Record::field -> Record
      auto p = k.rfind("::");
      if (p == std::string::npos) return std::string();
      k = k.substr(0, p);
    }
    auto p = k.rfind("::");
    return p == std::string::npos ? k : k.substr(p + 2);
  };
  while (!work.empty() && seen.size() < 10000) {
    auto [t, hops] = work.back();
    work.pop_back();
    for (const Term& k : t->kids) work.push_back({&k, hops});
    // A function's return value is usually a path or a computed string, not a table of
    // names: resolve it from what is parsed anyway, but do not parse more for it.
    if (t->kind != Term::Kind::Param && t->kind != Term::Kind::Field && t->kind != Term::Kind::Global) continue;
    std::string k = symbol_key(t->kind, t->key, t->index);
    if (!seen.insert(k).second) continue;
    if (std::string id = identifier(t->key, t->kind); !id.empty() && id.find('(') == std::string::npos) out.insert(id);
    if (hops >= 1) continue;
    if (auto it = facts.find(k); it != facts.end())
      for (const Term* v : it->second) work.push_back({v, hops + 1});
  }
  return out;
}

namespace {

bool ast_trusted(const AstFileResult* a) { return a && a->ran && a->errors == 0 && a->missing_includes.empty(); }

// Wrappers in files the AST could not (fully) parse, such as code for another platform: a
// function whose parameter is passed on, unchanged, as the name of a reader or of a wrapper
// found so far. Chains of wrappers are followed to a fixed point.
// Setters the raw lexer sees: a function passing its own parameter to setenv, putenv or
// unsetenv (a portability setter whose setenv call sits in an arm this build skips). Added to `setters`,
// keyed by the function's name, unless the AST already knows it.
void add_lexer_setters(const ResolveInput& in, std::map<std::string, WriterWrapper>& setters) {
  std::set<std::string> known;
  for (const auto& [k, v] : setters) known.insert(simple_name(k));
  for (const RawFile* f : in.raw)
    for (const RawCall& c : f->calls) {
      if (!is_base_writer(c.callee) || c.args.empty() || c.args[0].empty() || c.args[0][0].kind != RawToken::Ident)
        continue;
      // putenv(name) or putenv of `name "=" ...` built elsewhere: only a bare parameter counts.
      if (c.args[0].size() != 1) continue;
      for (const auto& fs : f->functions) {
        if (!(fs.begin <= c.offset && c.offset < fs.end) || known.count(fs.name)) continue;
        auto p = std::find(fs.params.begin(), fs.params.end(), c.args[0][0].text);
        if (p == fs.params.end()) continue;
        setters.emplace(fs.name, WriterWrapper{static_cast<unsigned>(p - fs.params.begin()), c.callee});
        known.insert(fs.name);
      }
    }
}

void infer_lexer_wrappers(const ResolveInput& in, std::map<std::string, WrapperInfo>& wrappers,
                          const std::map<std::string, WriterWrapper>& setters) {
  // A look before a write is no read.
  const std::map<std::string, unsigned> setter_param = setter_params_by_name(setters);
  for (bool grew = true; grew;) {
    grew = false;
    std::map<std::string, std::string> by_simple;
    for (const auto& [k, v] : wrappers) by_simple.emplace(simple_name(k), k);
    for (const RawFile* f : in.raw) {
      auto a = in.ast.find(f->path);
      const AstFileResult* ast = a == in.ast.end() ? nullptr : a->second;
      for (const RawCall& c : f->calls) {
        // What the AST saw it judged itself; code in #if arms it skipped is the lexer's.
        if (ast_trusted(ast) && !in_ranges(ast->skipped, c.offset)) continue;
        const FunctionSpan* span = nullptr;
        for (const auto& fs : f->functions)
          if (fs.begin <= c.offset && c.offset < fs.end) span = &fs;
        if (!span || span->name == c.callee || by_simple.count(span->name)) continue;
        auto inner = by_simple.find(c.callee);
        std::optional<unsigned> j = inner != by_simple.end() ? std::optional<unsigned>(wrappers[inner->second].name_param)
                                                             : library_reader_name_arg(c.callee);
        if (!j || *j >= c.args.size() || c.args[*j].size() != 1 || c.args[*j][0].kind != RawToken::Ident) continue;
        auto p = std::find(span->params.begin(), span->params.end(), c.args[*j][0].text);
        if (p == span->params.end()) continue;
        WrapperInfo info;
        info.name_param = static_cast<unsigned>(p - span->params.begin());
        if (auto sp = setter_param.find(span->name); sp != setter_param.end() && sp->second == info.name_param) continue;
        if (inner != by_simple.end()) info.name_format = wrappers[inner->second].name_format;
        wrappers.emplace(span->name, info);
        by_simple.emplace(span->name, span->name);
        grew = true;
      }
    }
  }
}

}  // namespace

void resolve_sites(const ResolveInput& in, Findings& out) {
  std::vector<const AstFileResult*> parsed;
  for (const auto& [k, v] : in.ast) parsed.push_back(v);
  // Setters first, those only the lexer saw (a write in an arm the AST skipped) too: none
  // of them is a reader.
  std::map<std::string, WriterWrapper> setters = find_writer_wrappers(parsed);
  add_lexer_setters(in, setters);
  std::map<std::string, WrapperInfo> wrappers = find_wrappers(parsed, setters);
  infer_lexer_wrappers(in, wrappers, setters);
  std::map<std::string, const WriterWrapper*> setter_by_simple;  // a project's own setters
  for (const auto& [k, v] : setters)
    if (!is_base_writer(k)) setter_by_simple.emplace(simple_name(k), &v);
  auto own_setter = [&](const std::string& callee) -> const WriterWrapper* {
    if (is_base_writer(callee)) return nullptr;
    if (auto it = setters.find(callee); it != setters.end()) return &it->second;
    auto it = setter_by_simple.find(simple_name(callee));
    return it == setter_by_simple.end() ? nullptr : it->second;
  };
  ValueSolver solver;
  for (const AstFileResult* f : parsed)
    for (const ValueFact& fact : f->facts) solver.add(fact);
  std::map<std::string, std::string> by_simple;  // simple name -> qualified wrapper name
  for (const auto& [name, info] : wrappers) {
    by_simple.emplace(simple_name(name), name);
    if (!info.base)
      out.wrappers[display_name(name)] = "name from argument " + std::to_string(info.name_param + 1) +
                           (info.idiom.empty() ? "" : ", parsed as " + info.idiom);
  }

  // String constants and reader macros, from every file's #defines.
  std::map<std::string, std::string> string_macros;
  std::map<std::string, ReaderMacro> reader_macros;
  for (const RawFile* f : in.raw)
    for (const RawDefine& d : f->defines) {
      if (d.undef) continue;
      if (!d.function_like && d.body.size() == 1 && d.body[0].kind == RawToken::String &&
          looks_like_name(d.body[0].text))
        string_macros.emplace(d.name, d.body[0].text);
      if (!d.function_like) continue;
      for (std::size_t i = 0; i + 1 < d.body.size(); ++i) {
        if (d.body[i].kind != RawToken::Ident || d.body[i + 1].text != "(") continue;
        auto w = by_simple.find(d.body[i].text);
        if (w == by_simple.end()) continue;
        unsigned want = wrappers[w->second].name_param, arg = 0;
        ReaderMacro m;
        m.params = d.params;
        m.reader = w->second;
        int depth = 0;
        for (std::size_t k = i + 1; k < d.body.size(); ++k) {
          const std::string& t = d.body[k].text;
          if (t == "(" && depth++ == 0) continue;
          if (t == ")" && --depth == 0) break;
          if (t == "," && depth == 1) { ++arg; continue; }
          if (arg == want) m.name_tokens.push_back(d.body[k]);
        }
        if (!m.name_tokens.empty()) {
          out.reader_macros[d.name] = "expands to " + w->second;
          reader_macros.emplace(d.name, std::move(m));
        }
        break;
      }
    }

  std::map<std::tuple<std::string, unsigned, std::string>, std::size_t> read_at;
  auto add_read = [&](ReadSite s) {
    auto [it, fresh] = read_at.emplace(std::make_tuple(s.loc.file, s.loc.offset, s.name), out.reads.size());
    if (fresh) {
      out.reads.push_back(std::move(s));
      return;
    }
    // One place, read twice: a macro like `getenv(n) ? atoi(getenv(n)) : d` expands to two
    // calls at its use. Keep what the more telling of the two says.
    ReadSite& kept = out.reads[it->second];
    if (idiom_rank(s.idiom) > idiom_rank(kept.idiom)) {
      kept.idiom = s.idiom;
      kept.compared_with = s.compared_with;
      if (!s.target.empty()) {
        kept.target = s.target;
        kept.target_kind = s.target_kind;
      }
    }
    if (!kept.default_value && s.default_value) kept.default_value = s.default_value;
  };

  for (const RawFile* raw : in.raw) {
    auto ait = in.ast.find(raw->path);
    const AstFileResult* ast = ait == in.ast.end() ? nullptr : ait->second;
    std::set<unsigned> ast_offsets;
    const std::size_t first_read = out.reads.size();
    // `getenv(list[i].env)` over a table written in this file, which the AST could not type
    // (a missing generated header, another platform's types): each entry's string is a read,
    // under the entry's own #if arms as well as the call's.
    auto table_reads = [&](const std::string& arg_text, const ReadSite& proto, const WrapperInfo* w) {
      bool any = false;
      const std::size_t b = arg_text.find_first_not_of(" \t");
      const std::string from = "table:" + arg_text.substr(b, arg_text.find_first_of("[ \t", b) - b);
      for (const auto& [value, entry] : table_read_values(raw->tables, arg_text)) {
        std::string name = w ? wrapped_name(*w, value) : value;
        if (!looks_like_name(name)) continue;
        ReadSite s = proto;
        s.name = name;
        s.name_from = from;
        auto entry_arms = raw->conditions_at(entry);
        for (const auto& a : entry_arms)
          if (std::find(s.condition_arms.begin(), s.condition_arms.end(), a) == s.condition_arms.end())
            s.condition_arms.push_back(a);
        s.condition = join_conditions(s.condition_arms);
        if (ast && ast->ran && in_ranges(ast->skipped, entry)) s.live = false;
        add_read(s);
        any = true;
      }
      return any;
    };

    if (ast) {
      // A file analysed twice (two compile commands) repeats its records; a macro that
      // reads twice at one place gives two records that differ in how they are used.
      std::set<std::tuple<unsigned, std::string, std::string, std::string>> seen_calls;
      for (const CallRecord& rec : ast->calls) {
        if (!seen_calls.insert({rec.offset, rec.callee, rec.usage.idiom, rec.usage.default_text.value_or("")}).second)
          continue;
        Location loc{raw->rel, rec.line, rec.column, rec.offset};
        auto arms = raw->conditions_at(rec.offset);
        std::string cond = join_conditions(arms);
        if (is_base_writer(rec.callee)) {
          WriteSite w;
          w.kind = rec.callee;
          w.loc = loc;
          w.function = display_name(rec.function);
          w.condition = cond;
          // Several names when the argument is one of a list's tokens (putenv over a split list).
          const ArgInfo* a = rec.args.empty() ? nullptr : &rec.args[0];
          if (a && (a->kind == ArgInfo::Literal || a->kind == ArgInfo::Constant) && !a->names.empty()) {
            for (const std::string& n : a->names) {
              w.name = n;
              out.writes.push_back(w);
            }
          } else {
            out.writes.push_back(w);
          }
          ast_offsets.insert(rec.offset);
          continue;
        }
        if (auto acc = in.accessors.find(simple_name(rec.callee)); acc != in.accessors.end()) {
          ReadSite s;
          s.name = acc->second;
          s.loc = loc;
          s.function = display_name(rec.function);
          s.via = "accessor";
          s.name_from = "accessor:" + simple_name(rec.callee);
          s.idiom = rec.usage.idiom;
          s.target = rec.usage.target;
          s.target_kind = rec.usage.target_kind;
          s.condition = cond;
          s.condition_arms = arms;
          add_read(s);
          ast_offsets.insert(rec.offset);
          continue;
        }
        if (const WriterWrapper* own = own_setter(rec.callee)) {
          const ArgInfo* a = own->name_param < rec.args.size() ? &rec.args[own->name_param] : nullptr;
          if (a && (a->kind == ArgInfo::Literal || a->kind == ArgInfo::Constant || a->kind == ArgInfo::Array)) {
            for (const std::string& n : a->names) {
              WriteSite ws;
              ws.kind = own->kind;
              ws.name = n;
              ws.loc = loc;
              ws.function = display_name(rec.function);
              ws.condition = cond;
              out.writes.push_back(ws);
            }
            ast_offsets.insert(rec.offset);
            continue;
          }
        }
        auto wit = wrappers.find(rec.callee);
        if (wit == wrappers.end()) continue;
        const WrapperInfo& w = wit->second;
        if (w.name_param >= rec.args.size()) continue;
        const ArgInfo& a = rec.args[w.name_param];
        if (a.kind == ArgInfo::None) continue;
        std::string via = !rec.macro.empty() ? "macro:" + rec.macro : w.base ? "direct" : "wrapper:" + display_name(rec.callee);
        auto flow_read = [&](const std::string& name, const std::string& from) {
          ReadSite s;
          s.name = name;
          s.loc = loc;
          s.function = display_name(rec.function);
          s.via = via;
          s.name_from = from;
          apply_use(rec, w, s);
          s.condition = cond;
          s.condition_arms = arms;
          add_read(s);
        };
        auto table_proto = [&](const WrapperInfo& wi) {
          ReadSite s;
          s.loc = loc;
          s.function = display_name(rec.function);
          s.via = via;
          apply_use(rec, wi, s);
          s.condition = cond;
          s.condition_arms = arms;
          return s;
        };
        if (a.kind == ArgInfo::Param) {
          // A wrapper's own body: its callers read the names. Literal alternatives
          // (`getenv(name ? name : "DEFAULT")`) are read here.
          for (const std::string& name : a.names) flow_read(wrapped_name(w, name), "flow");
          if (!a.names.empty()) ast_offsets.insert(rec.offset);
          continue;
        }
        ast_offsets.insert(rec.offset);
        if (a.kind == ArgInfo::Unknown && a.term) {
          // Solved over the whole tree: every name the argument can hold.
          std::vector<std::string> names, families;
          std::vector<std::string> values = solver.values(*a.term);
          if (values.empty()) values.push_back(std::string(1, kWildcard));
          for (const std::string& v : values) {
            std::string name = wrapped_name(w, v);
            if (name.find(kWildcard) == std::string::npos) {
              // "GITHEAD_" + "" is a prefix with an empty part, not a variable.
              if (looks_like_name(name) && name.back() != '_') names.push_back(name);
            } else if (std::string p = family_pattern(name); !p.empty()) {
              families.push_back(p);
            }
          }
          for (const auto& n : names) flow_read(n, "flow");
          for (const auto& f : families) flow_read(f, "family");
          if (names.empty() && families.empty() && table_reads(a.text, table_proto(w), &w)) continue;
          if (names.empty() || !families.empty() || built_at_run_time(*a.term)) {
            ConstructedRead c;
            c.loc = loc;
            c.function = display_name(rec.function);
            c.pattern = !families.empty() ? families.front() : a.prefix.empty() ? a.text : a.prefix;
            c.candidates = names;
            c.condition = cond;
            out.constructed.push_back(c);
          }
          continue;
        }
        if (a.kind == ArgInfo::Unknown && a.candidates.empty() && table_reads(a.text, table_proto(w), &w)) continue;
        if (a.kind == ArgInfo::Unknown) {
          ConstructedRead c;
          c.loc = loc;
          c.function = display_name(rec.function);
          c.pattern = a.prefix.empty() ? a.text : a.prefix;
          c.candidates = a.candidates;
          c.condition = cond;
          out.constructed.push_back(c);
          // Each visible candidate is a read of that name, through a constructed name.
          for (const std::string& name : a.candidates) {
            ReadSite s;
            s.name = name;
            s.loc = loc;
            s.function = display_name(rec.function);
            s.via = "constructed";
            s.name_from = "constructed";
            s.idiom = rec.usage.idiom;
            s.compared_with = rec.usage.compared;
            s.default_value = rec.usage.default_text;
            s.target = rec.usage.target;
            s.target_kind = rec.usage.target_kind;
            s.condition = cond;
            s.condition_arms = arms;
            add_read(s);
          }
          continue;
        }
        for (const std::string& name : a.names) {
          // A wrapper's argument that is no identifier ("${FOO}", "%h") is text the wrapper
          // parses, not a variable name; a direct getenv("my-var") is still a read.
          if (!w.base && !looks_like_name(name)) continue;
          ReadSite s;
          s.name = wrapped_name(w, name);
          s.loc = loc;
          s.function = display_name(rec.function);
          s.via = via;
          s.name_from = a.kind == ArgInfo::Literal ? (a.from.empty() ? "literal" : a.from == "flow" ? "flow" : "constant:" + a.from)
                        : a.kind == ArgInfo::Constant ? "constant:" + a.from : "array:" + a.from;
          apply_use(rec, w, s);
          s.condition = cond;
          s.condition_arms = arms;
          add_read(s);
        }
      }
    }

    // Raw calls: inactive code, and files the AST could not (fully) parse. A read the AST
    // saw is matched by line and name (its offset may start at `std::` or a macro).
    std::set<std::pair<unsigned, std::string>> ast_lines;
    for (std::size_t i = first_read; i < out.reads.size(); ++i)
      ast_lines.insert({out.reads[i].loc.line, out.reads[i].name});
    bool trusted = ast_trusted(ast);
    for (const RawCall& call : raw->calls) {
      bool inactive = ast && ast->ran && in_ranges(ast->skipped, call.offset);
      if (trusted && !inactive) continue;
      if (ast_offsets.count(call.offset)) continue;
      std::optional<std::string> name;
      std::string via, from = "literal";
      const WriterWrapper* setter = own_setter(call.callee);
      bool writer = is_base_writer(call.callee) || setter;
      auto rm = reader_macros.find(call.callee);
      auto ws = by_simple.find(call.callee);
      // Readers the AST never saw called: Windows' (often only in #ifdef _WIN32 code)
      // and functions named like a getenv.
      std::optional<unsigned> library_arg =
          ws == by_simple.end() && !writer ? library_reader_name_arg(call.callee) : std::nullopt;
      const WrapperInfo* wrapper = ws != by_simple.end() ? &wrappers[ws->second] : nullptr;
      const bool rm_found = rm != reader_macros.end();
      unsigned name_arg = 0;  // where the name is, for readers and wrappers
      if (rm_found) {
        name = expand_name(rm->second, call.args);
        via = "macro:" + call.callee;
      } else if (wrapper || writer || library_arg) {
        unsigned j = setter ? setter->name_param : writer ? 0 : wrapper ? wrapper->name_param : *library_arg;
        if (j >= call.args.size()) continue;
        name_arg = j;
        const auto& toks = call.args[j];
        std::string joined;
        bool all_strings = !toks.empty();
        for (const auto& t : toks) {
          if (t.kind != RawToken::String) all_strings = false;
          joined += t.text;
        }
        std::vector<std::string> build_macros;
        if (all_strings) name = joined.substr(0, joined.find('='));
        else if (std::optional<std::string> built = concatenated_name(toks, string_macros, build_macros); built && !writer) {
          if (build_macros.empty()) {
            name = built;
            for (const auto& t : toks)
              if (t.kind == RawToken::Ident) {
                from = "constant:" + t.text;
                break;
              }
          } else {
            // `PACKAGE_ENV "_DEBUG"` with PACKAGE_ENV set at configure time: a pattern whose
            // value depends on the build.
            ConstructedRead c;
            c.loc = raw->location(call.offset);
            c.function = raw->function_at(call.offset);
            c.pattern = wrapper ? wrapped_name(*wrapper, *built) : *built;
            c.build_macros = build_macros;
            c.condition = join_conditions(raw->conditions_at(call.offset));
            c.live = !inactive && !(ast && ast->ran && trusted);
            c.source = "lexer";
            out.constructed.push_back(c);
            continue;
          }
        } else if (toks.size() == 1 && toks[0].kind == RawToken::Ident && string_macros.count(toks[0].text)) {
          name = string_macros[toks[0].text];
          from = "constant:" + toks[0].text;
        } else if (toks.size() == 1 && toks[0].kind == RawToken::Ident && raw->string_constants.count(toks[0].text)) {
          name = raw->string_constants.at(toks[0].text);
          from = "constant:" + toks[0].text;
        } else if (!writer && toks.size() == 1 && toks[0].kind == RawToken::Ident) {
          // A macro defined outside the scanned tree (a library's header): the read is real
          // but its name is not visible here, so report it rather than drop it.
          const std::string& id = toks[0].text;
          bool macro_like = id.size() > 1 && std::none_of(id.begin(), id.end(), [](char c) {
            return std::islower((unsigned char)c);
          });
          if (macro_like) {
            ConstructedRead c;
            c.loc = raw->location(call.offset);
            c.function = raw->function_at(call.offset);
            c.pattern = id;
            c.build_macros = {id};
            c.condition = join_conditions(raw->conditions_at(call.offset));
            c.live = !inactive && !(ast && ast->ran && trusted);
            c.source = "lexer";
            out.constructed.push_back(c);
          }
          continue;  // a variable: a wrapper's own body, or a constructed name we cannot see
        }
        via = writer || !wrapper ? (writer ? "" : "direct")
              : wrapper->base ? "direct" : "wrapper:" + display_name(ws->second);
        if (wrapper && name) name = wrapped_name(*wrapper, *name);
      } else {
        continue;
      }
      Location loc = raw->location(call.offset);
      auto arms = raw->conditions_at(call.offset);
      bool live = !inactive && !(ast && ast->ran && trusted);
      // The name argument as written, for a table walk (`list[i].env`).
      std::string arg_text;
      if (!rm_found && name_arg < call.args.size())
        for (const auto& t : call.args[name_arg]) arg_text += t.text;
      if (writer) {
        WriteSite w;
        w.kind = setter ? setter->kind : call.callee;
        w.loc = loc;
        w.function = raw->function_at(call.offset);
        w.condition = join_conditions(arms);
        w.live = live;
        if (name && looks_like_name(*name)) {
          w.name = *name;
        } else if (!arg_text.empty()) {
          // setenv(list[i], ...) over a table written in this file: a write of each entry.
          bool any = false;
          for (const auto& [value, entry] : table_read_values(raw->tables, arg_text)) {
            std::string n = value.substr(0, value.find('='));
            if (!looks_like_name(n)) continue;
            WriteSite e = w;
            e.name = n;
            if (ast && ast->ran && in_ranges(ast->skipped, entry)) e.live = false;
            out.writes.push_back(e);
            any = true;
          }
          if (any) continue;
        }
        out.writes.push_back(w);
        continue;
      }
      if (!name || !looks_like_name(*name)) {
        if (!arg_text.empty()) {
          ReadSite proto;
          proto.loc = loc;
          proto.function = raw->function_at(call.offset);
          proto.via = via;
          proto.condition = join_conditions(arms);
          proto.condition_arms = arms;
          proto.live = live;
          proto.source = "lexer";
          if (table_reads(arg_text, proto, wrapper && !wrapper->base ? wrapper : nullptr)) continue;
        }
        ConstructedRead c;
        c.loc = loc;
        c.function = raw->function_at(call.offset);
        c.pattern = call.args.empty() || call.args[0].empty() ? "" : call.args[0][0].text;
        c.condition = join_conditions(arms);
        c.live = live;
        c.source = "lexer";
        out.constructed.push_back(c);
        continue;
      }
      if (ast_lines.count({loc.line, *name})) continue;
      ReadSite s;
      s.name = *name;
      s.loc = loc;
      s.function = raw->function_at(call.offset);
      s.via = via;
      s.name_from = from;
      s.condition = join_conditions(arms);
      s.condition_arms = arms;
      s.live = live;
      s.source = "lexer";
      add_read(s);
    }
  }
}

void enrich_inactive_sites(const std::map<std::string, const AstFileResult*>& retained,
                           const std::map<std::string, std::string>& rel_of,
                           const std::vector<const AstFileResult*>& all_parsed, Findings& out) {
  std::map<std::string, WrapperInfo> wrappers = find_wrappers(all_parsed);
  // (file, line, name) -> what the retained AST says about that read.
  std::map<std::tuple<std::string, unsigned, std::string>, std::pair<const CallRecord*, const WrapperInfo*>> seen;
  for (const auto& [path, r] : retained) {
    auto rel = rel_of.find(path);
    if (rel == rel_of.end()) continue;
    for (const CallRecord& rec : r->calls) {
      auto w = wrappers.find(rec.callee);
      if (w == wrappers.end() || w->second.name_param >= rec.args.size()) continue;
      for (const auto& n : rec.args[w->second.name_param].names)
        seen.emplace(std::make_tuple(rel->second, rec.line, wrapped_name(w->second, n)),
                     std::make_pair(&rec, &w->second));
    }
  }
  for (ReadSite& s : out.reads) {
    if (s.source != "lexer" || s.live) continue;
    auto it = seen.find({s.loc.file, s.loc.line, s.name});
    if (it == seen.end()) continue;
    const CallRecord& rec = *it->second.first;
    const WrapperInfo& w = *it->second.second;
    apply_use(rec, w, s);
    if (!rec.function.empty()) s.function = display_name(rec.function);
  }
}

}  // namespace envscan
