// AST collectors: calls that may read the environment, their arguments and usage,
// inactive ranges, and which tested macros the compiler or system headers define.
#include "parse/ast_scan.h"
#include "parse/term_builder.h"

#include "cache/digest.h"
#include "discover/compile_db.h"
#include "parse/run_file.h"

#include <atomic>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/ParentMap.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/DiagnosticLex.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/HeaderSearch.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Path.h>

namespace envscan {

using namespace clang;

const std::vector<std::string>& base_readers() {
  static const std::vector<std::string> r = {"getenv", "secure_getenv", "__secure_getenv", "__libc_secure_getenv",
                                             "std::getenv", "getenv_r", "GetEnvironmentVariableA",
                                             "GetEnvironmentVariableW", "GetEnvironmentVariable", "environ"};
  return r;
}
const std::set<std::string>& environment_blocks() {
  static const std::set<std::string> b = {"environ", "__environ", "_environ", "_wenviron"};
  return b;
}
bool is_base_reader(const std::string& n) {
  const auto& r = base_readers();
  return std::find(r.begin(), r.end(), n) != r.end();
}
bool is_base_writer(const std::string& n) {
  return n == "setenv" || n == "putenv" || n == "unsetenv" || n == "std::setenv";
}

std::string default_resource_dir() {
  if (const char* env = std::getenv("ENVSCAN_RESOURCE_DIR"); env && *env) return env;
  return ENVSCAN_RESOURCE_DIR;
}

namespace {

bool looks_like_name(llvm::StringRef s) {
  if (s.empty() || !(std::isalpha((unsigned char)s[0]) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum((unsigned char)c) || c == '_')) return false;
  return true;
}

const Expr* strip(const Expr* e) { return strip_to_name(e); }

const StringLiteral* as_string(const Expr* e) {
  auto* s = dyn_cast_or_null<StringLiteral>(strip(e));
  if (s && (s->isOrdinary() || s->isUTF8())) return s;
  return nullptr;
}


// Per-function parent links (clang's ParentMap), built once per function on demand.
class FunctionParents {
 public:
  void build(const Stmt* root) {
    map_ = root ? std::make_unique<clang::ParentMap>(const_cast<Stmt*>(root)) : nullptr;
  }
  const Stmt* parent(const Stmt* s) const { return map_ ? map_->getParent(s) : nullptr; }

 private:
  std::unique_ptr<clang::ParentMap> map_;
};

bool transparent(const Stmt* s) {
  if (isa<ImplicitCastExpr, ParenExpr, ExplicitCastExpr, ExprWithCleanups, MaterializeTemporaryExpr,
          CXXBindTemporaryExpr>(s))
    return true;
  if (auto* c = dyn_cast<CXXConstructExpr>(s)) {
    // std::string(const char*) also takes a defaulted allocator argument.
    if (c->getNumArgs() == 0) return false;
    for (unsigned i = 1; i < c->getNumArgs(); ++i)
      if (!isa<CXXDefaultArgExpr>(c->getArg(i))) return false;
    return true;
  }
  if (auto* m = dyn_cast<CXXMemberCallExpr>(s))
    if (auto* d = m->getMethodDecl(); d && d->getIdentifier() && d->getName() == "c_str") return true;
  if (auto* m = dyn_cast<MemberExpr>(s)) {
    if (auto* d = m->getMemberDecl(); d && d->getIdentifier() && d->getName() == "c_str") return true;
  }
  return false;
}

// The same expression, once parentheses and implicit casts are looked through.
bool same(const Stmt* a, const Stmt* b) {
  auto* ea = dyn_cast_or_null<Expr>(a);
  auto* eb = dyn_cast_or_null<Expr>(b);
  if (!ea || !eb) return a == b;
  return ea->IgnoreParenImpCasts() == eb->IgnoreParenImpCasts();
}

std::string callee_simple_name(const CallExpr* ce) {
  if (auto* fd = ce->getDirectCallee()) {
    if (auto* id = fd->getIdentifier()) return id->getName().str();
    return {};
  }
  const Expr* c = ce->getCallee()->IgnoreParenImpCasts();
  if (auto* u = dyn_cast<UnresolvedLookupExpr>(c)) return u->getName().getAsString();
  if (auto* d = dyn_cast<DeclRefExpr>(c)) return d->getNameInfo().getAsString();
  return {};
}

const std::set<std::string>& numeric_parsers() {
  static const std::set<std::string> s = {"atoi", "atol", "atoll", "strtol", "strtoll", "strtoul",
                                          "strtoull", "strtod", "strtof", "strtold", "atof",
                                          "stoi", "stol", "stoll", "stoul", "stoull", "stod", "stof",
                                          "strtoimax", "strtoumax"};
  return s;
}
std::string idiom_of_parser(const std::string& n) {
  if (n == "atoi" || n == "atol" || n == "atoll" || n == "stoi" || n == "stol" || n == "stoll") return "atoi";
  if (n == "strtol" || n == "strtoll" || n == "strtoimax") return "strtol";
  if (n == "strtoul" || n == "strtoull" || n == "stoul" || n == "stoull" || n == "strtoumax") return "strtoul";
  if (n == "atof") return "atof";
  return "strtod";
}
const std::set<std::string>& string_compares() {
  static const std::set<std::string> s = {"strcmp", "strcasecmp", "strncmp", "strncasecmp",
                                          "__builtin_strcmp", "__builtin_strncmp", "strstr"};
  return s;
}
int rank(const std::string& idiom) {
  if (idiom.empty()) return 0;
  if (idiom == "presence") return 1;
  if (idiom == "raw-string") return 2;
  if (idiom == "bool" || idiom == "enum-compare") return 3;
  return 4;
}
bool boolean_word(const std::string& w) {
  static const std::set<std::string> s = {"0", "1", "true", "false", "yes", "no", "on", "off",
                                          "TRUE", "FALSE", "YES", "NO", "ON", "OFF", "y", "n",
                                          "Y", "N", "True", "False", "t", "f", "T", "F"};
  return s.count(w) > 0;
}

// Functions with internal linkage (`static`) are distinct per file: two files may each
// have a static `lookup`, one reading the environment and one not. Their keys carry
// "@<file that defines them>" (see display_name in resolve.h).
std::string internal_key(const FunctionDecl* fd, const SourceManager& sm) {
  if (fd->isExternallyVisible()) return "";
  const FunctionDecl* def = fd->getDefinition();
  SourceLocation loc = sm.getFileLoc((def ? def : fd)->getLocation());
  if (auto entry = sm.getFileEntryRefForID(sm.getFileID(loc))) {
    llvm::StringRef real = entry->getFileEntry().tryGetRealPathName();
    return "@" + (real.empty() ? entry->getName().str() : real.str());
  }
  return "";
}
std::string function_key(const FunctionDecl* fd, const SourceManager& sm) {
  return fd->getQualifiedNameAsString() + internal_key(fd, sm);
}

struct ThreadState {
  std::map<std::string, AstFileResult>* results = nullptr;
  AstFileResult* current = nullptr;
  const AstOptions* opts = nullptr;
};

class CountingConsumer : public DiagnosticConsumer {
 public:
  explicit CountingConsumer(ThreadState& st) : st_(st) {}
  void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < DiagnosticsEngine::Error || !st_.current) return;
    llvm::SmallString<256> msg;
    info.FormatDiagnostic(msg);
    // By the diagnostic's id, not its English text.
    const unsigned id = info.getID();
    const bool missing_include = id == diag::err_pp_file_not_found || id == diag::err_pp_file_not_found_angled_include_not_fatal ||
                                 id == diag::err_pp_file_not_found_typo_not_fatal;
    std::string where;
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const SourceManager& sm = info.getSourceManager();
      SourceLocation loc = sm.getExpansionLoc(info.getLocation());
      if (!sm.isInMainFile(loc) && !missing_include)
        return;  // errors inside headers are the headers' business
      where = std::to_string(sm.getExpansionLineNumber(loc)) + ":" +
              std::to_string(sm.getExpansionColumnNumber(loc)) + ": ";
    }
    if (missing_include) {
      st_.current->missing_includes.push_back(where + msg.str().str());
      return;
    }
    if (st_.current->errors++ == 0) st_.current->first_error = where + msg.str().str();
  }

 private:
  ThreadState& st_;
};

