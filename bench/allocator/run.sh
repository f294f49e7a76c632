#!/usr/bin/env bash
# Allocator benchmarks: Larson, random mixed sizes (16 B-1 KiB and 16 B-64 KiB),
# producer/consumer and a python3 workload, at 1 and 2 threads, under hakmem, glibc,
# mimalloc, jemalloc and tcmalloc (LD_PRELOAD). Runs are interleaved (every allocator
# once per round, in a rotating order); the report takes the median of the rounds.
# usage: bench/allocator/run.sh [BUILD_DIR] [ROUNDS]
# writes reports/allocator-bench.md, reports/allocator-bench.svg, reports/allocator-bench.tsv
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build}
rounds=${2:-5}
bin=$build/bench/allocator
sys=/usr/lib/x86_64-linux-gnu
tsv=$root/reports/allocator-bench.tsv

declare -A lib=(
  [hakmem]=$build/allocator/libhakmem.so
  [glibc]=""
  [mimalloc]=$sys/libmimalloc.so.2
  [jemalloc]=$sys/libjemalloc.so.2
  [tcmalloc]=$sys/libtcmalloc_minimal.so.4
)
allocators=(hakmem glibc mimalloc jemalloc tcmalloc)
for a in "${allocators[@]}"; do
  if [[ -n ${lib[$a]} && ! -e ${lib[$a]} ]]; then
    echo "run.sh: ${lib[$a]} is missing (build first, or install the peer)" >&2
    exit 1
  fi
done

# name -> command; THREADS is replaced by the thread count
declare -A workload=(
  [larson]="$bin/alloc_bench_larson THREADS 0.5"
  [mixed-1k]="$bin/alloc_bench_random_mixed THREADS 1024 4000000"
  [mixed-64k]="$bin/alloc_bench_random_mixed THREADS 65536 600000"
  [prodcons]="$bin/alloc_bench_prodcons THREADS 4000000"
  [python3]="env PYTHONMALLOC=malloc python3 $root/bench/allocator/python_workload.py THREADS"
)
workloads=(larson mixed-1k mixed-64k prodcons python3)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'workload\tthreads\tallocator\tround\tops_per_sec\tpeak_rss_kib\n' >"$tsv"

start=$(date +%s)
for ((round = 1; round <= rounds; round++)); do
  for w in "${workloads[@]}"; do
    for threads in 1 2; do
      cmd=${workload[$w]//THREADS/$threads}
      n=${#allocators[@]}
      for ((i = 0; i < n; i++)); do
        a=${allocators[$(((i + round) % n))]}
        # shellcheck disable=SC2086 # the command is a word list on purpose
        if ! /usr/bin/time -f %M -o "$tmp/rss" env LD_PRELOAD="${lib[$a]}" $cmd >"$tmp/out" 2>"$tmp/err"; then
          echo "run.sh: $w/$threads under $a failed:" >&2
          cat "$tmp/err" >&2
          exit 1
        fi
        ops=$(sed -n 's/^ops_per_sec=//p' "$tmp/out")
        rss=$(tail -n 1 "$tmp/rss")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$threads" "$a" "$round" "$ops" "$rss" >>"$tsv"
      done
    done
  done
  echo "round $round/$rounds done after $(($(date +%s) - start)) s" >&2
done

python3 "$root/bench/allocator/report.py" "$tsv" "$root/reports/allocator-bench.md" "$root/reports/allocator-bench.svg" \
  "$(nproc)" "$(uptime | sed 's/.*load average: //')" "$(($(date +%s) - start))"
