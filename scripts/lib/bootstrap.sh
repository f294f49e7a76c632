# shellcheck shell=bash
# Shared by the quick-start scripts: install what is missing, then configure and build.
# Sourced, not run. Idempotent: when nothing changed, it costs a dpkg query and a no-op build.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${ENVKIT_BUILD_DIR:-$ROOT/build}"

# Every Debian package the build, the tests and the oracles need.
REQUIRED_PACKAGES=(
  build-essential cmake ninja-build git python3
  llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 libclang-rt-19-dev
  nlohmann-json3-dev libgtest-dev libbenchmark-dev
  unifdef shellcheck
  sqlite3 clang-format
)

log() { printf '%s\n' "$*" >&2; }

missing_packages() {
  local pkg
  for pkg in "${REQUIRED_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$pkg"
    fi
  done
}

ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "Missing Debian packages. Install them with:"
    log "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_build() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    log "Configuring $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
  fi
  cmake --build "$BUILD_DIR" --parallel "$(nproc)" "$@" >&2
}
