// CONFIGURATION.md: the master reference of every runtime variable, by layer.
#include <sstream>

#include "envgen/envgen.h"
#include "markdown.h"
#include "c_text.h"

namespace envgen {

namespace {

using envkit::Registry;
using envkit::ValueType;
using envkit::Variable;

std::string anchor(const std::string& name) {
  std::string a;
  for (char c : name) a += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return a;
}

std::string range_text(const Variable& v) {
  if (v.type == ValueType::Enum) {
    std::string s;
    for (const auto& w : v.values) s += (s.empty() ? "" : ", ") + code(w);
    return s;
  }
  if (v.type == ValueType::String || v.type == ValueType::Path)
    return "at most " + std::to_string(v.max_length) + " bytes";
  if (v.type == ValueType::Bool) return "`1`/`0`, `true`/`false`, `yes`/`no`, `on`/`off`";
  if (!v.min && !v.max) return "any";
  return (v.min ? code(v.min->str()) : std::string("no minimum")) + " .. " +
         (v.max ? code(v.max->str()) : std::string("no maximum")) +
         (v.type == ValueType::Size ? " (bytes; K/M/G suffixes)" : "");
}

std::string out_of_range_text(const Variable& v) {
  if (v.type == ValueType::Enum) return "another word: reported, the default is used";
  if (v.type == ValueType::String || v.type == ValueType::Path) return "too long: reported, the default is used";
  if (v.type == ValueType::Bool || (!v.min && !v.max)) return "";
  return v.out_of_range == envkit::OutOfRange::Clamp ? "clamp: reported, the nearest bound is used"
                                                     : "reject: reported, the default is used";
}

std::string presets_text(const Inputs& in, const Variable& v) {
  std::string s;
  for (const auto& p : in.presets)
    for (const auto& [name, value] : p.settings)
      if (name == v.name) s += (s.empty() ? "" : "; ") + p.name + ": " + code(value.str());
  return s.empty() ? "none" : s;
}

// Conflicts are declared on one side; the reference shows them on both.
std::string conflicts_text(const Registry& reg, const Variable& v) {
  std::string s;
  for (const auto& other : reg.variables)
    for (const auto& c : other.conflicts) {
      if (other.name != v.name && c.with != v.name) continue;
      const std::string& peer = other.name == v.name ? c.with : other.name;
      const std::string& loser = c.prefer == other.name ? c.with : other.name;
      s += (s.empty() ? "" : "<br>") + std::string("with ") + code(peer) +
           (c.when == envkit::ConflictWhen::BothEnabled ? " when both are enabled" : " when both are set") + ": " +
           code(c.prefer) + " wins, " + code(loser) + " falls back to its default. " + cell(c.reason);
    }
  return s.empty() ? "none" : s;
}

std::string aliases_text(const Variable& v) {
  std::string s;
  for (const auto& a : v.aliases) {
    s += (s.empty() ? "" : "<br>") + code(a.name) + " (" + (a.declared_removed ? "removed" : "deprecated") +
         " since " + a.deprecated_since.str() + ", sunset " + a.sunset.str();
    if (!a.value_map.empty()) {
      s += "; values";
      for (const auto& [from, to] : a.value_map) s += " " + code(from) + " → " + code(to);
    }
    s += ")";
  }
  return s.empty() ? "none" : s;
}

void variable_section(std::ostream& o, const Inputs& in, const Variable& v) {
  o << "### " << prose(v.name) << "\n\n" << prose(v.description) << "\n\n| | |\n| --- | --- |\n";
  o << "| Type | " << envkit::to_string(v.type) << " |\n";
  o << "| Default | " << code(v.default_value.str()) << " |\n";
  o << "| " << (v.type == ValueType::Enum ? "Values" : "Range") << " | " << range_text(v) << " |\n";
  if (std::string oor = out_of_range_text(v); !oor.empty()) o << "| Out of range | " << oor << " |\n";
  o << "| Status | " << envkit::to_string(v.status) << " |\n";
  o << "| Presets | " << presets_text(in, v) << " |\n";
  o << "| Conflicts | " << conflicts_text(in.registry, v) << " |\n";
  o << "| Aliases | " << aliases_text(v) << " |\n";
  o << "| Accessor | " << code(v.accessor + "()") << " returning " << code(accessor_return_type(v)) << " |\n\n";
}

}  // namespace

std::string render_configuration(const Inputs& in) {
  const Registry& reg = in.registry;
  std::ostringstream o;
  o << "# " << prose(reg.project_name) << " configuration reference\n\n"
    << generated_comment(in.registry_display, in.presets_display) << "\n"
    << "Every runtime environment variable " << prose(reg.project_name) << " reads (prefix " << code(reg.prefix) << "), by layer. "
    << "A value comes from the built-in default, then a preset, then the environment; later sources win. "
    << "Deprecated and removed names are listed in DEPRECATED.md, build flags in BUILD_FLAGS.md.\n\n";

  o << "Presets: ";
  if (in.presets.empty()) o << "none.\n\n";
  for (std::size_t k = 0; k < in.presets.size(); ++k)
    o << code(in.presets[k].name) << (k + 1 < in.presets.size() ? ", " : ".\n\n");

  o << "## Index\n\n| Variable | Layer | Type | Default | Status |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& layer : reg.layers)
    for (const auto& v : reg.variables)
      if (v.layer == layer.id)
        o << "| [" << v.name << "](#" << anchor(v.name) << ") | " << cell(layer.title) << " | "
          << envkit::to_string(v.type) << " | " << code(v.default_value.str()) << " | " << envkit::to_string(v.status)
          << " |\n";
  o << "\n";

  for (const auto& layer : reg.layers) {
    o << "## " << prose(layer.title) << "\n\n";
    if (!layer.description.empty()) o << prose(layer.description) << "\n\n";
    bool any = false;
    for (const auto& v : reg.variables)
      if (v.layer == layer.id) {
        variable_section(o, in, v);
        any = true;
      }
    if (!any) o << "No variables.\n\n";
  }
  std::string text = o.str();
  text.pop_back();  // one trailing newline
  return text;
}

}  // namespace envgen
