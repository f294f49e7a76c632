// Registry loading: JSON -> schema check -> model -> semantic rules. Every rule reports
// all its violations with file:line:col and JSON pointer, so one run shows every problem.
#include <algorithm>
#include <functional>
#include <set>

#include "envkit/json_schema.h"
#include "envkit/json_source.h"
#include "envkit/registry.h"

namespace envkit {

namespace embedded {
extern const char registry_schema[];
}

namespace {

using json = nlohmann::ordered_json;

std::string str_or(const json& obj, const char* key, std::string fallback = {}) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

ValueType parse_type(const std::string& s) {
  static const std::map<std::string, ValueType> types = {
      {"bool", ValueType::Bool}, {"int", ValueType::Int},     {"uint", ValueType::Uint},
      {"size", ValueType::Size}, {"float", ValueType::Float}, {"enum", ValueType::Enum},
      {"string", ValueType::String}, {"path", ValueType::Path}};
  return types.at(s);
}

Status parse_status(const std::string& s) {
  if (s == "experimental") return Status::Experimental;
  if (s == "deprecated") return Status::Deprecated;
  if (s == "removed") return Status::Removed;
  return Status::Active;
}

FlagKind parse_kind(const std::string& s) {
  if (s == "optimization") return FlagKind::Optimization;
  if (s == "debug") return FlagKind::Debug;
  if (s == "build_mode") return FlagKind::BuildMode;
  return FlagKind::Feature;
}

bool is_c_keyword(const std::string& s) {
  static const std::set<std::string> words = {
      "auto", "bool", "break", "case", "char", "class", "const", "continue", "default", "delete", "do",
      "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "new",
      "operator", "private", "public", "register", "restrict", "return", "short", "signed", "sizeof",
      "static", "struct", "switch", "template", "this", "typedef", "union", "unsigned", "void",
      "volatile", "while", "main", "malloc", "free", "calloc", "realloc", "getenv"};
  return words.count(s) != 0;
}

// Builds the model from a schema-valid document and applies the semantic rules.
class RegistryBuilder {
 public:
  RegistryBuilder(const JsonDocument& doc, std::vector<Diagnostic>& diags) : doc_(doc), diags_(diags) {}

  void build(Registry& reg) {
    const json& root = doc_.root;
    const json& project = root["project"];
    reg.file = doc_.file;
    reg.project_name = str_or(project, "name");
    reg.prefix = str_or(project, "prefix");
    reg.c_prefix = str_or(project, "c_prefix");
    reg.header = str_or(project, "header", reg.c_prefix + "/config_generated.h");
    reg.messages_prefix = str_or(project, "messages_prefix", reg.c_prefix + ": ");
    prefix_ = reg.prefix;

    read_layers(reg);
    read_variables(reg);
    reg.build_indexes();
    read_flat_aliases(reg);
    read_removed(reg);
    read_flags(reg);
    check_conflicts(reg);
  }

 private:
  const JsonDocument& doc_;
  std::vector<Diagnostic>& diags_;
  std::string prefix_;
  std::map<std::string, std::string> names_;  // every env name -> pointer of its declaration
  std::map<std::string, std::string> accessors_;

  void error(const std::string& ptr, const std::string& msg, const std::string& rule) {
    diags_.push_back(doc_.at(ptr, msg, rule));
  }

  void claim_name(const std::string& name, const std::string& ptr, const char* what) {
    auto [it, fresh] = names_.emplace(name, ptr);
    if (!fresh) {
      TextPos first = doc_.position_of(it->second);
      error(ptr,
            std::string(what) + " \"" + name + "\" is already declared at line " + std::to_string(first.line) +
                " (" + it->second + "); a name may be a variable, an alias or a removed name, once",
            "registry-duplicate-name");
    }
    if (name.rfind(prefix_, 0) != 0)
      error(ptr, std::string(what) + " \"" + name + "\" does not start with the project prefix " + prefix_,
            "registry-prefix");
  }

