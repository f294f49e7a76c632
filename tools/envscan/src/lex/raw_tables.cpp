#include "lex/raw_tables.h"

#include <regex>
#include <set>

#include "lex/raw_scan.h"

namespace envscan {

namespace {

using Tokens = std::vector<RawToken>;
using Range = std::pair<std::size_t, std::size_t>;

bool punct(const RawToken& t, const char* s) { return t.kind == RawToken::Punct && t.text == s; }
bool opens(const RawToken& t) { return punct(t, "(") || punct(t, "[") || punct(t, "{"); }
bool closes(const RawToken& t) { return punct(t, ")") || punct(t, "]") || punct(t, "}"); }

// The token closing the bracket opened at `i`, or code.size() when unbalanced.
std::size_t closing(const Tokens& code, std::size_t i) {
  int depth = 0;
  for (std::size_t k = i; k < code.size(); ++k) {
    if (opens(code[k])) ++depth;
    else if (closes(code[k]) && --depth == 0) return k;
  }
  return code.size();
}

// [b, e) split at `sep` outside brackets; empty pieces dropped (a trailing comma).
std::vector<Range> split(const Tokens& code, std::size_t b, std::size_t e, const char* sep) {
  std::vector<Range> out;
  int depth = 0;
  std::size_t start = b;
  for (std::size_t k = b; k < e; ++k) {
    if (opens(code[k])) ++depth;
    else if (closes(code[k])) --depth;
    else if (depth == 0 && punct(code[k], sep)) {
      if (k > start) out.push_back({start, k});
      start = k + 1;
    }
  }
  if (e > start) out.push_back({start, e});
  return out;
}

// "A" "B" or L"A": the content; anything else (NULL, a number, an expression): nullopt.
std::optional<std::string> strings_only(const Tokens& code, std::size_t b, std::size_t e) {
  if (b >= e) return std::nullopt;
  std::string s;
  for (std::size_t k = b; k < e; ++k) {
    if (code[k].kind != RawToken::String) return std::nullopt;
    s += code[k].text;
  }
  return s;
}

RawTableElement element(const Tokens& code, Range r) {
  RawTableElement el;
  auto [b, e] = r;
  if (e - b >= 3 && punct(code[b], ".") && code[b + 1].kind == RawToken::Ident && punct(code[b + 2], "=")) {
    el.field = code[b + 1].text;  // .env = "X"
    b += 3;
  }
  el.value = strings_only(code, b, e);
  return el;
}

// `ENTRY("ACME_ROOT")` with `#define ENTRY(s) { L##s, sizeof(s) - 1 }`: the elements of the
// body with the arguments put in (pasted wide prefixes dropped).
std::optional<RawTableEntry> expand(const RawDefine& d, const Tokens& code, Range args) {
  const Tokens& body = d.body;
  if (body.empty() || !punct(body.front(), "{") || closing(body, 0) != body.size() - 1) return std::nullopt;
  std::vector<Range> actual = split(code, args.first, args.second, ",");
  if (actual.size() != d.params.size()) return std::nullopt;
  auto param = [&](const std::string& name) -> int {
    for (std::size_t i = 0; i < d.params.size(); ++i)
      if (d.params[i] == name) return static_cast<int>(i);
    return -1;
  };
  RawTableEntry entry;
  for (auto [b, e] : split(body, 1, body.size() - 1, ",")) {
    RawTableElement el;
    std::string value;
    bool ok = true;
    for (std::size_t k = b; k < e && ok; ++k) {
      const RawToken& t = body[k];
      if (t.kind == RawToken::String) {
        value += t.text;
      } else if (punct(t, "##") || (t.kind == RawToken::Ident && t.text == "L" && k + 1 < e && punct(body[k + 1], "##"))) {
        continue;
      } else if (punct(t, "#") && k + 1 < e && body[k + 1].kind == RawToken::Ident && param(body[k + 1].text) >= 0) {
        Range a = actual[static_cast<std::size_t>(param(body[++k].text))];
        if (a.second - a.first != 1 || code[a.first].kind != RawToken::Ident) ok = false;
        else value += code[a.first].text;  // #x stringises an identifier argument
      } else if (t.kind == RawToken::Ident && param(t.text) >= 0) {
        Range a = actual[static_cast<std::size_t>(param(t.text))];
        auto s = strings_only(code, a.first, a.second);
        if (s) value += *s;
        else ok = false;
      } else {
        ok = false;
      }
    }
    if (ok && b < e) el.value = value;
    entry.elements.push_back(el);
  }
  return entry;
}

const RawDefine* macro_named(const std::vector<RawDefine>& defines, const std::string& name) {
  const RawDefine* found = nullptr;
  for (const RawDefine& d : defines)
    if (d.name == name) found = d.undef || !d.function_like ? nullptr : &d;
  return found;
}

void add_record(const Tokens& code, std::size_t struct_at, RawTables& out) {
  std::size_t k = struct_at + 1;
  std::string tag;
  if (k < code.size() && code[k].kind == RawToken::Ident) tag = code[k++].text;
  if (k >= code.size() || !punct(code[k], "{")) return;
  std::size_t close = closing(code, k);
  if (close >= code.size()) return;
  std::vector<std::string> fields;
  for (std::size_t i = k + 1; i < close; ++i)
    if (punct(code[i], "{") || punct(code[i], "(")) return;  // nested record, function pointer
  for (auto [b, e] : split(code, k + 1, close, ";"))
    for (auto [db, de] : split(code, b, e, ",")) {
      std::string name;
      for (std::size_t i = db; i < de && !punct(code[i], "[") && !punct(code[i], ":"); ++i)
        if (code[i].kind == RawToken::Ident) name = code[i].text;
      if (name.empty()) return;
      fields.push_back(name);
    }
  if (!tag.empty()) out.record_fields.push_back({tag, fields});
  // typedef struct [tag] { ... } name;
  if (struct_at > 0 && code[struct_at - 1].kind == RawToken::Ident && code[struct_at - 1].text == "typedef" &&
      close + 1 < code.size() && code[close + 1].kind == RawToken::Ident)
    out.record_fields.push_back({code[close + 1].text, fields});
}

void add_table(const Tokens& code, std::size_t name_at, const std::vector<RawDefine>& defines, RawTables& out) {
  std::size_t k = name_at + 1;
  while (k < code.size() && punct(code[k], "[")) k = closing(code, k) + 1;
  if (k + 1 >= code.size() || !punct(code[k], "=") || !punct(code[k + 1], "{")) return;
  std::size_t open = k + 1, close = closing(code, open);
  if (close >= code.size()) return;
  RawTable table;
  table.name = code[name_at].text;
  static const std::set<std::string> qualifiers = {"const", "static", "volatile", "constexpr", "extern",
                                                   "register", "inline", "thread_local", "_Thread_local"};
  for (std::size_t i = name_at; i-- > 0;) {
    if (punct(code[i], "*") || (code[i].kind == RawToken::Ident && qualifiers.count(code[i].text))) continue;
    if (code[i].kind == RawToken::Ident) table.type = code[i].text;
    break;
  }
  for (auto [b, e] : split(code, open + 1, close, ",")) {
    RawTableEntry entry;
    entry.offset = code[b].offset;
    if (punct(code[b], "{") && closing(code, b) == e - 1) {
      for (Range r : split(code, b + 1, e - 1, ",")) entry.elements.push_back(element(code, r));
    } else if (code[b].kind == RawToken::Ident && b + 1 < e && punct(code[b + 1], "(") && closing(code, b + 1) == e - 1) {
      const RawDefine* d = macro_named(defines, code[b].text);
      std::optional<RawTableEntry> x = d ? expand(*d, code, {b + 2, e - 1}) : std::nullopt;
      if (!x) continue;
      entry.elements = std::move(x->elements);
    } else {
      entry.elements.push_back(element(code, {b, e}));
    }
    table.entries.push_back(std::move(entry));
  }
  // Only tables that hold strings can name anything.
  for (const RawTableEntry& e : table.entries)
    for (const RawTableElement& el : e.elements)
      if (el.value) {
        out.tables.push_back(std::move(table));
        return;
      }
}

}  // namespace

RawTables scan_tables(const Tokens& code, const std::vector<RawDefine>& defines) {
  RawTables out;
  for (std::size_t k = 0; k + 1 < code.size(); ++k) {
    if (code[k].kind != RawToken::Ident) continue;
    if (code[k].text == "struct") add_record(code, k, out);
    else if (punct(code[k + 1], "[")) add_table(code, k, defines, out);
  }
  // Keep the field order of the records the tables hold, nothing else.
  std::set<std::string> types;
  for (const RawTable& t : out.tables) types.insert(t.type);
  std::erase_if(out.record_fields, [&](const auto& r) { return !types.count(r.first); });
  return out;
}

std::vector<std::pair<std::string, unsigned>> table_read_values(const RawTables& t, const std::string& arg) {
  static const std::regex read(R"(^\s*([A-Za-z_]\w*)\s*\[[^\]\[]*\]\s*(?:\.\s*([A-Za-z_]\w*))?\s*$)");
  std::smatch m;
  std::vector<std::pair<std::string, unsigned>> out;
  if (!std::regex_match(arg, m, read)) return out;
  const RawTable* table = nullptr;
  for (const RawTable& x : t.tables)
    if (x.name == m[1].str()) table = &x;
  if (!table) return out;
  const std::string field = m[2].str();
  int index = -1;
  if (!field.empty()) {
    for (const auto& [type, fields] : t.record_fields)
      if (type == table->type)
        for (std::size_t i = 0; i < fields.size(); ++i)
          if (fields[i] == field) index = static_cast<int>(i);
  }
  for (const RawTableEntry& e : table->entries) {
    const RawTableElement* el = nullptr;
    if (field.empty()) {
      if (e.elements.size() == 1 && e.elements[0].field.empty()) el = &e.elements[0];
    } else {
      for (const RawTableElement& x : e.elements)
        if (x.field == field) el = &x;
      if (!el && index >= 0 && static_cast<std::size_t>(index) < e.elements.size() &&
          e.elements[static_cast<std::size_t>(index)].field.empty())
        el = &e.elements[static_cast<std::size_t>(index)];
    }
    if (el && el->value) out.push_back({*el->value, e.offset});
  }
  return out;
}

}  // namespace envscan
