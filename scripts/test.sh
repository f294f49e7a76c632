#!/usr/bin/env bash
# Quick start, every test: build everything and run the whole suite through ctest.
set -euo pipefail
# shellcheck source=scripts/lib/bootstrap.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
ensure_packages
ensure_build --target all
cd "$BUILD_DIR"
ctest --output-on-failure --parallel "$(nproc)" "$@"
