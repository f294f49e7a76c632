#!/usr/bin/env bash
# envscan check speed (issue 15, "Incremental"): how long the gate takes on allocator/,
# cold (first run after a build) and after a one-file change, against the process
# start-up floor (`envscan --version`, which loads the Clang and LLVM libraries and does
# nothing else). Median of N runs each. Writes reports/check-speed.md. A benchmark, not a
# test: nothing here runs under ctest.
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
sync
cold=$(ms "$envscan" check allocator/)
floor=$(for _ in $(seq "$runs"); do ms "$envscan" --version; done | median)
changed=$(for i in $(seq "$runs"); do
  echo "/* edit $i */" >> allocator/runtime/config_parse.c
  ms "$envscan" check allocator/
done | median)
unchanged=$(for _ in $(seq "$runs"); do ms "$envscan" check allocator/; done | median)
files=$(find allocator -type f | wc -l)
load=$(cut -d' ' -f1 /proc/loadavg)

mkdir -p "$(dirname "$report")"
cat > "$report.tmp" <<MD
# envscan check: speed

Produced by \`bench/check/run.sh\` (median of $runs runs; 1-minute load $load on $(nproc) cores, shared).
Tree: a copy of allocator/ ($files files) with the repository's .envscan.json (every rule on,
generated documents compared).

| run | wall time |
| --- | --- |
| process start-up floor (\`envscan --version\`) | ${floor} ms |
| cold: first check in the copy | ${cold} ms |
| after a one-file change to allocator/runtime/config_parse.c | ${changed} ms |
| nothing changed | ${unchanged} ms |

Ratio after a one-file change to cold: $(awk "BEGIN {printf \"%.2f\", $changed / ($cold > 0 ? $cold : 1)}").
The check rescans the whole tree every time (there is no on-disk cache yet), so "cold" and "after a
change" differ only by noise and the file system cache. The start-up floor is the dynamic loading
of the Clang and LLVM shared libraries; scanning, classifying and running every rule on allocator/
adds $(( changed - floor )) ms to it.
MD
mv "$report.tmp" "$report"
cat "$report"
