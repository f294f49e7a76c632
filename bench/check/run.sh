#!/usr/bin/env bash
# envscan check speed (issue 15, "Incremental"): how long the gate takes on allocator/
# with its on-disk cache cold (empty), warm after a one-file change, and warm with nothing
# changed, as ratios to cold; beside them the process start-up floor (`envscan --version`,
# which loads the Clang and LLVM libraries and does nothing else) and a run without the
# cache. Median of N runs each. Writes reports/check-speed.md. A benchmark, not a test:
# nothing here runs under ctest.
#
# Usage: bench/check/run.sh [--envscan PATH] [--runs N] [--report FILE]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
envscan="${ENVSCAN:-$root/build/tools/envscan/envscan}"
runs=7
report="$root/reports/check-speed.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --envscan) envscan="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    *) echo "usage: $0 [--envscan PATH] [--runs N] [--report FILE]" >&2; exit 2 ;;
  esac
done
[ -x "$envscan" ] || { echo "envscan not found at $envscan (build it, or pass --envscan)" >&2; exit 2; }

# A copy of the repository's gated inputs, so that the one-file change never touches the tree.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/allocator" "$root/.envscan.json" "$root/DEPRECATED.md" "$work/"

# Milliseconds of one run of "$@" (exit 0 or 1 both count: 1 is drift, not failure).
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

cd "$work"
cache="$work/cache"
# A file the check parses (it reads configuration), so that the change costs a parse too.
edited=allocator/runtime/config_init.c
sync
floor=$(for _ in $(seq "$runs"); do ms "$envscan" --version; done | median)
nocache=$(for _ in $(seq "$runs"); do ms "$envscan" check --no-cache allocator/; done | median)
# Cold: an empty cache directory every time (this includes digesting the executable once).
cold=$(for _ in $(seq "$runs"); do rm -rf "$cache"; ms "$envscan" check --cache-dir "$cache" allocator/; done | median)
changed=$(for i in $(seq "$runs"); do
  echo "/* edit $i */" >> "$edited"
  ms "$envscan" check --cache-dir "$cache" allocator/
done | median)
unchanged=$(for _ in $(seq "$runs"); do ms "$envscan" check --cache-dir "$cache" allocator/; done | median)
# What the cache did on one more one-file change (the -v line on stderr).
echo "/* edit stats */" >> "$edited"
stats=$("$envscan" check -v --cache-dir "$cache" allocator/ 2>&1 >/dev/null | grep -E '^envscan: cache ' | sed "s#$cache#CACHE#")
entries=$(find "$cache" -type f | wc -l)
size=$(du -sk "$cache" | cut -f1)
files=$(find allocator -type f \( -name '*.c' -o -name '*.h' \) | wc -l)
load=$(cut -d' ' -f1 /proc/loadavg)
ratio() { awk "BEGIN {printf \"%.2f\", $1 / ($cold > 0 ? $cold : 1)}"; }
verdict=$([ "$changed" -lt 300 ] && echo "met" || echo "not met")

mkdir -p "$(dirname "$report")"
cat > "$report.tmp" <<MD
# envscan check: speed

Produced by \`bench/check/run.sh\` (median of $runs runs; 1-minute load $load on $(nproc) cores, shared).
Tree: a copy of allocator/ ($files C files and headers) with the repository's .envscan.json (every
rule on, generated documents compared). Cache: a fresh \`--cache-dir\` in the copy.

| run | wall time | ratio to cold |
| --- | --- | --- |
| process start-up floor (\`envscan --version\`) | ${floor} ms | $(ratio "$floor") |
| without the cache (\`--no-cache\`) | ${nocache} ms | $(ratio "$nocache") |
| cold: empty cache | ${cold} ms | 1.00 |
| warm, after a one-file change to $edited | ${changed} ms | $(ratio "$changed") |
| warm, nothing changed | ${unchanged} ms | $(ratio "$unchanged") |

Target for a warm check after a one-file change: under 300 ms: **${verdict}** (${changed} ms).

On a one-file change the cache reports (\`-v\`): \`${stats}\`
(entries: ${entries} files, ${size} KiB). Only the edited file is lexed and parsed again; the
whole-tree stages (which files need an AST, wrappers, data flow, classification, every rule)
run each time, so project-wide rules still hold.

Where the time goes: the start-up floor is the dynamic loading and relocation of the Clang and
LLVM shared libraries (${floor} ms of the ${changed} ms); the rest is reading and digesting every
file and header a cached entry depends on, decoding the entries, parsing the one changed file,
and the whole-tree stages. A cold run costs more than a run without the cache by the digest of
the executable (once per build) and the writing of the entries.
MD
mv "$report.tmp" "$report"
cat "$report"
