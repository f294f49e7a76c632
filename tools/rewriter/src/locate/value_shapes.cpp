// Finds the whole idiom around a read: `s ? atoi(s) : 64`, `s && *s == '1'`,
// `getenv("X") != NULL`, across statements when the string is held in a local.
#include "locate/value_shapes.h"

#include <functional>
#include <memory>
#include <mutex>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Lex/Lexer.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/VirtualFileSystem.h>

#include "discover/compile_db.h"
#include "parse/run_file.h"

namespace envrewrite {
using namespace clang;

namespace {

const std::set<std::string>& numeric_parsers() {
  static const std::set<std::string> s = {"atoi", "atol", "atoll", "strtol", "strtoll", "strtoul",
                                          "strtoull", "strtoimax", "strtoumax", "strtod", "strtof", "atof"};
  return s;
}

std::string simple_callee(const CallExpr* ce) {
  if (auto* fd = ce->getDirectCallee(); fd && fd->getIdentifier()) return fd->getName().str();
  return "";
}

const Expr* bare(const Expr* e) {
  while (e) {
    const Expr* before = e;
    e = e->IgnoreParenImpCasts();
    if (auto* c = dyn_cast<ExplicitCastExpr>(e)) e = c->getSubExpr();
    if (e == before) break;
  }
  return e;
}

bool transparent(const Stmt* s) { return isa<ImplicitCastExpr, ParenExpr, ExplicitCastExpr>(s); }

class Parents {
 public:
  explicit Parents(const Stmt* root) {
    if (root) link(root);
  }
  const Stmt* parent(const Stmt* s) const {
    auto it = p_.find(s);
    return it == p_.end() ? nullptr : it->second;
  }
  // Parent, looking through parentheses and casts; `s` becomes the outermost transparent node.
  const Stmt* up(const Stmt*& s) const {
    const Stmt* p = parent(s);
    while (p && transparent(p)) {
      s = p;
      p = parent(p);
    }
    return p;
  }

 private:
  void link(const Stmt* s) {
    for (const Stmt* c : s->children())
      if (c) {
        p_[c] = s;
        link(c);
      }
  }
  llvm::DenseMap<const Stmt*, const Stmt*> p_;
};

// The read one site stands for: calls of a reader with this name, or the local holding it.
struct Read {
  std::string name;
  const std::set<std::string>* readers = nullptr;
  const VarDecl* holder = nullptr;