  void read_layers(Registry& reg) {
    const json& layers = doc_.root["layers"];
    std::set<std::string> seen;
    for (std::size_t i = 0; i < layers.size(); ++i) {
      Layer l{str_or(layers[i], "id"), str_or(layers[i], "title"), str_or(layers[i], "description")};
      if (!seen.insert(l.id).second)
        error(pointer_join(pointer_join("/layers", i), "id"), "layer \"" + l.id + "\" is declared twice",
              "registry-duplicate-name");
      reg.layers.push_back(std::move(l));
    }
  }

  std::optional<Value> typed(const Registry& reg, const Variable& var, const json& j, const std::string& ptr,
                             const char* what) {
    std::string err;
    auto v = reg.json_value(var, j, err);
    if (!v) error(ptr, std::string(what) + " of " + var.name + ": " + err, "registry-bad-value");
    return v;
  }

  void read_variables(Registry& reg) {
    const json& vars = doc_.root["variables"];
    for (std::size_t i = 0; i < vars.size(); ++i) {
      const json& o = vars[i];
      std::string ptr = pointer_join("/variables", i);
      Variable var;
      var.pointer = ptr;
      var.name = str_or(o, "name");
      var.type = parse_type(str_or(o, "type"));
      var.layer = str_or(o, "layer");
      var.status = parse_status(str_or(o, "status"));
      var.accessor = str_or(o, "accessor");
      if (o.contains("former_accessors"))
        for (const auto& a : o["former_accessors"]) var.former_accessors.push_back(a.get<std::string>());
      var.description = str_or(o, "description");
      var.out_of_range = str_or(o, "out_of_range", "clamp") == "reject" ? OutOfRange::Reject : OutOfRange::Clamp;
      if (o.contains("max_length")) var.max_length = o["max_length"].get<std::size_t>();
      if (o.contains("values"))
        for (const auto& w : o["values"]) var.values.push_back(w.get<std::string>());
      claim_name(var.name, pointer_join(ptr, "name"), "variable");
      check_variable_shape(reg, var, o, ptr);
      read_nested_aliases(var, o, ptr);
      read_conflict_decls(var, o, ptr);
      reg.variables.push_back(std::move(var));
    }
  }

