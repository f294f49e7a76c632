// The accessor header: ids, types, descriptor tables and one inline accessor per
// variable. Every identifier derives from the registry's c_prefix and prefix.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "c_text.h"
#include "envgen/envgen.h"

namespace envgen {

namespace {

using envkit::Value;
using envkit::ValueType;
using envkit::Variable;

// The names every part of the header is built from.
struct Names {
  std::string p;  // c_prefix: types, tables, functions
  std::string P;  // upper-case c_prefix: macros and enumerators
  std::string env_prefix;

  std::string setting_id(const Variable& v) const {
    std::string rest = v.name.rfind(env_prefix, 0) == 0 ? v.name.substr(env_prefix.size()) : v.name;
    return P + "_SETTING_" + identifier_fragment(rest);
  }
  std::string enum_type(const Variable& v) const { return accessor_return_type(v); }
  std::string enum_word(const Variable& v, const std::string& word) const {
    return upper(v.accessor) + "_" + upper(identifier_fragment(word));
  }
  std::string words_table(const Variable& v) const { return v.accessor + "_words"; }
};

const char* type_enumerator(ValueType t) {
  switch (t) {
    case ValueType::Bool: return "BOOL";
    case ValueType::Int: return "INT";
    case ValueType::Uint: return "UINT";
    case ValueType::Size: return "SIZE";
    case ValueType::Float: return "FLOAT";
    case ValueType::Enum: return "ENUM";
    case ValueType::String: return "STRING";
    case ValueType::Path: return "PATH";
  }
  return "INT";
}

char union_member(ValueType t) {
  switch (t) {
    case ValueType::Bool: return 'b';
    case ValueType::Int:
    case ValueType::Enum: return 'i';
    case ValueType::Uint:
    case ValueType::Size: return 'u';
    case ValueType::Float: return 'f';
    case ValueType::String:
    case ValueType::Path: return 's';
  }
  return 'i';
}

// One-line summary of a variable for the comment above its accessor.
std::string summary(const Variable& v) {
  std::string s = v.name + " (" + envkit::to_string(v.type);
  if (v.type == ValueType::Enum) {
    s += ":";
    for (const auto& w : v.values) s += " " + w;
  }
  if (v.min || v.max)
    s += ", " + (v.min ? v.min->str() : std::string("")) + ".." + (v.max ? v.max->str() : std::string(""));
  s += ", default " + (v.default_value.str().empty() ? std::string("empty") : v.default_value.str()) + ")";
  if (v.status != envkit::Status::Active) s += std::string(" [") + envkit::to_string(v.status) + "]";
  return s;
}

std::size_t setting_index(const envkit::Registry& reg, const std::string& name) {
  for (std::size_t i = 0; i < reg.variables.size(); ++i)
    if (reg.variables[i].name == name) return i;
  return 0;  // the loader guarantees every referenced name exists
}

std::size_t layer_index(const envkit::Registry& reg, const std::string& id) {
  for (std::size_t i = 0; i < reg.layers.size(); ++i)
    if (reg.layers[i].id == id) return i;
  return 0;
}

// Collects every identifier the header declares, to report clashes instead of
// emitting a header that does not compile.
class IdentifierSet {
 public:
  void add(const std::string& id, const std::string& origin) {
    auto [it, inserted] = seen_.emplace(id, origin);
    if (!inserted) clashes_.push_back(id + " (from " + origin + " and " + it->second + ")");
  }
  const std::vector<std::string>& clashes() const { return clashes_; }

 private:
  std::map<std::string, std::string> seen_;
  std::vector<std::string> clashes_;
};

struct NameEntry {
  std::string name;
  const char* kind;
  std::size_t index;
};

std::vector<NameEntry> name_index(const envkit::Registry& reg) {
  std::vector<NameEntry> names;
  std::size_t alias = 0;
  for (std::size_t i = 0; i < reg.variables.size(); ++i) {
    names.push_back({reg.variables[i].name, "SETTING", i});
    for (const auto& a : reg.variables[i].aliases) names.push_back({a.name, "ALIAS", alias++});
  }
  for (std::size_t i = 0; i < reg.removed.size(); ++i) names.push_back({reg.removed[i].name, "REMOVED", i});
  // Byte order, so that the runtime can binary-search with memcmp.
  std::sort(names.begin(), names.end(), [](const NameEntry& a, const NameEntry& b) { return a.name < b.name; });
  return names;
}

class HeaderWriter {
 public:
  explicit HeaderWriter(const Inputs& in) : in_(in), reg_(in.registry) {
    n_.p = reg_.c_prefix;
    n_.P = upper(reg_.c_prefix);
    n_.env_prefix = reg_.prefix;
  }

