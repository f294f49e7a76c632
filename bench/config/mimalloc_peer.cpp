// The named peer of the configuration benchmark: mimalloc's option parsing (libmimalloc
// 2.0, Debian's libmimalloc-dev), timed in the same process and over the same kind of
// environment as the HAKMEM layer, with the same number of settings.
//
// mimalloc reads every option once, when the library loads (_mi_options_init calls
// mi_option_get for each; the first call of an option scans `environ` for
// MIMALLOC_<NAME>, case-insensitively, and parses the value). No public call reads them
// again, so this harness finds mimalloc's option table (`options[]`, of
// {long value; int init; int option; const char* name; const char* legacy_name}) in
// the library's writable data and marks each option uninitialised before every pass:
// a pass is then exactly what _mi_options_init does at start-up. The table is
// recognised by its option names in order, and a pass is checked to read a value set in
// the environment; if either check fails the benchmarks stop with an error instead of
// timing something else.
#include <link.h>
#include <mimalloc.h>

#include <cctype>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "hakmem/config.h"
#include "setting_values.h"

extern char** environ;

namespace {

struct MiOptionDesc {  // mimalloc 2.0's mi_option_desc_t
  long value;
  int init;  // 0: UNINIT, read from the environment at the next mi_option_get
  int option;
  const char* name;
  const char* legacy_name;
};

struct Segment {
  const char* begin;
  std::size_t size;
};

int find_writable_segments(dl_phdr_info* info, std::size_t, void* data) {
  if (!std::strstr(info->dlpi_name, "libmimalloc")) return 0;
  auto* out = static_cast<std::vector<Segment>*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const auto& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_LOAD && (ph.p_flags & PF_W))
      out->push_back({reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr), ph.p_memsz});
  }
  return 0;
}

bool names_match(const MiOptionDesc* t) {
  // The first options of mimalloc.h's mi_option_t, by their environment names.
  static const char* const first[] = {"show_errors", "show_stats", "verbose"};
  for (int i = 0; i < 3; ++i)
    if (t[i].option != i || !t[i].name || std::strcmp(t[i].name, first[i]) != 0) return false;
  for (int i = 3; i < _mi_option_last; ++i)
    if (t[i].option != i || !t[i].name) return false;
  return true;
}

// The option table, or an exception naming what did not match.
MiOptionDesc* option_table() {
  static MiOptionDesc* table = [] {
    std::vector<Segment> segments;
    dl_iterate_phdr(find_writable_segments, &segments);
    if (segments.empty()) throw std::runtime_error("libmimalloc is not loaded");
    for (const auto& s : segments)
      for (std::size_t off = 0; off + sizeof(MiOptionDesc) * _mi_option_last <= s.size; off += alignof(MiOptionDesc)) {
        auto* t = reinterpret_cast<MiOptionDesc*>(const_cast<char*>(s.begin + off));
        // Read the name pointers only once the option indices look right.
        if (t[0].option == 0 && t[1].option == 1 && t[2].option == 2 && names_match(t)) return t;
      }
    throw std::runtime_error("mimalloc's option table was not found (not mimalloc 2.0's layout)");
  }();
  return table;
}

