#!/usr/bin/env bash
# Builds dctwin with AddressSanitizer and UndefinedBehaviorSanitizer into build-asan/ (or
# $DCTWIN_ASAN_DIR) and runs the unit and validation suites there. Any sanitizer report fails the
# run: ASan aborts on its first error, UBSan is made to abort too (halt_on_error).
#   ./scripts/sanitize.sh            build and run the unit and validation suites
#   ./scripts/sanitize.sh -R tst_cli extra arguments go to ctest
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
build="${DCTWIN_ASAN_DIR:-$root/build-asan}"
jobs="${DCTWIN_JOBS:-$(nproc)}"
start=$(date +%s)
if [ ! -f "$build/build.ninja" ]; then
  # The GUI suites (label gui) and the benchmarks are left out: the GUI suites drive the same
  # model and data code through widgets, and the benchmarks are timed, which sanitizers distort.
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
    -DDCTWIN_SANITIZE=ON -DDCTWIN_BUILD_GUI=OFF -DDCTWIN_BUILD_BENCH=OFF
fi
cmake --build "$build" -j "$jobs"
echo "sanitize.sh: build took $(( $(date +%s) - start )) s"
# detect_leaks: the suites own every allocation; a leak is a finding like any other.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
# QtTest's watchdog aborts a test function after 5 min; sanitized, tst_cli's demo (the gigawatt
# solve, N-1, utility outage and report) takes longer. The limit follows ctest's below.
export QTEST_FUNCTION_TIMEOUT="${QTEST_FUNCTION_TIMEOUT:-1500000}"
# The suites' own limits on a child process (a hang guard, not a timing) scale likewise.
export DCTWIN_TEST_TIMEOUT_SCALE="${DCTWIN_TEST_TIMEOUT_SCALE:-5}"
cd "$build"
run() {
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1600x1000x24" "$@"
  else
    "$@"
  fi
}
t0=$(date +%s)
# Sanitized code runs 2 to 5 times slower: the per-test limit is raised accordingly.
# kill_project_writes is left out: it SIGKILLs the programs it runs (a sanitizer reports nothing
# on a killed process) and its 200 s of kills take over 600 s sanitized.
run ctest --output-on-failure -j "$jobs" -L 'unit|validation' -E '^kill_project_writes$' \
  --timeout 1500 "$@"
echo "sanitize.sh: suites took $(( $(date +%s) - t0 )) s, all clean"