class PPHook : public PPCallbacks {
 public:
  PPHook(const SourceManager& sm, ThreadState& st) : sm_(sm), st_(st) {}
  void SourceRangeSkipped(SourceRange r, SourceLocation) override {
    if (!st_.current || !sm_.isInMainFile(r.getBegin())) return;
    st_.current->skipped.push_back({sm_.getFileOffset(r.getBegin()), sm_.getFileOffset(r.getEnd())});
  }
  void MacroDefined(const Token& name, const MacroDirective*) override {
    if (!st_.current) return;
    const IdentifierInfo* id = name.getIdentifierInfo();
    if (!id) return;
    SourceLocation loc = name.getLocation();
    if (sm_.isWrittenInBuiltinFile(loc) || sm_.isInSystemHeader(loc))
      st_.current->system_macros.insert(id->getName().str());
  }

 private:
  const SourceManager& sm_;
  ThreadState& st_;
};

class Collector : public RecursiveASTVisitor<Collector> {
 public:
  Collector(ASTContext& ctx, AstFileResult& out, const AstOptions& opts, TermBuilder& terms)
      : ctx_(ctx), sm_(ctx.getSourceManager()), out_(out), opts_(opts), terms_(terms) {}

  bool TraverseDecl(Decl* d) {
    if (!d) return true;
    if (!isa<TranslationUnitDecl>(d)) {
      SourceLocation loc = d->getLocation();
      if (loc.isValid() && !sm_.isInMainFile(sm_.getExpansionLoc(loc))) return true;
    }
    auto* fd = dyn_cast<FunctionDecl>(d);
    if (fd && fd->doesThisDeclarationHaveABody()) {
      const FunctionDecl* saved = fn_;
      FunctionParents saved_parents = std::move(parents_);
      fn_ = fd;
      parents_built_ = false;
      bool r = RecursiveASTVisitor::TraverseDecl(d);
      fn_ = saved;
      parents_ = std::move(saved_parents);
      parents_built_ = false;
      return r;
    }
    auto* vd = dyn_cast<VarDecl>(d);
    if (vd && !fn_) {
      const VarDecl* saved = global_;
      global_ = vd;
      bool r = RecursiveASTVisitor::TraverseDecl(d);
      global_ = saved;
      return r;
    }
    return RecursiveASTVisitor::TraverseDecl(d);
  }

  bool VisitCallExpr(CallExpr* ce) {
    std::string simple = callee_simple_name(ce);
    if (simple.empty()) return true;
    if (environ_walk(ce, simple)) return true;
    bool base = is_base_reader(simple) || is_base_writer(simple);
    bool accessor = opts_.accessors.count(simple) > 0 && declared_in_accessor_header(ce->getDirectCallee());
    std::vector<ArgInfo> args;
    bool interesting = base || accessor;
    call_in_macro_ = ce->getBeginLoc().isMacroID() && !sm_.isMacroArgExpansion(ce->getBeginLoc());
    unsigned n = std::min(ce->getNumArgs(), 8u);
    for (unsigned i = 0; i < n; ++i) {
      args.push_back(classify_arg(ce->getArg(i)));
      auto k = args.back().kind;
      if (k == ArgInfo::Literal || k == ArgInfo::Constant || k == ArgInfo::Array || k == ArgInfo::Param ||
          args.back().term)
        interesting = true;
    }
    if (!interesting) return true;
    CallRecord rec;
    rec.callee = simple;
    if (auto* fd = ce->getDirectCallee(); fd && !base && ctx_.getLangOpts().CPlusPlus)
      rec.callee = fd->getQualifiedNameAsString();
    if (base && !is_base_reader(simple) && !is_base_writer(simple)) rec.callee = simple;
    if (auto* fd = ce->getDirectCallee(); fd && !base) rec.callee += internal_key(fd);
    place(ce->getBeginLoc(), rec);
    rec.function = fn_ ? fn_->getQualifiedNameAsString() + internal_key(fn_) : "";
    // Unknown arguments of base readers are constructed names: look for their prefix.
    if (is_base_reader(simple) && !args.empty() && args[0].kind == ArgInfo::Unknown) {
      describe_constructed(ce->getArg(0), args[0]);
      name_from_param(ce->getArg(0), args[0]);
      if (args[0].kind == ArgInfo::Param) args[0].term.reset();
    }
    rec.args = std::move(args);
    rec.usage = analyse_usage(ce);
    out_.calls.push_back(std::move(rec));
    return true;
  }

 private:
  // `for (ep = environ; *ep; ep++) if (strncmp(*ep, name, len) == 0 && (*ep)[len] == '=')`:
  // comparing an entry of the environment block with a name reads that variable. Recorded
  // as a call of the pseudo-reader `environ` whose argument is the name.
  bool environ_walk(const CallExpr* ce, const std::string& simple) {
    static const std::set<std::string> compares = {
        "strncmp", "strcmp", "memcmp", "strncasecmp", "strcasecmp", "_strnicmp", "_stricmp", "strnicmp",
        "wcsncmp", "wcscmp", "_wcsnicmp", "_wcsicmp", "__builtin_strncmp", "__builtin_memcmp", "__builtin_strcmp",
        "g_ascii_strncasecmp", "g_str_has_prefix", "startswith", "str_startswith", "has_prefix"};
    if (!fn_ || ce->getNumArgs() < 2 || !compares.count(simple)) return false;
    int env = mentions_environ(ce->getArg(0)) ? 0 : mentions_environ(ce->getArg(1)) ? 1 : -1;
    if (env < 0) return false;
    call_in_macro_ = ce->getBeginLoc().isMacroID() && !sm_.isMacroArgExpansion(ce->getBeginLoc());
    ArgInfo name = classify_arg(ce->getArg(1 - env));
    if (name.kind == ArgInfo::None || (name.kind == ArgInfo::Unknown && !name.term)) return false;
    CallRecord rec;
    rec.callee = "environ";
    place(ce->getBeginLoc(), rec);
    rec.function = function_key(fn_, sm_);
    rec.args.push_back(std::move(name));
    rec.usage.idiom = "raw-string";
    rec.usage.case_insensitive = simple.find("case") != std::string::npos || simple.find("icmp") != std::string::npos;
    out_.calls.push_back(std::move(rec));
    return true;
  }

