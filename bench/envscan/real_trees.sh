#!/usr/bin/env bash
# envscan on real trees from Debian's source packages, against a text search.
# usage: bench/envscan/real_trees.sh [PACKAGE...]   (default: a fixed set; sources cached in build/trees)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENVSCAN="${ENVSCAN:-$ROOT/build/tools/envscan/envscan}"
CACHE="${TREES_DIR:-$ROOT/build/trees}"
packages=("$@")
[ "${#packages[@]}" -eq 0 ] && packages=(tmux openssh libuv1 curl git zsh sqlite3 glib2.0 mesa)
mkdir -p "$CACHE/lists/partial"
# Fetch sources without touching the system's apt configuration.
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$CACHE/src.sources"
apt_opts=(-o "Dir::Etc::SourceParts=$CACHE" -o Dir::Etc::SourceList=/dev/null -o "Dir::State::Lists=$CACHE/lists")
trees=()
for p in "${packages[@]}"; do
  # The tree's folder is the orig tarball's top-level folder (glib2.0 unpacks to glib-2.74.6);
  # remembered in $CACHE/$p.dir once unpacked.
  if [ ! -s "$CACHE/$p.dir" ] || [ ! -d "$CACHE/$(cat "$CACHE/$p.dir")" ]; then
    if [ -z "$(find "$CACHE/lists" -maxdepth 1 -type f -print -quit)" ]; then
      apt-get "${apt_opts[@]}" update -qq
    fi
    (cd "$CACHE" && apt-get "${apt_opts[@]}" source --download-only "$p" >/dev/null)
    main=$(find "$CACHE" -maxdepth 1 -type f -name "${p}_*.orig.tar.*" ! -name '*.asc' ! -name '*.orig-*' | head -n 1)
    [ -n "$main" ] || { echo "real_trees.sh: no source tarball for $p" >&2; exit 2; }
    tar -xf "$main" -C "$CACHE"
    # awk reads the whole listing: no SIGPIPE under pipefail.
    tar -tf "$main" | awk -F/ '{ sub(/^\.\//, "") } $1 != "" && top == "" { top = $1 } END { print top }' >"$CACHE/$p.dir"
  fi
  trees+=("$CACHE/$(cat "$CACHE/$p.dir")")
done
# A copy of the binary: a rebuild during the run cannot mix two builds in one report.
bin=$(mktemp "${TMPDIR:-/tmp}/envscan-bench.XXXXXX")
trap 'rm -f "$bin"' EXIT
cp "$ENVSCAN" "$bin"
chmod 755 "$bin"
# The commit measured; "+changes" when sources differ from it (reports/ do not count).
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD -- . ':!reports' 2>/dev/null || commit="$commit+changes"
ENVSCAN_COMMIT="at commit $commit" \
  python3 "$ROOT/bench/envscan/real_trees.py" "$bin" "$ROOT/reports/envscan-real-trees.md" "${trees[@]}"
echo "wrote reports/envscan-real-trees.md" >&2
