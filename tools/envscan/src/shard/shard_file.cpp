#include "shard/shard_file.h"

#include <cstdint>

#include <nlohmann/json.hpp>

#include "envkit/file_io.h"

namespace envscan {

namespace {

constexpr const char* kSchema = "envscan-shard/1";

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const std::string& in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    for (int k = 3; k >= 0; --k) out += kB64[(v >> (6 * k)) & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool unbase64(const std::string& in, std::string& out) {
  if (in.size() % 4) return false;
  out.clear();
  out.reserve(in.size() / 4 * 3);
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); i += 4) {
    int pad = (in[i + 3] == '=') + (in[i + 2] == '=');
    if (pad && i + 4 != in.size()) return false;
    int a = val(in[i]), b = val(in[i + 1]), c = pad >= 2 ? 0 : val(in[i + 2]), d = pad >= 1 ? 0 : val(in[i + 3]);
    if (a < 0 || b < 0 || c < 0 || d < 0) return false;
    unsigned v = unsigned(a) << 18 | unsigned(b) << 12 | unsigned(c) << 6 | unsigned(d);
    out += static_cast<char>(v >> 16);
    if (pad < 2) out += static_cast<char>((v >> 8) & 255);
    if (pad < 1) out += static_cast<char>(v & 255);
  }
  return true;
}

bool string_map(const nlohmann::json& j, std::map<std::string, std::string>& out) {
  if (!j.is_object()) return false;
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) return false;
    out[k] = v.get<std::string>();
  }
  return true;
}

}  // namespace

std::string shard_to_json(const ShardFile& s) {
  nlohmann::ordered_json j;
  j["schema"] = kSchema;
  j["shard"] = s.index;
  j["of"] = s.count;
  j["tool"] = s.tool;
  j["cwd"] = s.cwd;
  j["args"] = s.args;
  j["tree"] = s.tree;
  j["inputs"] = s.inputs;
  j["files"] = s.files;
  nlohmann::ordered_json entries = nlohmann::ordered_json::object();
  for (const auto& [k, v] : s.entries) entries[k] = base64(v);
  j["entries"] = std::move(entries);
  return j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::optional<ShardFile> load_shard(const std::string& path, std::string& error) {
  std::string text, why;
  // Shards carry every per-file result of their part of the tree: allow more than a source.
  if (envkit::read_regular_file(path, text, why, std::size_t{1} << 31) != envkit::ReadStatus::Ok) {
    error = path + ": cannot read: " + why;
    return std::nullopt;
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&](const std::string& what) {
    error = path + ": not an envscan shard file (" + what + ")";
    return std::nullopt;
  };
  if (j.is_discarded()) return bad("not JSON");
  if (!j.is_object() || j.value("schema", "") != kSchema) return bad(std::string("no \"schema\": \"") + kSchema + "\"");
  ShardFile s;
  if (!j.contains("shard") || !j["shard"].is_number_unsigned() || !j.contains("of") || !j["of"].is_number_unsigned())
    return bad("\"shard\" and \"of\" must be numbers");
  const auto index = j["shard"].get<std::uint64_t>(), count = j["of"].get<std::uint64_t>();
  if (count == 0 || count > 4096 || index == 0 || index > count)
    return bad("shard " + std::to_string(index) + " of " + std::to_string(count));
  s.index = static_cast<unsigned>(index);
  s.count = static_cast<unsigned>(count);
  for (const char* key : {"tool", "cwd", "tree"}) {
    if (!j.contains(key) || !j[key].is_string()) return bad(std::string("\"") + key + "\" must be a string");
  }
  s.tool = j["tool"].get<std::string>();
  s.cwd = j["cwd"].get<std::string>();
  s.tree = j["tree"].get<std::string>();
  if (!j.contains("args") || !j["args"].is_array()) return bad("\"args\" must be an array");
  for (const auto& a : j["args"]) {
    if (!a.is_string()) return bad("\"args\" must hold strings");
    s.args.push_back(a.get<std::string>());
  }
  std::map<std::string, std::string> entries;
  if (!j.contains("inputs") || !string_map(j["inputs"], s.inputs)) return bad("\"inputs\" must map names to digests");
  if (!j.contains("files") || !string_map(j["files"], s.files)) return bad("\"files\" must map paths to digests");
  if (!j.contains("entries") || !string_map(j["entries"], entries)) return bad("\"entries\" must map keys to entries");
  for (auto& [k, v] : entries) {
    std::string bytes;
    if (!unbase64(v, bytes)) return bad("entry " + k + " is not base64");
    s.entries[k] = std::move(bytes);
  }
  return s;
}

std::string check_shard_set(const std::vector<std::pair<std::string, ShardFile>>& shards) {
  if (shards.empty()) return "no shard files given";
  const auto& [first_path, first] = shards.front();
  std::map<unsigned, std::string> seen;
  for (const auto& [path, s] : shards) {
    auto differs = [&](const std::string& what) {
      return path + " and " + first_path + " come from different scans: their " + what + " differ";
    };
    if (s.count != first.count)
      return path + " is shard " + std::to_string(s.index) + " of " + std::to_string(s.count) + ", " + first_path +
             " one of " + std::to_string(first.count);
    if (s.tool != first.tool) return differs("envscan builds (tool identities)");
    if (s.args != first.args) return differs("scan arguments");
    if (s.cwd != first.cwd) return differs("working directories (" + s.cwd + ", " + first.cwd + ")");
    if (s.tree != first.tree) return differs("trees (the sets of source files)");
    if (s.inputs != first.inputs) return differs("registries or .envscan.json");
    if (auto [it, fresh] = seen.emplace(s.index, path); !fresh)
      return path + " and " + it->second + " are both shard " + std::to_string(s.index) + " of " + std::to_string(s.count);
  }
  std::string missing;
  for (unsigned i = 1; i <= first.count; ++i)
    if (!seen.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  if (!missing.empty()) return "missing shard(s) " + missing + " of " + std::to_string(first.count);
  return "";
}

std::string check_shard_coverage(const std::vector<std::pair<std::string, ShardFile>>& shards,
                                 const std::map<std::string, std::string>& now) {
  std::string problems;
  int shown = 0;
  auto add = [&](const std::string& p) {
    if (shown++ < 5) problems += (problems.empty() ? "" : "\n  ") + p;
  };
  std::map<std::string, std::string> covered;
  for (const auto& [path, s] : shards)
    for (const auto& [file, digest] : s.files) {
      covered[file] = path;
      auto it = now.find(file);
      if (it == now.end()) add(path + ": " + file + " is not in the tree here");
      else if (it->second != digest) add(path + ": " + file + " differs from the file the shard scanned");
    }
  for (const auto& [file, digest] : now)
    if (!covered.count(file)) add(file + " is in no shard");
  if (shown > 5) problems += "\n  ... (" + std::to_string(shown - 5) + " more)";
  return problems;
}

}  // namespace envscan
