// The C++ allocation operators (HAKMEM_OVERRIDE_MALLOC=1): every form, sized, aligned,
// nothrow and array. Throwing operators follow the standard: call the new-handler until
// it gives up, then throw std::bad_alloc; the malloc path itself never throws.
#include "../core/build_flags.h"

#if HAKMEM_OVERRIDE_MALLOC
#include <cstddef>
#include <new>

#include "hakmem.h"

#define HAK_CXX_EXPORT __attribute__((visibility("default")))

namespace {

void *allocate(std::size_t size) {
  for (;;) {
    if (void *p = hak_malloc(size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void *allocate_aligned(std::size_t size, std::align_val_t align) {
  for (;;) {
    if (void *p = hak_memalign(static_cast<std::size_t>(align), size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

template <typename F>
void *no_throw(F f) noexcept {
  try {
    return f();
  } catch (...) {
    return nullptr;
  }
}

}  // namespace

HAK_CXX_EXPORT void *operator new(std::size_t n) { return allocate(n); }
HAK_CXX_EXPORT void *operator new[](std::size_t n) { return allocate(n); }
HAK_CXX_EXPORT void *operator new(std::size_t n, const std::nothrow_t &) noexcept {
  return no_throw([n] { return allocate(n); });
}
HAK_CXX_EXPORT void *operator new[](std::size_t n, const std::nothrow_t &) noexcept {
  return no_throw([n] { return allocate(n); });
}
HAK_CXX_EXPORT void *operator new(std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
HAK_CXX_EXPORT void *operator new[](std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
HAK_CXX_EXPORT void *operator new(std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept {
  return no_throw([n, a] { return allocate_aligned(n, a); });
}
HAK_CXX_EXPORT void *operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept {
  return no_throw([n, a] { return allocate_aligned(n, a); });
}

HAK_CXX_EXPORT void operator delete(void *p) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete[](void *p) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete(void *p, const std::nothrow_t &) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete[](void *p, const std::nothrow_t &) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete(void *p, std::size_t) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete[](void *p, std::size_t) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete(void *p, std::align_val_t) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete[](void *p, std::align_val_t) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete(void *p, std::align_val_t, const std::nothrow_t &) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete[](void *p, std::align_val_t, const std::nothrow_t &) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete(void *p, std::size_t, std::align_val_t) noexcept { hak_free(p); }
HAK_CXX_EXPORT void operator delete[](void *p, std::size_t, std::align_val_t) noexcept { hak_free(p); }
#endif
