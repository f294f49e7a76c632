/* The one translation unit that defines the generated tables and the value storage
 * the accessors read. Storage starts at the defaults, so accessors are meaningful
 * even before hakmem_config_init() has run. */
#define HAKMEM_CONFIG_DEFINE_TABLES
#include "hakmem/config_generated.h"

union hakmem_value hakmem_config_values[HAKMEM_SETTING_COUNT] = HAKMEM_CONFIG_DEFAULT_VALUES;
