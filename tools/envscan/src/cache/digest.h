// Content digests for the cache: BLAKE3 (LLVM's), 128 bits, as lower-case hex.
// Fields are length-prefixed so that ("ab", "c") and ("a", "bc") never collide.
#pragma once

#include <string>
#include <string_view>

namespace envscan::cache {

std::string digest_hex(std::string_view bytes);

class Digest {
 public:
  Digest();
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;
  Digest& field(std::string_view bytes);
  Digest& field(unsigned long long n);
  std::string hex() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace envscan::cache
