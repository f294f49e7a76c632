#include "cache/digest.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/Support/BLAKE3.h>

namespace envscan::cache {

namespace {
constexpr std::size_t kDigestBytes = 16;

std::string to_hex(const llvm::BLAKE3Result<kDigestBytes>& r) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * r.size());
  for (std::uint8_t b : r) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}
llvm::ArrayRef<std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

std::string digest_hex(std::string_view bytes) { return to_hex(llvm::BLAKE3::hash<kDigestBytes>(bytes_of(bytes))); }

struct Digest::Impl {
  llvm::BLAKE3 hasher;
};

Digest::Digest() : impl_(new Impl) {}
Digest::~Digest() { delete impl_; }

Digest& Digest::field(std::string_view bytes) {
  field(static_cast<unsigned long long>(bytes.size()));
  impl_->hasher.update(bytes_of(bytes));
  return *this;
}
Digest& Digest::field(unsigned long long n) {
  std::uint8_t b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(n >> (8 * i));
  impl_->hasher.update(llvm::ArrayRef<std::uint8_t>(b, 8));
  return *this;
}
std::string Digest::hex() const { return to_hex(impl_->hasher.final<kDigestBytes>()); }

}  // namespace envscan::cache
