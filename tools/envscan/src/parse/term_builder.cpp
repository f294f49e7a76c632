#include "parse/term_builder.h"

#include <algorithm>
#include <cstring>
#include <set>

#include <clang/AST/ASTContext.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

namespace envscan {

using namespace clang;

bool is_string_type(QualType t) {
  if (t.isNull()) return false;
  t = t.getNonReferenceType();
  if (t->isPointerType() || t->isArrayType()) {
    QualType p = t->isPointerType() ? t->getPointeeType() : QualType(t->getArrayElementTypeNoTypeQual(), 0);
    return p->isAnyCharacterType();
  }
  const auto* rd = t->getAsCXXRecordDecl();
  if (!rd || !rd->getIdentifier()) return false;
  llvm::StringRef n = rd->getName();
  if (rd->isInStdNamespace() && (n == "basic_string" || n == "basic_string_view" ||
                                 n == "basic_ostringstream" || n == "basic_stringstream"))
    return true;
  // A string class of the project's own: something with c_str().
  if (!rd->hasDefinition()) return false;
  for (const auto* m : rd->methods())
    if (m->getIdentifier() && m->getName() == "c_str") return true;
  return false;
}

const Expr* strip_to_name(const Expr* e) {
  while (e) {
    const Expr* before = e;
    e = e->IgnoreParenCasts();
    if (auto* c = dyn_cast<ExprWithCleanups>(e)) e = c->getSubExpr();
    if (auto* m = dyn_cast<MaterializeTemporaryExpr>(e)) e = m->getSubExpr();
    if (auto* b = dyn_cast<CXXBindTemporaryExpr>(e)) e = b->getSubExpr();
    if (auto* c = dyn_cast<CXXFunctionalCastExpr>(e)) e = c->getSubExpr();
    if (auto* c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() >= 1 && !isa<CXXTemporaryObjectExpr>(c))
      e = c->getArg(0);
    if (auto* c = dyn_cast<CXXMemberCallExpr>(e)) {
      if (auto* m = c->getMethodDecl(); m && m->getIdentifier() &&
                                        (m->getName() == "c_str" || m->getName() == "data" || m->getName() == "str"))
        e = c->getImplicitObjectArgument();
    }
    if (e == before) break;
  }
  return e;
}

namespace {

constexpr unsigned kMaxDepth = 12;
constexpr std::size_t kMaxTermNodes = 256;

const Expr* strip(const Expr* e) { return strip_to_name(e); }

std::string callee_name(const CallExpr* ce) {
  if (auto* fd = ce->getDirectCallee())
    if (auto* id = fd->getIdentifier()) return id->getName().str();
  return {};
}

bool name_has(const std::string& n, std::initializer_list<const char*> words) {
  std::string lower = n;
  for (char& c : lower) c = static_cast<char>(std::tolower((unsigned char)c));
  for (const char* w : words)
    if (lower.find(w) != std::string::npos) return true;
  return false;
}

const std::set<std::string>& copy_functions() {
  static const std::set<std::string> s = {"strcpy", "strncpy", "strlcpy", "stpcpy", "stpncpy", "memcpy",
                                          "memmove", "wcscpy", "wcsncpy", "g_strlcpy", "lstrcpyA",
                                          "lstrcpyW", "strcpy_s", "strncpy_s", "__builtin_strcpy",
                                          "__builtin_memcpy", "__builtin_strncpy", "__builtin___strcpy_chk",
                                          "__builtin___memcpy_chk", "__builtin___strncpy_chk"};
  return s;
}
const std::set<std::string>& append_functions() {
  static const std::set<std::string> s = {"strcat", "strncat", "strlcat", "wcscat", "wcsncat", "g_strlcat",
                                          "lstrcatA", "lstrcatW", "strcat_s", "strncat_s", "__builtin_strcat",
                                          "__builtin_strncat", "__builtin___strcat_chk", "__builtin___strncat_chk"};
  return s;
}
// Index of the format argument of functions that format into their first argument.
int format_index(const std::string& n) {
  if (n == "sprintf" || n == "vsprintf" || n == "swprintf_s" || n == "__builtin_sprintf") return 1;
  if (n == "snprintf" || n == "vsnprintf" || n == "_snprintf" || n == "swprintf" || n == "g_snprintf" ||
      n == "__builtin_snprintf" || n == "sprintf_s")
    return 2;
  if (n == "__builtin___sprintf_chk") return 3;
  if (n == "__builtin___snprintf_chk") return 4;
  auto ends = [&](const char* tail) {
    std::size_t l = std::strlen(tail);
    return n.size() >= l && n.compare(n.size() - l, l, tail) == 0;
  };
  if (ends("asprintf")) return 1;   // asprintf, xasprintf
  if (ends("snprintf")) return 2;   // xsnprintf, my_snprintf
  if (ends("_sprintf")) return 1;
  return -1;
}

std::string record_key(const RecordDecl* rd, const SourceManager& sm) {
  if (rd->getIdentifier()) return rd->getQualifiedNameAsString();
  if (auto* td = rd->getTypedefNameForAnonDecl()) return td->getQualifiedNameAsString();
  SourceLocation loc = sm.getFileLoc(rd->getLocation());
  return "(anonymous)@" + sm.getFilename(loc).str() + ":" + std::to_string(sm.getSpellingLineNumber(loc));
}
std::string field_key(const FieldDecl* f, const SourceManager& sm) {
  return record_key(f->getParent(), sm) + "::" + f->getNameAsString();
}
// Globals with internal linkage are distinct per file, static locals per declaration.
std::string global_key(const VarDecl* v, const SourceManager& sm) {
  std::string k = v->getQualifiedNameAsString();
  if (!v->isExternallyVisible()) {
    SourceLocation loc = sm.getFileLoc(v->getLocation());
    k += "@" + sm.getFilename(loc).str();
    if (v->isStaticLocal()) k += ":" + std::to_string(sm.getSpellingLineNumber(loc));
  }
  return k;
}

// Tokenisers: strtok(s, sep), strtok_r(s, sep, &save), strsep(&p, sep); the string is the
// first argument, and a null one continues the previous split.
bool is_tokeniser(const std::string& n) {
  return n == "strtok" || n == "strtok_r" || n == "__strtok_r" || n == "strtok_s" || n == "strsep" ||
         n == "__builtin_strtok";
}
bool continues_split(const CallExpr* call) {
  if (!is_tokeniser(callee_name(call)) || call->getNumArgs() < 2) return false;
  const Expr* a = strip(call->getArg(0));
  if (isa<GNUNullExpr, CXXNullPtrLiteralExpr>(a)) return true;
  auto* lit = dyn_cast<IntegerLiteral>(a);
  return lit && lit->getValue() == 0;
}

struct Op {
  enum Kind { Set, Append, Upper, Lower } kind = Set;
  unsigned offset = 0;
  const Stmt* stmt = nullptr;
  const Expr* value = nullptr;         // Set/Append of an expression
  const CallExpr* format = nullptr;    // Set/Append of a formatted string
  int format_at = -1;
  const Expr* range = nullptr;         // Set: elements of a range-for's range
  bool clear = false;                  // Set to the empty string
};

}  // namespace

struct TermBuilder::Impl {
  ASTContext& ctx;
  const SourceManager& sm;
  KeyOf key_of;
  const FunctionDecl* fn = nullptr;
  std::map<const FunctionDecl*, std::map<const ValueDecl*, std::vector<Op>>> ops_cache;
  std::set<const ValueDecl*> busy;