  bool mentions_environ(const Expr* e, int depth = 0) const {
    const std::set<std::string>& blocks = environment_blocks();
    bool found = false;
    each(e, [&](const Stmt* x) {
      auto* d = dyn_cast<DeclRefExpr>(x);
      if (!d || found) return;
      const ValueDecl* v = d->getDecl();
      if (v->getIdentifier() && blocks.count(v->getName().str())) found = true;
      // main's third parameter is the environment; an `envp` elsewhere is often a child's.
      if (auto* p = dyn_cast<ParmVarDecl>(v); p && p->getIdentifier() && p->getName() == "envp")
        if (auto* f = dyn_cast<FunctionDecl>(p->getDeclContext()); f && f->isMain()) found = true;
      // A local walking the block: `char **ep = environ;` or assigned from it.
      auto* var = dyn_cast<VarDecl>(v);
      if (found || !var || !var->isLocalVarDecl() || depth > 0 || !fn_) return;
      if (var->getInit() && mentions_environ(var->getInit(), depth + 1)) found = true;
      each(fn_->getBody(), [&](const Stmt* y) {
        if (auto* b = dyn_cast<BinaryOperator>(y); b && !found && b->getOpcode() == BO_Assign)
          if (auto* l = dyn_cast<DeclRefExpr>(b->getLHS()->IgnoreParenImpCasts()); l && l->getDecl() == var)
            found = mentions_environ(b->getRHS(), depth + 1);
      });
    });
    return found;
  }

  // A call named like an accessor is one only when the function comes from the generated
  // header: an unrelated `limit()` elsewhere is not a read.
  bool declared_in_accessor_header(const FunctionDecl* fd) const {
    if (opts_.accessor_header.empty()) return true;
    if (!fd) return false;
    for (const FunctionDecl* d : fd->redecls()) {
      llvm::StringRef file = sm_.getFilename(sm_.getFileLoc(d->getLocation()));
      std::string want = "/" + opts_.accessor_header;
      if (file.ends_with(want) || file == opts_.accessor_header) return true;
    }
    return false;
  }

  // Main-file position of the call and the macro it was written through, if any: the
  // macro whose use is written in the file or in another macro's argument, so that
  // TEST_VERIFY(ENV(X)) reports ENV and ENV -> RAW_GETENV -> getenv reports ENV too.
  void place(SourceLocation loc, CallRecord& rec) {
    while (loc.isMacroID()) {
      if (sm_.isMacroArgExpansion(loc)) {
        loc = sm_.getImmediateSpellingLoc(loc);  // where the argument was written
        continue;
      }
      rec.macro = Lexer::getImmediateMacroName(loc, sm_, ctx_.getLangOpts()).str();
      loc = sm_.getImmediateExpansionRange(loc).getBegin();
    }
    SourceLocation file_loc = sm_.getFileLoc(loc);
    if (!sm_.isInMainFile(file_loc)) file_loc = sm_.getExpansionLoc(loc);
    rec.offset = sm_.getFileOffset(file_loc);
    rec.line = sm_.getLineNumber(sm_.getFileID(file_loc), rec.offset);
    rec.column = sm_.getColumnNumber(sm_.getFileID(file_loc), rec.offset);
  }

  std::string text_of(const Stmt* s) const {
    CharSourceRange r = CharSourceRange::getTokenRange(s->getSourceRange());
    SourceLocation b = r.getBegin(), e = r.getEnd();
    if (b.isMacroID() && e.isMacroID() && sm_.isMacroArgExpansion(b) && sm_.isMacroArgExpansion(e))
      r = CharSourceRange::getTokenRange(sm_.getSpellingLoc(b), sm_.getSpellingLoc(e));  // as the argument was written
    else if (b.isMacroID() || e.isMacroID())
      r = sm_.getExpansionRange(r);
    std::string t = Lexer::getSourceText(r, sm_, ctx_.getLangOpts()).str();
    if (t.size() > 80) t = t.substr(0, 77) + "...";
    return t;
  }

  static const InitListExpr* init_list_of(const VarDecl* vd) {
    if (!vd || !vd->getInit()) return nullptr;
    return dyn_cast<InitListExpr>(vd->getInit()->IgnoreImplicit());
  }

  // Strings of an array of names, or of one field of an array of structs.
  static bool array_names(const VarDecl* vd, int field, ArgInfo& info) {
    const InitListExpr* list = init_list_of(vd);
    if (!list) return false;
    for (const Expr* e : list->inits()) {
      const Expr* item = e;
      if (field >= 0) {
        auto* row = dyn_cast<InitListExpr>(e->IgnoreImplicit());
        if (!row || static_cast<unsigned>(field) >= row->getNumInits()) continue;
        item = row->getInit(static_cast<unsigned>(field));
      }
      if (auto* s = as_string(item); s && looks_like_name(s->getString()))
        info.names.push_back(s->getString().str());
    }
    if (info.names.empty()) return false;
    info.kind = ArgInfo::Array;
    info.from = vd->getNameAsString();
    return true;
  }

  // What an argument says about a name: the quick forms first (literal, parameter, named
  // constant, array of names), then the term of how the code builds it.
  ArgInfo classify_arg(const Expr* arg) {
    ArgInfo info = classify_arg_quick(arg);
    if (info.kind == ArgInfo::Literal || info.kind == ArgInfo::Constant || info.kind == ArgInfo::Array ||
        info.kind == ArgInfo::Param)
      return info;
    if (info.kind == ArgInfo::None && !is_string_type(arg->getType())) return info;
    Term t = terms_.build(arg, fn_);
    if (t.is_unknown()) {
      // A string whose value stays unknown (a run-time token, a local of unknown origin)
      // is still a read of some variable: a constructed record, never silence.
      if (info.kind == ArgInfo::None && is_string_type(arg->getType())) info.kind = ArgInfo::Unknown;
      return info;
    }
    if (info.text.empty()) info.text = text_of(arg);
    std::vector<std::string> lits;
    if (t.literal_only(lits)) {
      for (auto& l : lits) {
        std::string name = l.substr(0, l.find('='));
        if (looks_like_name(name) && std::find(info.names.begin(), info.names.end(), name) == info.names.end())
          info.names.push_back(name);
      }
      if (!info.names.empty()) {
        info.kind = ArgInfo::Literal;
        info.from = "flow";
      }
      return info;
    }
    if (fn_ && param_template(t, info)) return info;
    info.kind = ArgInfo::Unknown;
    info.term = std::move(t);
    return info;
  }

