// The inventory as JSON (schema envscan-inventory/1), and its validation.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model.h"

namespace envscan {

inline constexpr const char* kInventorySchemaId = "envscan-inventory/1";

nlohmann::ordered_json inventory_to_json(const Inventory& inv, bool verbose);

// The committed JSON Schema (embedded at build time).
const char* inventory_schema_text();

// Problems found validating `doc` against the inventory schema ("" entries: none).
std::vector<std::string> validate_inventory(const nlohmann::ordered_json& doc);

}  // namespace envscan