  bool write(std::string& text, std::vector<envkit::Diagnostic>& diags) {
    banner();
    types();
    declarations();
    accessors();
    definitions();
    o_ << "#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n#endif /* " << guard() << " */\n";
    for (const auto& clash : ids_.clashes()) {
      envkit::Diagnostic d;
      d.file = in_.registry_display;
      d.message = "generated identifier " + clash + " is declared twice; rename an accessor or enum word";
      d.rule = "generator-identifier-clash";
      diags.push_back(d);
    }
    text = o_.str();
    return ids_.clashes().empty();
  }

 private:
  std::string guard() const { return upper(identifier_fragment(reg_.header)); }

  void banner() {
    o_ << "/* " << c_comment(reg_.project_name) << " configuration: setting ids, descriptor tables and typed accessors.\n"
       << " *\n"
       << " * Generated by envgen from " << c_comment(in_.registry_display) << " and the presets in "
       << c_comment(in_.presets_display) << ".\n"
       << " * Do not edit: change the registry or a preset, then run\n"
       << " *   " << regenerate_hint() << "\n"
       << " *\n"
       << " * C11 and C++. Accessors are plain loads from " << n_.p << "_config_values, which the runtime\n"
       << " * configuration layer defines and fills once at start-up. Define " << n_.P << "_CONFIG_DEFINE_TABLES\n"
       << " * in exactly one translation unit before including this header to define the tables there.\n"
       << " */\n"
       << "#ifndef " << guard() << "\n#define " << guard() << "\n\n"
       << "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n"
       << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
    macro("ENV_PREFIX", c_string(reg_.prefix));
    macro("ENV_PREFIX_LEN", std::to_string(reg_.prefix.size()) + "u");
    macro("MESSAGES_PREFIX", c_string(reg_.messages_prefix));
    o_ << "\n";
  }

  void macro(const std::string& suffix, const std::string& value) {
    std::string id = n_.P + "_" + suffix;
    ids_.add(id, "macro");
    o_ << "#define " << id << " " << value << "\n";
  }

  void enumeration(const std::string& tag, const std::vector<std::pair<std::string, std::string>>& items,
                   const std::string& comment) {
    ids_.add("tag:" + tag, comment);
    o_ << "/* " << c_comment(comment) << " */\nenum " << tag << " {\n";
    for (std::size_t k = 0; k < items.size(); ++k) {
      ids_.add(items[k].first, "enum " + tag);
      o_ << "  " << items[k].first << " = " << k << (k + 1 < items.size() ? "," : "");
      if (!items[k].second.empty()) o_ << " /* " << c_comment(items[k].second) << " */";
      o_ << "\n";
    }
    o_ << "};\n\n";
  }