  Impl(ASTContext& c, KeyOf k) : ctx(c), sm(c.getSourceManager()), key_of(std::move(k)) {}

  unsigned offset_of(const Stmt* s) const { return sm.getFileOffset(sm.getExpansionLoc(s->getBeginLoc())); }

  const Stmt* parent(const Stmt* s) const {
    DynTypedNodeList ps = ctx.getParents(*s);
    for (int hops = 0; hops < 4 && !ps.empty(); ++hops) {
      if (const auto* p = ps[0].get<Stmt>()) return p;
      if (const auto* d = ps[0].get<Decl>()) {
        if (isa<FunctionDecl>(d)) return nullptr;
        ps = ctx.getParents(*d);
        continue;
      }
      return nullptr;
    }
    return nullptr;
  }

  // --- Who a write targets: `v`, `&v`, `v.buf`, `v + n` (the latter appends) ---
  const ValueDecl* target_var(const Expr* e, bool& offset_write) const {
    offset_write = false;
    e = strip(e);
    if (auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf) e = strip(u->getSubExpr());
    if (auto* b = dyn_cast<BinaryOperator>(e); b && b->getOpcode() == BO_Add) {
      offset_write = true;
      e = strip(b->getLHS());
    }
    if (auto* a = dyn_cast<ArraySubscriptExpr>(e)) {
      offset_write = true;
      e = strip(a->getBase());
    }
    if (auto* m = dyn_cast<MemberExpr>(e)) e = strip(m->getBase());  // sb.buf
    if (auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf) e = strip(u->getSubExpr());
    if (auto* d = dyn_cast<DeclRefExpr>(e))
      if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && (v->isLocalVarDecl() || isa<ParmVarDecl>(v))) return v;
    return nullptr;
  }

