#include "cache/scan_cache.h"

#include <link.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>

#include "cache/codec.h"
#include "cache/digest.h"
#include "envkit/file_io.h"

namespace envscan::cache {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[] = "envscan-cache\n";
constexpr std::size_t kMagicLen = sizeof kMagic - 1;
constexpr std::size_t kDigestHexLen = 32;
constexpr char kRaw = 'R', kAst = 'A';

void put_u64(std::string& out, unsigned long long v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
unsigned long long get_u64(const char* p) {
  unsigned long long v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<unsigned long long>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

bool is_digest(const std::string& key) {
  if (key.size() != kDigestHexLen) return false;
  for (char c : key)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// The payload of a framed entry, or nullopt when anything about it is off.
std::optional<std::string_view> unframe(std::string_view e, const std::string& key, char kind) {
  const std::size_t head = kMagicLen + 8 + 1 + kDigestHexLen + 8;
  if (e.size() < head + kDigestHexLen) return std::nullopt;
  if (e.substr(0, kMagicLen) != std::string_view(kMagic, kMagicLen)) return std::nullopt;
  if (get_u64(e.data() + kMagicLen) != kCacheFormat) return std::nullopt;
  if (e[kMagicLen + 8] != kind) return std::nullopt;
  if (e.substr(kMagicLen + 9, kDigestHexLen) != key) return std::nullopt;
  unsigned long long n = get_u64(e.data() + kMagicLen + 9 + kDigestHexLen);
  if (n != e.size() - head - kDigestHexLen) return std::nullopt;
  std::string_view body = e.substr(0, e.size() - kDigestHexLen);
  if (digest_hex(body) != e.substr(e.size() - kDigestHexLen)) return std::nullopt;
  return e.substr(head, n);
}

}  // namespace

ScanCache::ScanCache(std::string dir, std::string tool) : dir_(std::move(dir)), tool_(std::move(tool)) {
  if (dir_.empty()) return;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    dir_error_ = "cannot create " + dir_ + ": " + ec.message();
  } else if (!fs::is_directory(dir_, ec)) {
    dir_error_ = dir_ + ": not a directory";
  } else if (::access(dir_.c_str(), W_OK | X_OK) != 0) {
    dir_error_ = dir_ + ": " + std::strerror(errno);
  }
}

std::string ScanCache::frame(const std::string& key, char kind, const std::string& payload) {
  std::string e(kMagic, kMagicLen);
  put_u64(e, kCacheFormat);
  e += kind;
  e += key;
  put_u64(e, payload.size());
  e += payload;
  e += digest_hex(e);
  return e;
}

std::string ScanCache::entry_path(const std::string& key) const {
  if (dir_.empty() || !is_digest(key)) return "";
  return (fs::path(dir_) / key.substr(0, 2) / key.substr(2)).string();
}

std::string ScanCache::raw_key(const std::string& path, const std::string& rel, const std::string& content) const {
  return Digest().field("raw").field(kCacheFormat).field(tool_).field(path).field(rel).field(content).hex();
}

std::string ScanCache::ast_key(const std::string& path, const std::string& context) const {
  return Digest().field("ast").field(kCacheFormat).field(tool_).field(path).field(context).hex();
}

std::optional<std::string> ScanCache::load_payload(const std::string& key, char kind) {
  std::string entry;
  bool from_memory = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = memory_.find(key); it != memory_.end()) {
      entry = it->second;
      from_memory = true;
    }
  }
  if (!from_memory) {
    std::string path = entry_path(key);
    if (path.empty() || !dir_error_.empty()) return std::nullopt;
    std::string error;
    if (envkit::read_regular_file(path, entry, error) != envkit::ReadStatus::Ok) return std::nullopt;
  }
  auto payload = unframe(entry, key, kind);
  if (!payload) {
    ++stats_.rejected;
    return std::nullopt;
  }
  // A use keeps the entry from trim(); a read-only cache simply stays as it is.
  if (!from_memory) ::utimensat(AT_FDCWD, entry_path(key).c_str(), nullptr, 0);
  std::string out(*payload);
  if (keep_ && !from_memory) {
    std::lock_guard<std::mutex> lock(mutex_);
    memory_[key] = std::move(entry);
  }
  return out;
}

void ScanCache::store_payload(const std::string& key, char kind, const std::string& payload) {
  std::string entry = frame(key, kind, payload);
  if (std::string path = entry_path(key); !path.empty() && dir_error_.empty()) {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    // A failed write leaves at most a stray temporary; the entry is simply missing.
    if (ec || !envkit::write_output_file(path, entry).empty()) ++stats_.write_errors;
  }
  if (keep_) {
    std::lock_guard<std::mutex> lock(mutex_);
    memory_[key] = std::move(entry);
  }
}

std::optional<RawFile> ScanCache::load_raw(const std::string& key) {
  auto payload = load_payload(key, kRaw);
  if (!payload) return std::nullopt;
  RawFile f;
  if (!decode_raw(*payload, f)) {
    ++stats_.rejected;
    return std::nullopt;
  }
  return f;
}

void ScanCache::store_raw(const std::string& key, const RawFile& f) { store_payload(key, kRaw, encode_raw(f)); }

