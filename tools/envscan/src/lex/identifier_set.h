// Per-file sets of identifiers, interned across the whole scan. A large tree repeats a few
// hundred thousand names over thousands of files (mesa: 2.3 million per-file entries, 336
// thousand distinct), so each file keeps 4-byte ids instead of strings in tree nodes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace envscan {

class IdentifierSet {
 public:
  void insert(std::string_view name);
  // 1 when `name` is in the set (std::set's spelling, so callers read the same).
  std::size_t count(std::string_view name) const;
  // Sorts and drops duplicates; the lexer calls it when a file is done. count() before
  // seal() is still right, only slower.
  void seal();
  std::size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  // The names, in no particular order (each once after seal()).
  std::vector<std::string_view> names() const;

 private:
  std::vector<std::uint32_t> ids_;
  bool sealed_ = true;
};

}  // namespace envscan
