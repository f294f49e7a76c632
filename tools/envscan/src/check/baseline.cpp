#include "check/baseline.h"

#include <algorithm>

#include "envkit/json_source.h"

namespace envscan {

std::optional<Baseline> load_baseline(const std::string& path, std::string& error) {
  envkit::Diagnostic diag;
  auto doc = envkit::load_json_file(path, diag);
  if (!doc) {
    error = diag.str();
    return std::nullopt;
  }
  const auto& root = doc->root;
  if (!root.is_object() || !root.contains("findings") || !root["findings"].is_array()) {
    error = doc->at("", "not a baseline: expected the output of envscan check --format json (a \"findings\" array)",
                    "baseline").str();
    return std::nullopt;
  }
  Baseline b;
  const auto& list = root["findings"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& f = list[i];
    auto str = [&](const char* k) { return f.is_object() && f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : std::string(); };
    if (str("rule").empty() || str("fingerprint").empty()) {
      error = doc->at(envkit::pointer_join("/findings", i), "baseline finding needs \"rule\" and \"fingerprint\"", "baseline").str();
      return std::nullopt;
    }
    b.keys.emplace_back(str("rule"), str("name"), str("fingerprint"));
  }
  std::sort(b.keys.begin(), b.keys.end());
  return b;
}

std::size_t filter_by_baseline(const Baseline& b, std::vector<CheckFinding>& findings) {
  std::size_t before = findings.size();
  std::erase_if(findings, [&](const CheckFinding& f) {
    return std::binary_search(b.keys.begin(), b.keys.end(), std::make_tuple(f.rule, f.name, f.fingerprint));
  });
  return before - findings.size();
}

}  // namespace envscan