  // strcpy, strlcpy(buf, s, sizeof buf), memcpy(buf, p, strlen(p)), a constant length: the
  // whole source. A length worked out otherwise (`end - start`) copies a piece of it.
  bool copies_whole_source(const CallExpr* call, const std::string& n, unsigned src) const {
    // strcpy, stpcpy, wcscpy, strcpy_s and their _chk forms take no length.
    if (n.find("strcpy") != std::string::npos && n.find("strncpy") == std::string::npos) return true;
    const unsigned len_at = n == "strncpy_s" ? 3 : 2;
    if (len_at >= call->getNumArgs()) return true;
    const Expr* len = call->getArg(len_at);
    Expr::EvalResult r;
    if (!len->isValueDependent() && len->EvaluateAsInt(r, ctx)) return true;
    const Expr* source = strip(call->getArg(src));
    auto same_place = [&](const Expr* a) {
      a = strip(a);
      if (auto* x = dyn_cast<DeclRefExpr>(a))
        if (auto* y = dyn_cast<DeclRefExpr>(source)) return x->getDecl() == y->getDecl();
      if (auto* x = dyn_cast<MemberExpr>(a))
        if (auto* y = dyn_cast<MemberExpr>(source)) return x->getMemberDecl() == y->getMemberDecl();
      return false;
    };
    bool whole = false;
    std::set<const VarDecl*> seen;
    std::function<void(const Stmt*)> look = [&](const Stmt* x) {
      if (!x || whole) return;
      if (isa<UnaryExprOrTypeTraitExpr>(x)) whole = true;  // sizeof buf
      if (auto* c = dyn_cast<CallExpr>(x)) {
        std::string f = callee_name(c);
        if ((f == "strlen" || f == "wcslen" || f == "__builtin_strlen") && c->getNumArgs() == 1 && same_place(c->getArg(0)))
          whole = true;
      }
      // size_t n = strlen(name); memcpy(buf + 4, name, n + 1);
      if (auto* d = dyn_cast<DeclRefExpr>(x))
        if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && v->isLocalVarDecl() && v->getInit() && seen.insert(v).second)
          look(v->getInit());
      for (const Stmt* k : x->children()) look(k);
    };
    look(len);
    return whole;
  }

  // --- Every write to a local, in source order, for one function ---
  std::map<const ValueDecl*, std::vector<Op>>& ops_of(const FunctionDecl* f) {
    auto [it, fresh] = ops_cache.try_emplace(f);
    if (!fresh || !f->getBody()) return it->second;
    auto& ops = it->second;
    std::function<void(const Stmt*)> walk = [&](const Stmt* s) {
      if (!s) return;
      record(s, ops);
      for (const Stmt* c : s->children()) walk(c);
    };
    walk(f->getBody());
    for (auto& [v, list] : ops)
      std::stable_sort(list.begin(), list.end(), [](const Op& a, const Op& b) { return a.offset < b.offset; });
    return ops;
  }

  void record(const Stmt* s, std::map<const ValueDecl*, std::vector<Op>>& ops) {
    auto add = [&](const ValueDecl* v, Op op) {
      if (!v) return;
      op.stmt = s;
      op.offset = offset_of(s);
      ops[v].push_back(op);
    };
    if (auto* ds = dyn_cast<DeclStmt>(s)) {
      for (const Decl* d : ds->decls())
        if (auto* v = dyn_cast<VarDecl>(d); v && v->isLocalVarDecl() && v->getInit() && !v->isCXXForRangeDecl()) {
          Op op;
          op.value = v->getInit();
          add(v, op);
        }
      return;
    }
    if (auto* fr = dyn_cast<CXXForRangeStmt>(s)) {
      Op op;
      op.range = fr->getRangeInit();
      add(fr->getLoopVariable(), op);
      return;
    }
    if (auto* b = dyn_cast<BinaryOperator>(s); b && b->getOpcode() == BO_Assign) {
      const Expr* lhs = strip(b->getLHS());
      // tok = strtok(NULL, sep): more tokens of the split `tok` already took its first from.
      if (auto* c = dyn_cast<CallExpr>(strip(b->getRHS())); c && continues_split(c)) return;
      if (auto* d = dyn_cast<DeclRefExpr>(lhs)) {
        Op op;
        op.value = b->getRHS();
        add(d->getDecl(), op);
        return;
      }
      // local.field = X: the field of a local object, followed like a local.
      if (auto* m = dyn_cast<MemberExpr>(lhs); m && !m->isArrow())
        if (auto* base = dyn_cast<DeclRefExpr>(strip(m->getBase())))
          if (auto* v = dyn_cast<VarDecl>(base->getDecl()); v && v->isLocalVarDecl())
            if (auto* f = dyn_cast<FieldDecl>(m->getMemberDecl()); f && is_string_type(f->getType())) {
              Op op;
              op.value = b->getRHS();
              add(f, op);
              return;
            }
      // *p = toupper(*p), buf[i] = tolower(buf[i]): the buffer is case-folded in place.
      if (auto* call = dyn_cast<CallExpr>(strip(b->getRHS()))) {
        std::string n = callee_name(call);
        if (n == "toupper" || n == "tolower" || n == "towupper" || n == "towlower" || n == "g_ascii_toupper" ||
            n == "g_ascii_tolower" || n == "toUpper" || n == "ToUpper") {
          bool ignored;
          const ValueDecl* v = target_var(lhs, ignored);
          if (auto* u = dyn_cast<UnaryOperator>(lhs); u && u->getOpcode() == UO_Deref) v = target_var(u->getSubExpr(), ignored);
          Op op;
          op.kind = n.find("upper") != std::string::npos || n.find("Upper") != std::string::npos ? Op::Upper : Op::Lower;
          add(alias_root(v), op);
        }
      }
      return;
    }
    if (auto* oc = dyn_cast<CXXOperatorCallExpr>(s)) {
      OverloadedOperatorKind k = oc->getOperator();
      if ((k == OO_Equal || k == OO_PlusEqual) && oc->getNumArgs() == 2) {
        if (auto* d = dyn_cast<DeclRefExpr>(strip(oc->getArg(0)))) {
          Op op;
          op.kind = k == OO_Equal ? Op::Set : Op::Append;
          op.value = oc->getArg(1);
          add(d->getDecl(), op);
        }
        return;
      }
      if (k == OO_LessLess) {
        if (auto* p = dyn_cast_or_null<CXXOperatorCallExpr>(parent(s)); p && p->getOperator() == OO_LessLess) return;
        std::vector<const Expr*> pieces;
        const Expr* left = oc;
        while (auto* o = dyn_cast<CXXOperatorCallExpr>(strip(left))) {
          if (o->getOperator() != OO_LessLess || o->getNumArgs() != 2) break;
          pieces.push_back(o->getArg(1));
          left = o->getArg(0);
        }
        if (auto* d = dyn_cast<DeclRefExpr>(strip(left)); d && isa<VarDecl>(d->getDecl()) &&
                                                          cast<VarDecl>(d->getDecl())->isLocalVarDecl()) {
          for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
            Op op;
            op.kind = Op::Append;
            op.value = *it;
            add(d->getDecl(), op);
          }
        }
      }
      return;
    }
    if (auto* mc = dyn_cast<CXXMemberCallExpr>(s)) {
      auto* m = mc->getMethodDecl();
      if (!m || !m->getIdentifier() || mc->getNumArgs() < 1) return;
      llvm::StringRef n = m->getName();
      auto* d = dyn_cast<DeclRefExpr>(strip(mc->getImplicitObjectArgument()));
      if (!d) return;
      Op op;
      if (n == "append" || n == "push_back" || n == "Append" || n == "AppendLiteral" || n == "AppendASCII")
        op.kind = Op::Append;
      else if (n == "assign" || n == "Assign")
        op.kind = Op::Set;
      else
        return;
      op.value = mc->getArg(0);
      add(d->getDecl(), op);
      return;
    }
    auto* call = dyn_cast<CallExpr>(s);
    if (!call || call->getNumArgs() < 2 || isa<CXXOperatorCallExpr>(s)) return;
    std::string n = callee_name(call);
    // std::transform(s.begin(), s.end(), s.begin(), ::toupper): s is case-folded in place.
    if (n == "transform" && call->getNumArgs() == 4) {
      if (auto* begin = dyn_cast<CXXMemberCallExpr>(strip(call->getArg(2))))
        if (auto* d = dyn_cast<DeclRefExpr>(strip(begin->getImplicitObjectArgument()))) {
          std::string fold;
          std::function<void(const Stmt*)> find = [&](const Stmt* x) {
            if (auto* r = dyn_cast<DeclRefExpr>(x))
              if (auto* f = dyn_cast<FunctionDecl>(r->getDecl()); f && f->getIdentifier()) fold = f->getName().str();
            for (const Stmt* c : x->children())
              if (c) find(c);
          };
          find(call->getArg(3));
          if (fold.find("upper") != std::string::npos || fold.find("lower") != std::string::npos) {
            Op op;
            op.kind = fold.find("upper") != std::string::npos ? Op::Upper : Op::Lower;
            add(d->getDecl(), op);
          }
        }
      return;
    }
    bool offset_write = false;
    const ValueDecl* v = target_var(call->getArg(0), offset_write);
    if (!v) return;
    Op op;
    if (copy_functions().count(n)) {
      op.kind = offset_write ? Op::Append : Op::Set;
      const unsigned src = n == "strcpy_s" || n == "strncpy_s" ? 2 : 1;  // (dst, size, src[, n])
      if (src >= call->getNumArgs()) return;
      // A piece cut out of the source (`${NAME}` out of a template) is not the source.
      op.value = copies_whole_source(call, n, src) ? call->getArg(src) : nullptr;
    } else if (append_functions().count(n)) {
      op.kind = Op::Append;
      op.value = call->getArg(1);
    } else if (int fi = format_index(n); fi >= 0) {
      if (static_cast<unsigned>(fi) >= call->getNumArgs()) return;
      op.kind = offset_write ? Op::Append : Op::Set;
      op.format = call;
      op.format_at = fi;
    } else if (call->getDirectCallee() && !sm.isInSystemHeader(call->getDirectCallee()->getLocation())) {
      // A string builder of the project's own: strbuf_addf(&sb, "PFX_%s", x), sb_append(&sb, x).
      QualType vt = v->getType().getNonReferenceType();
      if (!(vt->isRecordType() || vt->isArrayType())) return;
      int lit = -1;
      for (unsigned i = 1; i < call->getNumArgs(); ++i)
        if (isa<StringLiteral>(strip(call->getArg(i)))) {
          lit = static_cast<int>(i);
          break;
        }
      bool appends = name_has(n, {"add", "append", "cat", "put"});
      if (lit < 0 && !appends && name_has(n, {"reset", "clear", "init", "release", "setlen", "truncate", "rewind"})) {
        op.kind = Op::Set;
        op.clear = true;
      } else if (lit >= 0) {
        op.kind = appends ? Op::Append : Op::Set;
        op.format = call;
        op.format_at = lit;
      } else if (appends) {
        op.kind = Op::Append;
        op.value = call->getArg(1);
      } else {
        return;
      }
    } else {
      return;
    }
    add(v, op);
  }

  // p = buf; toupper through p folds buf.
  const ValueDecl* alias_root(const ValueDecl* v) {
    if (!v || !fn) return v;
    auto& ops = ops_of_current();
    auto it = ops.find(v);
    if (it == ops.end()) return v;
    for (const Op& op : it->second)
      if (op.value)
        if (auto* d = dyn_cast<DeclRefExpr>(strip(op.value)))
          if (auto* w = dyn_cast<VarDecl>(d->getDecl()); w && w->isLocalVarDecl() && w->getType()->isArrayType())
            return w;
    return v;
  }
  std::map<const ValueDecl*, std::vector<Op>> empty_ops;
  std::map<const ValueDecl*, std::vector<Op>>& ops_of_current() {
    // Called while ops are being recorded: the cache entry exists but may be partial.
    auto it = ops_cache.find(fn);
    return it == ops_cache.end() ? empty_ops : it->second;
  }

  // --- Control flow, approximated on the tree ---
  std::vector<const Stmt*> ancestors(const Stmt* s) const {
    std::vector<const Stmt*> out;
    for (const Stmt* p = s; p; p = parent(p)) out.push_back(p);
    return out;
  }
  static bool branches(const Stmt* s) {
    if (isa<IfStmt, ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt, SwitchCase, ConditionalOperator,
            BinaryConditionalOperator>(s))
      return true;
    if (auto* b = dyn_cast<BinaryOperator>(s)) return b->isLogicalOp();
    return false;
  }
  // 1: `def` always runs before `use`; 0: it may; -1: it cannot (other branch).
  int reaches(const Stmt* def, const Stmt* use) const {
    std::vector<const Stmt*> up = ancestors(use);
    std::set<const Stmt*> above(up.begin(), up.end());
    const Stmt* child = nullptr;
    bool conditional = false;
    for (const Stmt* p = def; p; child = p, p = parent(p)) {
      if (above.count(p)) {
        if (p != def && child) {
          // def and use in different arms of one branch
          if (auto* ifs = dyn_cast<IfStmt>(p)) {
            const Stmt* use_child = nullptr;
            for (std::size_t i = 1; i < up.size(); ++i)
              if (up[i] == p) use_child = up[i - 1];
            if (use_child && use_child != ifs->getCond() && child != ifs->getCond() && use_child != child) return -1;
          }
          if (auto* c = dyn_cast<ConditionalOperator>(p)) {
            const Stmt* use_child = nullptr;
            for (std::size_t i = 1; i < up.size(); ++i)
              if (up[i] == p) use_child = up[i - 1];
            if (use_child && use_child != c->getCond() && child != c->getCond() && use_child != child) return -1;
          }
        }
        return conditional ? 0 : 1;
      }
      if (p != def && branches(p)) {
        // In a branch's condition the write still runs whenever the branch is reached.
        bool in_cond = false;
        if (auto* ifs = dyn_cast<IfStmt>(p)) in_cond = child == ifs->getCond();
        if (auto* w = dyn_cast<WhileStmt>(p)) in_cond = child == w->getCond();
        if (auto* b = dyn_cast<BinaryOperator>(p)) in_cond = child == b->getLHS();
        if (auto* c = dyn_cast<ConditionalOperator>(p)) in_cond = child == c->getCond();
        if (!in_cond) conditional = true;
      }
    }
    return conditional ? 0 : 1;
  }

  // --- Terms ---
  Term var_at(const ValueDecl* v, const Stmt* use, unsigned depth) {
    if (busy.count(v)) return Term::unknown();
    if (auto* f = dyn_cast<FieldDecl>(v)) return field_at(f, use, depth);
    auto* var = dyn_cast<VarDecl>(v);
    if (!var) return Term::unknown();
    if (!var->isLocalVarDecl() && !isa<ParmVarDecl>(var)) return global(var, depth);
    // A static buffer filled where it is read is a local buffer; otherwise it is shared state.
    if (var->isStaticLocal() && !(fn && ops_of(fn).count(v))) return global(var, depth);
    busy.insert(v);
    const Term uninit = Term::symbol(Term::Kind::Unknown, "<unset>");
    std::vector<Term> state;
    if (auto* p = dyn_cast<ParmVarDecl>(var); p && fn && p->getDeclContext() == fn)
      state.push_back(Term::symbol(Term::Kind::Param, key_of(fn), p->getFunctionScopeIndex()));
    else
      state.push_back(uninit);
    unsigned at = offset_of(use);
    if (fn) {
      auto& ops = ops_of(fn);
      if (auto it = ops.find(v); it != ops.end()) {
        for (const Op& op : it->second) {
          // A write is before the read unless the read is part of it (x = f(x)).
          if (op.range ? !(op.offset < at || contains(op.stmt, use)) : (op.offset >= at || contains(op.stmt, use)))
            continue;
          int r = op.range ? 1 : reaches(op.stmt, use);
          if (r < 0) continue;
          std::vector<Term> next;
          if (op.kind == Op::Upper || op.kind == Op::Lower) {
            for (auto& s : state)
              next.push_back(s == uninit ? s : Term::fold(op.kind == Op::Upper ? Term::Kind::Upper : Term::Kind::Lower, s));
            state = std::move(next);
            continue;
          }
          Term value = op_value(op, depth);
          if (op.kind == Op::Set) {
            next.push_back(value);
          } else {
            for (auto& s : state) next.push_back(s == uninit ? value : Term::cat({s, value}));
          }
          if (r == 0)
            for (auto& s : state)
              if (std::find(next.begin(), next.end(), s) == next.end()) next.push_back(s);
          state = std::move(next);
          if (state.size() > 16) state.resize(16);
        }
      }
    }
    busy.erase(v);
    std::vector<Term> known;
    for (auto& s : state)
      if (!(s == uninit)) known.push_back(s);
    if (known.empty()) return Term::unknown();
    return bounded(Term::alt(std::move(known)));
  }

  // A field of a local object: the last assignment in this function that always runs
  // before the read decides; otherwise every value the field holds anywhere.
  Term field_at(const FieldDecl* f, const Stmt* use, unsigned depth) {
    Term whole = Term::symbol(Term::Kind::Field, field_key(f, sm));
    if (!fn) return whole;
    auto& ops = ops_of(fn);
    auto it = ops.find(f);
    if (it == ops.end()) return whole;
    busy.insert(f);
    std::vector<Term> state{whole};
    unsigned at = offset_of(use);
    for (const Op& op : it->second) {
      if (op.offset >= at || contains(op.stmt, use)) continue;
      int r = reaches(op.stmt, use);
      if (r < 0) continue;
      Term value = op_value(op, depth);
      if (r == 1) state.clear();
      state.push_back(std::move(value));
    }
    busy.erase(f);
    return bounded(Term::alt(std::move(state)));
  }

  bool contains(const Stmt* outer, const Stmt* inner) const {
    for (const Stmt* p = inner; p; p = parent(p))
      if (p == outer) return true;
    return false;
  }

  static Term bounded(Term t) { return t.size() > kMaxTermNodes ? Term::unknown("too large") : t; }

  Term op_value(const Op& op, unsigned depth) {
    if (op.clear) return Term::lit("");
    if (op.range) return elements(op.range, nullptr, depth + 1);
    if (op.format) return format(op.format, static_cast<unsigned>(op.format_at), depth + 1);
    if (op.value) {
      const Expr* v = strip(op.value);
      if (isa<GNUNullExpr, CXXNullPtrLiteralExpr>(v)) return Term::symbol(Term::Kind::Unknown, "<unset>");
      if (auto* i = dyn_cast<IntegerLiteral>(v); i && i->getValue() == 0) return Term::symbol(Term::Kind::Unknown, "<unset>");
      // `char buf[64] = {0}`, `struct sbuf sb = {...}`, `std::string s;`: an empty buffer.
      if (isa<InitListExpr, ImplicitValueInitExpr>(v)) return Term::lit("");
      if (auto* c = dyn_cast<CXXConstructExpr>(v); c && c->getNumArgs() == 0) return Term::lit("");
      return expr(op.value, depth + 1);
    }
    return Term::unknown();
  }

  Term global(const VarDecl* v, unsigned depth) {
    // A constant's value is its initialiser; anything else may change: collect every write.
    QualType t = v->getType();
    bool constant = t.isConstQualified() || (t->isArrayType() && t->getAsArrayTypeUnsafe()->getElementType().isConstQualified() &&
                                              !t->getAsArrayTypeUnsafe()->getElementType()->isPointerType());
    if (const VarDecl* def = v->getDefinition(); def && def->getInit() && constant) {
      const FunctionDecl* saved = fn;
      fn = nullptr;
      Term r = expr(def->getInit(), depth + 1);
      fn = saved;
      return r;
    }
    return Term::symbol(Term::Kind::Global, global_key(v, sm));
  }

  // The values of the elements of an array expression (projected on `field` when set).
  Term elements(const Expr* base, const FieldDecl* field, unsigned depth) {
    if (depth > kMaxDepth) return Term::unknown();
    const Expr* e = strip(base);
    if (auto* list = dyn_cast<InitListExpr>(e)) return list_elements(list, field, depth);
    if (auto* std_list = dyn_cast<CXXStdInitializerListExpr>(e)) return elements(std_list->getSubExpr(), field, depth);
    if (auto* compound = dyn_cast<CompoundLiteralExpr>(e)) return elements(compound->getInitializer(), field, depth);
    if (auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf) {
      const Expr* inner = strip(u->getSubExpr());
      if (auto* a = dyn_cast<ArraySubscriptExpr>(inner)) return elements(a->getBase(), field, depth + 1);
      return elements(inner, field, depth + 1);
    }
    if (auto* d = dyn_cast<DeclRefExpr>(e)) {
      auto* v = dyn_cast<VarDecl>(d->getDecl());
      if (!v) return Term::unknown();
      if (v->isLocalVarDecl() && !v->isStaticLocal() && !v->getType()->isArrayType()) {
        // A pointer walking an array: its assignments name the array.
        if (!fn || busy.count(v)) return Term::unknown();
        busy.insert(v);
        std::vector<Term> alts;
        auto& ops = ops_of(fn);
        if (auto it = ops.find(v); it != ops.end())
          for (const Op& op : it->second)
            if (op.value) alts.push_back(elements(op.value, field, depth + 1));
        busy.erase(v);
        return alts.empty() ? Term::unknown() : Term::alt(std::move(alts));
      }
      const VarDecl* def = v->getDefinition();
      if (def && def->getInit()) {
        const FunctionDecl* saved = fn;
        if (!def->isLocalVarDecl()) fn = nullptr;
        Term r = elements(def->getInit(), field, depth + 1);
        fn = saved;
        return r;
      }
      if (field) return Term::symbol(Term::Kind::Field, field_key(field, sm));
      return Term::symbol(Term::Kind::Global, global_key(v, sm) + "[]");
    }
    if (field) return Term::symbol(Term::Kind::Field, field_key(field, sm));
    return Term::unknown();
  }

  Term list_elements(const InitListExpr* list, const FieldDecl* field, unsigned depth) {
    if (const InitListExpr* sem = list->isSemanticForm() ? list : list->getSemanticForm()) list = sem;
    std::vector<Term> alts;
    for (const Expr* item : list->inits()) {
      const Expr* value = item;
      if (field) {
        auto* row = dyn_cast<InitListExpr>(strip(item));
        if (!row) continue;
        if (const InitListExpr* sem = row->isSemanticForm() ? row : row->getSemanticForm()) row = sem;
        unsigned idx = field->getFieldIndex();
        if (idx >= row->getNumInits()) continue;
        value = row->getInit(idx);
      }
      if (isa<ImplicitValueInitExpr>(value)) continue;
      Term t = expr(value, depth + 1);
      if (t.kind == Term::Kind::Unknown && t.key == "<unset>") continue;  // the NULL that ends a list
      alts.push_back(std::move(t));
      if (alts.size() > ValueSolver::kMaxValues) break;
    }
    if (alts.empty()) return Term::unknown();
    return Term::alt(std::move(alts));
  }

  // A counter's range, from the counted loop around `use` that declares it.
  Term integer(const Expr* e) {
    const Expr* s = strip(e);
    Expr::EvalResult r;
    if (!s->isValueDependent() && s->EvaluateAsInt(r, ctx)) {
      long long v = r.Val.getInt().getExtValue();
      return Term::integer(v, v + 1);
    }
    auto* d = dyn_cast<DeclRefExpr>(s);
    if (!d) return Term::integer();
    for (const Stmt* p = parent(e); p; p = parent(p)) {
      auto* f = dyn_cast<ForStmt>(p);
      if (!f) continue;
      auto* cond = dyn_cast_or_null<BinaryOperator>(f->getCond());
      if (!cond) continue;
      auto* lhs = dyn_cast<DeclRefExpr>(cond->getLHS()->IgnoreParenImpCasts());
      if (!lhs || lhs->getDecl() != d->getDecl()) continue;
      const Expr* init = nullptr;
      if (auto* ds = dyn_cast_or_null<DeclStmt>(f->getInit()); ds && ds->isSingleDecl())
        if (auto* v = dyn_cast<VarDecl>(ds->getSingleDecl()); v == d->getDecl()) init = v->getInit();
      if (auto* b = dyn_cast_or_null<BinaryOperator>(f->getInit()); b && b->getOpcode() == BO_Assign)
        if (auto* l = dyn_cast<DeclRefExpr>(b->getLHS()->IgnoreParenImpCasts()); l && l->getDecl() == d->getDecl())
          init = b->getRHS();
      Expr::EvalResult a, b;
      if (!init || init->isValueDependent() || cond->getRHS()->isValueDependent() || !init->EvaluateAsInt(a, ctx) ||
          !cond->getRHS()->EvaluateAsInt(b, ctx))
        return Term::integer();
      long long lo = a.Val.getInt().getExtValue(), hi = b.Val.getInt().getExtValue();
      if (cond->getOpcode() == BO_LE) ++hi;
      else if (cond->getOpcode() != BO_LT) return Term::integer();
      return Term::integer(lo, hi);
    }
    return Term::integer();
  }

  Term format(const CallExpr* call, unsigned at, unsigned depth) {
    if (at >= call->getNumArgs()) return Term::unknown();
    auto* lit = dyn_cast<StringLiteral>(strip(call->getArg(at)));
    if (!lit || !(lit->isOrdinary() || lit->isUTF8())) return Term::unknown("format");
    std::string f = lit->getString().str();
    std::vector<Term> parts;
    unsigned next = at + 1;
    std::string text;
    auto arg = [&]() -> const Expr* { return next < call->getNumArgs() ? call->getArg(next++) : nullptr; };
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f[i] != '%') {
        text += f[i];
        continue;
      }
      if (i + 1 < f.size() && f[i + 1] == '%') {
        text += '%';
        ++i;
        continue;
      }
      parts.push_back(Term::lit(text));
      text.clear();
      std::size_t j = i + 1;
      while (j < f.size() && std::strchr("-+ #0123456789.*'", f[j])) {
        if (f[j] == '*') arg();
        ++j;
      }
      while (j < f.size() && std::strchr("hlLqjzt", f[j])) ++j;
      char conv = j < f.size() ? f[j] : 0;
      i = j;
      const Expr* a = arg();
      if (!a) {
        parts.push_back(Term::unknown());
        continue;
      }
      if (conv == 's' || conv == 'S') parts.push_back(expr(a, depth + 1));
      else if (std::strchr("diuxXo", conv)) parts.push_back(integer(a));
      else parts.push_back(Term::unknown());
    }
    parts.push_back(Term::lit(text));
    return bounded(Term::cat(std::move(parts)));
  }

  // strtok(list, " "), strsep(&p, ":"): when the string and the separators are literal
  // (a macro's value, a -D value, a copied constant), the tokens are the values.
  Term split(const CallExpr* call, unsigned depth) {
    if (call->getNumArgs() < 2 || continues_split(call)) return Term::unknown();
    const Expr* src = strip(call->getArg(0));
    if (callee_name(call) == "strsep") {
      auto* u = dyn_cast<UnaryOperator>(src);
      if (!u || u->getOpcode() != UO_AddrOf) return Term::unknown();
      src = u->getSubExpr();
    }
    std::vector<std::string> texts, seps;
    if (!expr(src, depth + 1).literal_only(texts) || !expr(call->getArg(1), depth + 1).literal_only(seps) ||
        seps.size() != 1 || seps[0].empty())
      return Term::unknown();
    std::vector<Term> tokens;
    for (const std::string& t : texts) {
      std::size_t at = 0;
      while (at <= t.size()) {
        std::size_t end = t.find_first_of(seps[0], at);
        if (end == std::string::npos) end = t.size();
        if (end > at) tokens.push_back(Term::lit(t.substr(at, end - at)));
        at = end + 1;
      }
    }
    return Term::alt(std::move(tokens));
  }

  Term expr(const Expr* raw, unsigned depth) {
    if (!raw || depth > kMaxDepth) return Term::unknown();
    const Expr* e = strip(raw);
    if (auto* s = dyn_cast<StringLiteral>(e)) {
      if (s->isOrdinary() || s->isUTF8()) return Term::lit(s->getString().str());
      std::string out;  // wide literals: their ASCII text
      for (unsigned i = 0; i < s->getLength(); ++i) {
        uint32_t c = s->getCodeUnit(i);
        if (c >= 0x80) return Term::unknown("wide");
        out += static_cast<char>(c);
      }
      return Term::lit(out);
    }
    if (isa<GNUNullExpr, CXXNullPtrLiteralExpr>(e)) return Term::symbol(Term::Kind::Unknown, "<unset>");
    if (auto* c = dyn_cast<ConditionalOperator>(e))
      return Term::alt({expr(c->getTrueExpr(), depth + 1), expr(c->getFalseExpr(), depth + 1)});
    if (auto* c = dyn_cast<BinaryConditionalOperator>(e))
      return Term::alt({expr(c->getCommon(), depth + 1), expr(c->getFalseExpr(), depth + 1)});
    if (auto* d = dyn_cast<DeclRefExpr>(e)) {
      if (auto* v = dyn_cast<VarDecl>(d->getDecl())) {
        if (auto* p = dyn_cast<ParmVarDecl>(v); p && (!fn || p->getDeclContext() != fn)) return Term::unknown();
        return var_at(v, raw, depth + 1);
      }
      return Term::unknown();
    }
    if (auto* oc = dyn_cast<CXXOperatorCallExpr>(e)) {
      if (oc->getOperator() == OO_Plus && oc->getNumArgs() == 2)
        return bounded(Term::cat({expr(oc->getArg(0), depth + 1), expr(oc->getArg(1), depth + 1)}));
      return Term::unknown();
    }
    if (auto* m = dyn_cast<MemberExpr>(e)) {
      auto* f = dyn_cast<FieldDecl>(m->getMemberDecl());
      if (!f) return Term::unknown();
      const Expr* b = strip(m->getBase());
      // sb.buf of a local string builder: what was written into sb.
      if (auto* d = dyn_cast<DeclRefExpr>(b); d && fn && !m->isArrow())
        if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && v->isLocalVarDecl() && v->getType()->isRecordType()) {
          auto& ops = ops_of(fn);
          if (ops.count(v)) return var_at(v, raw, depth + 1);
        }
      if (auto* d = dyn_cast<DeclRefExpr>(b); d && fn && !m->isArrow())
        if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && v->isLocalVarDecl()) return field_at(f, raw, depth + 1);
      // table[i].name, p->name with p walking a table: the rows' values.
      if (auto* a = dyn_cast<ArraySubscriptExpr>(b)) return elements(a->getBase(), f, depth + 1);
      if (m->isArrow()) {
        if (auto* d = dyn_cast<DeclRefExpr>(b))
          if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && v->isLocalVarDecl() && !isa<ParmVarDecl>(v)) {
            Term t = elements(b, f, depth + 1);
            if (!t.is_unknown()) return t;
          }
      }
      return Term::symbol(Term::Kind::Field, field_key(f, sm));
    }
    if (auto* u = dyn_cast<UnaryOperator>(e)) {
      if (u->getOpcode() == UO_AddrOf) {
        const Expr* inner = strip(u->getSubExpr());
        if (auto* d = dyn_cast<DeclRefExpr>(inner)) return expr(d, depth + 1);  // &sb
        if (auto* a = dyn_cast<ArraySubscriptExpr>(inner)) {
          Expr::EvalResult r;  // &buf[0]
          if (!a->getIdx()->isValueDependent() && a->getIdx()->EvaluateAsInt(r, ctx) && r.Val.getInt() == 0)
            return expr(a->getBase(), depth + 1);
          return elements(a->getBase(), nullptr, depth + 1);
        }
        return Term::unknown();
      }
      if (u->getOpcode() == UO_Deref) return elements(u->getSubExpr(), nullptr, depth + 1);
      return Term::unknown();
    }
    if (auto* a = dyn_cast<ArraySubscriptExpr>(e)) {
      if (a->getBase()->getType()->isPointerType() || a->getBase()->getType()->isArrayType()) {
        QualType elem = a->getType();
        if (elem->isPointerType() || elem->isRecordType() || is_string_type(elem)) return elements(a->getBase(), nullptr, depth + 1);
      }
      return Term::unknown();
    }
    if (auto* call = dyn_cast<CallExpr>(e)) {
      std::string n = callee_name(call);
      if ((n.find("strdup") != std::string::npos || n.find("strndup") != std::string::npos) && call->getNumArgs() >= 1)
        return expr(call->getArg(0), depth + 1);
      if (n == "to_string" || n == "to_wstring") return call->getNumArgs() ? integer(call->getArg(0)) : Term::unknown();
      if (n == "g_ascii_strup" || n == "g_utf8_strup") return call->getNumArgs() ? Term::fold(Term::Kind::Upper, expr(call->getArg(0), depth + 1)) : Term::unknown();
      if (n == "g_ascii_strdown" || n == "g_utf8_strdown") return call->getNumArgs() ? Term::fold(Term::Kind::Lower, expr(call->getArg(0), depth + 1)) : Term::unknown();
      if (n == "strupr" || n == "_strupr") return call->getNumArgs() ? Term::fold(Term::Kind::Upper, expr(call->getArg(0), depth + 1)) : Term::unknown();
      if (n == "g_strconcat" || n == "concat" || n == "xstrconcat") {
        std::vector<Term> parts;
        for (const Expr* a : call->arguments()) {
          if (isa<GNUNullExpr, CXXNullPtrLiteralExpr>(strip(a)) || isa<IntegerLiteral>(strip(a))) break;
          parts.push_back(expr(a, depth + 1));
        }
        return bounded(Term::cat(std::move(parts)));
      }
      if (n == "g_strdup_printf" || n == "xasprintf_" || n == "strdup_printf") return format(call, 0, depth + 1);
      if (is_tokeniser(n)) return split(call, depth + 1);
      const FunctionDecl* callee = call->getDirectCallee();
      if (callee && !sm.isInSystemHeader(callee->getLocation()) && is_string_type(callee->getReturnType()))
        return Term::symbol(Term::Kind::Return, key_of(callee));
      return Term::unknown();
    }
    if (auto* c = dyn_cast<CXXConstructExpr>(e)) {
      // std::string(a) + ... handled by strip; a builder constructed empty.
      if (c->getNumArgs() == 0) return Term::lit("");
      return Term::unknown();
    }
    return Term::unknown();
  }
};