  // `name`, `"PFX_" + name`, `name ? name : "DEFAULT"`, a buffer formatted from one
  // parameter: the function is a wrapper whose callers' arguments are the names.
  bool param_template(const Term& t, ArgInfo& info) {
    std::string key = function_key(fn_, sm_);
    std::vector<const Term*> options;
    if (t.kind == Term::Kind::Alt)
      for (const auto& k : t.kids) options.push_back(&k);
    else
      options.push_back(&t);
    int param = -1;
    std::string format;
    std::vector<std::string> extra;
    for (const Term* o : options) {
      std::vector<std::string> lits;
      if (o->literal_only(lits)) {
        for (auto& l : lits)
          if (looks_like_name(l)) extra.push_back(l);
        continue;
      }
      std::vector<const Term*> parts;
      if (o->kind == Term::Kind::Cat)
        for (const auto& k : o->kids) parts.push_back(&k);
      else
        parts.push_back(o);
      std::string f;
      int p = -1;
      for (const Term* part : parts) {
        if (part->kind == Term::Kind::Lit && part->key.find('%') == std::string::npos) {
          f += part->key;
        } else if (part->kind == Term::Kind::Param && part->key == key && p < 0) {
          p = static_cast<int>(part->index);
          f += "%s";
        } else {
          return false;
        }
      }
      if (p < 0 || (param >= 0 && (p != param || f != format))) return false;
      param = p;
      format = f;
    }
    if (param < 0) return false;
    info.kind = ArgInfo::Param;
    info.param = static_cast<unsigned>(param);
    info.param_format = format == "%s" ? "" : format;
    info.names = extra;
    return true;
  }

  ArgInfo classify_arg_quick(const Expr* arg) {
    ArgInfo info;
    const Expr* e = strip(arg);
    if (!e) return info;
    info.text = text_of(arg);
    if (auto* s = dyn_cast<StringLiteral>(e)) {
      if ((s->isOrdinary() || s->isUTF8()) && !s->getString().empty()) {
        llvm::StringRef v = s->getString();
        std::string name = v.split('=').first.str();  // putenv("NAME=value")
        // Any literal is a name getenv can be asked for ("my-var", "A\0B", non-ASCII):
        // classification files the odd ones under other_reads rather than losing them.
        if (!name.empty()) {
          info.kind = ArgInfo::Literal;
          info.names.push_back(name);
          // #define NAME "X": the literal comes from a macro body (not a macro argument).
          SourceLocation sl = s->getBeginLoc();
          if (!call_in_macro_ && sl.isMacroID() && sm_.isMacroBodyExpansion(sl))
            info.from = Lexer::getImmediateMacroName(sl, sm_, ctx_.getLangOpts()).str();
        }
      }
      return info;
    }
    if (auto* d = dyn_cast<DeclRefExpr>(e)) {
      if (auto* p = dyn_cast<ParmVarDecl>(d->getDecl())) {
        if (fn_ && p->getDeclContext() == fn_ && is_string_type(p->getType())) {
          info.kind = ArgInfo::Param;
          info.param = p->getFunctionScopeIndex();
        }
        return info;
      }
      if (auto* v = dyn_cast<VarDecl>(d->getDecl())) {
        // A local may be reassigned before the read: its reaching values decide (term path).
        if (v->isLocalVarDecl() && !v->isStaticLocal() && !v->getType().isConstQualified()) return info;
        if (v->getInit()) {
          if (auto* s = as_string(v->getInit()); s && looks_like_name(s->getString())) {
            info.kind = ArgInfo::Constant;
            info.names.push_back(s->getString().str());
            info.from = v->getNameAsString();
            return info;
          }
          // const char** p = names; getenv(*p)
          if (auto* r = dyn_cast<DeclRefExpr>(strip(v->getInit())))
            if (auto* arr = dyn_cast<VarDecl>(r->getDecl()); arr && array_names(arr, -1, info)) return info;
        }
        if (is_string_type(v->getType())) info.kind = ArgInfo::Unknown;
      }
      return info;
    }
    // names[i]  /  *p where p walks names
    const Expr* base = nullptr;
    int field = -1;
    if (auto* a = dyn_cast<ArraySubscriptExpr>(e)) base = a->getBase();
    if (auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_Deref) base = u->getSubExpr();
    if (auto* m = dyn_cast<MemberExpr>(e)) {
      if (auto* f = dyn_cast<FieldDecl>(m->getMemberDecl())) {
        field = static_cast<int>(f->getFieldIndex());
        const Expr* b = strip(m->getBase());
        if (auto* a = dyn_cast<ArraySubscriptExpr>(b)) base = a->getBase();
        if (auto* u = dyn_cast<UnaryOperator>(b); u && u->getOpcode() == UO_Deref) base = u->getSubExpr();
        if (!base && m->isArrow()) base = b;  // for (p = table; ...; ++p) getenv(p->name)
      }
    }
    if (base) {
      if (auto* d = dyn_cast<DeclRefExpr>(strip(base))) {
        if (auto* v = dyn_cast<VarDecl>(d->getDecl())) {
          if (array_names(v, field, info)) return info;
          if (v->getInit())
            if (auto* r = dyn_cast<DeclRefExpr>(strip(v->getInit())))
              if (auto* arr = dyn_cast<VarDecl>(r->getDecl()); arr && array_names(arr, field, info)) return info;
        }
      }
    }
    if (is_string_type(e->getType())) info.kind = ArgInfo::Unknown;
    return info;
  }

  // Walks `root`, calling `f` on every statement.
  static void each(const Stmt* root, const std::function<void(const Stmt*)>& f) {
    if (!root) return;
    f(root);
    for (const Stmt* c : root->children()) each(c, f);
  }

  // `getenv(("PFX_" + name).c_str())` or `snprintf(buf, n, "PFX_%s", name); getenv(buf)`
  // with `name` a parameter: the function is a wrapper that prefixes its argument, so its
  // callers' literals are names once the prefix is applied (see WrapperInfo::name_format).
  void name_from_param(const Expr* arg, ArgInfo& info) {
    if (!fn_ || info.prefix.empty()) return;
    std::string fmt = info.prefix;
    std::size_t conv = fmt.find('%');
    if (conv != std::string::npos && (fmt.compare(conv, 2, "%s") != 0 || fmt.find('%', conv + 2) != std::string::npos))
      return;  // other conversions: not one string parameter spliced into a name
    if (conv == std::string::npos) fmt += "%s";
    const ParmVarDecl* param = nullptr;
    int params_seen = 0;
    auto find_param = [&](const Stmt* s) {
      each(s, [&](const Stmt* x) {
        if (auto* d = dyn_cast<DeclRefExpr>(x))
          if (auto* p = dyn_cast<ParmVarDecl>(d->getDecl()); p && p->getDeclContext() == fn_ && is_string_type(p->getType())) {
            if (p != param) ++params_seen;
            param = p;
          }
      });
    };
    const Expr* e = strip(arg);
    const ValueDecl* var = nullptr;
    if (auto* d = dyn_cast<DeclRefExpr>(e)) var = d->getDecl();
    if (!var) {
      find_param(e);
    } else {
      // The buffer is filled by a call that takes it first (snprintf, strcpy, strcat...).
      each(fn_->getBody(), [&](const Stmt* x) {
        auto* call = dyn_cast<CallExpr>(x);
        if (!call || call->getNumArgs() < 2) return;
        auto* d = dyn_cast<DeclRefExpr>(strip(call->getArg(0)));
        if (!d || d->getDecl() != var) return;
        for (unsigned i = 1; i < call->getNumArgs(); ++i) find_param(call->getArg(i));
      });
    }
    if (!param || params_seen != 1) return;
    info.kind = ArgInfo::Param;
    info.param = param->getFunctionScopeIndex();
    info.param_format = fmt;
    info.candidates.clear();
  }

