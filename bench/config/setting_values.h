// A valid value for every HAKMEM setting, by its type: the environment both benchmarks of
// the runtime layer (its own cost, and beside mimalloc's option parsing) are timed with.
#pragma once

#include <string>

#include "hakmem/config.h"

inline std::string valid_value_for(const hakmem_setting_desc& d) {
  switch (d.type) {
    case HAKMEM_TYPE_BOOL: return "1";
    case HAKMEM_TYPE_ENUM: return d.enum_words[d.enum_count - 1];
    case HAKMEM_TYPE_STRING:
    case HAKMEM_TYPE_PATH: return "/tmp/hakmem-stats.log";
    case HAKMEM_TYPE_FLOAT: return "0.25";
    case HAKMEM_TYPE_SIZE: return "1M";
    default: return "8";
  }
}