  void check_variable_shape(const Registry& reg, Variable& var, const json& o, const std::string& ptr) {
    if (!reg.find_layer(var.layer))
      error(pointer_join(ptr, "layer"), "unknown layer \"" + var.layer + "\" for " + var.name,
            "registry-unknown-layer");
    if (is_c_keyword(var.accessor))
      error(pointer_join(ptr, "accessor"), "accessor \"" + var.accessor + "\" clashes with a C/C++ keyword or libc name",
            "registry-accessor-clash");
    auto [it, fresh] = accessors_.emplace(var.accessor, var.name);
    if (!fresh)
      error(pointer_join(ptr, "accessor"),
            "accessor \"" + var.accessor + "\" of " + var.name + " is already the accessor of " + it->second,
            "registry-accessor-clash");
    for (std::size_t k = 0; k < var.former_accessors.size(); ++k) {
      const std::string& old = var.former_accessors[k];
      auto [at, first] = accessors_.emplace(old, var.name);
      if (!first)
        error(pointer_join(pointer_join(ptr, "former_accessors"), k),
              "former accessor \"" + old + "\" of " + var.name + " is already an accessor of " + at->second,
              "registry-accessor-clash");
    }

    bool numeric = var.type == ValueType::Int || var.type == ValueType::Uint || var.type == ValueType::Size ||
                   var.type == ValueType::Float;
    if (var.type == ValueType::Enum && var.values.empty())
      error(ptr, "enum " + var.name + " declares no \"values\"", "registry-enum-values");
    if (var.type != ValueType::Enum && !var.values.empty())
      error(pointer_join(ptr, "values"), "\"values\" is only for enum settings, " + var.name + " is " +
                                             to_string(var.type), "registry-enum-values");
    for (const char* key : {"min", "max"}) {
      if (!o.contains(key)) continue;
      if (!numeric) {
        error(pointer_join(ptr, key), std::string("\"") + key + "\" is only for numeric settings, " + var.name +
                                          " is " + to_string(var.type), "registry-bounds");
        continue;
      }
      auto v = typed(reg, var, o[key], pointer_join(ptr, key), key);
      if (v) (std::string(key) == "min" ? var.min : var.max) = *v;
    }
    bool bounds_ordered = true;
    if (var.min && var.max) {
      Variable probe = var;
      probe.max.reset();
      if (!reg.in_bounds(probe, *var.max)) {
        error(pointer_join(ptr, "min"), "min of " + var.name + " (" + var.min->str() + ") is above its max (" +
                                            var.max->str() + ")", "registry-bounds");
        bounds_ordered = false;
      }
    }
    // No follow-on errors: a default cannot be judged against no values or inverted bounds.
    if (var.type == ValueType::Enum && var.values.empty()) return;
    auto def = typed(reg, var, o["default"], pointer_join(ptr, "default"), "default");
    if (!def) {
      if (var.type == ValueType::Enum && o["default"].is_string())
        diags_.back().rule = "registry-enum-default";
      return;
    }
    var.default_value = *def;
    if (bounds_ordered && !reg.in_bounds(var, *def)) {
      std::string range = (var.min ? var.min->str() : std::string("-inf")) + ".." +
                          (var.max ? var.max->str() : std::string("+inf"));
      error(pointer_join(ptr, "default"), "default of " + var.name + " (" + def->str() + ") is outside its bounds " + range,
            "registry-default-out-of-bounds");
    }
  }

  Alias read_alias(const json& a, const std::string& ptr, const std::string& target) {
    Alias al;
    al.name = str_or(a, "name");
    al.target = target;
    al.declared_removed = str_or(a, "status") == "removed";
    al.note = str_or(a, "note");
    al.pointer = ptr;
    // The schema guarantees both dates are calendar dates.
    al.deprecated_since = Date::parse(str_or(a, "deprecated_since")).value_or(Date{});
    al.sunset = Date::parse(str_or(a, "sunset")).value_or(Date{});
    if (al.sunset < al.deprecated_since)
      error(pointer_join(ptr, "sunset"),
            "sunset " + al.sunset.str() + " of alias " + al.name + " comes before its deprecated_since " +
                al.deprecated_since.str(),
            "registry-date-order");
    if (a.contains("value_map"))
      for (const auto& [k, v] : a["value_map"].items()) al.value_map[k] = v.get<std::string>();
    claim_name(al.name, pointer_join(ptr, "name"), "alias");
    return al;
  }

  void read_nested_aliases(Variable& var, const json& o, const std::string& ptr) {
    if (!o.contains("aliases")) return;
    const json& aliases = o["aliases"];
    for (std::size_t k = 0; k < aliases.size(); ++k) {
      std::string aptr = pointer_join(pointer_join(ptr, "aliases"), k);
      if (aliases[k].contains("target"))
        error(pointer_join(aptr, "target"), "a nested alias takes its target from the enclosing variable",
              "registry-alias-target");
      var.aliases.push_back(read_alias(aliases[k], aptr, var.name));
    }
  }

  void read_conflict_decls(Variable& var, const json& o, const std::string&) {
    if (!o.contains("conflicts")) return;
    for (const auto& c : o["conflicts"])
      var.conflicts.push_back(Conflict{str_or(c, "with"),
                                       str_or(c, "when") == "both_set" ? ConflictWhen::BothSet
                                                                       : ConflictWhen::BothEnabled,
                                       str_or(c, "prefer"), str_or(c, "reason")});
  }

