// Classification rules, one small function each; the rule id travels with the status.
#include "classify/classify.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "classify/condition_eval.h"

namespace envscan {
namespace {

using envkit::NameInfo;
using envkit::Status;

std::vector<Location> locations(const std::vector<ReadSite>& sites) {
  std::vector<Location> out;
  for (const auto& s : sites) out.push_back(s.loc);
  return out;
}

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

struct FlagKnowledge {
  std::set<std::string> defined;  // names defined anywhere
  const std::set<std::string>* system = nullptr;
  std::string prefix;
  bool never_defined(const std::string& n) const {
    if (defined.count(n)) return false;
    if (is_platform_macro(n, *system) && (prefix.empty() || n.rfind(prefix, 0) != 0)) return false;
    return true;
  }
};

// A site is possible unless one of its arms can never be compiled.
bool site_possible(const std::vector<std::string>& arms, const FlagKnowledge& k) {
  for (const auto& a : arms)
    if (evaluate_condition(a, [&](const std::string& n) { return k.never_defined(n); }) == Truth::False)
      return false;
  return true;
}

// Fields and globals outlive a function: two names feeding one are one setting.
// Locals are reused for unrelated reads, so they prove nothing.
bool shared_target(const ReadSite& s) {
  return !s.target.empty() && (s.target_kind == "field" || s.target_kind == "global");
}

}  // namespace

// Names the C library and POSIX headers define, which portable code tests with
// `#ifndef S_ISDIR` or `#ifdef EWOULDBLOCK`: they are not the project's build flags.
// Lower-case names (`#ifndef malloc`, `#ifdef alloca`, `#ifdef lint`) test whether the
// system made a function or type a macro; build flags are upper-case by convention.
// A C identifier: what a configuration variable's name is. Other names a program can
// ask getenv for ("my-var", bytes past NUL, non-ASCII) are reported apart.
static bool is_identifier(const std::string& n) {
  if (n.empty() || !(std::isalpha((unsigned char)n[0]) || n[0] == '_')) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum((unsigned char)c) || c == '_'; });
}

// <inttypes.h>: PRI or SCN, a conversion letter, then a width (PRId64, SCNxLEAST8, PRIuPTR).
static bool is_format_macro(const std::string& n) {
  if (n.size() < 5 || (n.compare(0, 3, "PRI") != 0 && n.compare(0, 3, "SCN") != 0)) return false;
  if (std::string("diouxX").find(n[3]) == std::string::npos) return false;
  std::string width = n.substr(4);
  for (const char* kind : {"LEAST", "FAST"})
    if (width.rfind(kind, 0) == 0) width = width.substr(std::char_traits<char>::length(kind));
  return width == "8" || width == "16" || width == "32" || width == "64" || width == "MAX" || width == "PTR";
}

// <signal.h>: the signal names and SIG_ dispositions, each by name.
static bool is_signal_macro(const std::string& n) {
  static const std::set<std::string> names = {
      "SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCLD", "SIGCONT", "SIGEMT", "SIGFPE", "SIGHUP", "SIGILL",
      "SIGINFO", "SIGINT", "SIGIO", "SIGIOT", "SIGKILL", "SIGLOST", "SIGPIPE", "SIGPOLL", "SIGPROF", "SIGPWR",
      "SIGQUIT", "SIGRTMAX", "SIGRTMIN", "SIGSEGV", "SIGSTKFLT", "SIGSTOP", "SIGSYS", "SIGTERM", "SIGTRAP",
      "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGUNUSED", "SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH",
      "SIGXCPU", "SIGXFSZ", "SIGTHR", "SIGLIBRT", "SIGSTKSZ", "MINSIGSTKSZ", "SIG_DFL", "SIG_IGN", "SIG_ERR",
      "SIG_HOLD", "SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK", "SIGATOMIC_MIN", "SIGATOMIC_MAX"};
  return names.count(n) > 0;
}

