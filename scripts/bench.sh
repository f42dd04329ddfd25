#!/usr/bin/env bash
# Runs the Google Benchmark programs and prints their JSON (medians over repetitions).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" >&2
bin="${DCTWIN_BUILD_DIR:-$root/build}/bin"
for b in "$bin"/bench_*; do
  run=()
  # The GUI and 3D benchmarks need an X display (OpenGL through GLX): Xvfb when there is none.
  case "$(basename "$b")" in
    bench_gui|bench_render)
      if [ -z "${DISPLAY:-}" ]; then run=(xvfb-run -a -s "-screen 0 1600x1000x24"); fi ;;
  esac
  "${run[@]}" "$b" --benchmark_format=json --benchmark_repetitions="${REPS:-5}" \
       --benchmark_report_aggregates_only=true "$@"
done
