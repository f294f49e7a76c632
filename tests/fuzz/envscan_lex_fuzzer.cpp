// libFuzzer target for envscan's raw lexer and #if condition evaluator: any bytes as a
// C and a C++ file, then every condition the lexer found, and the bytes themselves as
// a condition. Crashes, hangs, leaks and UB are findings.
#include <cstddef>
#include <cstdint>
#include <string>

#include "classify/condition_eval.h"
#include "lex/raw_scan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto never = [](const std::string& name) { return !name.empty() && name[0] == 'N'; };
  for (auto lang : {envscan::Language::C, envscan::Language::CXX}) {
    envscan::RawFile f = envscan::scan_raw("/fuzz/input.c", "input.c", text, lang);
    for (const auto& arm : f.arms) {
      (void)envscan::evaluate_condition(arm.condition, never);
      (void)envscan::join_conditions(f.conditions_at(arm.begin));
    }
    for (const auto& d : f.defines) (void)f.location(d.offset);
  }
  (void)envscan::evaluate_condition(text, never);
  return 0;
}