  bool is(const Expr* e) const {
    e = bare(e);
    if (!e) return false;
    if (auto* d = dyn_cast<DeclRefExpr>(e)) return holder && d->getDecl() == holder;
    auto* ce = dyn_cast<CallExpr>(e);
    if (!ce || ce->getNumArgs() < 1 || !readers->count(simple_callee(ce))) return false;
    auto* lit = dyn_cast<StringLiteral>(bare(ce->getArg(0)));
    return lit && lit->isOrdinary() && lit->getString() == name;
  }
  bool mentioned_in(const Stmt* s) const {
    if (!s) return false;
    if (auto* e = dyn_cast<Expr>(s); e && is(e)) return true;
    for (const Stmt* c : s->children())
      if (mentioned_in(c)) return true;
    return false;
  }
};

bool is_zero_char(const Expr* e) {
  e = bare(e);
  if (auto* c = dyn_cast<CharacterLiteral>(e)) return c->getValue() == 0;
  if (auto* i = dyn_cast<IntegerLiteral>(e)) return i->getValue() == 0;
  return false;
}

// `*R` or `R[0]`
bool first_char(const Expr* e, const Read& r) {
  e = bare(e);
  if (auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_Deref) return r.is(u->getSubExpr());
  if (auto* a = dyn_cast<ArraySubscriptExpr>(e)) return r.is(a->getBase()) && is_zero_char(a->getIdx());
  return false;
}

// `*R`, `R[0]`, `*R != '\0'`: the value is not empty.
bool nonempty_test(const Expr* e, const Read& r) {
  e = bare(e);
  if (first_char(e, r)) return true;
  if (auto* b = dyn_cast<BinaryOperator>(e); b && b->getOpcode() == BO_NE)
    return (first_char(b->getLHS(), r) && is_zero_char(b->getRHS())) ||
           (first_char(b->getRHS(), r) && is_zero_char(b->getLHS()));
  return false;
}

bool is_null(const Expr* e, ASTContext& ctx) {
  return e->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

// A test of whether the variable is set: R, R != NULL, R == NULL, !R, R && *R.
// Sets `negated` when the test is true for an unset variable.
bool presence_test(const Expr* e, const Read& r, ASTContext& ctx, bool& negated) {
  e = bare(e);
  negated = false;
  if (r.is(e)) return true;
  if (auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_LNot) {
    bool inner = false;
    if (presence_test(u->getSubExpr(), r, ctx, inner)) {
      negated = !inner;
      return true;
    }
    return false;
  }
  if (auto* b = dyn_cast<BinaryOperator>(e)) {
    if (b->isEqualityOp()) {
      const Expr* l = b->getLHS();
      const Expr* rr = b->getRHS();
      if ((r.is(l) && is_null(rr, ctx)) || (r.is(rr) && is_null(l, ctx))) {
        negated = b->getOpcode() == BO_EQ;
        return true;
      }
    }
    if (b->getOpcode() == BO_LAnd) {
      bool n = false;
      if (presence_test(b->getLHS(), r, ctx, n) && !n && nonempty_test(b->getRHS(), r)) return true;
    }
  }
  return false;
}

bool true_word(llvm::StringRef w) { return w == "1" || w == "true" || w == "yes" || w == "on"; }

// A boolean reading of a set value: *R == '1', strcmp(R, "1") == 0, !strcmp(R, "1"), atoi(R), atoi(R) != 0.
bool bool_test(const Expr* e, const Read& r) {
  e = bare(e);
  auto is_cmp_call = [&](const Expr* x) {
    auto* ce = dyn_cast<CallExpr>(bare(x));
    if (!ce || ce->getNumArgs() < 2) return false;
    std::string n = simple_callee(ce);
    if (n != "strcmp" && n != "strcasecmp") return false;
    for (int i = 0; i < 2; ++i) {
      auto* lit = dyn_cast<StringLiteral>(bare(ce->getArg(i)));
      if (lit && true_word(lit->getString()) && r.is(ce->getArg(1 - i))) return true;
    }
    return false;
  };
  auto is_int_parse = [&](const Expr* x) {
    auto* ce = dyn_cast<CallExpr>(bare(x));
    if (!ce || ce->getNumArgs() < 1) return false;
    std::string n = simple_callee(ce);
    return (n == "atoi" || n == "atol" || n == "strtol" || n == "strtoul") && r.is(ce->getArg(0));
  };
  if (is_int_parse(e)) return true;
  if (auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_LNot) return is_cmp_call(u->getSubExpr());
  if (auto* b = dyn_cast<BinaryOperator>(e); b && b->isEqualityOp()) {
    const Expr* l = bare(b->getLHS());
    const Expr* rr = bare(b->getRHS());
    if (b->getOpcode() == BO_EQ) {
      for (auto [x, y] : {std::pair{l, rr}, std::pair{rr, l}}) {
        if (first_char(x, r))
          if (auto* c = dyn_cast<CharacterLiteral>(y); c && (c->getValue() == '1' || c->getValue() == 'y' || c->getValue() == 't'))
            return true;
        if (is_cmp_call(x) && is_zero_char(y)) return true;
      }
    } else {
      for (auto [x, y] : {std::pair{l, rr}, std::pair{rr, l}})
        if (is_int_parse(x) && is_zero_char(y)) return true;
    }
  }
  return false;
}

class Locator {
 public:
  Locator(ASTContext& ctx, const LocateOptions& opts) : ctx_(ctx), sm_(ctx.getSourceManager()), opts_(opts) {}

  std::optional<Range> file_range(const Stmt* s) const {
    CharSourceRange r = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(s->getSourceRange()), sm_,
                                                 ctx_.getLangOpts());
    if (r.isInvalid() || sm_.getFileID(r.getBegin()) != sm_.getMainFileID()) return std::nullopt;
    return Range{sm_.getFileOffset(r.getBegin()), sm_.getFileOffset(r.getEnd())};
  }

  std::optional<std::string> evaluate(const Expr* e) const {
    Expr::EvalResult res;
    if (e->isValueDependent() || !e->EvaluateAsRValue(res, ctx_)) return std::nullopt;
    if (res.Val.isInt()) {
      llvm::SmallString<32> s;
      res.Val.getInt().toString(s);
      return std::string(s);
    }
    if (res.Val.isFloat()) {
      llvm::SmallString<32> s;
      res.Val.getFloat().toString(s);
      return std::string(s);
    }
    return std::nullopt;
  }

  // The idiom containing the read reference `ref`; nullopt when none is understood.
  std::optional<ValueUse> match(const Expr* ref, const Read& r, const Parents& parents, std::string& why) {
    // 1. Ternaries and `R && test(R)`, a few levels up.
    const Stmt* node = ref;
    for (int depth = 0; depth < 6; ++depth) {
      const Stmt* p = parents.up(node);
      if (!p || !isa<Expr>(p)) break;
      node = p;
      if (auto* c = dyn_cast<ConditionalOperator>(p)) {
        bool neg = false;
        if (!presence_test(c->getCond(), r, ctx_, neg)) continue;
        const Expr* set_arm = neg ? c->getFalseExpr() : c->getTrueExpr();
        const Expr* def_arm = neg ? c->getTrueExpr() : c->getFalseExpr();
        if (r.mentioned_in(def_arm)) {
          why = "both arms of the conditional use the value";
          return std::nullopt;
        }
        auto* parse = dyn_cast<CallExpr>(bare(set_arm));
        ValueUse u;
        if (parse && numeric_parsers().count(simple_callee(parse)) && parse->getNumArgs() >= 1 && r.is(parse->getArg(0))) {
          u.kind = "numeric";
          u.parser = simple_callee(parse);
          std::string n = u.parser;
          if (n.rfind("strto", 0) == 0 && n != "strtod" && n != "strtof") {
            // strtol(s, NULL, 10) only: another base reads other values.
            Expr::EvalResult base;
            if (parse->getNumArgs() < 3 || !parse->getArg(2)->EvaluateAsInt(base, ctx_) ||
                base.Val.getInt() != 10) {
              why = n + " with a base other than 10";
              return std::nullopt;
            }
            if (!is_null(parse->getArg(1), ctx_)) {
              why = n + " with an end pointer the code may inspect";
              return std::nullopt;
            }
          }
        } else if (bool_test(set_arm, r)) {
          u.kind = "bool";
        } else if (auto one = evaluate(set_arm), zero = evaluate(def_arm);
                   one && zero && *one != "0" && *zero == "0") {
          u.kind = "presence";  // getenv("X") ? 1 : 0
        } else if (r.is(set_arm) && isa<StringLiteral>(bare(def_arm))) {
          u.kind = "string";  // s ? s : "": the text, or a literal when unset
        } else {
          why = "the value is used as a string, not parsed";
          return std::nullopt;
        }
        u.default_text = text_of(def_arm);
        u.default_value = evaluate(def_arm);
        if (auto* lit = dyn_cast<StringLiteral>(bare(def_arm)); lit && u.kind == "string")
          u.default_value = lit->getString().str();
        // A fallback to an argument-less call (`... : hakmem_x()`): the rule decides whether
        // it is the setting's own accessor, i.e. a chain legacy name -> setting.
        if (auto* call = dyn_cast<CallExpr>(bare(def_arm)); call && call->getNumArgs() == 0 && call->getDirectCallee())
          u.default_value = "@call:" + simple_callee(call);
        if (!set_range(u, c, why)) return std::nullopt;
        return u;
      }
      if (auto* b = dyn_cast<BinaryOperator>(p); b && b->getOpcode() == BO_LAnd) {
        bool neg = false;
        if (presence_test(b->getLHS(), r, ctx_, neg) && !neg && bool_test(b->getRHS(), r)) {
          ValueUse u;
          u.kind = "bool";
          u.default_value = "0";
          u.default_text = "false (unset)";
          if (!set_range(u, b, why)) return std::nullopt;
          return u;
        }
      }
    }
    // 2. A presence test used as a truth value.
    node = ref;
    const Expr* test = nullptr;
    bool neg = false;
    for (int depth = 0; depth < 4; ++depth) {
      bool n = false;
      if (auto* e = dyn_cast<Expr>(node); e && presence_test(e, r, ctx_, n)) {
        test = e;
        neg = n;
      }
      const Stmt* p = parents.up(node);
      if (!p || !isa<Expr>(p)) break;
      node = p;
    }
    if (!test) {
      why = "the value is used in a way the rewriter does not understand";
      return std::nullopt;
    }
    const Stmt* outer = test;
    const Stmt* p = parents.up(outer);
    bool truth_context = isa_and_nonnull<IfStmt, WhileStmt, DoStmt, ForStmt>(p) ||
                         (p && isa<ConditionalOperator>(p) && bare(cast<ConditionalOperator>(p)->getCond()) == bare(cast<Expr>(outer))) ||
                         (p && isa<BinaryOperator>(p) && cast<BinaryOperator>(p)->isLogicalOp()) ||
                         (p && isa<UnaryOperator>(p) && cast<UnaryOperator>(p)->getOpcode() == UO_LNot);
    // `getenv("X") != NULL` and `!getenv("X")` are truth values wherever they stand.
    if (!r.is(test) || neg) truth_context = true;
    if (auto* ifs = dyn_cast_or_null<IfStmt>(p); ifs && bare(ifs->getCond()) != bare(test)) truth_context = false;
    if (!truth_context) {
      why = "the value is used as a string";
      return std::nullopt;
    }
    ValueUse u;
    u.kind = "presence";
    u.negate = neg;
    u.default_value = "0";
    u.default_text = "false (unset)";
    if (!set_range(u, test, why)) return std::nullopt;
    return u;
  }

  bool set_range(ValueUse& u, const Stmt* s, std::string& why) {
    // Parentheses around the idiom go with it: a macro's `(getenv(...) != NULL)` is then
    // its whole expansion, which the file spells as one macro use.
    for (const Stmt* p = parents_->parent(s); p && isa<ParenExpr, ImplicitCastExpr>(p); p = parents_->parent(p)) s = p;
    auto r = file_range(s);
    if (!r) {
      why = "the idiom is spelled inside a macro body; only whole macro uses can be rewritten";
      return false;
    }
    u.range = *r;
    u.line = sm_.getLineNumber(sm_.getMainFileID(), r->begin);
    u.column = sm_.getColumnNumber(sm_.getMainFileID(), r->begin);
    return true;
  }

  std::string text_of(const Stmt* s) const {
    auto r = Lexer::getSourceText(CharSourceRange::getTokenRange(s->getSourceRange()), sm_, ctx_.getLangOpts());
    return r.str();
  }

  // Main-file offset envscan gives a call: where it is written, or the outermost macro use.
  unsigned place(SourceLocation loc) const {
    while (loc.isMacroID()) {
      if (sm_.isMacroArgExpansion(loc)) {
        loc = sm_.getImmediateSpellingLoc(loc);
        continue;
      }
      loc = sm_.getImmediateExpansionRange(loc).getBegin();
    }
    SourceLocation f = sm_.getFileLoc(loc);
    if (!sm_.isInMainFile(f)) f = sm_.getExpansionLoc(loc);
    return sm_.getFileOffset(f);
  }

  // Expands a statement's range to whole lines when nothing else shares them.
  Range whole_lines(Range r) const {
    bool invalid = false;
    llvm::StringRef buf = sm_.getBufferData(sm_.getMainFileID(), &invalid);
    if (invalid) return r;
    unsigned b = r.begin, e = r.end;
    while (e < buf.size() && (buf[e] == ' ' || buf[e] == '\t')) ++e;
    if (e < buf.size() && buf[e] == ';') ++e;
    unsigned lb = b;
    while (lb > 0 && (buf[lb - 1] == ' ' || buf[lb - 1] == '\t')) --lb;
    unsigned le = e;
    while (le < buf.size() && (buf[le] == ' ' || buf[le] == '\t')) ++le;
    if ((lb == 0 || buf[lb - 1] == '\n') && (le == buf.size() || buf[le] == '\n'))
      return Range{lb, le < buf.size() ? le + 1 : le};
    return Range{b, e};
  }

  void shape_for(const CallExpr* anchor, const SiteQuery& q, const FunctionDecl* fn, ValueShape& out) {
    Parents parents(fn->getBody());
    parents_ = &parents;
    Read r;
    r.name = q.name;
    r.readers = &readers_;
    if (!q.wrapper.empty()) {
      QualType t = anchor->getType();
      bool returns_string = t->isPointerType() && t->getPointeeType()->isCharType();
      if (!returns_string) {
        // The wrapper parses: the call is the value, its idiom and default are envscan's.
        ValueUse u;
        u.kind = "wrapper";
        std::string why;
        if (!set_range(u, anchor, why)) {
          out.why = why;
          return;
        }
        out.uses.push_back(u);
        out.ok = true;
        return;
      }
    }
    // Held in a local first?
    const Stmt* node = anchor;
    const Stmt* p = parents.up(node);
    if (auto* ds = dyn_cast_or_null<DeclStmt>(p)) {
      if (!ds->isSingleDecl()) {
        out.why = "the read shares its declaration with other variables";
        return;
      }
      auto* v = dyn_cast<VarDecl>(ds->getSingleDecl());
      if (!v || !v->isLocalVarDecl() || !isa_and_nonnull<CompoundStmt>(parents.parent(ds))) {
        out.why = "the value is held somewhere the rewriter does not follow";
        return;
      }
      r.holder = v;
      std::vector<const DeclRefExpr*> refs;
      std::function<void(const Stmt*)> walk = [&](const Stmt* s) {
        if (!s) return;
        if (auto* d = dyn_cast<DeclRefExpr>(s); d && d->getDecl() == v) refs.push_back(d);
        for (const Stmt* c : s->children()) walk(c);
      };
      walk(fn->getBody());
      for (const DeclRefExpr* d : refs) {
        const Stmt* n = d;
        const Stmt* pp = parents.up(n);
        if (auto* b = dyn_cast_or_null<BinaryOperator>(pp); b && b->isAssignmentOp() && bare(b->getLHS()) == d) {
          out.why = "the variable holding the value is assigned again";
          return;
        }
        if (auto* u = dyn_cast_or_null<UnaryOperator>(pp); u && u->getOpcode() == UO_AddrOf) {
          out.why = "the address of the variable holding the value is taken";
          return;
        }
      }
      for (const DeclRefExpr* d : refs) {
        auto off = file_range(d);
        bool covered = false;
        for (const auto& u : out.uses)
          if (off && u.range.begin <= off->begin && off->end <= u.range.end) covered = true;
        if (covered) continue;
        std::string why;
        auto u = match(d, r, parents, why);
        if (!u) {
          unsigned line = off ? sm_.getLineNumber(sm_.getMainFileID(), off->begin) : 0;
          out.why = "line " + std::to_string(line) + ": " + why;
          out.uses.clear();
          return;
        }
        out.uses.push_back(*u);
      }
      if (out.uses.empty()) {
        out.why = "the value is never used";
        return;
      }
      auto decl = file_range(ds);
      if (!decl) {
        out.why = "the declaration is spelled inside a macro";
        out.uses.clear();
        return;
      }
      out.remove = whole_lines(*decl);
      out.ok = true;
      return;
    }
    std::string why;
    auto u = match(anchor, r, parents, why);
    if (!u) {
      out.why = why;
      return;
    }
    out.uses.push_back(*u);
    out.ok = true;
  }

  void run(const std::vector<SiteQuery>& queries, FileShapes& result) {
    for (const auto& q : queries) result.by_site[q.offset].site_offset = q.offset;
    readers_ = opts_.readers;
    for (const auto& q : queries)
      if (!q.wrapper.empty()) readers_.insert(q.wrapper);
    Visitor v(*this, queries, result);
    v.TraverseDecl(ctx_.getTranslationUnitDecl());
    for (auto& [off, shape] : result.by_site)
      if (!shape.ok && shape.why.empty()) shape.why = "the read was not found in the parsed file";
  }

 private:
  class Visitor : public RecursiveASTVisitor<Visitor> {
   public:
    Visitor(Locator& l, const std::vector<SiteQuery>& q, FileShapes& out) : l_(l), q_(q), out_(out) {}
    bool TraverseDecl(Decl* d) {
      auto* fd = dyn_cast_or_null<FunctionDecl>(d);
      if (!fd) return RecursiveASTVisitor::TraverseDecl(d);
      const FunctionDecl* saved = fn_;
      fn_ = fd->doesThisDeclarationHaveABody() ? fd : nullptr;
      bool r = RecursiveASTVisitor::TraverseDecl(d);
      fn_ = saved;
      return r;
    }
    bool VisitCallExpr(CallExpr* ce) {
      if (!fn_) return true;
      std::string callee = simple_callee(ce);
      if (callee.empty() || !l_.readers_.count(callee)) return true;
      unsigned off = l_.place(ce->getBeginLoc());
      for (const auto& q : q_) {
        if (q.offset != off) continue;
        if (!q.wrapper.empty() ? callee != q.wrapper : !l_.opts_.readers.count(callee)) continue;
        ValueShape& s = out_.by_site[q.offset];
        if (s.ok) continue;
        auto* lit = ce->getNumArgs() ? dyn_cast<StringLiteral>(bare(ce->getArg(0))) : nullptr;
        if (!lit || !lit->isOrdinary() || lit->getString() != q.name) {
          if (s.why.empty()) s.why = "the name is not a string literal at the call";
          continue;
        }
        s = ValueShape{};
        s.site_offset = q.offset;
        l_.shape_for(ce, q, fn_, s);
      }
      return true;
    }

   private:
    Locator& l_;
    const std::vector<SiteQuery>& q_;
    FileShapes& out_;
    const FunctionDecl* fn_ = nullptr;
  };

  ASTContext& ctx_;
  const SourceManager& sm_;
  const LocateOptions& opts_;
  std::set<std::string> readers_;
  const Parents* parents_ = nullptr;  // of the function being looked at
};

struct State {
  const std::map<std::string, std::vector<SiteQuery>>* queries = nullptr;
  const LocateOptions* opts = nullptr;
  std::map<std::string, FileShapes>* results = nullptr;
};

class Action : public ASTFrontendAction {
 public:
  explicit Action(State& st) : st_(st) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, llvm::StringRef file) override {
    ci.getDiagnostics().setFatalsAsError(true);
    struct Consumer : ASTConsumer {
      State& st;
      std::string file;
      Consumer(State& s, std::string f) : st(s), file(std::move(f)) {}
      void HandleTranslationUnit(ASTContext& ctx) override {
        auto it = st.queries->find(file);
        if (it == st.queries->end()) return;
        FileShapes& fs = (*st.results)[file];
        fs.path = file;
        fs.parsed = true;
        Locator(ctx, *st.opts).run(it->second, fs);
      }
    };
    return std::make_unique<Consumer>(st_, file.str());
  }

