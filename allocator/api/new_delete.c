/* The C++ allocation operators (HAKMEM_OVERRIDE_MALLOC=1), every form: sized, aligned,
 * nothrow and array, defined under their Itanium-ABI names. Written in C so that
 * libhakmem.so needs no libstdc++ (preloaded into a C program it would cost ~1.3 MiB of
 * RSS): the new-handler and std::bad_alloc come from weak references to libstdc++, which
 * every C++ program has loaded. Unwind tables let the exception pass through these frames.
 * One limit of C: a new-handler that throws from a nothrow operator is not caught. */
#include "../core/build_flags.h"

#if HAKMEM_OVERRIDE_MALLOC
#include <stdbool.h>
#include <stdlib.h>

#include "../core/common.h"
#include "hakmem.h"

typedef void (*hak_new_handler)(void);
/* std::get_new_handler() and std::__throw_bad_alloc() */
extern hak_new_handler _ZSt15get_new_handlerv(void) __attribute__((weak));
extern void _ZSt17__throw_bad_allocv(void) __attribute__((weak, noreturn));

/* Calls the new-handler; false when there is none (then the caller fails). */
static bool call_new_handler(bool nothrow) {
  hak_new_handler handler = _ZSt15get_new_handlerv ? _ZSt15get_new_handlerv() : NULL;
  if (handler) {
    handler();
    return true;
  }
  if (nothrow) return false;
  if (_ZSt17__throw_bad_allocv) _ZSt17__throw_bad_allocv();
  abort();
}

static void *new_impl(size_t n, bool nothrow) {
  for (;;) {
    void *p = hak_malloc(n);
    if (HAK_LIKELY(p != NULL)) return p;
    if (!call_new_handler(nothrow)) return NULL;
  }
}

static void *new_aligned_impl(size_t n, size_t align, bool nothrow) {
  for (;;) {
    void *p = hak_memalign(align, n);
    if (HAK_LIKELY(p != NULL)) return p;
    if (!call_new_handler(nothrow)) return NULL;
  }
}

#define NOTHROW_T const void * /* const std::nothrow_t & */

HAK_EXPORT void *_Znwm(size_t n) { return new_impl(n, false); }
HAK_EXPORT void *_Znam(size_t n) { return new_impl(n, false); }
HAK_EXPORT void *_ZnwmRKSt9nothrow_t(size_t n, NOTHROW_T t) { (void)t; return new_impl(n, true); }
HAK_EXPORT void *_ZnamRKSt9nothrow_t(size_t n, NOTHROW_T t) { (void)t; return new_impl(n, true); }
HAK_EXPORT void *_ZnwmSt11align_val_t(size_t n, size_t a) { return new_aligned_impl(n, a, false); }
HAK_EXPORT void *_ZnamSt11align_val_t(size_t n, size_t a) { return new_aligned_impl(n, a, false); }
HAK_EXPORT void *_ZnwmSt11align_val_tRKSt9nothrow_t(size_t n, size_t a, NOTHROW_T t) {
  (void)t;
  return new_aligned_impl(n, a, true);
}
HAK_EXPORT void *_ZnamSt11align_val_tRKSt9nothrow_t(size_t n, size_t a, NOTHROW_T t) {
  (void)t;
  return new_aligned_impl(n, a, true);
}

HAK_EXPORT void _ZdlPv(void *p) { hak_free(p); }
HAK_EXPORT void _ZdaPv(void *p) { hak_free(p); }
HAK_EXPORT void _ZdlPvRKSt9nothrow_t(void *p, NOTHROW_T t) { (void)t; hak_free(p); }
HAK_EXPORT void _ZdaPvRKSt9nothrow_t(void *p, NOTHROW_T t) { (void)t; hak_free(p); }
HAK_EXPORT void _ZdlPvm(void *p, size_t n) { (void)n; hak_free(p); }
HAK_EXPORT void _ZdaPvm(void *p, size_t n) { (void)n; hak_free(p); }
HAK_EXPORT void _ZdlPvSt11align_val_t(void *p, size_t a) { (void)a; hak_free(p); }
HAK_EXPORT void _ZdaPvSt11align_val_t(void *p, size_t a) { (void)a; hak_free(p); }
HAK_EXPORT void _ZdlPvSt11align_val_tRKSt9nothrow_t(void *p, size_t a, NOTHROW_T t) {
  (void)a;
  (void)t;
  hak_free(p);
}
HAK_EXPORT void _ZdaPvSt11align_val_tRKSt9nothrow_t(void *p, size_t a, NOTHROW_T t) {
  (void)a;
  (void)t;
  hak_free(p);
}
HAK_EXPORT void _ZdlPvmSt11align_val_t(void *p, size_t n, size_t a) {
  (void)n;
  (void)a;
  hak_free(p);
}
HAK_EXPORT void _ZdaPvmSt11align_val_t(void *p, size_t n, size_t a) {
  (void)n;
  (void)a;
  hak_free(p);
}
#endif
