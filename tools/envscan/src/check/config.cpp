// Loading the `check` object of .envscan.json.
#include "check/config.h"

#include <filesystem>

#include "envkit/json_source.h"

namespace envscan {

void drop_registry_inputs(CheckConfig& cfg) {
  cfg.presets.clear();
  cfg.docs_configuration.clear();
  cfg.docs_build_flags.clear();
  cfg.docs_deprecated.clear();
  cfg.docs_header.clear();
  cfg.regenerate.clear();
}

std::optional<CheckConfig> load_check_config(const std::string& file, envkit::Diagnostic& error) {
  CheckConfig cfg;
  if (file.empty()) return cfg;
  auto doc = envkit::load_json_file(file, error);
  if (!doc) return std::nullopt;
  if (!doc->root.is_object() || !doc->root.contains("check")) return cfg;
  const auto& c = doc->root["check"];
  const std::string base = "/check";
  auto fail = [&](const std::string& ptr, const std::string& msg) -> std::optional<CheckConfig> {
    error = doc->at(ptr, msg, "config");
    return std::nullopt;
  };
  if (!c.is_object()) return fail(base, "'check' must be an object");
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  auto abs = [&](const std::string& p) { return (dir / p).lexically_normal().string(); };
  auto strings = [&](const std::string& ptr, const auto& v, std::vector<std::string>& out) -> bool {
    if (!v.is_array()) return false;
    for (const auto& s : v) {
      if (!s.is_string()) return false;
      out.push_back(s.template get<std::string>());
    }
    (void)ptr;
    return true;
  };
  for (auto it = c.begin(); it != c.end(); ++it) {
    const std::string& key = it.key();
    const auto& v = it.value();
    std::string ptr = envkit::pointer_join(base, key);
    if (key == "severities") {
      if (!v.is_object()) return fail(ptr, "'severities' must map rule ids to error, warning or off");
      for (auto s = v.begin(); s != v.end(); ++s) {
        std::string level = s.value().is_string() ? s.value().get<std::string>() : "";
        if (level != "error" && level != "warning" && level != "off")
          return fail(envkit::pointer_join(ptr, s.key()), "severity of '" + s.key() + "' must be error, warning or off");
        cfg.severities[s.key()] = level;
      }
    } else if (key == "raw_env_allow" || key == "scripts") {
      if (!strings(ptr, v, key == "scripts" ? cfg.scripts : cfg.raw_env_allow))
        return fail(ptr, "'" + key + "' must be an array of globs");
    } else if (key == "presets" || key == "regenerate") {
      if (!v.is_string()) return fail(ptr, "'" + key + "' must be a string");
      (key == "presets" ? cfg.presets : cfg.regenerate) = key == "presets" ? abs(v.get<std::string>()) : v.get<std::string>();
    } else if (key == "docs") {
      if (!v.is_object()) return fail(ptr, "'docs' must be an object");
      for (auto d = v.begin(); d != v.end(); ++d) {
        std::string dptr = envkit::pointer_join(ptr, d.key());
        if (!d.value().is_string()) return fail(dptr, "'" + d.key() + "' must be a path");
        std::string p = abs(d.value().get<std::string>());
        if (d.key() == "configuration") cfg.docs_configuration = p;
        else if (d.key() == "build_flags") cfg.docs_build_flags = p;
        else if (d.key() == "deprecated") cfg.docs_deprecated = p;
        else if (d.key() == "header") cfg.docs_header = p;
        else return fail(dptr, "unknown document '" + d.key() + "' (expected configuration, build_flags, deprecated, header)");
      }
    } else {
      return fail(ptr, "unknown key '" + key + "' (expected severities, raw_env_allow, presets, docs, regenerate, scripts)");
    }
  }
  return cfg;
}

}  // namespace envscan