  // Flat aliases may point at a variable or at another alias; follow the chain to the
  // canonical variable, reporting unknown targets and cycles with the whole chain.
  void read_flat_aliases(Registry& reg) {
    if (!doc_.root.contains("aliases")) return;
    const json& aliases = doc_.root["aliases"];
    std::map<std::string, std::string> target_of;
    for (const auto& var : reg.variables)
      for (const auto& al : var.aliases) target_of[al.name] = var.name;
    for (const auto& a : aliases) target_of[str_or(a, "name")] = str_or(a, "target");
    std::set<std::string> reported_cycles;  // each cycle once, not once per member or feeder
    for (std::size_t k = 0; k < aliases.size(); ++k) {
      std::string aptr = pointer_join("/aliases", k);
      std::string name = str_or(aliases[k], "name");
      Alias al = read_alias(aliases[k], aptr, "");
      std::vector<std::string> chain{name};
      std::string cur = target_of[name];
      bool ok = true;
      while (true) {
        if (reg.find_variable(cur)) break;
        if (auto at = std::find(chain.begin(), chain.end(), cur); at != chain.end()) {
          bool known = std::any_of(at, chain.end(), [&](const std::string& c) { return reported_cycles.count(c); });
          if (!known) {
            std::string text;
            for (auto& c : chain) text += c + " -> ";
            error(pointer_join(aptr, "target"), "alias cycle: " + text + cur, "registry-alias-cycle");
            reported_cycles.insert(at, chain.end());
          }
          ok = false;
          break;
        }
        if (!target_of.count(cur)) {
          error(pointer_join(aptr, "target"),
                "alias " + name + " points to \"" + cur + "\", which is neither a variable nor an alias",
                "registry-alias-unknown-target");
          ok = false;
          break;
        }
        chain.push_back(cur);
        cur = target_of[cur];
      }
      if (!ok) continue;
      al.target = cur;
      for (auto& var : reg.variables)
        if (var.name == cur) var.aliases.push_back(al);
    }
  }

  void read_removed(Registry& reg) {
    if (doc_.root.contains("removed")) {
      const json& removed = doc_.root["removed"];
      for (std::size_t k = 0; k < removed.size(); ++k) {
        std::string ptr = pointer_join("/removed", k);
        RemovedName r{str_or(removed[k], "name"),
                      Date::parse(str_or(removed[k], "removed_since")).value_or(Date{}),
                      str_or(removed[k], "reason"), str_or(removed[k], "replacement")};
        claim_name(r.name, pointer_join(ptr, "name"), "removed name");
        reg.removed.push_back(std::move(r));
      }
    }
    if (doc_.root.contains("removed_families")) {
      const json& fams = doc_.root["removed_families"];
      for (std::size_t k = 0; k < fams.size(); ++k) {
        RemovedFamily f{str_or(fams[k], "prefix"),
                        Date::parse(str_or(fams[k], "removed_since")).value_or(Date{}),
                        str_or(fams[k], "reason"), str_or(fams[k], "replacement")};
        for (const auto& [name, where] : names_)
          if (name.rfind(f.prefix, 0) == 0 && where.rfind("/removed/", 0) != 0)
            error(pointer_join(pointer_join("/removed_families", k), "prefix"),
                  "removed family " + f.prefix + " would swallow the live name " + name, "registry-family-overlap");
        reg.removed_families.push_back(std::move(f));
      }
    }
  }

