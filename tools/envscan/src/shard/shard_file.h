// Shard files: what `envscan --shard I/N` writes and `envscan merge` reads. A shard holds
// the per-file facts of its files (the same entries as the on-disk cache: lexer and AST
// results, each keyed and checked as there) and what is needed to tell whether shards
// belong together: the tool, the scan's arguments and directory, the tree, the registry.
// `merge` runs the whole-tree stages again over the shards' facts, so that the merged
// inventory is the one a single run gives.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace envscan {

struct ShardFile {
  unsigned index = 0, count = 0;            // shard `index` of `count` (1-based)
  std::string tool;                         // cache::tool_identity()
  std::string cwd;                          // where the scan ran (paths in args are relative to it)
  std::vector<std::string> args;            // the scan's arguments that decide its result
  std::string tree;                         // digest of the names of every source of the tree
  std::map<std::string, std::string> inputs;   // "registry", ".envscan.json" -> digest of its bytes
  std::map<std::string, std::string> files;    // root-relative path -> digest, the files this shard scanned
  std::map<std::string, std::string> entries;  // cache key -> framed entry
};

std::string shard_to_json(const ShardFile& s);
// nullopt and `error` (naming `path`) when the file is unreadable or no shard file.
std::optional<ShardFile> load_shard(const std::string& path, std::string& error);

// "" when the shards (path, file) are all the shards of one scan: the same tool, arguments,
// directory, tree and inputs, each index 1..N exactly once. Otherwise the problem, naming
// the files.
std::string check_shard_set(const std::vector<std::pair<std::string, ShardFile>>& shards);

// "" when the files the shards scanned are exactly the files the merge found
// (`now`: root-relative path -> digest of its current bytes); else the first problems.
std::string check_shard_coverage(const std::vector<std::pair<std::string, ShardFile>>& shards,
                                 const std::map<std::string, std::string>& now);

}  // namespace envscan
