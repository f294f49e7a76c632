/* libFuzzer target for the runtime configuration layer (glibc's CVE-2023-4911 was an
 * overflow in exactly this kind of code).
 *
 * Input: the first byte chooses the mode.
 *   0x00..0x7f  parse the rest as a value of setting (byte % HAKMEM_SETTING_COUNT),
 *               from an exact-size buffer without a terminating NUL, so that any read
 *               past the slice is caught by ASan; then apply the bounds.
 *   0x80..0xff  treat the rest as an environment, one "NAME=value" entry per line,
 *               run the whole initialisation (messages discarded) and print. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"

static void fuzz_parse(const uint8_t *data, size_t size) {
  enum hakmem_setting_id id = (enum hakmem_setting_id)(data[0] % HAKMEM_SETTING_COUNT);
  size_t n = size - 1;
  char *text = malloc(n ? n : 1);
  if (!text) return;
  if (n) memcpy(text, data + 1, n);
  union hakmem_value v = {.u = 0};
  if (hakmem_config_parse_value(id, text, n, &v) == 0) {
    hk_check_range(&hakmem_settings[id], &v);
    if (hakmem_settings[id].type != HAKMEM_TYPE_STRING && hakmem_settings[id].type != HAKMEM_TYPE_PATH) {
      struct hk_msg m;
      hk_msg_init(&m);
      hk_msg_value(&m, &hakmem_settings[id], v);
      hk_msg_expected(&m, &hakmem_settings[id]);
      hk_msg_emit(&m, -1);
    }
  }
  free(text);
}

static void fuzz_environment(const uint8_t *data, size_t size) {
  size_t n = size - 1;
  char *buf = malloc(n + 1);
  char **envp = malloc((n + 2) * sizeof *envp);
  if (!buf || !envp) {
    free(buf);
    free(envp);
    return;
  }
  memcpy(buf, data + 1, n);
  buf[n] = '\0';
  size_t count = 0;
  char *start = buf;
  for (size_t i = 0; i <= n; ++i)
    if (buf[i] == '\n' || buf[i] == '\0') {
      int end = buf[i] == '\0';
      buf[i] = '\0';
      envp[count++] = start;
      start = buf + i + 1;
      if (end) break;
    }
  envp[count] = NULL;
  /* The date comes from the input too, so sunsets are exercised both ways. */
  int32_t today = size > 1 && (data[1] & 1) ? 20270601 : 20261201;
  struct hakmem_config_options opt = {.envp = envp, .today = today, .secure = 0, .message_fd = -1};
  hakmem_config_init_with(&opt);
  hakmem_config_print(-1);
  free(envp);
  free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  if (data[0] < 0x80) fuzz_parse(data, size);
  else fuzz_environment(data, size);
  return 0;
}