// <sys/stat.h>: S_IS*, S_IF*, S_IR*, S_IW*, S_IX* are one word of capitals after S_I.
static bool is_mode_macro(const std::string& n) {
  if (n.size() < 5 || n.compare(0, 3, "S_I") != 0) return false;
  static const std::set<std::string> families = {"S_IS", "S_IF", "S_IR", "S_IW", "S_IX"};
  if (!families.count(n.substr(0, 4))) return false;
  return std::all_of(n.begin() + 4, n.end(), [](char c) { return std::isupper((unsigned char)c); });
}

static bool is_libc_macro(const std::string& n) {
  if (std::none_of(n.begin(), n.end(), [](char c) { return std::isupper((unsigned char)c); })) return true;
  // errno names (Linux, the BSDs and macOS): strerror tables test each with #ifdef.
  static const std::set<std::string> errnos = {
      "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EADV", "EAFNOSUPPORT", "EAGAIN", "EALREADY",
      "EAUTH", "EBADARCH", "EBADE", "EBADEXEC", "EBADF", "EBADFD", "EBADMACHO", "EBADMSG", "EBADR",
      "EBADRPC", "EBADRQC", "EBADSLT", "EBFONT", "EBUSY", "ECANCELED", "ECAPMODE", "ECHILD", "ECHRNG",
      "ECOMM", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLK", "EDEADLOCK", "EDESTADDRREQ",
      "EDEVERR", "EDOM", "EDOTDOT", "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EFTYPE", "EHOSTDOWN",
      "EHOSTUNREACH", "EHWPOISON", "EIDRM", "EILSEQ", "EINPROGRESS", "EINTEGRITY", "EINTR", "EINVAL", "EIO",
      "EISCONN", "EISDIR", "EISNAM", "EKEYEXPIRED", "EKEYREJECTED", "EKEYREVOKED", "EL2HLT", "EL2NSYNC",
      "EL3HLT", "EL3RST", "ELAST", "ELIBACC", "ELIBBAD", "ELIBEXEC", "ELIBMAX", "ELIBSCN", "ELNRNG", "ELOOP",
      "EMEDIUMTYPE", "EMFILE", "EMLINK", "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENAVAIL", "ENEEDAUTH",
      "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE", "ENOANO", "ENOATTR", "ENOBUFS", "ENOCSI", "ENODATA",
      "ENODEV", "ENOENT", "ENOEXEC", "ENOKEY", "ENOLCK", "ENOLINK", "ENOMEDIUM", "ENOMEM", "ENOMSG",
      "ENONET", "ENOPKG", "ENOPOLICY", "ENOPROTOOPT", "ENOSPC", "ENOSR", "ENOSTR", "ENOSYS", "ENOTBLK",
      "ENOTCAPABLE", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTNAM", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP",
      "ENOTTY", "ENOTUNIQ", "ENXIO", "EOPNOTSUPP", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPFNOSUPPORT",
      "EPIPE", "EPROCLIM", "EPROCUNAVAIL", "EPROGMISMATCH", "EPROGUNAVAIL", "EPROTO", "EPROTONOSUPPORT",
      "EPROTOTYPE", "EPWROFF", "ERANGE", "EREMCHG", "EREMOTE", "EREMOTEIO", "ERESTART", "ERFKILL", "EROFS",
      "ERPCMISMATCH", "ESHLIBVERS", "ESHUTDOWN", "ESOCKTNOSUPPORT", "ESPIPE", "ESRCH", "ESRMNT", "ESTALE",
      "ESTRPIPE", "ETIME", "ETIMEDOUT", "ETOOMANYREFS", "ETXTBSY", "EUCLEAN", "EUNATCH", "EUSERS",
      "EWOULDBLOCK", "EXDEV", "EXFULL"};
  if (errnos.count(n)) return true;
  if (is_format_macro(n) || is_signal_macro(n) || is_mode_macro(n)) return true;
  static const std::set<std::string> wait_macros = {"WIFEXITED", "WIFSIGNALED", "WIFSTOPPED", "WIFCONTINUED",
                                                    "WEXITSTATUS", "WTERMSIG", "WSTOPSIG", "WCOREDUMP", "WCOREFLAG",
                                                    "WNOHANG", "WUNTRACED", "WCONTINUED", "WEXITED", "WSTOPPED",
                                                    "WNOWAIT"};
  if (wait_macros.count(n)) return true;
  // Families whose prefix ends in '_' are specific enough as prefixes.
  static const char* const prefixes[] = {"O_", "SA_", "FLT_", "DBL_", "LDBL_", "FD_", "F_", "MAP_", "PROT_",
                                         "RLIMIT_", "CLOCK_", "LC_", "AF_", "PF_", "SOCK_", "IPPROTO_", "SIGEV_"};
  for (const char* p : prefixes)
    if (n.rfind(p, 0) == 0) return true;
  static const char* const suffixes[] = {"_MAX", "_MIN", "_C", "_WIDTH"};
  static const char* const integer_kinds[] = {"INT", "UINT", "SIZE", "SSIZE", "LONG", "ULONG", "LLONG", "ULLONG",
                                              "SHRT", "USHRT", "CHAR", "SCHAR", "UCHAR", "WCHAR", "PTRDIFF",
                                              "INTMAX", "UINTMAX", "INTPTR", "UINTPTR", "OFF", "TIME", "FLT", "DBL",
                                              "LDBL", "NAME", "PIPE", "IOV", "HOST_NAME", "LINE", "ARG", "BOOL"};
  for (const char* s : suffixes) {
    std::size_t len = std::char_traits<char>::length(s);
    if (n.size() <= len || n.compare(n.size() - len, len, s) != 0) continue;
    std::string stem = n.substr(0, n.size() - len);
    while (!stem.empty() && std::isdigit((unsigned char)stem.back())) stem.pop_back();  // INT64_MAX -> INT
    for (const char* k : integer_kinds)
      if (stem == k) return true;
  }
  return false;
}

