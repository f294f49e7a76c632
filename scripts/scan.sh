#!/usr/bin/env bash
# Quick start, main job: inventory every environment-variable read and build flag of the
# allocator and print it as JSON. Extra arguments go to envscan (e.g. --format text).
set -euo pipefail
# shellcheck source=scripts/lib/bootstrap.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
ensure_packages
ensure_build --target envscan
cd "$ROOT"
# Scan the allocator unless the arguments name a path of their own.
args=("$@")
has_path=false
for a in "${args[@]}"; do
  if [ -d "$a" ] || { [ -f "$a" ] && [[ "$a" =~ \.(c|cc|cpp|cxx|h|hh|hpp|hxx|inc)$ ]]; }; then has_path=true; fi
done
$has_path || args+=(allocator/)
exec "$BUILD_DIR/tools/envscan/envscan" "${args[@]}"