  void read_flags(Registry& reg) {
    const json& flags = doc_.root["build_flags"];
    std::map<std::string, std::size_t> seen;
    for (std::size_t k = 0; k < flags.size(); ++k) {
      const json& o = flags[k];
      std::string ptr = pointer_join("/build_flags", k);
      BuildFlag f;
      f.name = str_or(o, "name");
      f.kind = parse_kind(str_or(o, "kind"));
      const json& d = o["default"];
      f.default_text = d.is_string() ? d.get<std::string>() : d.is_boolean() ? (d.get<bool>() ? "1" : "0") : d.dump();
      f.description = str_or(o, "description");
      f.status = parse_status(str_or(o, "status"));
      if (o.contains("removed_since")) f.removed_since = Date::parse(str_or(o, "removed_since"));
      f.replacement = str_or(o, "replacement");
      if (o.contains("fixed")) {
        const json& v = o["fixed"];
        f.fixed = v.is_string() ? v.get<std::string>() : v.dump();
        if (f.status != Status::Removed)
          error(pointer_join(ptr, "fixed"), "build flag " + f.name + " is not removed; only removed flags have a fixed value",
                "registry-flag-fixed");
      }
      if (auto [it, fresh] = seen.emplace(f.name, k); !fresh)
        error(pointer_join(ptr, "name"), "build flag \"" + f.name + "\" is already declared at /build_flags/" +
                                             std::to_string(it->second), "registry-duplicate-name");
      if (f.status == Status::Removed && !f.removed_since)
        error(ptr, "removed build flag " + f.name + " needs \"removed_since\"", "registry-removed-date");
      reg.build_flags.push_back(std::move(f));
    }
  }

  void check_conflicts(Registry& reg) {
    for (const auto& var : reg.variables)
      for (std::size_t k = 0; k < var.conflicts.size(); ++k) {
        const Conflict& c = var.conflicts[k];
        std::string ptr = pointer_join(pointer_join(var.pointer, "conflicts"), k);
        if (!reg.find_variable(c.with)) {
          error(pointer_join(ptr, "with"), "conflict of " + var.name + " names unknown variable \"" + c.with + "\"",
                "registry-unknown-reference");
          continue;  // "prefer" cannot be judged against an unknown name
        }
        if (c.with == var.name)
          error(pointer_join(ptr, "with"), var.name + " cannot conflict with itself", "registry-unknown-reference");
        if (c.prefer != var.name && c.prefer != c.with)
          error(pointer_join(ptr, "prefer"), "\"prefer\" must be " + var.name + " or " + c.with, "registry-conflict-prefer");
      }
    // Value maps translate legacy values: each translation must be valid for the target.
    for (const auto& var : reg.variables)
      for (const auto& al : var.aliases)
        for (const auto& [from, to] : al.value_map) {
          std::string err;
          auto v = reg.parse_value(var, to, err);
          if (!v || !reg.in_bounds(var, *v))
            error(pointer_join(pointer_join(al.pointer, "value_map"), from), "value_map of alias " + al.name + " maps '" + from + "' to '" + to +
                                   "', which is not a valid " + var.name + (v ? " (out of bounds)" : ": " + err),
                  "registry-bad-value");
        }
  }
};

}  // namespace

std::optional<Registry> Registry::load_text(const std::string& file, const std::string& text,
                                            std::vector<Diagnostic>& diags) {
  Diagnostic syntax;
  auto doc = parse_json(file, text, syntax);
  if (!doc) {
    diags.push_back(syntax);
    return std::nullopt;
  }
  std::size_t before = diags.size();
  JsonSchema(json::parse(embedded::registry_schema)).validate(*doc, diags);
  if (diags.size() != before) return std::nullopt;  // the model assumes a schema-valid document

  Registry reg;
  reg.positions = doc->positions;
  RegistryBuilder builder(*doc, diags);
  builder.build(reg);
  reg.build_indexes();
  if (has_errors(std::vector<Diagnostic>(diags.begin() + static_cast<std::ptrdiff_t>(before), diags.end())))
    return std::nullopt;
  return reg;
}

std::optional<Registry> Registry::load(const std::string& path, std::vector<Diagnostic>& diags) {
  std::string reason;
  auto text = read_text_file(path, &reason);
  if (!text) {
    diags.push_back(unreadable_file(path, "registry file", reason));
    return std::nullopt;
  }
  return load_text(path, *text, diags);
}

}  // namespace envkit
