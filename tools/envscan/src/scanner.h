// The scan pipeline: discover, raw-lex every file, parse the files that can hold reads
// (in rounds, as wrappers are discovered), resolve sites, collect flag definitions.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model.h"
#include "progress.h"

namespace envscan {

namespace cache {
class ScanCache;
}

// `--shard I/N`: this run analyses the files whose shard_of() is I (1-based).
struct ShardSpec {
  unsigned index = 0, count = 0;  // count 0: no sharding
};

// The shard (1..n) a file belongs to: a digest of its root-relative path, so that the
// assignment depends on nothing but the path (not on file order or on other files).
unsigned shard_of(const std::string& rel, unsigned n);

struct ScanOptions {
  std::vector<std::string> paths;
  std::string root;        // report paths relative to this directory
  std::string build_dir;   // -p; "" for the fallback database
  std::vector<std::string> exclude;
  unsigned jobs = 1;
  bool no_ast = false;
  bool verbose = false;
  std::string prefix;                          // registry prefix: files naming it need an AST
  std::map<std::string, std::string> accessors;  // accessor -> variable
  std::string accessor_header;  // where accessors are declared ("hakmem/config_generated.h"); "" any
  std::string resource_dir;                    // "" for the built-in default
  // Files that could not be read or parsed are errors (check fails on them); false
  // makes them warnings (.envscan.json "unscanned_files": "warning").
  bool unscanned_files_are_errors = true;
  Progress* progress = nullptr;  // phases and files done, for a terminal
  cache::ScanCache* cache = nullptr;  // per-file results to reuse and to store; nullptr: none
  ShardSpec shard;
};

struct ScanOutcome {
  Findings findings;
  std::string fatal;  // non-empty: the scan could not run (exit 2)
  // With a cache: root-relative path -> digest of the bytes lexed, for every file this run
  // analysed (only the shard's with --shard).
  std::map<std::string, std::string> file_digests;
  std::string tree_listing;  // digest of the names of every discovered source (not their bytes)
};

ScanOutcome run_scan(const ScanOptions& opts);

}  // namespace envscan
