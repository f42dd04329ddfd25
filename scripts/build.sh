#!/usr/bin/env bash
# Configures and builds dctwin into build/ (or $DCTWIN_BUILD_DIR) with Ninja and ccache.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${DCTWIN_BUILD_DIR:-$root/build}"
jobs="${DCTWIN_JOBS:-$(nproc)}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
fi
cmake --build "$build" -j "$jobs"