TermBuilder::TermBuilder(ASTContext& ctx, KeyOf key_of) : impl_(std::make_unique<Impl>(ctx, std::move(key_of))) {}
TermBuilder::~TermBuilder() = default;

Term TermBuilder::build(const Expr* e, const FunctionDecl* fn) {
  impl_->fn = fn;
  impl_->busy.clear();
  Term t = impl_->expr(e, 0);
  return Impl::bounded(std::move(t));
}

namespace {

class FactVisitor : public RecursiveASTVisitor<FactVisitor> {
 public:
  FactVisitor(ASTContext& ctx, TermBuilder& b, TermBuilder::KeyOf key_of, std::vector<ValueFact>& out)
      : sm_(ctx.getSourceManager()), b_(b), key_of_(std::move(key_of)), out_(out) {}

  bool TraverseDecl(Decl* d) {
    if (!d) return true;
    if (!isa<TranslationUnitDecl>(d)) {
      SourceLocation loc = d->getLocation();
      if (loc.isValid() && !sm_.isInMainFile(sm_.getExpansionLoc(loc))) return true;
    }
    if (auto* fd = dyn_cast<FunctionDecl>(d); fd && fd->doesThisDeclarationHaveABody()) {
      const FunctionDecl* saved = fn_;
      fn_ = fd;
      bool r = RecursiveASTVisitor::TraverseDecl(d);
      fn_ = saved;
      return r;
    }
    return RecursiveASTVisitor::TraverseDecl(d);
  }

