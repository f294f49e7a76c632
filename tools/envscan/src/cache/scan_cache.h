// The persistent cache of per-file stage outputs: the raw lexer's RawFile and the AST
// collectors' AstFileResult. Whole-tree stages (AST rounds, resolution, classification)
// always run; only the work per file is reused.
//
// Keys (digests, see digest.h):
//   raw: tool identity, path, report path, digest of the file's bytes.
//   AST: tool identity, path, a context digest (compile commands, AST options, the
//        names of every source in the tree; see scanner.cpp), and then, inside the
//        entry, the digest of every file the parse read (main file and headers):
//        an entry whose inputs changed is a miss.
//
// Entries live in DIR/<2 hex>/<30 hex>; each is written atomically (a mkstemp file
// renamed into place) and framed with a magic, the format number, its own key, the
// payload length and a digest of all of it: a truncated, corrupt or misplaced entry is
// a miss (and is overwritten), never trusted.
// Entries unused for 30 days are removed (see trim()).
//
// The same class keeps entries in memory for shards (`--shard`) and `merge`.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "lex/raw_scan.h"
#include "parse/ast_scan.h"

namespace envscan::cache {

// Bump when an encoded struct or the meaning of a key changes.
inline constexpr unsigned kCacheFormat = 2;

struct CacheStats {
  std::atomic<std::size_t> lexed{0}, lexed_cached{0};    // raw lexer: run, reused
  std::atomic<std::size_t> parsed{0}, parsed_cached{0};  // AST: run, reused
  std::atomic<std::size_t> rejected{0};                  // entries found corrupt, truncated or misplaced
  std::atomic<std::size_t> stale{0};                     // AST entries whose inputs changed
  std::atomic<std::size_t> write_errors{0};
};

class ScanCache {
 public:
  // `dir` empty: entries only in memory. `tool` identifies the analysis (tool_identity()).
  ScanCache(std::string dir, std::string tool);

  const std::string& dir() const { return dir_; }
  const std::string& tool() const { return tool_; }
  // Why the directory cannot be used ("" when it can); the cache then works in memory.
  const std::string& dir_error() const { return dir_error_; }

  std::string raw_key(const std::string& path, const std::string& rel, const std::string& content_digest) const;
  std::string ast_key(const std::string& path, const std::string& context) const;

  std::optional<RawFile> load_raw(const std::string& key);
  void store_raw(const std::string& key, const RawFile& f);
  // Reused only when every input the parse read still has the digest it had then.
  std::optional<AstFileResult> load_ast(const std::string& key);
  void store_ast(const std::string& key, const AstFileResult& r);

  // Digest of the current bytes of `path`, once per run; "" when it cannot be read.
  std::string file_digest(const std::string& path);
  // Tells file_digest what a file held when the caller has just read it anyway.
  void note_file_digest(const std::string& path, const std::string& digest);

  // Shards: keep every entry loaded or stored in memory, to export them.
  void keep_entries() { keep_ = true; }
  std::map<std::string, std::string> kept_entries() const;
  // Merge: an entry from a shard file. Checked like one read from disk when used.
  void add_entry(const std::string& key, std::string framed);

  CacheStats& stats() { return stats_; }

  // Entries not used for `max_age_days` go (a use refreshes an entry's mtime), and so do
  // temporaries a killed writer left; at most once a day (DIR/.last-trim). Returns how
  // many files were removed. Entries of older envscan builds thus leave on their own.
  std::size_t trim(unsigned max_age_days = kTrimAfterDays);
  static constexpr unsigned kTrimAfterDays = 30;

  // Frames `payload` as an entry (exposed for tests that corrupt entries).
  static std::string frame(const std::string& key, char kind, const std::string& payload);
  // The entry's path in `dir` ("" for a key that is no digest).
  std::string entry_path(const std::string& key) const;

 private:
  std::optional<std::string> load_payload(const std::string& key, char kind);
  void store_payload(const std::string& key, char kind, const std::string& payload);

  std::string dir_, tool_, dir_error_;
  bool keep_ = false;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> memory_;   // key -> framed entry
  std::map<std::string, std::string> digests_;  // path -> content digest, this run
  CacheStats stats_;
};

// Where the cache lives when --cache-dir is not given: $ENVSCAN_CACHE_DIR, else
// $XDG_CACHE_HOME/envscan, else $HOME/.cache/envscan; "" when none is set.
std::string default_cache_dir();

// "envscan VERSION" plus a digest of the running executable and of the shared
// libraries it loaded (libclang-cpp, libLLVM): a rebuilt or upgraded analysis never
// reuses entries of another one. The executable's digest is remembered in `dir`
// per (device, inode, size, mtime), so it is computed once per build.
std::string tool_identity(const std::string& version, const std::string& dir);

}  // namespace envscan::cache
