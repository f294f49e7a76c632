// Presets: a named set of values, each checked against the registry's type and bounds.

#include "envkit/json_schema.h"
#include "envkit/json_source.h"
#include "envkit/registry.h"

namespace envkit {

namespace embedded {
extern const char preset_schema[];
}

std::optional<Preset> Registry::load_preset_text(const std::string& file, const std::string& text,
                                                 std::vector<Diagnostic>& diags) const {
  Diagnostic syntax;
  auto doc = parse_json(file, text, syntax);
  if (!doc) {
    diags.push_back(syntax);
    return std::nullopt;
  }
  std::size_t before = diags.size();
  JsonSchema(nlohmann::ordered_json::parse(embedded::preset_schema)).validate(*doc, diags);
  if (diags.size() != before) return std::nullopt;

  Preset preset;
  preset.file = file;
  preset.name = doc->root["name"].get<std::string>();
  preset.description = doc->root["description"].get<std::string>();
  const Date today = Date::today_utc();
  for (const auto& [name, value] : doc->root["settings"].items()) {
    std::string ptr = pointer_join("/settings", name);
    NameInfo info = lookup(name, today);
    if (info.kind == NameInfo::Kind::Alias) {
      diags.push_back(doc->at(ptr, "preset " + preset.name + " uses the alias " + name + "; use " +
                                       info.variable->name, "preset-alias"));
      continue;
    }
    if (info.kind != NameInfo::Kind::Variable) {
      diags.push_back(doc->at(ptr, "preset " + preset.name + " sets \"" + name + "\", which is not a registry variable" +
                                       (info.kind == NameInfo::Kind::Unknown ? "" : " (it is removed)"),
                              "preset-unknown-variable"));
      continue;
    }
    const Variable& var = *info.variable;
    if (var.status == Status::Removed) {
      diags.push_back(doc->at(ptr, "preset " + preset.name + " sets removed variable " + name, "preset-unknown-variable"));
      continue;
    }
    std::string err;
    auto v = json_value(var, value, err);
    if (!v) {
      diags.push_back(doc->at(ptr, name + ": " + err, "preset-bad-value"));
      continue;
    }
    if (!in_bounds(var, *v)) {
      std::string range = var.type == ValueType::Enum ? std::string("one of the enum values")
                          : (var.min ? var.min->str() : std::string("-inf")) + ".." +
                                (var.max ? var.max->str() : std::string("+inf"));
      diags.push_back(doc->at(ptr, name + " = " + v->str() + " is outside " + range, "preset-out-of-range"));
      continue;
    }
    preset.settings.emplace_back(name, *v);
  }
  if (diags.size() != before) return std::nullopt;
  return preset;
}

std::optional<Preset> Registry::load_preset(const std::string& path, std::vector<Diagnostic>& diags) const {
  std::string reason;
  auto text = read_text_file(path, &reason);
  if (!text) {
    diags.push_back(unreadable_file(path, "preset file", reason));
    return std::nullopt;
  }
  return load_preset_text(path, *text, diags);
}

}  // namespace envkit
