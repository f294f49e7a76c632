#!/bin/sh
# Runs the configuration-layer benchmark and writes reports/config-runtime.md (figures,
# the peer's figures from the same run and their ratio, machine, date); nothing else
# writes that report. The peer is mimalloc's option parsing (Debian: libmimalloc-dev).
# Usage: bench/config/run.sh [build-dir]  (default: build)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-"$root/build"}
case $build in /*) ;; *) build="$root/$build" ;; esac

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
# Configure again: libmimalloc may have been installed since the last configure.
cmake "$build" >/dev/null
cmake --build "$build" --target config_bench -j2
bench="$build/bench/config/config_bench"
json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$bench" --benchmark_list_tests | grep -q '^BM_PeerMimalloc' || {
  echo "run.sh: config_bench was built without its peer: apt-get install libmimalloc-dev, then rerun" >&2
  exit 2
}
"$bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json >/dev/null

build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")
python3 - "$json" "$root/reports/config-runtime.md" "${build_type:-RelWithDebInfo}" <<'PY'
import json, platform, subprocess, sys, datetime
data = json.load(open(sys.argv[1]))
ctx = data["context"]
cpu = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
rows = [b for b in data["benchmarks"] if b.get("aggregate_name") in ("median", "stddev")]
by_name = {}
for b in rows:
    by_name.setdefault(b["run_name"], {})[b["aggregate_name"]] = b
what = {
    "BM_InitHundredVariables": "initialisation, 100 HAKMEM_ variables (42 settings, aliases, removed names, misspellings) among 160 entries",
    "BM_InitCanonicalOnly": "initialisation, the 42 settings set among 102 entries",
    "BM_InitNoVariables": "initialisation, no HAKMEM_ variable among 60 entries",
    "BM_AccessorRead": "one accessor read (hakmem_tiny_refill_batch())",
    "BM_InitAfterFirstCall": "hakmem_config_init() after the first call (the once-check)",
    "BM_PeerHakmemSameCountSet": "HAKMEM layer: {settings} settings set among {env_entries} entries",
    "BM_PeerMimallocOptionsSet": "mimalloc 2.0: its {settings} options set among {env_entries} entries",
    "BM_PeerHakmemNoneSet": "HAKMEM layer: none set among {env_entries} entries",
    "BM_PeerMimallocNoneSet": "mimalloc 2.0: none set among {env_entries} entries",
}
for b in rows:
    if b.get("error_occurred"):
        sys.exit(f"run.sh: {b['run_name']}: {b.get('error_message')}")
missing = [n for n in what if n not in by_name]
if missing:
    sys.exit("run.sh: no figures for " + ", ".join(missing))
def counter(name, key):
    return int(by_name[name]["median"].get(key, 0))
for name in list(what):
    if name.startswith("BM_Peer"):
        what[name] = what[name].format(settings=counter(name, "settings"), env_entries=counter(name, "env_entries"))
n_options = counter("BM_PeerMimallocOptionsSet", "settings")
def median_ns(name):
    m = by_name[name]["median"]
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6}[m["time_unit"]]
    return m["real_time"] * scale
out = ["# Runtime configuration layer: cost", "",
       "Measured by `bench/config/run.sh` (Google Benchmark, median of 5 repetitions; messages formatted and discarded).", "",
       f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
       f"- Machine: {cpu}, {ctx.get('num_cpus')} CPUs, {platform.system()} {platform.release()}",
       f"- Build: {sys.argv[3]} (the build directory's CMAKE_BUILD_TYPE; RelWithDebInfo when unset), default compiler",
       f"- Load average when the run ended: {' '.join(open('/proc/loadavg').read().split()[:3])} (a shared machine slows both sides alike; compare ratios across runs, not times)", "",
       "| Benchmark | What | Median | Std. dev. |", "| --- | --- | --- | --- |"]
own = [n for n in by_name if not n.startswith("BM_Peer")]
peer = [n for n in by_name if n.startswith("BM_Peer")]
for name in own:
    agg = by_name[name]
    med, sd = agg.get("median"), agg.get("stddev")
    unit = med["time_unit"]
    out.append(f"| `{name}` | {what.get(name, '')} | {med['real_time']:.1f} {unit} | {sd['real_time']:.1f} {unit} |" if sd else
               f"| `{name}` | {what.get(name, '')} | {med['real_time']:.1f} {unit} | |")
out += ["", "Initialisation runs once per process; an accessor is a single load from a static array.", "",
        "## Against a peer: mimalloc's option parsing, same run", "",
        f"mimalloc 2.0 (Debian's libmimalloc, linked into the same benchmark binary) reads its {n_options} options",
        "from the environment once, at load: each option scans `environ` for `MIMALLOC_<NAME>` and parses",
        "the value. The harness marks mimalloc's options unread before each pass, so a pass is what",
        "mimalloc does at start-up (`bench/config/mimalloc_peer.cpp` says how, and checks that a pass",
        "reads a value from the environment). The HAKMEM layer does one pass over the same environment",
        f"with as many of its own settings set (the first {n_options} of the registry). Values are valid: mimalloc's",
        "are its defaults, HAKMEM's as above; no messages. Linking libmimalloc makes mimalloc the benchmark",
        "process's malloc; neither side allocates while it reads the environment.", "",
        "| Benchmark | What | Median | Std. dev. |", "| --- | --- | --- | --- |"]
for name in peer:
    agg = by_name[name]
    med, sd = agg.get("median"), agg.get("stddev")
    unit = med["time_unit"]
    out.append(f"| `{name}` | {what.get(name, '')} | {med['real_time']:.1f} {unit} | {sd['real_time']:.1f} {unit} |")
set_ratio = median_ns("BM_PeerHakmemSameCountSet") / median_ns("BM_PeerMimallocOptionsSet")
none_ratio = median_ns("BM_PeerHakmemNoneSet") / median_ns("BM_PeerMimallocNoneSet")
out += ["", "| Ratio (HAKMEM / mimalloc, median time) | Value |", "| --- | --- |",
        f"| {what['BM_PeerHakmemSameCountSet'].split(': ', 1)[1]} | {set_ratio:.2f} |",
        f"| {what['BM_PeerHakmemNoneSet'].split(': ', 1)[1]} | {none_ratio:.2f} |", "",
        "Below 1.00 the HAKMEM layer is faster. The two do different amounts of work per setting: HAKMEM",
        "also handles aliases, removed names, presets, bounds and conflicts; mimalloc parses integers."]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
