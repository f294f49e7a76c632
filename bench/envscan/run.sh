#!/usr/bin/env bash
# envscan speed benchmark (issue 4, "Speed"): envscan against clang-19 -fsyntax-only and
# ripgrep over one synthetic corpus, all with two parallel jobs, median of N runs each,
# plus envscan's peak memory and its scaling from -j 1 to -j 2. clang is timed twice: over
# the whole tree (the headline) and over only the files envscan parses with the AST (the
# like-for-like figure; envscan -v lists them). Accuracy is counted per generated site.
# Writes reports/envscan-speed.md, and nothing else writes it: the report is this
# script's output, never edited by hand. A benchmark, not a test: nothing runs under ctest.
#
# Usage: bench/envscan/run.sh [options]
#   --corpus DIR      reuse the corpus in DIR (made by make_corpus.py, with names.txt),
#                     or generate into DIR when it does not exist (kept afterwards);
#                     default: a fresh temporary corpus, removed at exit
#   --seed N          corpus seed (default 1)
#   --envscan PATH    envscan binary (default $ENVSCAN, then build/ then build-b/)
#   --runs N          timed runs per measurement (default 3; odd numbers give a true median)
#   --report FILE     report to write (default reports/envscan-speed.md)
#   --without-envscan measure only clang and ripgrep, print their figures, write no report
#   --max-load X      wait (up to 10 min) until the 1-minute load is below X (default 0.8)
#   --timeout S       limit for one timed command, in seconds (default 1800)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

corpus=""
seed=1
envscan="${ENVSCAN:-}"
runs=3
report="$root/reports/envscan-speed.md"
with_envscan=true
max_load=0.8
timeout_s=1800
jobs=2

die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="${2:?--corpus needs a directory}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    --envscan) envscan="${2:?--envscan needs a path}"; shift 2 ;;
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --report) report="${2:?--report needs a file}"; shift 2 ;;
    --without-envscan) with_envscan=false; shift ;;
    --max-load) max_load="${2:?--max-load needs a number}"; shift 2 ;;
    --timeout) timeout_s="${2:?--timeout needs seconds}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, got '$runs'"