bool is_platform_macro(const std::string& n, const std::set<std::string>& system_defined) {
  static const std::set<std::string> known = {
      "NDEBUG", "linux", "unix", "WIN32", "WIN64", "_WIN32", "_WIN64", "_MSC_VER", "__GNUC__", "__clang__",
      "__cplusplus", "__STDC__", "__STDC_VERSION__", "__APPLE__", "__linux__", "__unix__", "__FreeBSD__",
      "__x86_64__", "__aarch64__", "__i386__", "__arm__", "__SIZEOF_POINTER__", "__has_include",
      "__has_feature", "__has_builtin", "__has_attribute", "BSD", "sun", "__sun", "_POSIX_C_SOURCE",
      "_GNU_SOURCE", "_DEFAULT_SOURCE", "_XOPEN_SOURCE", "_BSD_SOURCE", "_REENTRANT", "_LARGEFILE64_SOURCE",
      "_FILE_OFFSET_BITS", "EOF", "NULL", "SIZE_MAX", "INT_MAX", "UINT_MAX", "LONG_MAX", "ULONG_MAX",
      "CHAR_BIT", "PATH_MAX", "__GLIBC__", "__GLIBC_MINOR__", "__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__",
      "__ORDER_BIG_ENDIAN__", "__OPTIMIZE__", "__SANITIZE_ADDRESS__", "__SANITIZE_THREAD__", "_LP64", "__LP64__",
      "__MINGW32__", "__CYGWIN__", "_AIX", "__ANDROID__", "__EMSCRIPTEN__", "__wasm__"};
  if (known.count(n) || system_defined.count(n)) return true;
  if (n.size() >= 2 && n[0] == '_' && (n[1] == '_' || std::isupper((unsigned char)n[1]))) return true;
  return is_libc_macro(n);
}

std::string word_key(const std::string& name, const std::string& prefix) {
  std::string rest = !prefix.empty() && name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
  std::vector<std::string> words;
  std::stringstream ss(rest);
  std::string w;
  while (std::getline(ss, w, '_'))
    if (!w.empty()) words.push_back(w);
  if (words.size() < 2) return {};
  std::sort(words.begin(), words.end());
  std::string key;
  for (const auto& x : words) key += x + "_";
  return key;
}

