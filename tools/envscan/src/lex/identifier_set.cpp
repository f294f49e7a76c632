#include "lex/identifier_set.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

namespace envscan {

namespace {

// One pool for the process: ids are stable for its lifetime, names never move (deque).
class Pool {
 public:
  std::uint32_t intern(std::string_view s) {
    {
      std::shared_lock lock(mutex_);
      if (auto it = ids_.find(s); it != ids_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    if (auto it = ids_.find(s); it != ids_.end()) return it->second;
    names_.emplace_back(s);
    auto id = static_cast<std::uint32_t>(names_.size() - 1);
    ids_.emplace(std::string_view(names_.back()), id);
    return id;
  }
  std::optional<std::uint32_t> find(std::string_view s) const {
    std::shared_lock lock(mutex_);
    auto it = ids_.find(s);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  std::string_view name(std::uint32_t id) const {
    std::shared_lock lock(mutex_);
    return names_[id];
  }

 private:
  mutable std::shared_mutex mutex_;
  std::deque<std::string> names_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: sets may outlive static destruction order
  return *p;
}

}  // namespace

void IdentifierSet::insert(std::string_view name) {
  ids_.push_back(pool().intern(name));
  sealed_ = false;
}

std::size_t IdentifierSet::count(std::string_view name) const {
  auto id = pool().find(name);
  if (!id) return 0;
  if (sealed_) return std::binary_search(ids_.begin(), ids_.end(), *id) ? 1 : 0;
  return std::find(ids_.begin(), ids_.end(), *id) != ids_.end() ? 1 : 0;
}

void IdentifierSet::seal() {
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
  ids_.shrink_to_fit();
  sealed_ = true;
}

std::vector<std::string_view> IdentifierSet::names() const {
  std::vector<std::string_view> out;
  out.reserve(ids_.size());
  for (std::uint32_t id : ids_) out.push_back(pool().name(id));
  return out;
}

}  // namespace envscan