  bool VisitInitListExpr(InitListExpr* list) {
    const InitListExpr* sem = list->isSemanticForm() ? list : list->getSemanticForm();
    if (!sem || !seen_.insert(sem).second) return true;
    const RecordDecl* rd = sem->getType()->getAsRecordDecl();
    if (!rd || rd->isUnion()) return true;
    unsigned i = 0;
    for (const FieldDecl* f : rd->fields()) {
      if (i >= sem->getNumInits()) break;
      const Expr* init = sem->getInit(i++);
      if (!is_string_type(f->getType()) || isa<ImplicitValueInitExpr>(init)) continue;
      add(Term::Kind::Field, field_key(f, sm_), 0, init);
    }
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl* c) {
    if (!c->doesThisDeclarationHaveABody()) return true;
    const FunctionDecl* saved = fn_;
    fn_ = c;
    for (const CXXCtorInitializer* init : c->inits())
      if (init->isMemberInitializer() && init->isWritten() && is_string_type(init->getMember()->getType()))
        add(Term::Kind::Field, field_key(init->getMember(), sm_), 0, init->getInit());
    fn_ = saved;
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator* b) {
    if (b->getOpcode() != BO_Assign) return true;
    assigned(b->getLHS(), b->getRHS());
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr* oc) {
    if (oc->getOperator() == OO_Equal && oc->getNumArgs() == 2) assigned(oc->getArg(0), oc->getArg(1));
    return true;
  }