Inventory classify(const Findings& f, const ClassifyContext& ctx) {
  Inventory inv;
  inv.root = ctx.root;
  inv.registry = ctx.registry_rel;
  inv.date = ctx.date.str();
  const envkit::Registry* reg = ctx.registry;
  inv.prefix = reg ? reg->prefix : "";
  const std::string& prefix = inv.prefix;

  FlagKnowledge know;
  know.system = &f.platform_names;
  know.prefix = prefix;
  for (const auto& d : f.flag_defs)
    if (d.kind != "undef") know.defined.insert(d.name);

  // Sites grouped by name; names outside the prefix are reported apart.
  std::map<std::string, std::vector<ReadSite>> by_name;
  for (ReadSite s : f.reads) {
    s.possible = site_possible(s.condition_arms, know);
    if (s.source == "lexer" && s.live && !s.possible) s.live = false;
    // A family ("PFX_KEY_*") is an identifier with wildcards where a part stays unknown.
    std::string plain = s.name;
    if (s.name_from == "family") plain.erase(std::remove(plain.begin(), plain.end(), '*'), plain.end());
    if ((!prefix.empty() && s.name.rfind(prefix, 0) != 0) || !is_identifier(plain)) {
      inv.other_reads.push_back(s);
      continue;
    }
    by_name[s.name].push_back(s);
  }
  if (reg)
    for (const auto& v : reg->variables) by_name.try_emplace(v.name);

  // Analysis-based duplicates: reordered words, and two names feeding one target.
  std::map<std::string, std::set<std::string>> by_words, by_target;
  for (const auto& [name, sites] : by_name) {
    if (sites.empty()) continue;
    if (auto k = word_key(name, prefix); !k.empty()) by_words[k].insert(name);
    for (const auto& s : sites)
      if (shared_target(s)) by_target[s.target].insert(name);
  }

  for (auto& [name, sites] : by_name) {
    VariableEntry e;
    e.name = name;
    std::sort(sites.begin(), sites.end(), [](const ReadSite& a, const ReadSite& b) { return a.loc < b.loc; });
    e.sites = sites;
    NameInfo info = reg ? reg->lookup(name, ctx.date) : NameInfo{};
    if (info.variable) {
      e.in_registry = true;
      e.canonical = info.variable->name;
      e.layer = info.variable->layer;
    }
    if (info.alias) e.alias_of = info.variable->name;
    if (info.alias) e.pointer = info.alias->pointer;
    else if (info.variable) e.pointer = info.variable->pointer;
    else if (info.removed && reg)
      e.pointer = "/removed/" + std::to_string(static_cast<std::size_t>(info.removed - reg->removed.data()));
    if (info.kind == NameInfo::Kind::Removed || info.kind == NameInfo::Kind::RemovedFamily) e.in_registry = true;
    e.replacement = info.replacement;
    bool any_possible = std::any_of(sites.begin(), sites.end(), [](const ReadSite& s) { return s.possible; });
    bool any_live = std::any_of(sites.begin(), sites.end(), [](const ReadSite& s) { return s.live; });
    auto set = [&](EntryStatus status, const char* rule, std::string detail) {
      e.status = status;
      e.evidence.rule = rule;
      e.evidence.detail = std::move(detail);
      e.evidence.sites = locations(sites);
    };
    // Other names of the same setting read side by side: in the same function of the same file.
    std::vector<std::string> siblings;
    if (info.variable) {
      std::set<std::pair<std::string, std::string>> places;
      for (const auto& s : sites) places.insert({s.loc.file, s.function});
      std::vector<std::string> names = {info.variable->name};
      for (const auto& a : info.variable->aliases) names.push_back(a.name);
      for (const auto& other : names) {
        if (other == name || !by_name.count(other)) continue;
        for (const auto& s : by_name.at(other))
          if (places.count({s.loc.file, s.function})) {
            siblings.push_back(other);
            break;
          }
      }
    }
    std::set<std::string> analysed;
    if (auto k = word_key(name, prefix); !k.empty() && by_words.count(k))
      for (const auto& o : by_words[k]) if (o != name) analysed.insert(o);
    std::string target_dup;
    for (const auto& s : sites)
      if (shared_target(s) && by_target[s.target].size() > 1) {
        for (const auto& o : by_target[s.target]) if (o != name) { analysed.insert(o); target_dup = s.target; }
      }

    bool removed = info.kind == NameInfo::Kind::Removed || info.kind == NameInfo::Kind::RemovedFamily ||
                   (info.kind != NameInfo::Kind::Unknown && info.status == Status::Removed);
    if (removed && !sites.empty()) {
      std::string why = info.kind == NameInfo::Kind::Alias
                            ? "alias of " + info.variable->name + " past its sunset (" + info.alias->sunset.str() + ")"
                            : info.kind == NameInfo::Kind::RemovedFamily ? "its family " + info.family->prefix + "* is removed"
                                                                         : "the registry says removed";
      set(EntryStatus::Removed, "registry-removed-but-read",
          why + ", yet code reads it" + (info.replacement.empty() ? "" : "; use " + info.replacement));
    } else if (removed) {
      set(EntryStatus::Removed, "registry-removed", "declared removed; no code reads it");
    } else if (!sites.empty() && !any_possible) {
      set(EntryStatus::Dead, "read-only-in-dead-code",
          "every read sits under a condition that can never hold (#if 0 or a flag defined nowhere)");
    } else if (!siblings.empty() && info.alias) {
      e.duplicates = siblings;
      set(EntryStatus::Duplicate, "aliases-read-side-by-side",
          "another name of " + info.variable->name + " is read in the same function: " + list(siblings));
    } else if (info.kind != NameInfo::Kind::Unknown && info.status == Status::Deprecated && !sites.empty()) {
      set(EntryStatus::Deprecated, "alias-in-sunset-window",
          info.alias ? "alias of " + info.variable->name + ", accepted until " + info.alias->sunset.str()
                     : "the registry marks it deprecated");
    } else if (e.in_registry && sites.empty()) {
      set(EntryStatus::Dead, "registry-entry-not-read", "declared in the registry but no scanned code reads it");
    } else if (!analysed.empty()) {
      e.duplicates.assign(analysed.begin(), analysed.end());
      set(EntryStatus::Duplicate, target_dup.empty() ? "same-words-reordered" : "same-target",
          target_dup.empty() ? "same words as " + list(e.duplicates)
                             : "its value goes to " + target_dup + ", as " + list(e.duplicates) + "'s does");
    } else if (reg && !e.in_registry) {
      set(EntryStatus::Undocumented, "read-not-in-registry", "read by the code but not declared in the registry");
    } else {
      if (any_live)
        set(EntryStatus::Active, reg ? "registry-and-live-read" : "live-read", "read by live code");
      else
        set(EntryStatus::Active, "read-only-in-inactive-code",
            "read only in code inactive in this configuration, under a condition that can hold "
            "(a flag defined somewhere, e.g. a CMake option)");
    }
    inv.variables.push_back(std::move(e));
  }

  // Build flags.
  std::set<std::string> guards = f.include_guards;
  std::map<std::string, FlagEntry> flags;
  std::map<std::string, MacroEntry> platform;
  for (const auto& t : f.flag_tests) {
    if (guards.count(t.name)) continue;
    if (is_platform_macro(t.name, f.platform_names) && (prefix.empty() || t.name.rfind(prefix, 0) != 0)) {
      auto& m = platform[t.name];
      m.name = t.name;
      ++m.tests;
      if (m.sites.size() < 5) m.sites.push_back(t.loc);
      continue;
    }
    auto& e = flags[t.name];
    e.name = t.name;
    e.tested_at.push_back(t);
  }
  if (reg)
    for (const auto& b : reg->build_flags) flags[b.name].name = b.name;
  std::map<std::string, std::set<std::string>> flag_words;
  for (const auto& [name, e] : flags)
    if (auto k = word_key(name, prefix); !k.empty()) flag_words[k].insert(name);
  for (const auto& d : f.flag_defs)
    if (d.kind != "undef" && flags.count(d.name)) flags[d.name].defined_at.push_back(d);
  for (auto& [name, e] : flags) {
    const envkit::BuildFlag* bf = reg ? reg->find_flag(name) : nullptr;
    e.in_registry = bf != nullptr;
    if (bf) e.pointer = "/build_flags/" + std::to_string(static_cast<std::size_t>(bf - reg->build_flags.data()));
    if (bf) e.kind = envkit::to_string(bf->kind);
    std::sort(e.tested_at.begin(), e.tested_at.end(), [](const FlagTest& a, const FlagTest& b) { return a.loc < b.loc; });
    std::sort(e.defined_at.begin(), e.defined_at.end(), [](const FlagDefinition& a, const FlagDefinition& b) {
      return std::tie(a.loc, a.kind, a.value) < std::tie(b.loc, b.kind, b.value);
    });
    for (const auto& t : e.tested_at) e.evidence.sites.push_back(t.loc);
    auto set = [&](EntryStatus status, const char* rule, std::string detail) {
      e.status = status;
      e.evidence.rule = rule;
      e.evidence.detail = std::move(detail);
    };
    std::vector<std::string> same;
    if (auto k = word_key(name, prefix); !k.empty())
      for (const auto& o : flag_words[k]) if (o != name) same.push_back(o);
    bool defined = !e.defined_at.empty();
    if (bf && bf->status == Status::Removed) {
      set(EntryStatus::Removed, e.tested_at.empty() ? "registry-flag-removed" : "registry-flag-removed-but-tested",
          e.tested_at.empty() ? "declared removed; no code tests it"
                              : "declared removed, yet code tests it" + (bf->replacement.empty() ? std::string() : "; use " + bf->replacement));
    } else if (bf && e.tested_at.empty()) {
      set(EntryStatus::Dead, "registry-flag-not-tested", "declared in the registry but no scanned code tests it");
    } else if (!same.empty()) {
      set(EntryStatus::Duplicate, "same-words-reordered", "same words as " + list(same));
    } else if (!bf && !defined) {
      set(EntryStatus::Dead, "tested-never-defined",
          "tested but defined nowhere (no #define, -D in the compile database, CMake or Makefile)");
    } else if (reg && !bf) {
      set(EntryStatus::Undocumented, "flag-not-in-registry", "defined and tested, but not declared in the registry");
    } else {
      set(EntryStatus::Active, bf ? "registry-flag" : "defined-and-tested",
          bf && !defined ? "declared in the registry; set with -D when building" : "defined and tested");
    }
    inv.build_flags.push_back(std::move(e));
  }
  for (auto& [n, m] : platform) inv.platform_macros.push_back(std::move(m));
  inv.include_guards.assign(guards.begin(), guards.end());

  inv.constructed = f.constructed;
  std::sort(inv.constructed.begin(), inv.constructed.end(), [](const auto& a, const auto& b) { return a.loc < b.loc; });
  inv.writes = f.writes;
  std::sort(inv.writes.begin(), inv.writes.end(), [](const auto& a, const auto& b) { return std::tie(a.loc, a.name) < std::tie(b.loc, b.name); });
  std::sort(inv.other_reads.begin(), inv.other_reads.end(), [](const auto& a, const auto& b) { return std::tie(a.loc, a.name) < std::tie(b.loc, b.name); });
  inv.diagnostics = f.diagnostics;
  std::sort(inv.diagnostics.begin(), inv.diagnostics.end());
  inv.diagnostics.erase(std::unique(inv.diagnostics.begin(), inv.diagnostics.end()), inv.diagnostics.end());
  inv.wrappers = f.wrappers;
  inv.reader_macros = f.reader_macros;
  inv.search_list = f.search_list;
  inv.parsed_files = f.parsed_files;
  std::sort(inv.parsed_files.begin(), inv.parsed_files.end());
  inv.files_scanned = f.files_scanned;
  inv.files_parsed = f.files_parsed;
  return inv;
}

const char* status_name(EntryStatus s) {
  switch (s) {
    case EntryStatus::Active: return "active";
    case EntryStatus::Deprecated: return "deprecated";
    case EntryStatus::Removed: return "removed";
    case EntryStatus::Dead: return "dead";
    case EntryStatus::Duplicate: return "duplicate";
    case EntryStatus::Undocumented: return "undocumented";
  }
  return "active";
}

}  // namespace envscan
