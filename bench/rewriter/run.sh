#!/usr/bin/env bash
# envrewrite speed benchmark (issue 14, "Measurement"): sites migrated per second on a
# generated corpus (bench/envscan/make_corpus.py), and envrewrite's wall time against a
# plain clang-19 -fsyntax-only of the same files (two parallel jobs each). The corpus's
# registry gets an accessor header so that --apply (with its verification) can run too.
# Writes reports/envrewrite-speed.md. A benchmark, not a test.
#
# Usage: bench/rewriter/run.sh [options]
#   --sources N        .c/.cpp files in the corpus (default 2000)
#   --seed N           corpus seed (default 1)
#   --envrewrite PATH  binary (default $ENVREWRITE, then build/tools/rewriter/envrewrite)
#   --report FILE      report to write (default reports/envrewrite-speed.md)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sources=2000
seed=1
envrewrite="${ENVREWRITE:-$root/build/tools/rewriter/envrewrite}"
report="$root/reports/envrewrite-speed.md"

die() { echo "run.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sources) sources="${2:?--sources needs a number}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    --envrewrite) envrewrite="${2:?--envrewrite needs a path}"; shift 2 ;;
    --report) report="${2:?--report needs a file}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$sources" =~ ^[1-9][0-9]*$ ]] || die "--sources must be a positive integer"
[ -x "$envrewrite" ] || die "envrewrite not found at $envrewrite (build it, or pass --envrewrite)"
command -v clang-19 >/dev/null || die "clang-19 not found"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
python3 "$root/bench/envscan/make_corpus.py" --out "$corpus" --seed "$seed" --sources "$sources" >/dev/null

# The registry names a header; the header declares every accessor with its type.
python3 - "$corpus" <<'EOF'
import json, sys, os
corpus = sys.argv[1]
path = os.path.join(corpus, "registry.json")
reg = json.load(open(path))
reg["project"]["header"] = "zma/settings.h"
json.dump(reg, open(path, "w"), indent=2)
ctype = {"bool": "bool", "int": "int64_t", "uint": "uint64_t", "size": "uint64_t", "float": "double",
         "enum": "int", "string": "const char *", "path": "const char *"}
with open(os.path.join(corpus, "include", "zma", "settings.h"), "w") as h:
    h.write("#ifndef ZMA_SETTINGS_H\n#define ZMA_SETTINGS_H\n#include <stdbool.h>\n#include <stdint.h>\n")
    h.write("#ifdef __cplusplus\nextern \"C\" {\n#endif\n")
    for v in reg["variables"]:
        h.write(f"{ctype[v['type']]} {v['accessor']}(void);\n")
    h.write("#ifdef __cplusplus\n}\n#endif\n#endif\n")
EOF

files=$(cd "$corpus" && find src -name '*.c' -o -name '*.cpp' | wc -l)
now() { date +%s.%N; }

# 1. Dry run: scan, locate, plan, diff.
t0=$(now)
set +e
"$envrewrite" -q -j 2 --registry "$corpus/registry.json" --root "$corpus" \
  --export-fixes "$work/fixes.yaml" "$corpus" >"$work/diff.txt" 2>"$work/dry.err"
rc=$?
set -e
t1=$(now)
[ "$rc" -le 1 ] || { cat "$work/dry.err" >&2; die "envrewrite failed (exit $rc)"; }
dry=$(echo "$t1 - $t0" | bc -l)
# Migrated sites: replacements that are accessor calls (the rule's include lines are not sites).
migrated=$(grep -c 'ReplacementText: "!\{0,1\}zma_' "$work/fixes.yaml" || true)
edits=$(grep -c 'DiagnosticName:' "$work/fixes.yaml" || true)
reviews=$("$envrewrite" -j 2 --registry "$corpus/registry.json" --root "$corpus" "$corpus" 2>&1 >/dev/null | grep -c ': note: ' || true)

# 2. --apply: the same plus atomic writes, a re-parse of touched files and a second scan.
cp -r "$corpus" "$work/apply"
t0=$(now)
"$envrewrite" -q -j 2 --apply --registry "$work/apply/registry.json" --root "$work/apply" "$work/apply" 2>"$work/apply.err" \
  || { cat "$work/apply.err" >&2; die "envrewrite --apply failed"; }
t1=$(now)
applied=$(echo "$t1 - $t0" | bc -l)

# 3. The peer: clang -fsyntax-only over every source, two jobs.
t0=$(now)
(cd "$corpus" && find src \( -name '*.c' -o -name '*.cpp' \) -print0 | xargs -0 -P 2 -n 16 clang-19 -fsyntax-only -w -I include) \
  >/dev/null 2>&1 || true
t1=$(now)
clang_s=$(echo "$t1 - $t0" | bc -l)

rate=$(echo "$migrated / $dry" | bc -l)
ratio=$(echo "$dry / $clang_s" | bc -l)
ratio_apply=$(echo "$applied / $clang_s" | bc -l)
mkdir -p "$(dirname "$report")"
cat >"$report" <<EOF
# envrewrite speed

\`bench/rewriter/run.sh --sources $sources --seed $seed\` on $(nproc) cores (shared machine, one run each;
load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)).

Corpus: \`bench/envscan/make_corpus.py\`, $files C/C++ sources; its registry declares
$(python3 -c "import json;print(len(json.load(open('$corpus/registry.json'))['variables']))") variables, so only
their reads can migrate.

| run | wall time | result |
| --- | --- | --- |
| \`envrewrite\` dry run (scan, locate, plan, diff), -j 2 | $(printf '%.2f' "$dry") s | $migrated sites migrated, $edits edits, $reviews left for review |
| \`envrewrite --apply\` (plus atomic writes, re-parse of touched files, second scan) | $(printf '%.2f' "$applied") s | verified |
| \`clang-19 -fsyntax-only\`, \`xargs -P 2\` | $(printf '%.2f' "$clang_s") s | - |

- Sites migrated per second (dry run): $(printf '%.1f' "$rate").
- envrewrite dry run / clang -fsyntax-only: $(printf '%.3f' "$ratio"); with --apply: $(printf '%.3f' "$ratio_apply").

envrewrite parses only the files envscan's raw pass finds reads in (and, to locate values, only the
files with sites of registry variables), so it stays far below a full syntax check of the tree.
EOF
echo "wrote $report"
cat "$report"