  bool VisitCallExpr(CallExpr* call) {
    const FunctionDecl* callee = call->getDirectCallee();
    if (!callee || sm_.isInSystemHeader(callee->getLocation()) || isa<CXXOperatorCallExpr>(call)) return true;
    unsigned n = std::min(call->getNumArgs(), callee->getNumParams());
    for (unsigned i = 0; i < n; ++i)
      if (is_string_type(callee->getParamDecl(i)->getType()) && !isa<CXXDefaultArgExpr>(call->getArg(i)))
        add(Term::Kind::Param, key_of_(callee), i, call->getArg(i));
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr* c) {
    const CXXConstructorDecl* ctor = c->getConstructor();
    if (!ctor || sm_.isInSystemHeader(ctor->getLocation())) return true;
    unsigned n = std::min(c->getNumArgs(), ctor->getNumParams());
    for (unsigned i = 0; i < n; ++i)
      if (is_string_type(ctor->getParamDecl(i)->getType()) && !isa<CXXDefaultArgExpr>(c->getArg(i)))
        add(Term::Kind::Param, key_of_(ctor), i, c->getArg(i));
    return true;
  }

  bool VisitReturnStmt(ReturnStmt* r) {
    if (fn_ && r->getRetValue() && is_string_type(fn_->getReturnType()))
      add(Term::Kind::Return, key_of_(fn_), 0, r->getRetValue());
    return true;
  }