 private:
  State& st_;
};

class Factory : public tooling::FrontendActionFactory {
 public:
  explicit Factory(State& st) : st_(st) {}
  std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(st_); }

 private:
  State& st_;
};

class Counter : public DiagnosticConsumer {
 public:
  unsigned errors = 0;
  std::string first;
  void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic& info) override {
    if (level < DiagnosticsEngine::Error) return;
    ++errors;
    if (first.empty()) {
      llvm::SmallString<128> msg;
      info.FormatDiagnostic(msg);
      std::string where;
      if (info.hasSourceManager() && info.getLocation().isValid()) {
        PresumedLoc p = info.getSourceManager().getPresumedLoc(info.getLocation());
        if (p.isValid()) where = std::string(p.getFilename()) + ":" + std::to_string(p.getLine()) + ":" +
                                 std::to_string(p.getColumn()) + ": ";
      }
      first = where + std::string(msg);
    }
  }
};

// Only the resource directory: the compile check must see every error the compiler would.
tooling::ArgumentsAdjuster resourced(const std::string& resource_dir) {
  return [resource_dir](const tooling::CommandLineArguments& args, llvm::StringRef) {
    tooling::CommandLineArguments out;
    bool has = false;
    for (const auto& a : args)
      if (a.rfind("-resource-dir", 0) == 0) has = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
      out.push_back(args[i]);
      if (i == 0 && !has && !resource_dir.empty()) out.push_back("-resource-dir=" + resource_dir);
    }
    return out;
  };
}