  void types() {
    std::vector<std::pair<std::string, std::string>> ids;
    for (const auto& v : reg_.variables) ids.emplace_back(n_.setting_id(v), v.name);
    ids.emplace_back(n_.P + "_SETTING_COUNT", "");
    enumeration(n_.p + "_setting_id", ids, "Setting ids, in registry order; index into the tables below.");

    const std::string& P = n_.P;
    enumeration(n_.p + "_value_type",
                {{P + "_TYPE_BOOL", ""}, {P + "_TYPE_INT", ""}, {P + "_TYPE_UINT", ""}, {P + "_TYPE_SIZE", "bytes"},
                 {P + "_TYPE_FLOAT", ""}, {P + "_TYPE_ENUM", "index into enum_words"}, {P + "_TYPE_STRING", ""},
                 {P + "_TYPE_PATH", ""}},
                "Value types; size is bytes parsed with K/M/G suffixes.");
    enumeration(n_.p + "_out_of_range",
                {{P + "_OUT_OF_RANGE_CLAMP", "use the nearest bound"}, {P + "_OUT_OF_RANGE_REJECT", "use the default"}},
                "What an out-of-range value becomes (always reported).");
    enumeration(n_.p + "_status",
                {{P + "_STATUS_ACTIVE", ""}, {P + "_STATUS_EXPERIMENTAL", ""}, {P + "_STATUS_DEPRECATED", ""},
                 {P + "_STATUS_REMOVED", ""}},
                "Declared status of a setting.");
    enumeration(n_.p + "_conflict_when",
                {{P + "_CONFLICT_BOTH_ENABLED", "both true, non-zero or non-empty"},
                 {P + "_CONFLICT_BOTH_SET", "both set by a preset or the environment"}},
                "When two settings conflict.");
    enumeration(n_.p + "_name_kind", {{P + "_NAME_SETTING", ""}, {P + "_NAME_ALIAS", ""}, {P + "_NAME_REMOVED", ""}},
                "What a name in the name index refers to.");

    for (const auto& v : reg_.variables) {
      if (v.type != ValueType::Enum) continue;
      std::vector<std::pair<std::string, std::string>> words;
      for (const auto& w : v.values) words.emplace_back(n_.enum_word(v, w), w);
      enumeration(v.accessor + "_value", words, "Values of " + v.name + ".");
    }

    const std::string& p = n_.p;
    struct_decl(p + "_value", "union", "A setting's value; the member follows the value type.",
                {"bool b;", "int64_t i; /* int, and enum (the word's index) */", "uint64_t u; /* uint, size */",
                 "double f;", "const char *s; /* string, path: points into the environment, never copied */"});
    struct_decl(p + "_layer_desc", "struct", "A layer of settings.", {"const char *id;", "const char *title;"});
    struct_decl(p + "_setting_desc", "struct", "One setting as declared in the registry.",
                {"const char *name;", "uint32_t name_len;", "uint8_t type; /* enum " + p + "_value_type */",
                 "uint8_t status; /* enum " + p + "_status */",
                 "uint8_t out_of_range; /* enum " + p + "_out_of_range */", "uint8_t has_min;", "uint8_t has_max;",
                 "uint16_t layer; /* index into " + p + "_layers */",
                 "uint32_t max_length; /* string, path: longest accepted value in bytes */",
                 "union " + p + "_value def;", "union " + p + "_value min;", "union " + p + "_value max;",
                 "const char *const *enum_words; /* enum: its words in value order */", "uint32_t enum_count;",
                 "const char *accessor;", "const char *description;"});
    struct_decl(p + "_value_map_pair", "struct", "A legacy value and the canonical value text it stands for.",
                {"const char *from;", "const char *to;"});
    struct_decl(p + "_alias_desc", "struct", "A legacy name of a setting.",
                {"const char *name;", "uint32_t name_len;", "uint16_t target; /* enum " + p + "_setting_id */",
                 "int32_t deprecated_since; /* yyyymmdd */", "int32_t sunset; /* yyyymmdd: ignored from this day on */",
                 "uint8_t declared_removed;", "const struct " + p + "_value_map_pair *value_map;",
                 "uint32_t value_map_count;", "const char *note;"});
    struct_decl(p + "_removed_desc", "struct", "A removed name (or, for families, a removed name prefix).",
                {"const char *name;", "uint32_t name_len;", "int32_t removed_since; /* yyyymmdd */",
                 "const char *replacement; /* empty when there is none */", "const char *reason;"});
    struct_decl(p + "_conflict_desc", "struct", "Two settings that must not both be in effect.",
                {"uint16_t setting;", "uint16_t with;", "uint16_t prefer; /* keeps its value; the other gets its default */",
                 "uint8_t when; /* enum " + p + "_conflict_when */", "const char *reason;"});
    struct_decl(p + "_preset_entry", "struct", "One value a preset sets.",
                {"uint16_t setting;", "union " + p + "_value value;"});
    struct_decl(p + "_preset_desc", "struct", "A named preset.",
                {"const char *name;", "const struct " + p + "_preset_entry *entries;", "uint32_t count;",
                 "const char *description;"});
    struct_decl(p + "_name_entry", "struct", "Every known name, sorted bytewise for binary search.",
                {"const char *name;", "uint32_t name_len;", "uint8_t kind; /* enum " + p + "_name_kind */",
                 "uint16_t index; /* into the table of its kind */"});
  }