// What _mi_options_init does at load: every option read from the environment.
long read_all_options(MiOptionDesc* table) {
  long sum = 0;
  for (int i = 0; i < _mi_option_last; ++i) table[i].init = 0;
  for (int i = 0; i < _mi_option_last; ++i) sum += mi_option_get(static_cast<mi_option_t>(i));
  return sum;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// 60 ordinary entries, as in config_bench.cpp.
std::vector<std::string> ordinary_entries() {
  std::vector<std::string> env;
  for (unsigned k = 0; k < 60; ++k) env.push_back("OTHER_VARIABLE_" + std::to_string(k) + "=some value");
  return env;
}

// Every mimalloc option set to the value it has by default, so that setting it changes
// nothing but the parsing.
std::vector<std::string> mimalloc_settings(MiOptionDesc* table) {
  static const std::vector<long> defaults = [table] {
    std::vector<long> v;
    for (int i = 0; i < _mi_option_last; ++i) v.push_back(table[i].value);
    return v;
  }();
  std::vector<std::string> out;
  for (int i = 0; i < _mi_option_last; ++i)
    out.push_back("MIMALLOC_" + upper(table[i].name) + "=" + std::to_string(defaults[static_cast<std::size_t>(i)]));
  return out;
}

// The first `n` HAKMEM settings, each with a valid value.
std::vector<std::string> hakmem_settings_entries(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n && k < HAKMEM_SETTING_COUNT; ++k)
    out.push_back(std::string(hakmem_settings[k].name) + "=" + valid_value_for(hakmem_settings[k]));
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& env) {
  std::vector<char*> p;
  for (auto& e : env) p.push_back(e.data());
  p.push_back(nullptr);
  return p;
}

// Runs `body` with `environ` pointing at `env`, restoring it afterwards.
template <class F>
void with_environment(std::vector<std::string>& env, F body) {
  std::vector<char*> p = pointers(env);
  char** saved = environ;
  environ = p.data();
  body(p.data());
  environ = saved;
}

// A pass must read what the environment says: MIMALLOC_OS_TAG=77 must give 77.
void check_a_pass_reads_the_environment(MiOptionDesc* table) {
  std::vector<std::string> env = ordinary_entries();
  env.push_back("MIMALLOC_OS_TAG=77");
  long got = 0;
  with_environment(env, [&](char**) {
    read_all_options(table);
    got = mi_option_get(mi_option_os_tag);
  });
  std::vector<std::string> plain = ordinary_entries();
  with_environment(plain, [&](char**) { read_all_options(table); });  // back to the defaults
  if (got != 77) throw std::runtime_error("a pass over mimalloc's options did not read the environment");
}

void run_mimalloc(benchmark::State& state, bool with_settings) {
  MiOptionDesc* table = nullptr;
  try {
    table = option_table();
    check_a_pass_reads_the_environment(table);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  std::vector<std::string> env = ordinary_entries();
  if (with_settings)
    for (auto& s : mimalloc_settings(table)) env.push_back(s);
  with_environment(env, [&](char**) {
    for (auto _ : state) benchmark::DoNotOptimize(read_all_options(table));
  });
  read_all_options(table);
  state.counters["settings"] = with_settings ? _mi_option_last : 0;
  state.counters["env_entries"] = static_cast<double>(env.size());
}

void run_hakmem(benchmark::State& state, bool with_settings) {
  std::vector<std::string> env = ordinary_entries();
  if (with_settings)
    for (auto& s : hakmem_settings_entries(_mi_option_last)) env.push_back(s);
  std::vector<char*> p = pointers(env);
  hakmem_config_options opt{p.data(), 20261201, 0, -1};
  for (auto _ : state) {
    hakmem_config_init_with(&opt);
    benchmark::ClobberMemory();
  }
  state.counters["settings"] = with_settings ? _mi_option_last : 0;
  state.counters["env_entries"] = static_cast<double>(env.size());
}

void BM_PeerMimallocOptionsSet(benchmark::State& state) { run_mimalloc(state, true); }
void BM_PeerHakmemSameCountSet(benchmark::State& state) { run_hakmem(state, true); }
void BM_PeerMimallocNoneSet(benchmark::State& state) { run_mimalloc(state, false); }
void BM_PeerHakmemNoneSet(benchmark::State& state) { run_hakmem(state, false); }
BENCHMARK(BM_PeerMimallocOptionsSet);
BENCHMARK(BM_PeerHakmemSameCountSet);
BENCHMARK(BM_PeerMimallocNoneSet);
BENCHMARK(BM_PeerHakmemNoneSet);

}  // namespace