  bool VisitVarDecl(VarDecl* v) {
    if (v->isLocalVarDecl() && !v->isStaticLocal()) return true;
    if (!v->getInit() || isa<ParmVarDecl>(v)) return true;
    const FunctionDecl* saved = fn_;
    fn_ = nullptr;
    QualType t = v->getType();
    if (t->isArrayType()) {
      if (auto* list = dyn_cast<InitListExpr>(v->getInit()->IgnoreImplicit())) {
        QualType elem(t->getArrayElementTypeNoTypeQual(), 0);
        if (is_string_type(elem))
          for (const Expr* item : list->inits()) add(Term::Kind::Global, global_key(v, sm_) + "[]", 0, item);
      }
    } else if (is_string_type(t)) {
      add(Term::Kind::Global, global_key(v, sm_), 0, v->getInit());
    }
    fn_ = saved;
    return true;
  }

 private:
  void assigned(const Expr* lhs, const Expr* rhs) {
    const Expr* l = lhs->IgnoreParenImpCasts();
    if (auto* m = dyn_cast<MemberExpr>(l)) {
      if (auto* f = dyn_cast<FieldDecl>(m->getMemberDecl()); f && is_string_type(f->getType()))
        add(Term::Kind::Field, field_key(f, sm_), 0, rhs);
      return;
    }
    if (auto* d = dyn_cast<DeclRefExpr>(l))
      if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && (!v->isLocalVarDecl() || v->isStaticLocal()) &&
                                                    is_string_type(v->getType()))
        add(Term::Kind::Global, global_key(v, sm_), 0, rhs);
  }

  void add(Term::Kind k, std::string key, unsigned index, const Expr* value) {
    Term t = b_.build(value, fn_);
    if (t.is_unknown() && t.key != "<unset>") {
      // Record that something unknown can be there: the name stays a family.
    } else if (t.is_unknown()) {
      return;  // NULL: no name
    }
    out_.push_back({k, std::move(key), index, std::move(t)});
  }

  const SourceManager& sm_;
  TermBuilder& b_;
  TermBuilder::KeyOf key_of_;
  std::vector<ValueFact>& out_;
  const FunctionDecl* fn_ = nullptr;
  std::set<const InitListExpr*> seen_;
};

}  // namespace

std::vector<ValueFact> TermBuilder::facts(const Decl* tu) {
  std::vector<ValueFact> out;
  FactVisitor v(impl_->ctx, *this, impl_->key_of, out);
  v.TraverseDecl(const_cast<Decl*>(tu));
  return out;
}

}  // namespace envscan