  void struct_decl(const std::string& tag, const std::string& keyword, const std::string& comment,
                   const std::vector<std::string>& members) {
    ids_.add("tag:" + tag, comment);
    o_ << "/* " << c_comment(comment) << " */\n" << keyword << " " << tag << " {\n";
    for (const auto& m : members) o_ << "  " << m << "\n";
    o_ << "};\n\n";
  }

  std::size_t alias_count() const {
    std::size_t n = 0;
    for (const auto& v : reg_.variables) n += v.aliases.size();
    return n;
  }
  std::size_t conflict_count() const {
    std::size_t n = 0;
    for (const auto& v : reg_.variables) n += v.conflicts.size();
    return n;
  }

  void declarations() {
    const std::string& p = n_.p;
    macro("LAYER_COUNT", std::to_string(reg_.layers.size()) + "u");
    macro("ALIAS_COUNT", std::to_string(alias_count()) + "u");
    macro("REMOVED_COUNT", std::to_string(reg_.removed.size()) + "u");
    macro("REMOVED_FAMILY_COUNT", std::to_string(reg_.removed_families.size()) + "u");
    macro("CONFLICT_COUNT", std::to_string(conflict_count()) + "u");
    macro("PRESET_COUNT", std::to_string(in_.presets.size()) + "u");
    macro("NAME_COUNT", std::to_string(name_index(reg_).size()) + "u");
    o_ << "\n/* Tables (defined where " << n_.P << "_CONFIG_DEFINE_TABLES is defined). A table whose count is 0\n"
       << " * holds one zeroed entry, since C has no empty arrays. */\n";
    table_decl("const struct " + p + "_layer_desc", p + "_layers");
    table_decl("const struct " + p + "_setting_desc", p + "_settings");
    table_decl("const struct " + p + "_alias_desc", p + "_aliases");
    table_decl("const struct " + p + "_removed_desc", p + "_removed_names");
    table_decl("const struct " + p + "_removed_desc", p + "_removed_families");
    table_decl("const struct " + p + "_conflict_desc", p + "_conflicts");
    table_decl("const struct " + p + "_preset_desc", p + "_presets");
    table_decl("const struct " + p + "_name_entry", p + "_names");
    o_ << "\n/* Current values, defined and filled by the runtime configuration layer. Initialise the\n"
       << " * definition with " << n_.P << "_CONFIG_DEFAULT_VALUES so that accessors read defaults even\n"
       << " * before the environment has been read. */\n";
    ids_.add(p + "_config_values", "storage");
    o_ << "extern union " << p << "_value " << p << "_config_values[" << n_.P << "_SETTING_COUNT];\n";
    ids_.add(n_.P + "_CONFIG_DEFAULT_VALUES", "macro");
    o_ << "#define " << n_.P << "_CONFIG_DEFAULT_VALUES \\\n  { \\\n";
    for (std::size_t i = 0; i < reg_.variables.size(); ++i) {
      const auto& v = reg_.variables[i];
      o_ << "    " << c_value(v.default_value, v.type) << (i + 1 < reg_.variables.size() ? "," : "") << " /* "
         << c_comment(v.name) << " */ \\\n";
    }
    o_ << "  }\n\n";
  }

  void table_decl(const std::string& type, const std::string& name) {
    ids_.add(name, "table");
    o_ << "extern " << type << " " << name << "[];\n";
  }

  void accessors() {
    o_ << "/* Typed accessors, one per setting: a plain load, cheap enough for any hot path. */\n";
    for (const auto& v : reg_.variables) {
      ids_.add(v.accessor, "accessor of " + v.name);
      std::string load = n_.p + "_config_values[" + n_.setting_id(v) + "]." + union_member(v.type);
      o_ << "/* " << c_comment(summary(v)) << " */\n";
      if (v.type == ValueType::Enum)
        o_ << "static inline " << n_.enum_type(v) << " " << v.accessor << "(void) { return (" << n_.enum_type(v)
           << ")" << load << "; }\n";
      else
        o_ << "static inline " << accessor_return_type(v) << (v.type == ValueType::String || v.type == ValueType::Path ? "" : " ")
           << v.accessor << "(void) { return " << load << "; }\n";
    }
    o_ << "\n";
  }

