#!/usr/bin/env bash
# envscan on real trees from Debian's source packages, against a text search.
# usage: bench/envscan/real_trees.sh [PACKAGE...]   (default: a fixed set; sources cached in build/trees)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENVSCAN="${ENVSCAN:-$ROOT/build/tools/envscan/envscan}"
CACHE="${TREES_DIR:-$ROOT/build/trees}"
packages=("$@")
[ "${#packages[@]}" -eq 0 ] && packages=(tmux openssh libuv1 curl git)
mkdir -p "$CACHE/lists/partial"
# Fetch sources without touching the system's apt configuration.
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$CACHE/src.sources"
apt_opts=(-o "Dir::Etc::SourceParts=$CACHE" -o Dir::Etc::SourceList=/dev/null -o "Dir::State::Lists=$CACHE/lists")
trees=()
for p in "${packages[@]}"; do
  dir=$(find "$CACHE" -maxdepth 1 -type d -name "${p}-[0-9]*" | head -n 1)
  if [ -z "$dir" ]; then
    if [ -z "$(find "$CACHE/lists" -maxdepth 1 -type f -print -quit)" ]; then
      apt-get "${apt_opts[@]}" update -qq
    fi
    (cd "$CACHE" && apt-get "${apt_opts[@]}" source --download-only "$p" >/dev/null)
    for t in "$CACHE"/"${p}"_*.orig.tar.*; do
      case "$t" in *.asc) continue ;; esac
      tar -xf "$t" -C "$CACHE"
    done
    dir=$(find "$CACHE" -maxdepth 1 -type d -name "${p}-[0-9]*" | head -n 1)
  fi
  trees+=("$dir")
done
python3 "$ROOT/bench/envscan/real_trees.py" "$ENVSCAN" "$ROOT/reports/envscan-real-trees.md" "${trees[@]}"
echo "wrote reports/envscan-real-trees.md" >&2