[[ "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer, got '$seed'"

# --- tools -------------------------------------------------------------------------------
clang="clang-19"
for tool in "$clang" rg python3 xargs; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install clang-19 ripgrep python3 findutils)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time not found (Debian: apt-get install time)"

if $with_envscan; then
  if [ -z "$envscan" ]; then
    for candidate in "$root/build/tools/envscan/envscan" "$root/build-b/tools/envscan/envscan"; do
      if [ -x "$candidate" ]; then envscan="$candidate"; break; fi
    done
  fi
  if [ -z "$envscan" ] || [ ! -x "$envscan" ]; then
    die "no envscan binary (build it, or pass --envscan PATH, or --without-envscan)"
  fi
  "$envscan" --help >/dev/null 2>&1 || die "$envscan --help failed: the binary does not run"
fi
envscan_src="$envscan"

# --- corpus ------------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/envscan-bench.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# A private copy: a rebuild of envscan during the benchmark must not change what is measured.
if $with_envscan; then
  cp "$envscan_src" "$work/envscan"
  envscan_mtime=$(date -u -r "$envscan_src" '+%Y-%m-%d %H:%M UTC')
  envscan="$work/envscan"
  envscan_version=$("$envscan" --version 2>&1 | sed -n 1p)
fi

if [ -z "$corpus" ]; then
  corpus="$work/corpus"
fi
if [ -f "$corpus/corpus-manifest.json" ]; then
  [ -f "$corpus/names.txt" ] || die "$corpus: corpus without names.txt (regenerate it with this script)"
  echo "run.sh: reusing corpus $corpus" >&2
else
  echo "run.sh: generating corpus (seed $seed) into $corpus" >&2
  mkdir -p "$corpus"
  python3 "$here/make_corpus.py" --out "$corpus" --seed "$seed" > "$work/names.txt"
  mv "$work/names.txt" "$corpus/names.txt"
fi
corpus="$(cd "$corpus" && pwd)"

find "$corpus" -type f \( -name '*.c' -o -name '*.cpp' -o -name '*.h' -o -name '*.hpp' \) -print \
  | LC_ALL=C sort > "$work/files.txt"
n_files=$(wc -l < "$work/files.txt")
n_lines=$(xargs cat < "$work/files.txt" | wc -l)
manifest_value() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$corpus/corpus-manifest.json" "$1"; }
corpus_seed=$(manifest_value seed)
n_sources=$(manifest_value sources)
n_headers=$(manifest_value headers)
site_count() {  # generated sites of the kinds matching $1 (a regular expression)
  python3 -c 'import json,re,sys
sites = json.load(open(sys.argv[1]))["read_sites"]
print(sum(n for k, n in sites.items() if re.match(sys.argv[2], k)))' "$corpus/corpus-manifest.json" "$1"
}
n_sites=$(site_count '(?!write:)')
n_writes=$(site_count 'write:')
n_names=$(wc -l < "$corpus/names.txt")
[ "$n_files" -ge 2000 ] || echo "run.sh: warning: corpus has $n_files files (< 2000)" >&2
[ "$n_lines" -ge 500000 ] || echo "run.sh: warning: corpus has $n_lines lines (< 500000)" >&2

# ripgrep as a user would run it: the reader and the registry prefix, not the list of
# correct names (which only the corpus generator knows).
prefix=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project"]["prefix"])' "$corpus/registry.json")
rg_args=(--no-config -j "$jobs" -n -F -t c -t cpp -e getenv -e "$prefix")

# --- waiting for a quiet machine ----------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
waited=0
while awk -v l="$(load1)" -v m="$max_load" 'BEGIN { exit !(l >= m) }'; do
  if [ "$waited" -ge 600 ]; then
    echo "run.sh: warning: load still $(load1) after 10 minutes; measuring anyway" >&2
    break
  fi
  echo "run.sh: load $(load1) >= $max_load, waiting..." >&2
  sleep 15
  waited=$((waited + 15))
done
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# --no-cache when the binary has one: every timed run does the whole work.
cache_off=()
if $with_envscan && "$envscan" --help 2>&1 | grep -q -- '--no-cache'; then cache_off=(--no-cache); fi

# Warm the page cache so that every tool reads the same cached files.
xargs cat < "$work/files.txt" > /dev/null

# What the scan finds, and which files it parses with the AST, from one untimed -v run
# whose output is kept (-v only adds lists to the output).
envscan_rc=0
if $with_envscan; then
  (cd "$corpus" && "$envscan" "${cache_off[@]}" -v -j "$jobs" --registry "$corpus/registry.json" --format json "$corpus") \
    > "$work/inventory.json" 2> "$work/inventory.stderr" || envscan_rc=$?
  python3 -c 'import json,sys
inv = json.load(open(sys.argv[1]))
for p in inv.get("parsed_files", []):
    if p.get("file_escaped"): sys.exit("run.sh: a parsed file name is not UTF-8: " + p["file"])
    print(sys.argv[2] + "/" + p["file"])' "$work/inventory.json" "$corpus" > "$work/parsed.txt" \
    || die "cannot read parsed_files from envscan -v (exit $envscan_rc): $(tail -n 3 "$work/inventory.stderr")"
  [ -s "$work/parsed.txt" ] || die "envscan -v listed no parsed files (exit $envscan_rc)"
fi
n_parsed=$( [ -f "$work/parsed.txt" ] && wc -l < "$work/parsed.txt" || echo 0)

# --- measuring ---------------------------------------------------------------------------
# measure LABEL OUT CMD...: run CMD once under /usr/bin/time with stdout to OUT, append
# wall seconds (from the nanosecond clock) to $work/LABEL.wall, CPU seconds (user + system,
# children included) to $work/LABEL.cpu, peak RSS in KiB to $work/LABEL.rss and the exit
# code to $work/LABEL.rc; stderr of the last run is kept. CPU time is the figure that
# other work on a shared machine disturbs least.
measure() {
  local label="$1" out="$2"; shift 2
  local t0 t1 rc=0
  t0=$(date +%s%N)
  # timeout outside, so that /usr/bin/time reports the measured process itself
  timeout "$timeout_s" /usr/bin/time -f '%M %U %S' -o "$work/$label.time" "$@" \
    > "$out" 2> "$work/$label.stderr" || rc=$?
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' >> "$work/$label.wall"
  # No figures when time itself was killed (timeout): record 0 rather than stop.
  local last
  last=$(tail -n 1 "$work/$label.time" 2>/dev/null || true)
  [[ "$last" =~ ^[0-9]+\ [0-9.]+\ [0-9.]+$ ]] || last="0 0 0"
  awk '{ print $1 }' <<< "$last" >> "$work/$label.rss"
  awk '{ printf "%.2f\n", $2 + $3 }' <<< "$last" >> "$work/$label.cpu"
  echo "$rc" >> "$work/$label.rc"
  printf 'run.sh: %-10s %8ss wall %8ss cpu  rc=%s\n' "$label" "$(tail -n 1 "$work/$label.wall")" \
    "$(tail -n 1 "$work/$label.cpu")" "$rc" >&2
}

# Medians and maxima over the recorded runs.
median() { LC_ALL=C sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { LC_ALL=C sort -g "$1" | tail -n 1; }
runs_list() { paste -sd' ' "$1"; }
worst_rc() { LC_ALL=C sort -n "$1" | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

# From the corpus directory, so that no .envscan.json of the calling tree is picked up.
cd "$corpus"
clang_cmd=(xargs -a "$work/files.txt" -P "$jobs" -n 1 "$clang" -fsyntax-only -I "$corpus/include")
clang_parsed_cmd=(xargs -a "$work/parsed.txt" -P "$jobs" -n 1 "$clang" -fsyntax-only -I "$corpus/include")
rg_cmd=(rg "${rg_args[@]}" "$corpus")
# The inventory goes to stdout, redirected to /dev/null. Never `-o /dev/null`: -o writes a
# temporary file beside the target and renames it over the target, which would replace
# the /dev/null device node with a regular file.
envscan_args=("${cache_off[@]}" --registry "$corpus/registry.json" --format json "$corpus")

# Busy CPU jiffies of the whole machine, to tell how much other work ran.
cpu_jiffies() { awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6; exit }' /proc/stat; }
read -r busy0 < <(cpu_jiffies)
loop_t0=$(date +%s%N)

# Interleave the tools run by run so that a drift in machine load touches all of them alike.
for ((i = 1; i <= runs; i++)); do
  if $with_envscan; then
    measure envscan-j2 /dev/null "$envscan" -j 2 "${envscan_args[@]}"
    measure envscan-j1 /dev/null "$envscan" -j 1 "${envscan_args[@]}"
    measure clang-parsed /dev/null "${clang_parsed_cmd[@]}"
  fi
  measure clang /dev/null "${clang_cmd[@]}"
  measure rg "$work/rg.out" "${rg_cmd[@]}"
done

read -r busy1 < <(cpu_jiffies)
loop_t1=$(date +%s%N)
hz=$(getconf CLK_TCK)
ours_cpu=$(cat "$work"/*.cpu | awk '{ s += $1 } END { printf "%.1f", s }')
# Busy CPU seconds on the machine minus what the measured commands used: other people's work.
others_cpu=$(awk -v b="$((busy1 - busy0))" -v hz="$hz" -v o="$ours_cpu" 'BEGIN { x = b / hz - o; printf "%.1f", x < 0 ? 0 : x }')
loop_wall=$(awk -v a="$loop_t0" -v b="$loop_t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
others_pct=$(awk -v o="$others_cpu" -v w="$loop_wall" -v n="$(nproc)" 'BEGIN { printf "%.0f", (w > 0) ? (100 * o / (w * n)) : 0 }')

[ "$(worst_rc "$work/clang.rc")" = 0 ] || {
  echo "run.sh: clang-19 failed on the corpus (exit $(worst_rc "$work/clang.rc"); 124: timed out; otherwise a generator bug):" >&2
  head -n 20 "$work/clang.stderr" >&2
  exit 1
}
rg_matches=$(wc -l < "$work/rg.out")
# Corpus names that appear as whole words in ripgrep's output: the rest are names a text
# search cannot see (pasted by macros, or built at run time).
rg_names=$(grep -owF -f "$corpus/names.txt" "$work/rg.out" | LC_ALL=C sort -u | wc -l || true)

clang_med=$(median "$work/clang.wall")
rg_med=$(median "$work/rg.wall")

if ! $with_envscan; then
  printf 'corpus: %s files, %s lines\n' "$n_files" "$n_lines"
  printf 'clang-19 -fsyntax-only (xargs -P%s): %s s (runs: %s)\n' "$jobs" "$clang_med" "$(runs_list "$work/clang.wall")"
  printf 'rg -j%s (getenv + %s): %s s (runs: %s), %s matching lines\n' "$jobs" "$prefix" "$rg_med" "$(runs_list "$work/rg.wall")" "$rg_matches"
  exit 0
fi

[ "$(worst_rc "$work/clang-parsed.rc")" = 0 ] || {
  echo "run.sh: clang-19 failed on the files envscan parses (exit $(worst_rc "$work/clang-parsed.rc")):" >&2
  head -n 20 "$work/clang-parsed.stderr" >&2
  exit 1
}
counts="read_sites=n/a"
if [ -s "$work/inventory.json" ]; then
  counts="$(python3 "$here/inventory_counts.py" "$work/inventory.json" "$corpus/names.txt" \
    "$corpus/corpus-manifest.json" || true)"
fi
count_of() { printf '%s\n' "$counts" | sed -n "s/^$1=//p"; }

e2_cpu=$(median "$work/envscan-j2.cpu")
e1_cpu=$(median "$work/envscan-j1.cpu")
clang_cpu=$(median "$work/clang.cpu")
rg_cpu=$(median "$work/rg.cpu")
r_clang_cpu=$(ratio "$e2_cpu" "$clang_cpu")
cp_med=$(median "$work/clang-parsed.wall")
cp_cpu=$(median "$work/clang-parsed.cpu")

e2_med=$(median "$work/envscan-j2.wall")
e1_med=$(median "$work/envscan-j1.wall")
e2_rss=$(maximum "$work/envscan-j2.rss")
e1_rss=$(maximum "$work/envscan-j1.rss")
e2_rc=$(worst_rc "$work/envscan-j2.rc")
e1_rc=$(worst_rc "$work/envscan-j1.rc")
r_clang=$(ratio "$e2_med" "$clang_med")
r_parsed=$(ratio "$e2_med" "$cp_med")
r_parsed_cpu=$(ratio "$e2_cpu" "$cp_cpu")
r_rg=$(ratio "$e2_med" "$rg_med")
speedup=$(ratio "$e1_med" "$e2_med")
verdict=$(awk -v r="$r_clang" 'BEGIN { print (r != "n/a" && r <= 1.0) ? "met" : "not met" }')
rss_verdict=$(awk -v k="$e2_rss" 'BEGIN { print (k < 1048576) ? "met" : "not met" }')
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
# sed reads to the end: a writer cut off by `head` would fail under pipefail.
clang_version=$("$clang" --version | sed -n 1p)
rg_version=$(rg --version | sed -n 1p)
envscan_rel="${envscan_src#"$root"/}"
envscan_build="$(dirname "$envscan_src")/../.."
# The optimisation level actually used (CMAKE_BUILD_TYPE may be empty in the cache while
# the top CMakeLists.txt defaults it).
opt_level=$(grep -m 1 -oE -- ' -O[0-3sgz]( |$)' "$envscan_build/build.ninja" 2>/dev/null | tr -d ' ' || true)
stderr_tail() { tail -n 5 "$1" | sed 's/^/    /'; }

mkdir -p "$(dirname "$report")"
{
  echo "# envscan speed benchmark"
  echo
  echo "Issue 4, \"Speed\": with the same parallelism (2 jobs), a full envscan must take no longer than"
  echo "\`clang-19 -fsyntax-only\` over the same tree (ratio <= 1.00), with peak memory under 1 GiB."
  echo "Written by \`bench/envscan/run.sh\` alone (no hand edits); median of $runs runs per figure, runs"
  echo "interleaved, warm page cache."
  echo
  echo "envscan parses with the AST only the files whose text can read the environment ($n_parsed of"
  echo "$n_files here) and lexes the rest. So two figures: the headline compares the whole scan with clang"
  echo "over the whole tree; the like-for-like one compares it with clang over only the files envscan"
  echo "parses (listed by \`envscan -v\`, \`parsed_files\`), which is how fast its own parsing is."
  echo
  echo "## Setup"
  echo
  echo "| item | value |"
  echo "| --- | --- |"
  echo "| date (UTC) | $(date -u +%Y-%m-%d) |"
  echo "| CPU | ${cpu_model:-unknown}, nproc $(nproc) |"
  echo "| memory | $mem_total |"
  echo "| load average at start | $load_at_start |"
  echo "| other work during the measurements | ${others_cpu} CPU s in ${loop_wall} s (${others_pct}% of $(nproc) cores) |"
  echo "| envscan | \`$envscan_rel\`, ${envscan_version:-no version}, compiled ${opt_level:-with unknown flags}, binary of $envscan_mtime (copied before the first run) |"
  echo "| clang | $clang_version |"
  echo "| ripgrep | $rg_version |"
  echo "| corpus | seed $corpus_seed: $n_files files ($n_sources sources, $n_headers headers), $n_lines lines |"
  echo "| ground truth | $n_sites read sites and $n_writes writes generated, $n_names variable names |"
  echo
  echo "## Time (seconds)"
  echo
  echo "Wall time decides the goal. CPU time (user + system, child processes included) is shown"
  echo "beside it because other work on a shared machine disturbs it least."
  echo
  echo "| measurement | wall, each run | wall, median | CPU, median |"
  echo "| --- | --- | ---: | ---: |"
  echo "| envscan -j 2 (whole tree) | $(runs_list "$work/envscan-j2.wall") | $e2_med | $e2_cpu |"
  echo "| envscan -j 1 (whole tree) | $(runs_list "$work/envscan-j1.wall") | $e1_med | $e1_cpu |"
  echo "| clang-19 -fsyntax-only, xargs -P2, whole tree ($n_files files) | $(runs_list "$work/clang.wall") | $clang_med | $clang_cpu |"
  echo "| clang-19 -fsyntax-only, xargs -P2, the $n_parsed files envscan parses | $(runs_list "$work/clang-parsed.wall") | $cp_med | $cp_cpu |"
  echo "| ripgrep -j2, getenv + $prefix | $(runs_list "$work/rg.wall") | $rg_med | $rg_cpu |"
  echo
  echo "## Ratios"
  echo
  echo "| ratio | wall | CPU | goal |"
  echo "| --- | ---: | ---: | --- |"
  echo "| envscan -j 2 / clang, whole tree (headline) | $r_clang | $r_clang_cpu | wall <= 1.00: $verdict |"
  echo "| envscan -j 2 / clang, only the files envscan parses (like for like) | $r_parsed | $r_parsed_cpu | reported |"
  echo "| envscan -j 2 / ripgrep | $r_rg | | reported |"
  echo "| speed-up envscan -j 1 -> -j 2 | $speedup | | reported |"
  echo
  echo "In the like-for-like row envscan still does more than clang does: it lexes the other"
  echo "$((n_files - n_parsed)) files, parses some files a second time with every \`#if\` arm kept, and resolves names."
  echo
  echo "## envscan peak memory (max RSS over the runs)"
  echo
  echo "| measurement | KiB | MiB | goal |"
  echo "| --- | ---: | ---: | --- |"
  echo "| envscan -j 2 | $e2_rss | $(mib "$e2_rss") | < 1024 MiB: $rss_verdict |"
  echo "| envscan -j 1 | $e1_rss | $(mib "$e1_rss") | reported |"
  echo
  echo "## Accuracy, per site (the untimed envscan -v -j 2 run)"
  echo
  echo "The corpus generator records every read and write it writes (file, line, name, kind, whether it"
  echo "is live in a bare scan). A site counts as found only when the inventory reports that name at"
  echo "that file and line (a constructed read: a constructed entry at its line; a write: a write of"
  echo "that name there). Kinds: direct (literal name), constant (named constant), array (each name of"
  echo "an array of names, at the line of the loop that reads them), wrapper and local_wrapper (project-wide or"
  echo "file-local wrapper functions), macro (reader macros), constructed (name built at run time);"
  echo "inactive: in an \`#if\` arm that is false in a bare scan."
  echo
  echo "| generated sites | found / generated |"
  echo "| --- | ---: |"
  printf '%s\n' "$counts" | sed -n 's/^sites\.\([a-z_]*:[a-z]*\)=/| \1 | /p' | sed 's/$/ |/'
  echo "| **all sites** | **$(count_of sites.all)** |"
  echo
  echo "| reported read sites that match no generated site | count |"
  echo "| --- | ---: |"
  echo "| candidate names listed at a constructed read's line (expected) | $(count_of reported.constructed_candidates) |"
  echo "| other (false reports) | $(count_of reported.false) |"
  echo
  echo "- missed, first five: $(count_of sites.missed_examples)"
  echo "- false reports, first five: $(count_of reported.false_examples)"
  echo
  echo "## What the scan found"
  echo
  echo "| item | value |"
  echo "| --- | ---: |"
  echo "| exit code (timed runs -j 2 / -j 1 / untimed -v run) | $e2_rc / $e1_rc / $envscan_rc |"
  for key in read_sites names_found corpus_names_found constructed writes build_flags files_scanned files_parsed \
    diagnostics; do
    echo "| $key | $(count_of "$key") |"
  done
  echo "| ripgrep matching lines (for comparison) | $rg_matches |"
  echo "| corpus names in ripgrep's output (for comparison) | $rg_names/$n_names |"
  echo
  echo "\`read_sites\` and \`names_found\` include the candidate names envscan lists for constructed"
  echo "reads. A constructed read has no literal name: its first candidate is counted among the"
  echo "corpus names, but a text search cannot find it."
  if [ "$e2_rc" != 0 ] || [ "$e1_rc" != 0 ]; then
    echo
    echo "A timed envscan run exited non-zero (124: killed after ${timeout_s} s; >= 128: killed by a signal)."
    echo "Last lines of its stderr:"
    echo
    stderr_tail "$work/envscan-j2.stderr"
  fi
  if [ "$envscan_rc" -ge 2 ] || [ ! -s "$work/inventory.json" ]; then
    echo
    echo "envscan stderr (last lines):"
    echo
    stderr_tail "$work/inventory.stderr"
  fi
  echo
  echo "## Reproduce"
  echo
  echo "\`\`\`sh"
  echo "cmake --build build --target envscan -j2"
  echo "bench/envscan/run.sh --seed $corpus_seed --runs $runs   # --help for options"
  echo "\`\`\`"
  echo
  echo "The corpus comes from \`bench/envscan/make_corpus.py --seed $corpus_seed\` (deterministic). Commands timed:"
  echo
  echo "- envscan: \`envscan -j N --registry CORPUS/registry.json --format json CORPUS > /dev/null\`"
  echo "- clang, whole tree: \`xargs -P2 -n1 clang-19 -fsyntax-only -I CORPUS/include < FILES\` (every .c/.cpp/.h/.hpp, headers too)"
  echo "- clang, like for like: the same over the \`parsed_files\` of \`envscan -v\`"
  echo "- ripgrep: \`rg --no-config -j2 -n -F -t c -t cpp -e getenv -e $prefix CORPUS > FILE\` (what a user would search for)"
  echo
  echo "Peak memory is \`/usr/bin/time -f %M\` of the envscan process. The inventory goes to stdout,"
  echo "redirected to /dev/null."
} > "$report"
echo "run.sh: wrote ${report#"$root"/}" >&2