  std::string internal_key(const FunctionDecl* fd) const { return envscan::internal_key(fd, sm_); }

  // A constructed name: find the prefix written into the buffer and tables of suffixes.
  void describe_constructed(const Expr* arg, ArgInfo& info) {
    const Expr* e = strip(arg);
    const ValueDecl* var = nullptr;
    if (auto* d = dyn_cast<DeclRefExpr>(e)) var = d->getDecl();
    std::vector<std::string> literals;
    auto take_strings = [&](const Stmt* s) {
      each(s, [&](const Stmt* x) {
        if (auto* lit = dyn_cast<StringLiteral>(x); lit && (lit->isOrdinary() || lit->isUTF8()))
          literals.push_back(lit->getString().str());
      });
    };
    if (auto* vd = dyn_cast_or_null<VarDecl>(var); vd && vd->getInit()) take_strings(vd->getInit());
    if (!var) take_strings(e);
    const Stmt* body = fn_ ? fn_->getBody() : nullptr;
    std::vector<std::string> suffixes;
    each(body, [&](const Stmt* x) {
      if (auto* call = dyn_cast<CallExpr>(x); call && var && call->getNumArgs() > 0) {
        if (auto* d = dyn_cast<DeclRefExpr>(strip(call->getArg(0))); d && d->getDecl() == var)
          for (unsigned i = 1; i < call->getNumArgs(); ++i) take_strings(call->getArg(i));
      }
      if (auto* op = dyn_cast<CXXOperatorCallExpr>(x); op && var && op->getNumArgs() == 2) {
        if (auto* d = dyn_cast<DeclRefExpr>(strip(op->getArg(0))); d && d->getDecl() == var)
          take_strings(op->getArg(1));
      }
      if (auto* d = dyn_cast<DeclRefExpr>(x))
        if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && v != var) {
          ArgInfo tmp;
          if (array_names(v, -1, tmp))
            for (auto& n : tmp.names) suffixes.push_back(n);
          else if (const InitListExpr* list = init_list_of(v))
            for (const Expr* it : list->inits())
              if (auto* s = as_string(it); s && looks_like_name(s->getString())) suffixes.push_back(s->getString().str());
        }
    });
    for (const auto& l : literals) {
      std::string head = l.substr(0, l.find('%'));
      if (!head.empty() && looks_like_name(head)) {  // "mylib_" prefixes too
        info.prefix = l;
        break;
      }
    }
    if (info.prefix.empty()) return;
    // "X_%d_CAP" filled from a counted loop: one candidate per value of the counter.
    auto [conv_pos, conv_len] = integer_conversion(info.prefix);
    if (conv_len > 0) {
      if (auto range = loop_range(body)) {
        for (long long v = range->first; v < range->second && v - range->first < 64; ++v) {
          std::string name = info.prefix;
          name.replace(conv_pos, conv_len, std::to_string(v));
          if (looks_like_name(name)) info.candidates.push_back(name);
        }
      }
      return;
    }
    std::sort(suffixes.begin(), suffixes.end());
    suffixes.erase(std::unique(suffixes.begin(), suffixes.end()), suffixes.end());
    for (const auto& s : suffixes) {
      std::string name = info.prefix;
      if (auto pos = name.find("%s"); pos != std::string::npos) name.replace(pos, 2, s);
      else name += s;
      if (looks_like_name(name) && name != s) info.candidates.push_back(name);
    }
  }

  // Position and length of the first integer conversion (%d, %u, %zu, %02d...) in a format.
  static std::pair<std::size_t, std::size_t> integer_conversion(const std::string& f) {
    for (std::size_t i = 0; i + 1 < f.size(); ++i) {
      if (f[i] != '%') continue;
      std::size_t j = i + 1;
      while (j < f.size() && (std::isdigit((unsigned char)f[j]) || f[j] == '-' || f[j] == '0')) ++j;
      while (j < f.size() && (f[j] == 'l' || f[j] == 'z' || f[j] == 'h' || f[j] == 'j')) ++j;
      if (j < f.size() && (f[j] == 'd' || f[j] == 'u' || f[j] == 'i')) return {i, j - i + 1};
      return {0, 0};
    }
    return {0, 0};
  }

  // [begin, end) of the single counted loop `for (int i = A; i < B; ...)` in `body`.
  std::optional<std::pair<long long, long long>> loop_range(const Stmt* body) {
    std::optional<std::pair<long long, long long>> found;
    int loops = 0;
    each(body, [&](const Stmt* x) {
      auto* f = dyn_cast<ForStmt>(x);
      if (!f) return;
      auto* ds = dyn_cast_or_null<DeclStmt>(f->getInit());
      auto* cond = dyn_cast_or_null<BinaryOperator>(f->getCond());
      if (!ds || !ds->isSingleDecl() || !cond) return;
      auto* var = dyn_cast<VarDecl>(ds->getSingleDecl());
      if (!var || !var->getInit()) return;
      Expr::EvalResult start, stop;
      if (!var->getInit()->EvaluateAsInt(start, ctx_) || !cond->getRHS()->EvaluateAsInt(stop, ctx_)) return;
      auto* lhs = dyn_cast<DeclRefExpr>(cond->getLHS()->IgnoreParenImpCasts());
      if (!lhs || lhs->getDecl() != var) return;
      long long a = start.Val.getInt().getExtValue(), b = stop.Val.getInt().getExtValue();
      if (cond->getOpcode() == BO_LE) ++b;
      else if (cond->getOpcode() != BO_LT) return;
      ++loops;
      found = std::make_pair(a, b);
    });
    if (loops != 1) return std::nullopt;
    return found;
  }

  const Stmt* up(const Stmt* s) {
    if (!parents_built_) {
      parents_.build(fn_ ? fn_->getBody() : (global_ ? global_->getInit() : nullptr));
      parents_built_ = true;
    }
    return parents_.parent(s);
  }
  // Parent, skipping casts, parens and temporaries.
  const Stmt* up_skip(const Stmt*& s) {
    const Stmt* p = up(s);
    while (p && transparent(p)) {
      s = p;
      p = up(p);
    }
    return p;
  }

  // Default value text of an expression, and whether it is a parameter.
  void set_default(const Expr* e, Usage& u) {
    if (u.default_text || u.default_param >= 0) return;
    const Expr* s = strip(e);
    if (auto* d = dyn_cast<DeclRefExpr>(s))
      if (auto* p = dyn_cast<ParmVarDecl>(d->getDecl()); p && fn_ && p->getDeclContext() == fn_) {
        u.default_param = static_cast<int>(p->getFunctionScopeIndex());
        return;
      }
    if (auto* lit = dyn_cast<StringLiteral>(s)) {
      u.default_text = "\"" + lit->getString().str() + "\"";
      return;
    }
    if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(s)) return;
    u.default_text = text_of(s);
  }

  // Who receives a value: Record::field, a global, or function::local; sets the kind.
  std::string target_name(const Expr* lhs, std::string& kind) const {
    const Expr* e = lhs->IgnoreParenImpCasts();
    if (auto* m = dyn_cast<MemberExpr>(e)) {
      if (auto* f = dyn_cast<FieldDecl>(m->getMemberDecl())) {
        kind = "field";
        std::string rec = f->getParent()->getQualifiedNameAsString();
        return (rec.empty() ? "" : rec + "::") + f->getNameAsString();
      }
    }
    if (auto* d = dyn_cast<DeclRefExpr>(e)) {
      if (auto* v = dyn_cast<VarDecl>(d->getDecl())) return var_target(v, kind);
    }
    kind = "other";
    return text_of(lhs);
  }
  std::string var_target(const VarDecl* v, std::string& kind) const {
    if (v->isLocalVarDecl() && fn_) {
      kind = "local";
      return fn_->getNameAsString() + "::" + v->getNameAsString();
    }
    kind = "global";
    return v->getQualifiedNameAsString();
  }

  // Follows the parsed value upward: ternary defaults, then who receives it.
  void follow_value(const Stmt* value, Usage& u) {
    const Stmt* node = value;
    for (int guard = 0; guard < 16; ++guard) {
      const Stmt* p = up_skip(node);
      if (!p) {
        if (!fn_ && global_) {
          u.target = global_->getQualifiedNameAsString();
          u.target_kind = "global";
        }
        return;
      }
      if (auto* c = dyn_cast<ConditionalOperator>(p)) {
        if (!same(c->getCond(), node)) {
          set_default(same(c->getTrueExpr(), node) ? c->getFalseExpr() : c->getTrueExpr(), u);
        }
        node = p;
        continue;
      }
      if (auto* c = dyn_cast<BinaryConditionalOperator>(p)) {
        set_default(c->getFalseExpr(), u);
        node = p;
        continue;
      }
      if (auto* ds = dyn_cast<DeclStmt>(p)) {
        for (const Decl* d : ds->decls())
          if (auto* v = dyn_cast<VarDecl>(d); v && v->getInit() && same(v->getInit(), node))
            u.target = var_target(v, u.target_kind);
        return;
      }
      if (auto* b = dyn_cast<BinaryOperator>(p)) {
        // Only a plain `=` hands the value over; `+=` and friends combine it.
        if (b->getOpcode() == BO_Assign) {
          u.target = target_name(b->getLHS(), u.target_kind);
          default_from_else(b, u);
        }
        return;
      }
      if (isa<ReturnStmt>(p)) {
        u.target = "return";
        u.target_kind = "return";
        return;
      }
      return;
    }
  }

  // `if (s) x = parse(s); else x = 64;` or `int x = 64; ... x = parse(s);`
  void default_from_else(const BinaryOperator* assign, Usage& u) {
    if (u.default_text || u.default_param >= 0) return;
    std::string lhs = text_of(assign->getLHS());
    const Stmt* s = assign;
    for (int i = 0; i < 4; ++i) {
      const Stmt* p = up(s);
      if (!p) break;
      if (auto* ifs = dyn_cast<IfStmt>(p)) {
        const Stmt* other = ifs->getThen() == s ? ifs->getElse() : (ifs->getElse() == s ? ifs->getThen() : nullptr);
        if (other)
          each(other, [&](const Stmt* x) {
            if (auto* b = dyn_cast<BinaryOperator>(x); b && b->getOpcode() == BO_Assign && text_of(b->getLHS()) == lhs)
              set_default(b->getRHS(), u);
          });
        break;
      }
      s = p;
    }
    if (u.default_text || u.default_param >= 0) return;
    if (auto* d = dyn_cast<DeclRefExpr>(assign->getLHS()->IgnoreParenImpCasts()))
      if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && v->getInit() && !isa<ParmVarDecl>(v))
        set_default(v->getInit(), u);
  }

  // How one use of the string (the call itself, or the variable holding it) is read.
  void classify_use(const Stmt* use, Usage& u, std::string& idiom) {
    const Stmt* node = use;
    const Stmt* p = up_skip(node);
    // `atoi(getenv("X") ? getenv("X") : "5")`, `strtol(s ? s : "7", ...)`, `s ?: "7"`: the
    // value flows on through the ternary; the other branch is its default.
    for (int hops = 0; p && hops < 8; ++hops) {
      if (auto* c = dyn_cast<ConditionalOperator>(p); c && !same(c->getCond(), node)) {
        set_default(same(c->getTrueExpr(), node) ? c->getFalseExpr() : c->getTrueExpr(), u);
      } else if (auto* b = dyn_cast<BinaryConditionalOperator>(p); b && !same(b->getFalseExpr(), node)) {
        set_default(b->getFalseExpr(), u);
      } else {
        break;
      }
      node = p;
      p = up_skip(node);
    }
    if (!p) {
      idiom = "raw-string";
      follow_value(node, u);
      return;
    }
    if (auto* call = dyn_cast<CallExpr>(p)) {
      std::string name = callee_simple_name(call);
      if (numeric_parsers().count(name)) {
        idiom = idiom_of_parser(name);
        follow_value(call, u);
        return;
      }
      if (string_compares().count(name) || isa<CXXOperatorCallExpr>(call)) {
        for (unsigned i = 0; i < call->getNumArgs(); ++i)
          if (auto* s = as_string(call->getArg(i))) u.compared.push_back(s->getString().str());
        if (!u.compared.empty()) {
          idiom = "enum-compare";
          return;
        }
      }
      idiom = "raw-string";  // handed to another function as a string
      return;
    }
    if (auto* b = dyn_cast<BinaryOperator>(p)) {
      if (b->isEqualityOp()) {
        const Expr* other = same(b->getLHS(), node) ? b->getRHS() : b->getLHS();
        if (auto* s = as_string(other)) {
          u.compared.push_back(s->getString().str());
          idiom = "enum-compare";
          return;
        }
        idiom = "presence";
        follow_value(b, u);  // flag = getenv("X") != NULL;
        return;
      }
      if (b->isLogicalOp()) {
        idiom = "presence";
        return;
      }
      if (b->getOpcode() == BO_Assign) {
        idiom = "raw-string";
        u.target = target_name(b->getLHS(), u.target_kind);
        return;
      }
    }
    if (auto* un = dyn_cast<UnaryOperator>(p)) {
      if (un->getOpcode() == UO_LNot) {
        idiom = "presence";
        follow_value(un, u);
        return;
      }
      if (un->getOpcode() == UO_Deref) {
        classify_char_test(un, u, idiom);
        return;
      }
    }
    if (auto* a = dyn_cast<ArraySubscriptExpr>(p)) {
      classify_char_test(a, u, idiom);
      return;
    }
    if (auto* ifs = dyn_cast<IfStmt>(p); ifs && same(ifs->getCond(), node)) {
      idiom = "presence";
      return;
    }
    if (auto* c = dyn_cast<ConditionalOperator>(p); c && same(c->getCond(), node)) {
      idiom = "presence";
      return;
    }
    if (isa<WhileStmt, ForStmt>(p)) {
      idiom = "presence";
      return;
    }
    idiom = "raw-string";
    follow_value(node, u);
  }

  // s[0] == '1' and friends: a boolean read by its first character.
  void classify_char_test(const Stmt* access, Usage& u, std::string& idiom) {
    const Stmt* node = access;
    const Stmt* p = up_skip(node);
    if (auto* b = dyn_cast_or_null<BinaryOperator>(p); b && b->isEqualityOp()) {
      const Expr* other = same(b->getLHS(), node) ? b->getRHS() : b->getLHS();
      if (auto* ch = dyn_cast<CharacterLiteral>(other->IgnoreParenImpCasts())) {
        unsigned v = ch->getValue();
        if (v == 0) {
          idiom = "presence";
          return;
        }
        u.compared.push_back(std::string(1, static_cast<char>(v)));
        idiom = "bool";
        follow_value(b, u);
        return;
      }
    }
    idiom = "presence";
  }

  Usage analyse_usage(const CallExpr* ce) {
    Usage u;
    if (!fn_ && !global_) return u;
    // Is the result stored in a variable first?
    const Stmt* node = ce;
    const Stmt* p = up_skip(node);
    const VarDecl* holder = nullptr;
    if (auto* ds = dyn_cast_or_null<DeclStmt>(p)) {
      for (const Decl* d : ds->decls())
        if (auto* v = dyn_cast<VarDecl>(d); v && v->getInit() && is_string_type(v->getType())) holder = v;
    } else if (auto* b = dyn_cast_or_null<BinaryOperator>(p); b && b->getOpcode() == BO_Assign) {
      if (auto* d = dyn_cast<DeclRefExpr>(b->getLHS()->IgnoreParenImpCasts()))
        if (auto* v = dyn_cast<VarDecl>(d->getDecl()); v && v->isLocalVarDecl() && is_string_type(v->getType()))
          holder = v;
    }
    std::string best;
    if (holder && fn_) {
      unsigned from = sm_.getFileOffset(sm_.getExpansionLoc(ce->getBeginLoc()));
      bool any = false;
      each(fn_->getBody(), [&](const Stmt* x) {
        auto* d = dyn_cast<DeclRefExpr>(x);
        if (!d || d->getDecl() != holder) return;
        if (sm_.getFileOffset(sm_.getExpansionLoc(d->getBeginLoc())) < from) return;
        if (auto* b = dyn_cast_or_null<BinaryOperator>(up(d)); b && b->getOpcode() == BO_Assign && b->getLHS() == d)
          return;
        any = true;
        Usage one;
        std::string idiom;
        classify_use(d, one, idiom);
        if (rank(idiom) > rank(best) || (rank(idiom) == rank(best) && !one.target.empty() && u.target.empty())) {
          best = idiom;
          auto compared = std::move(u.compared);
          u.idiom = idiom;
          if (!one.target.empty()) {
            u.target = one.target;
            u.target_kind = one.target_kind;
          }
          if (one.default_text) u.default_text = one.default_text;
          if (one.default_param >= 0) u.default_param = one.default_param;
          u.compared = compared;
        }
        for (auto& c : one.compared) u.compared.push_back(c);
        if (!u.default_text && one.default_text) u.default_text = one.default_text;
        if (u.default_param < 0 && one.default_param >= 0) u.default_param = one.default_param;
      });
      if (!any) best = "raw-string";
      default_from_early_return(holder, u);
      default_from_fallback_assignment(holder, u);
    } else {
      classify_use(ce, u, best);
    }
    if (best == "enum-compare" && !u.compared.empty() &&
        std::all_of(u.compared.begin(), u.compared.end(), boolean_word))
      best = "bool";
    std::sort(u.compared.begin(), u.compared.end());
    u.compared.erase(std::unique(u.compared.begin(), u.compared.end()), u.compared.end());
    u.idiom = best;
    return u;
  }

  // `if (!s) return 64;` gives the default of a read held in `s`.
  void default_from_early_return(const VarDecl* holder, Usage& u) {
    if (u.default_text || u.default_param >= 0) return;
    each(fn_->getBody(), [&](const Stmt* x) {
      auto* ifs = dyn_cast<IfStmt>(x);
      if (!ifs || u.default_text || u.default_param >= 0 || !uses(ifs->getCond(), holder)) return;
      const Stmt* then = ifs->getThen();
      if (auto* cs = dyn_cast<CompoundStmt>(then); cs && cs->size() == 1) then = cs->body_front();
      auto* r = dyn_cast_or_null<ReturnStmt>(then);
      if (!r || !r->getRetValue()) return;
      if (uses(r->getRetValue(), holder)) {
        // `if (s) return parse(s); return 64;`: the value is returned, the default follows.
        if (ifs->getElse()) return;
        if (auto* after = dyn_cast_or_null<ReturnStmt>(next_sibling(ifs)); after && after->getRetValue() &&
                                                                           !uses(after->getRetValue(), holder))
          set_default(after->getRetValue(), u);
        return;
      }
      const Expr* v = strip(r->getRetValue());
      if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr, StringLiteral, DeclRefExpr, UnaryOperator>(v))
        set_default(r->getRetValue(), u);
    });
  }

  // `if (!home) home = "/";` (or `== NULL`, `|| !*home`): the value put in place of an
  // unset variable is its default.
  void default_from_fallback_assignment(const VarDecl* holder, Usage& u) {
    if (u.default_text || u.default_param >= 0) return;
    each(fn_->getBody(), [&](const Stmt* x) {
      auto* ifs = dyn_cast<IfStmt>(x);
      if (!ifs || u.default_text || u.default_param >= 0 || !uses(ifs->getCond(), holder)) return;
      const Stmt* then = ifs->getThen();
      if (auto* cs = dyn_cast<CompoundStmt>(then); cs && cs->size() == 1) then = cs->body_front();
      auto* assign = dyn_cast_or_null<BinaryOperator>(then);
      if (!assign || assign->getOpcode() != BO_Assign) return;
      auto* lhs = dyn_cast<DeclRefExpr>(assign->getLHS()->IgnoreParenImpCasts());
      if (!lhs || lhs->getDecl() != holder || uses(assign->getRHS(), holder)) return;
      set_default(assign->getRHS(), u);
    });
  }

  static bool uses(const Stmt* s, const VarDecl* var) {
    bool found = false;
    each(s, [&](const Stmt* x) {
      if (auto* d = dyn_cast<DeclRefExpr>(x); d && d->getDecl() == var) found = true;
    });
    return found;
  }

  // The statement after `s` in its enclosing block, if any.
  const Stmt* next_sibling(const Stmt* s) {
    auto* block = dyn_cast_or_null<CompoundStmt>(up(s));
    if (!block) return nullptr;
    for (auto it = block->body_begin(); it != block->body_end(); ++it)
      if (*it == s) return std::next(it) == block->body_end() ? nullptr : *std::next(it);
    return nullptr;
  }

  ASTContext& ctx_;
  const SourceManager& sm_;
  AstFileResult& out_;
  const AstOptions& opts_;
  const FunctionDecl* fn_ = nullptr;
  const VarDecl* global_ = nullptr;
  FunctionParents parents_;
  bool parents_built_ = false;
  bool call_in_macro_ = false;
  TermBuilder& terms_;
};

