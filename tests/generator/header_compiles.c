/* The golden ACME header compiles as strict C11 with the tables defined, and its
 * accessors read the storage array. header_compiles_test.cpp calls these functions. */
#define ACME_CONFIG_DEFINE_TABLES
#include "acme/config.h"

union acme_value acme_config_values[ACME_SETTING_COUNT] = ACME_CONFIG_DEFAULT_VALUES;

int64_t acme_test_batch(void) { return acme_batch(); }
uint64_t acme_test_arena(void) { return acme_arena(); }
int acme_test_mode(void) { return (int)acme_mode(); }
const char *acme_test_log_file(void) { return acme_log_file(); }
bool acme_test_enabled(void) { return acme_enabled(); }
double acme_test_rate(void) { return acme_rate(); }
void acme_test_set_batch(int64_t v) { acme_config_values[ACME_SETTING_BATCH].i = v; }