  std::string value_or_zero(const std::optional<Value>& v, ValueType t) const {
    return v ? c_value(*v, t) : std::string("{.i = 0}");
  }

  void definitions() {
    const std::string& p = n_.p;
    o_ << "#ifdef " << n_.P << "_CONFIG_DEFINE_TABLES\n\n";

    o_ << "const struct " << p << "_layer_desc " << p << "_layers[] = {\n";
    for (const auto& l : reg_.layers) o_ << "  {.id = " << c_string(l.id) << ", .title = " << c_string(l.title) << "},\n";
    o_ << "};\n\n";

    for (const auto& v : reg_.variables) {
      if (v.type != ValueType::Enum) continue;
      ids_.add(n_.words_table(v), "enum words of " + v.name);
      o_ << "static const char *const " << n_.words_table(v) << "[] = {";
      for (std::size_t k = 0; k < v.values.size(); ++k) o_ << (k ? ", " : "") << c_string(v.values[k]);
      o_ << "};\n";
    }
    o_ << "\nconst struct " << p << "_setting_desc " << p << "_settings[] = {\n";
    for (const auto& v : reg_.variables) {
      bool is_enum = v.type == ValueType::Enum;
      o_ << "  {.name = " << c_string(v.name) << ", .name_len = " << v.name.size() << ", .type = " << n_.P << "_TYPE_"
         << type_enumerator(v.type) << ", .status = " << n_.P << "_STATUS_" << upper(envkit::to_string(v.status))
         << ",\n   .out_of_range = " << n_.P
         << (v.out_of_range == envkit::OutOfRange::Clamp ? "_OUT_OF_RANGE_CLAMP" : "_OUT_OF_RANGE_REJECT")
         << ", .has_min = " << (v.min ? 1 : 0) << ", .has_max = " << (v.max ? 1 : 0)
         << ", .layer = " << layer_index(reg_, v.layer) << ", .max_length = " << v.max_length
         << ",\n   .def = " << c_value(v.default_value, v.type) << ", .min = " << value_or_zero(v.min, v.type)
         << ", .max = " << value_or_zero(v.max, v.type) << ",\n   .enum_words = "
         << (is_enum ? n_.words_table(v) : std::string("NULL")) << ", .enum_count = " << (is_enum ? v.values.size() : 0)
         << ", .accessor = " << c_string(v.accessor) << ",\n   .description = " << c_string(v.description) << "},\n";
    }
    o_ << "};\n\n";

    aliases();
    removed_table(p + "_removed_names", reg_.removed);
    removed_table(p + "_removed_families", reg_.removed_families);
    conflicts();
    presets();
    names();
    o_ << "#endif /* " << n_.P << "_CONFIG_DEFINE_TABLES */\n\n";
  }

  void aliases() {
    const std::string& p = n_.p;
    std::size_t k = 0;
    for (const auto& v : reg_.variables)
      for (const auto& a : v.aliases) {
        if (!a.value_map.empty()) {
          std::string table = p + "_alias_" + std::to_string(k) + "_value_map";
          ids_.add(table, "value map of " + a.name);
          o_ << "static const struct " << p << "_value_map_pair " << table << "[] = { /* " << c_comment(a.name) << " */\n";
          for (const auto& [from, to] : a.value_map)
            o_ << "  {.from = " << c_string(from) << ", .to = " << c_string(to) << "},\n";
          o_ << "};\n";
        }
        ++k;
      }
    o_ << "const struct " << p << "_alias_desc " << p << "_aliases[] = {\n";
    k = 0;
    for (const auto& v : reg_.variables)
      for (const auto& a : v.aliases) {
        std::string table = a.value_map.empty() ? "NULL" : p + "_alias_" + std::to_string(k) + "_value_map";
        o_ << "  {.name = " << c_string(a.name) << ", .name_len = " << a.name.size() << ", .target = " << n_.setting_id(v)
           << ", .deprecated_since = " << date_int(a.deprecated_since) << ", .sunset = " << date_int(a.sunset)
           << ",\n   .declared_removed = " << (a.declared_removed ? 1 : 0) << ", .value_map = " << table
           << ", .value_map_count = " << a.value_map.size() << ", .note = " << c_string(a.note) << "},\n";
        ++k;
      }
    if (k == 0) o_ << "  {.name = NULL},\n";
    o_ << "};\n\n";
  }

