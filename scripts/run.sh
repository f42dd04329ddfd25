#!/usr/bin/env bash
# The main job: install what is missing, build, then open the desktop app on the built-in
# gigawatt example; with no display, run the headless demo that writes the example's power report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
bin="${DCTWIN_BUILD_DIR:-$root/build}/bin"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin/dctwin" --template gigawatt
fi
echo "dctwin: no display; running the headless demo"
exec "$bin/dctwin-cli" demo --out "$root/out/demo" --force
