// A validator for the subset of JSON Schema (draft 2020-12) that our schemas use:
// type, enum, const, required, properties, additionalProperties, propertyNames,
// items, minItems, uniqueItems, minLength, pattern, minimum, maximum, $ref (local),
// anyOf, oneOf, allOf, format "date". Unknown keywords are ignored, as the spec says.
#pragma once

#include <vector>

#include "envkit/json_source.h"

namespace envkit {

class JsonSchema {
 public:
  explicit JsonSchema(nlohmann::ordered_json schema) : schema_(std::move(schema)) {}

  // Validates `doc`, appending one diagnostic per violation (rule "schema").
  void validate(const JsonDocument& doc, std::vector<Diagnostic>& out) const;

  // Validates a bare value (no positions); pointers are still reported.
  std::vector<std::string> validate_value(const nlohmann::ordered_json& value) const;

 private:
  nlohmann::ordered_json schema_;
};

}  // namespace envkit
