// The configuration registry model: one declaration per runtime variable and build
// flag, loaded from JSON, validated, and queried by name or alias at a given date.
// Knows nothing of any particular project: prefix and names come from the file.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "envkit/diagnostic.h"
#include "envkit/json_source.h"

namespace envkit {

struct Date {
  int year = 0, month = 0, day = 0;

  static std::optional<Date> parse(const std::string& text);  // strict YYYY-MM-DD, real calendar
  static Date today_utc();
  std::string str() const;
  Date plus_months(int months) const;  // clamps the day to the month's length
  auto operator<=>(const Date&) const = default;
};

enum class ValueType { Bool, Int, Uint, Size, Float, Enum, String, Path };
enum class Status { Active, Experimental, Deprecated, Removed };
enum class FlagKind { Feature, Optimization, Debug, BuildMode };
enum class OutOfRange { Clamp, Reject };
enum class ConflictWhen { BothEnabled, BothSet };

const char* to_string(ValueType t);
const char* to_string(Status s);
const char* to_string(FlagKind k);

// A typed setting value. Size values are bytes; Enum values are the index into
// `Variable::values`; String/Path values are text.
struct Value {
  ValueType type = ValueType::Int;
  bool b = false;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double f = 0;
  std::string s;

  std::string str() const;  // canonical text: true/false, 64, 2M (exact suffix), 0.5, word
};

struct Alias {
  std::string name;
  std::string target;  // canonical variable name
  Date deprecated_since;
  Date sunset;
  bool declared_removed = false;
  std::map<std::string, std::string> value_map;  // legacy value text -> canonical value text
  std::string note;
  std::string pointer;  // JSON pointer of its declaration, for diagnostics

  bool removed_at(const Date& today) const { return declared_removed || today >= sunset; }
};

struct Conflict {
  std::string with;
  ConflictWhen when = ConflictWhen::BothEnabled;
  std::string prefer;
  std::string reason;
};

struct Variable {
  std::string name;
  ValueType type = ValueType::Int;
  Value default_value;
  std::optional<Value> min, max;  // same type as the variable
  std::vector<std::string> values;  // enum words
  OutOfRange out_of_range = OutOfRange::Clamp;
  std::size_t max_length = 4096;  // string/path
  std::string layer;
  Status status = Status::Active;
  std::string accessor;
  std::vector<std::string> former_accessors;  // before a rename or merge; calls move to `accessor`
  std::string description;
  std::vector<Conflict> conflicts;
  std::vector<Alias> aliases;
  std::string pointer;  // JSON pointer of its declaration, for diagnostics
};

struct RemovedName {
  std::string name;
  Date removed_since;
  std::string reason;
  std::string replacement;
};

struct RemovedFamily {
  std::string prefix;
  Date removed_since;
  std::string reason;
  std::string replacement;
};

struct BuildFlag {
  std::string name;
  FlagKind kind = FlagKind::Feature;
  std::string default_text;  // "undefined", "0", "1", ...
  std::string description;
  Status status = Status::Active;
  std::optional<Date> removed_since;
  std::string replacement;
  // Removed flags: the value the code is frozen at ("0", "1", ... or "undefined");
  // unset when the registry does not say, and then no branch may be deleted.
  std::optional<std::string> fixed;
};

struct Layer {
  std::string id, title, description;
};

struct Preset {
  std::string name, description, file;
  std::vector<std::pair<std::string, Value>> settings;  // canonical name -> value, in file order
};

// What a name means to the registry on a given date.
struct NameInfo {
  enum class Kind { Unknown, Variable, Alias, Removed, RemovedFamily, BuildFlag } kind = Kind::Unknown;
  Status status = Status::Active;        // effective status at the date asked
  const Variable* variable = nullptr;    // the canonical variable (Variable and Alias kinds)
  const Alias* alias = nullptr;
  const RemovedName* removed = nullptr;
  const RemovedFamily* family = nullptr;
  const BuildFlag* flag = nullptr;
  std::string replacement;  // what to use instead, for aliases and removed names
};

class Registry {
 public:
  std::string file;
  std::string project_name, prefix, c_prefix, header, messages_prefix;
  std::vector<Layer> layers;
  std::vector<Variable> variables;
  std::vector<RemovedName> removed;
  std::vector<RemovedFamily> removed_families;
  std::vector<BuildFlag> build_flags;

  // Loads and validates. Returns nullopt when any error was found; `diags` gets every
  // problem (not only the first), each naming file:line:col and the JSON pointer.
  static std::optional<Registry> load(const std::string& path, std::vector<Diagnostic>& diags);
  static std::optional<Registry> load_text(const std::string& file, const std::string& text,
                                           std::vector<Diagnostic>& diags);

  const Variable* find_variable(const std::string& canonical_name) const;
  const BuildFlag* find_flag(const std::string& name) const;
  const Layer* find_layer(const std::string& id) const;
  NameInfo lookup(const std::string& name, const Date& today) const;

  // Where a declaration stands in the registry file (JSON pointer -> line:col), so that
  // tools can point findings about an entry at its line; nearest ancestor when absent.
  std::map<std::string, TextPos> positions;
  TextPos position_of(const std::string& pointer) const;

  // Rebuilds the name indexes; the loader calls it after changing the lists.
  void build_indexes();

  // Every name (canonical, alias, removed) that a variable reads could use.
  std::vector<std::string> all_variable_names() const;

  // Parses `text` as a value of `var`'s type (no bound check). Error text on failure.
  std::optional<Value> parse_value(const Variable& var, const std::string& text,
                                   std::string& error) const;
  // Same for a JSON value (number, bool or string).
  std::optional<Value> json_value(const Variable& var, const nlohmann::ordered_json& v,
                                  std::string& error) const;
  // True when `v` lies within var's bounds / enum values.
  bool in_bounds(const Variable& var, const Value& v) const;

  // Loads and validates a preset against this registry.
  std::optional<Preset> load_preset(const std::string& path, std::vector<Diagnostic>& diags) const;
  std::optional<Preset> load_preset_text(const std::string& file, const std::string& text,
                                         std::vector<Diagnostic>& diags) const;

 private:
  std::map<std::string, std::size_t> var_index_;
  std::map<std::string, std::pair<std::size_t, std::size_t>> alias_index_;
  std::map<std::string, std::size_t> removed_index_;
  std::map<std::string, std::size_t> flag_index_;
};

// Parses a size with optional K/M/G/T suffix (powers of 1024, optional trailing B or iB).
std::optional<std::uint64_t> parse_size(const std::string& text);
// Formats bytes with the largest exact binary suffix (2097152 -> "2M").
std::string format_size(std::uint64_t bytes);

}  // namespace envkit