  template <typename T>
  void removed_table(const std::string& table, const std::vector<T>& items) {
    o_ << "const struct " << n_.p << "_removed_desc " << table << "[] = {\n";
    for (const auto& r : items) {
      const std::string& name = name_of(r);
      o_ << "  {.name = " << c_string(name) << ", .name_len = " << name.size()
         << ", .removed_since = " << date_int(r.removed_since) << ",\n   .replacement = " << c_string(r.replacement)
         << ",\n   .reason = " << c_string(r.reason) << "},\n";
    }
    if (items.empty()) o_ << "  {.name = NULL},\n";
    o_ << "};\n\n";
  }
  static const std::string& name_of(const envkit::RemovedName& r) { return r.name; }
  static const std::string& name_of(const envkit::RemovedFamily& r) { return r.prefix; }

  void conflicts() {
    o_ << "const struct " << n_.p << "_conflict_desc " << n_.p << "_conflicts[] = {\n";
    std::size_t k = 0;
    for (const auto& v : reg_.variables)
      for (const auto& c : v.conflicts) {
        const Variable& with = reg_.variables[setting_index(reg_, c.with)];
        const Variable& prefer = reg_.variables[setting_index(reg_, c.prefer)];
        o_ << "  {.setting = " << n_.setting_id(v) << ", .with = " << n_.setting_id(with)
           << ", .prefer = " << n_.setting_id(prefer) << ",\n   .when = " << n_.P
           << (c.when == envkit::ConflictWhen::BothEnabled ? "_CONFLICT_BOTH_ENABLED" : "_CONFLICT_BOTH_SET")
           << ", .reason = " << c_string(c.reason) << "},\n";
        ++k;
      }
    if (k == 0) o_ << "  {.reason = NULL},\n";
    o_ << "};\n\n";
  }

  void presets() {
    const std::string& p = n_.p;
    for (const auto& preset : in_.presets) {
      std::string table = p + "_preset_" + identifier_fragment(preset.name) + "_entries";
      ids_.add(table, "preset " + preset.name);
      o_ << "static const struct " << p << "_preset_entry " << table << "[] = { /* " << c_comment(preset.file) << " */\n";
      for (const auto& [name, value] : preset.settings) {
        const Variable& v = reg_.variables[setting_index(reg_, name)];
        o_ << "  {.setting = " << n_.setting_id(v) << ", .value = " << c_value(value, v.type) << "},\n";
      }
      if (preset.settings.empty()) o_ << "  {.setting = 0},\n";
      o_ << "};\n";
    }
    o_ << "const struct " << p << "_preset_desc " << p << "_presets[] = {\n";
    for (const auto& preset : in_.presets)
      o_ << "  {.name = " << c_string(preset.name) << ", .entries = " << p << "_preset_"
         << identifier_fragment(preset.name) << "_entries, .count = " << preset.settings.size()
         << ",\n   .description = " << c_string(preset.description) << "},\n";
    if (in_.presets.empty()) o_ << "  {.name = NULL},\n";
    o_ << "};\n\n";
  }

  void names() {
    o_ << "const struct " << n_.p << "_name_entry " << n_.p << "_names[] = {\n";
    auto entries = name_index(reg_);
    for (const auto& e : entries)
      o_ << "  {.name = " << c_string(e.name) << ", .name_len = " << e.name.size() << ", .kind = " << n_.P << "_NAME_"
         << e.kind << ", .index = " << e.index << "},\n";
    if (entries.empty()) o_ << "  {.name = NULL},\n";
    o_ << "};\n\n";
  }

  const Inputs& in_;
  const envkit::Registry& reg_;
  Names n_;
  IdentifierSet ids_;
  std::ostringstream o_;
};

}  // namespace

bool render_header(const Inputs& in, std::string& out, std::vector<envkit::Diagnostic>& diags) {
  return HeaderWriter(in).write(out, diags);
}

}  // namespace envgen
