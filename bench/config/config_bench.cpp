// Cost of the runtime configuration layer: initialisation with 100 HAKMEM_ variables
// set (among ordinary environment entries), and one accessor read on the hot path.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "hakmem/config.h"
#include "setting_values.h"

namespace {

// 100 HAKMEM_ entries: every canonical setting, then aliases, removed names and
// misspellings (each with its message formatted, then discarded), plus 60 ordinary
// entries a shell would carry.
std::vector<std::string> environment_with_100_variables() {
  std::vector<std::string> env;
  for (unsigned k = 0; k < 60; ++k) env.push_back("OTHER_VARIABLE_" + std::to_string(k) + "=some value");
  unsigned prefixed = 0;
  for (unsigned k = 0; k < HAKMEM_SETTING_COUNT; ++k, ++prefixed)
    env.push_back(std::string(hakmem_settings[k].name) + "=" + valid_value_for(hakmem_settings[k]));
  for (unsigned k = 0; k < HAKMEM_ALIAS_COUNT && prefixed < 100; ++k, ++prefixed)
    env.push_back(std::string(hakmem_aliases[k].name) + "=1");
  for (unsigned k = 0; k < HAKMEM_REMOVED_COUNT && prefixed < 100; ++k, ++prefixed)
    env.push_back(std::string(hakmem_removed_names[k].name) + "=1");
  for (unsigned k = 0; prefixed < 100; ++k, ++prefixed)
    env.push_back("HAKMEM_MISSPELLED_SETTING_" + std::to_string(k) + "=1");
  return env;
}

void init_from(std::vector<std::string>& env, benchmark::State& state) {
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  hakmem_config_options opt{envp.data(), 20261201, 0, -1};
  for (auto _ : state) {
    hakmem_config_init_with(&opt);
    benchmark::ClobberMemory();
  }
}

void BM_InitHundredVariables(benchmark::State& state) {
  auto env = environment_with_100_variables();
  init_from(env, state);
  state.counters["hakmem_vars"] = 100;
  state.counters["env_entries"] = static_cast<double>(env.size());
}
BENCHMARK(BM_InitHundredVariables);

void BM_InitCanonicalOnly(benchmark::State& state) {
  std::vector<std::string> env;
  for (unsigned k = 0; k < 60; ++k) env.push_back("OTHER_VARIABLE_" + std::to_string(k) + "=some value");
  for (unsigned k = 0; k < HAKMEM_SETTING_COUNT; ++k)
    env.push_back(std::string(hakmem_settings[k].name) + "=" + valid_value_for(hakmem_settings[k]));
  init_from(env, state);
  state.counters["hakmem_vars"] = HAKMEM_SETTING_COUNT;
}
BENCHMARK(BM_InitCanonicalOnly);

void BM_InitNoVariables(benchmark::State& state) {
  std::vector<std::string> env;
  for (unsigned k = 0; k < 60; ++k) env.push_back("OTHER_VARIABLE_" + std::to_string(k) + "=some value");
  init_from(env, state);
}
BENCHMARK(BM_InitNoVariables);

void BM_AccessorRead(benchmark::State& state) {
  hakmem_config_options opt{nullptr, 20261201, 0, -1};
  hakmem_config_init_with(&opt);
  for (auto _ : state) {
    int64_t v = hakmem_tiny_refill_batch();
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_AccessorRead);

void BM_InitAfterFirstCall(benchmark::State& state) {
  hakmem_config_init();
  for (auto _ : state) hakmem_config_init();  // the once-check every allocator entry may do
}
BENCHMARK(BM_InitAfterFirstCall);

}  // namespace

BENCHMARK_MAIN();