// A file system and file manager of their own: each command sets its working directory
// there, never on the process.
struct PrivateFiles {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs{llvm::vfs::createPhysicalFileSystem().release()};
  llvm::IntrusiveRefCntPtr<FileManager> fm{new FileManager(FileSystemOptions(), fs)};
};

}  // namespace

std::vector<FileShapes> locate_values(const tooling::CompilationDatabase& db,
                                      const std::map<std::string, std::vector<SiteQuery>>& queries,
                                      const LocateOptions& opts) {
  std::map<std::string, FileShapes> results;
  State st{&queries, &opts, &results};
  Factory factory(st);
  IgnoringDiagConsumer quiet;
  for (const auto& [file, q] : queries) {
    PrivateFiles pf;
    envscan::run_on_file(db, file, factory, &quiet, envscan::quiet_and_resourced(opts.resource_dir), *pf.fs, *pf.fm);
  }
  std::vector<FileShapes> out;
  for (const auto& [file, q] : queries) {
    auto it = results.find(file);
    if (it != results.end()) {
      out.push_back(std::move(it->second));
    } else {
      FileShapes f;
      f.path = file;
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::map<std::string, unsigned> count_errors(const tooling::CompilationDatabase& db,
                                             const std::vector<std::string>& files, const std::string& resource_dir,
                                             std::map<std::string, std::string>* first_error) {
  std::map<std::string, unsigned> out;
  for (const auto& f : files) {
    Counter c;
    PrivateFiles pf;
    auto factory = tooling::newFrontendActionFactory<SyntaxOnlyAction>();
    bool ran = envscan::run_on_file(db, f, *factory, &c, resourced(resource_dir), *pf.fs, *pf.fm);
    out[f] = c.errors + (!ran && c.errors == 0 ? 1 : 0);
    if (first_error && !c.first.empty()) (*first_error)[f] = c.first;
  }
  return out;
}

}  // namespace envrewrite
