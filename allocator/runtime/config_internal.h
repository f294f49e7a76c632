/* Internal pieces of the runtime configuration layer, shared by its C files. */
#ifndef HAKMEM_RUNTIME_CONFIG_INTERNAL_H
#define HAKMEM_RUNTIME_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hakmem/config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a value did not parse. */
enum hakmem_parse_status {
  HK_PARSE_OK = 0,
  HK_PARSE_EMPTY,
  HK_PARSE_NOT_BOOL,
  HK_PARSE_NOT_INT,
  HK_PARSE_NOT_UINT,
  HK_PARSE_NOT_SIZE,
  HK_PARSE_NOT_FLOAT,
  HK_PARSE_NOT_ENUM,
  HK_PARSE_OVERFLOW,
  HK_PARSE_TOO_LONG
};

/* What a bounds check did. */
enum hk_range_result { HK_IN_RANGE = 0, HK_CLAMPED, HK_REJECTED };

/* Parses (text, len) strictly by the setting's type. String values point into `text`. */
enum hakmem_parse_status hk_parse(const struct hakmem_setting_desc *d, const char *text, size_t len,
                                  union hakmem_value *out);

/* Applies the setting's bounds and out-of-range policy to `*v`. On HK_REJECTED `*v`
 * is left unchanged; the caller keeps the previous value. */
enum hk_range_result hk_check_range(const struct hakmem_setting_desc *d, union hakmem_value *v);

/* A message line built in a fixed buffer, written with one write(2). */
#define HK_MSG_CAPACITY 768
#define HK_MSG_VALUE_MAX 64 /* bytes of a user value shown in a message */
struct hk_msg {
  char buf[HK_MSG_CAPACITY];
  size_t len;
  bool truncated;
};

void hk_msg_init(struct hk_msg *m);                     /* empty */
void hk_msg_begin(struct hk_msg *m);                    /* "hakmem: " */
void hk_msg_str(struct hk_msg *m, const char *s);
void hk_msg_mem(struct hk_msg *m, const char *p, size_t n);
void hk_msg_escaped(struct hk_msg *m, const char *p, size_t n, size_t max); /* non-printables, \ and ' as \xNN */
void hk_msg_u64(struct hk_msg *m, uint64_t v);
void hk_msg_i64(struct hk_msg *m, int64_t v);
void hk_msg_size(struct hk_msg *m, uint64_t bytes);     /* 2097152 -> 2M */
void hk_msg_double(struct hk_msg *m, double v);
void hk_msg_date(struct hk_msg *m, int32_t yyyymmdd);   /* 2027-05-25 */
void hk_msg_pad(struct hk_msg *m, size_t column);
/* A typed value as the user would write it (strings quoted and escaped). */
void hk_msg_value(struct hk_msg *m, const struct hakmem_setting_desc *d, union hakmem_value v);
/* "1..1024", "auto, never, always", "1/0, true/false, ...". */
void hk_msg_expected(struct hk_msg *m, const struct hakmem_setting_desc *d);
/* Writes the line (with a newline) to fd; fd < 0 discards it. Returns nonzero when the
 * write failed. */
int hk_msg_emit(struct hk_msg *m, int fd);

/* Edit distance of two names, capped: returns cap+1 when larger. */
unsigned hk_edit_distance(const char *a, size_t an, const char *b, size_t bn, unsigned cap);

/* Today's date as yyyymmdd from the real clock (UTC), without localtime or malloc. */
int32_t hk_today_utc(void);

#ifdef __cplusplus
}
#endif

#endif