class Consumer : public ASTConsumer {
 public:
  Consumer(ThreadState& st, const SourceManager& sm) : st_(st), sm_(sm) {}
  // Both visitors look only at the main file's declarations: the bodies of functions in
  // headers (inline helpers, the C++ library) need not be parsed at all.
  bool shouldSkipFunctionBody(Decl* d) override {
    SourceLocation loc = d->getLocation();
    return loc.isValid() && !sm_.isInMainFile(sm_.getExpansionLoc(loc));
  }
  void HandleTranslationUnit(ASTContext& ctx) override {
    if (!st_.current) return;
    const SourceManager& sm = ctx.getSourceManager();
    TermBuilder terms(ctx, [&sm](const FunctionDecl* fd) { return function_key(fd, sm); });
    Collector(ctx, *st_.current, *st_.opts, terms).TraverseDecl(ctx.getTranslationUnitDecl());
    st_.current->facts = terms.facts(ctx.getTranslationUnitDecl());
  }

 private:
  ThreadState& st_;
  const SourceManager& sm_;
};

// Every file whose bytes the parse read, with a digest of exactly those bytes (not of
// the file as it is later, which may have changed in between).
// A file with several compile commands is parsed once per command into one result: the
// inputs of every parse add up.
void record_inputs(const SourceManager& sm, AstFileResult& r) {
  for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
    auto data = it->second ? it->second->getBufferDataIfLoaded() : std::nullopt;
    if (!data) continue;
    // The real path, absolute: a name relative to the compile command's directory would be
    // read against another directory when the entry is checked. One that cannot be known
    // gets a digest no file has, so the entry is never reused.
    llvm::StringRef real = it->first.getFileEntry().tryGetRealPathName();
    std::string path = !real.empty() ? real.str() : it->first.getName().str();
    if (!llvm::sys::path::is_absolute(path)) {
      r.inputs.push_back({path, "unresolved"});
      continue;
    }
    r.inputs.push_back({path, cache::digest_hex({data->data(), data->size()})});
  }
  auto key = [](const AstInput& x) { return std::tie(x.path, x.digest); };
  std::sort(r.inputs.begin(), r.inputs.end(), [&](const AstInput& a, const AstInput& b) { return key(a) < key(b); });
  r.inputs.erase(std::unique(r.inputs.begin(), r.inputs.end(),
                             [&](const AstInput& a, const AstInput& b) { return key(a) == key(b); }),
                 r.inputs.end());
}

