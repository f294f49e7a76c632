// Every rule unit, one per file in this folder.
#pragma once

#include "check/rule.h"

namespace envscan::rules {

extern const Rule undocumented_env, removed_env_read, deprecated_env_read, raw_env_read, past_sunset,
    dead_registry_entry, dead_flag, undocumented_flag, removed_flag, duplicate_name, default_mismatch,
    type_mismatch, docs_stale, preset_unknown_var, preset_out_of_range, script_unknown_var,
    malformed_suppression, unused_suppression;

}  // namespace envscan::rules