std::optional<AstFileResult> ScanCache::load_ast(const std::string& key) {
  auto payload = load_payload(key, kAst);
  if (!payload) return std::nullopt;
  AstFileResult r;
  if (!decode_ast(*payload, r) || r.inputs.empty()) {
    ++stats_.rejected;
    return std::nullopt;
  }
  for (const auto& in : r.inputs)
    if (file_digest(in.path) != in.digest) {
      ++stats_.stale;
      return std::nullopt;
    }
  return r;
}

void ScanCache::store_ast(const std::string& key, const AstFileResult& r) {
  if (r.inputs.empty()) return;  // nothing to validate it against later
  store_payload(key, kAst, encode_ast(r));
}

std::string ScanCache::file_digest(const std::string& path) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = digests_.find(path); it != digests_.end()) return it->second;
  }
  std::string text, error, d;
  if (envkit::read_regular_file(path, text, error) == envkit::ReadStatus::Ok) d = digest_hex(text);
  note_file_digest(path, d);
  return d;
}

void ScanCache::note_file_digest(const std::string& path, const std::string& digest) {
  std::lock_guard<std::mutex> lock(mutex_);
  digests_.emplace(path, digest);
}

std::map<std::string, std::string> ScanCache::kept_entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return memory_;
}

void ScanCache::add_entry(const std::string& key, std::string framed) {
  std::lock_guard<std::mutex> lock(mutex_);
  memory_[key] = std::move(framed);
}

std::size_t ScanCache::trim(unsigned max_age_days) {
  if (dir_.empty() || !dir_error_.empty()) return 0;
  using clock = fs::file_time_type::clock;
  const auto now = clock::now();
  const fs::path marker = fs::path(dir_) / ".last-trim";
  std::error_code ec;
  auto last = fs::last_write_time(marker, ec);
  if (!ec && now - last < std::chrono::hours(24)) return 0;
  if (!envkit::write_output_file(marker.string(), "").empty()) return 0;
  const auto max_age = std::chrono::hours(24) * max_age_days;
  std::size_t removed = 0;
  for (auto it = fs::recursive_directory_iterator(dir_, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec) || it->path() == marker) continue;
    auto age = now - it->last_write_time(fec);
    if (fec) continue;
    const std::string name = it->path().filename().string();
    const bool temporary = name.size() > 1 && name[0] == '.' && name.find(".tmp.") != std::string::npos;
    if (age > max_age || (temporary && age > std::chrono::hours(24)))
      if (fs::remove(it->path(), fec)) ++removed;
  }
  return removed;
}

std::string default_cache_dir() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v && *v ? v : "";
  };
  if (std::string d = env("ENVSCAN_CACHE_DIR"); !d.empty()) return d;
  if (std::string d = env("XDG_CACHE_HOME"); !d.empty() && d[0] == '/') return d + "/envscan";
  if (std::string d = env("HOME"); !d.empty()) return d + "/.cache/envscan";
  return "";
}

namespace {

// Digest of the running executable's bytes, remembered under `dir` by its file identity.
std::string executable_digest(const std::string& dir) {
  struct stat st {};
  if (::stat("/proc/self/exe", &st) != 0) return "unknown";
  std::string id = Digest()
                       .field(static_cast<unsigned long long>(st.st_dev))
                       .field(static_cast<unsigned long long>(st.st_ino))
                       .field(static_cast<unsigned long long>(st.st_size))
                       .field(static_cast<unsigned long long>(st.st_mtim.tv_sec))
                       .field(static_cast<unsigned long long>(st.st_mtim.tv_nsec))
                       .hex();
  std::string memo = dir.empty() ? "" : (fs::path(dir) / "exe" / id).string();
  std::string text, error;
  if (!memo.empty() && envkit::read_regular_file(memo, text, error) == envkit::ReadStatus::Ok &&
      text.size() == kDigestHexLen && is_digest(text))
    return text;
  if (envkit::read_regular_file("/proc/self/exe", text, error, std::size_t{1} << 31) != envkit::ReadStatus::Ok)
    return "unknown";
  std::string d = digest_hex(text);
  if (!memo.empty()) {
    std::error_code ec;
    fs::create_directories(fs::path(memo).parent_path(), ec);
    if (!ec) (void)envkit::write_output_file(memo, d);
  }
  return d;
}

int add_loaded_object(dl_phdr_info* info, std::size_t, void* data) {
  if (info->dlpi_name && *info->dlpi_name) static_cast<std::set<std::string>*>(data)->insert(info->dlpi_name);
  return 0;
}

}  // namespace

std::string tool_identity(const std::string& version, const std::string& dir) {
  Digest d;
  d.field("envscan").field(version).field(executable_digest(dir));
  // Shared libraries (libclang-cpp, libLLVM, the C library): an upgrade of any of them
  // may change what a parse finds. Their package-installed size and mtime say which.
  std::set<std::string> objects;
  dl_iterate_phdr(add_loaded_object, &objects);
  for (const auto& o : objects) {
    struct stat st {};
    if (::stat(o.c_str(), &st) != 0) continue;
    d.field(o)
        .field(static_cast<unsigned long long>(st.st_size))
        .field(static_cast<unsigned long long>(st.st_mtim.tv_sec))
        .field(static_cast<unsigned long long>(st.st_mtim.tv_nsec));
  }
  return "envscan " + version + " " + d.hex();
}

}  // namespace envscan::cache