class ScanAction : public ASTFrontendAction {
 public:
  explicit ScanAction(ThreadState& st) : st_(st) {}
  bool BeginInvocation(CompilerInstance& ci) override {
    if (st_.opts->retain_excluded) ci.getPreprocessorOpts().RetainExcludedConditionalBlocks = true;
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, llvm::StringRef file) override {
    AstFileResult& r = (*st_.results)[file.str()];
    r.path = file.str();
    r.ran = true;
    // A file seen twice (two compile commands) keeps one result; sites merge by offset.
    r.skipped.clear();
    st_.current = &r;
    // Keep reporting errors after a missing include, so that we know whether the file parsed.
    ci.getDiagnostics().setFatalsAsError(true);
    ci.getDiagnosticOpts().ShowCarets = false;  // no "N errors generated." on stderr
    Preprocessor& pp = ci.getPreprocessor();
    pp.addPPCallbacks(std::make_unique<PPHook>(ci.getSourceManager(), st_));
    // Always kept (a few strings), so that -v changes no cache key.
    r.search_list.clear();
    for (const auto& dir : pp.getHeaderSearchInfo().search_dir_range()) r.search_list.push_back(dir.getName().str());
    ci.getFrontendOpts().SkipFunctionBodies = true;  // only where shouldSkipFunctionBody says so
    return std::make_unique<Consumer>(st_, ci.getSourceManager());
  }
  void EndSourceFileAction() override {
    if (st_.current && st_.opts->record_inputs) record_inputs(getCompilerInstance().getSourceManager(), *st_.current);
    st_.current = nullptr;
  }

 private:
  ThreadState& st_;
};

class Factory : public tooling::FrontendActionFactory {
 public:
  explicit Factory(ThreadState& st) : st_(st) {}
  std::unique_ptr<FrontendAction> create() override { return std::make_unique<ScanAction>(st_); }

 private:
  ThreadState& st_;
};

}  // namespace

AstRun run_ast(const tooling::CompilationDatabase& db, const std::vector<std::string>& files,
               const AstOptions& opts) {
  AstRun run;
  if (files.empty()) return run;
  unsigned jobs = std::max(1u, std::min<unsigned>(opts.jobs, static_cast<unsigned>(files.size())));
  std::atomic<std::size_t> next{0};
  const std::size_t batch = std::max<std::size_t>(1, std::min<std::size_t>(16, files.size() / (jobs * 4) + 1));
  std::vector<std::map<std::string, AstFileResult>> per_thread(jobs);

  auto worker = [&](unsigned id) {
    ThreadState st;
    st.results = &per_thread[id];
    st.opts = &opts;
    CountingConsumer diags(st);
    // One invocation per file, sharing a FileManager while the working directory stays the
    // same, so that headers are found and read once per thread. Each thread has its own
    // file system object: each command sets its working directory on it, and the
    // process-wide one would race between threads.
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs;
    llvm::IntrusiveRefCntPtr<FileManager> fm;
    std::string fm_dir;
    Factory factory(st);
    while (true) {
      std::size_t begin = next.fetch_add(batch);
      if (begin >= files.size()) break;
      for (std::size_t i = begin; i < std::min(files.size(), begin + batch); ++i) {
        auto commands = db.getCompileCommands(files[i]);
        std::string dir = commands.empty() ? std::string() : commands.front().Directory;
        if (!fm || dir != fm_dir) {
          fs = llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(llvm::vfs::createPhysicalFileSystem().release());
          fm = llvm::IntrusiveRefCntPtr<FileManager>(new FileManager(FileSystemOptions(), fs));
          fm_dir = dir;
        }
        run_on_file(db, files[i], factory, &diags, quiet_and_resourced(opts.resource_dir), *fs, *fm);
        if (opts.file_done) opts.file_done();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < jobs; ++i) threads.emplace_back(worker, i);
  worker(0);
  for (auto& t : threads) t.join();

  std::map<std::string, AstFileResult> merged;
  for (auto& m : per_thread)
    for (auto& [k, v] : m) merged[k] = std::move(v);
  for (const auto& f : files) {
    auto it = merged.find(f);
    if (it != merged.end() && run.search_list.empty()) run.search_list = it->second.search_list;
    if (it == merged.end()) {
      AstFileResult r;
      r.path = f;
      run.files.push_back(std::move(r));
    } else {
      run.files.push_back(std::move(it->second));
    }
  }
  return run;
}

}  // namespace envscan
