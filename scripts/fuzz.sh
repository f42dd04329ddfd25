#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (clang, with ASan and UBSan) on every file reader.
#   scripts/fuzz.sh SECONDS [TARGET...]
# TARGET: matpower epw site_json thermal_case catalog project_file (default: all). Each target
# first replays its regression inputs (tests/fuzz/regress/TARGET: the crashes of issue 11), then
# fuzzes for SECONDS from its corpus (build-fuzz/corpus/TARGET, kept between runs) and the seeds
# (tests/fuzz/seeds, tests/data, resources/catalog, and ../shared/reference when present).
# Targets run $DCTWIN_JOBS (default: the number of cores) at a time. A finding is written to
# build-fuzz/findings/TARGET/ and fails the run; reproduce it with
#   build-fuzz/bin/fuzz_TARGET build-fuzz/findings/TARGET/crash-...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
all=(matpower epw site_json thermal_case catalog project_file)
if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh SECONDS [TARGET...]  (SECONDS: a whole number >= 1 per target;" >&2
  echo "       TARGET: ${all[*]})" >&2
  exit 2
fi
seconds="$1"
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t'; choose from: ${all[*]}" >&2; exit 2; }
done

"$root/scripts/deps.sh" --fuzz
build="${DCTWIN_FUZZ_DIR:-$root/build-fuzz}"
jobs="${DCTWIN_JOBS:-$(nproc)}"
shared="$root/../shared"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DDCTWIN_FUZZ=ON \
    -DDCTWIN_BUILD_GUI=OFF -DDCTWIN_BUILD_BENCH=OFF
fi
cmake --build "$build" -j "$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}")

# Inputs that are made rather than kept: project files from their SQL text (sqlite3 shell), and
# EPW years (1.3 MB each) from a formula, with and without the bad values of issue 11.
gen="$build/generated"
rm -rf "$gen"
mkdir -p "$gen"/{seeds,regress}/{project_file,epw}
for sql in "$root"/tests/fuzz/seeds/project_file/*.sql "$root"/tests/data/project_v*.sql; do
  sqlite3 "$gen/seeds/project_file/$(basename "$sql" .sql).dctwin" "PRAGMA page_size=1024" ".read $sql"
done
# Issue 11's broken catalogs (edited with the sqlite3 shell): the plain seed without one
# parameter row, and without one curve's points.
seed="$root/tests/fuzz/seeds/project_file/plain.sql"
grep -v "^INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','impedance_pu'" "$seed" |
  sqlite3 "$gen/regress/project_file/catalog_missing_parameter.dctwin"
grep -v "^INSERT INTO catalog_curve_point VALUES('chiller_wc_centrifugal_3p5mw','part_load_power'" "$seed" |
  sqlite3 "$gen/regress/project_file/catalog_empty_curve.dctwin"
epw() {  # epw BAD_ROW FIELD VALUE: a made-up year; field FIELD of data row BAD_ROW set to VALUE
  awk -v bad="$1" -v field="$2" -v value="$3" 'BEGIN {
    print "LOCATION,Fuzzville,FZ,NWL,made-up,000001,45.00,10.00,1.0,250.0"
    print "DESIGN CONDITIONS,0"; print "TYPICAL/EXTREME PERIODS,0"; print "GROUND TEMPERATURES,0"
    print "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0"; print "COMMENTS 1,fuzz seed"; print "COMMENTS 2,fuzz seed"
    print "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31"
    split("31 28 31 30 31 30 31 31 30 31 30 31", days, " ")
    n = 0; pi = atan2(0, -1)
    for (m = 1; m <= 12; m++) for (d = 1; d <= days[m]; d++) for (h = 1; h <= 24; h++) {
      t = 10 + 12 * sin(2 * pi * (n / 8760 - 0.3)) + 4 * sin(2 * pi * (h - 9) / 24)
      f[1] = 1999; f[2] = m; f[3] = d; f[4] = h; f[5] = 0; f[6] = "?9?9?9"
      f[7] = sprintf("%.1f", t); f[8] = sprintf("%.1f", t - 5); f[9] = 70; f[10] = 97000
      for (k = 11; k <= 35; k++) f[k] = 0
      n++
      if (n == bad) f[field] = value
      line = f[1]; for (k = 2; k <= 35; k++) line = line "," f[k]; print line
    } }'
}
mkdir -p "$gen/seeds/thermal_case"
[ -f "$shared/reference/openfoam/hall_case.json" ] && cp "$shared/reference/openfoam/hall_case.json" "$gen/seeds/thermal_case/"
epw 0 1 0 >"$gen/seeds/epw/synthetic.epw"
epw 100 7 500.0 >"$gen/regress/epw/dry_bulb_500c.epw"
epw 100 8 40.0 >"$gen/regress/epw/dew_point_above_dry_bulb.epw"
epw 100 9 999 >"$gen/regress/epw/rh_missing.epw"

seeds_of() {
  case "$1" in
    matpower) echo "$root/tests/data/matpower"; [ -d "$shared/reference/matpower/cases" ] && echo "$shared/reference/matpower/cases" ;;
    epw) echo "$gen/seeds/epw"; [ -d "$shared/reference/weather" ] && echo "$shared/reference/weather" ;;
    site_json) echo "$root/tests/fuzz/seeds/site_json" ;;
    thermal_case) echo "$root/tests/data/thermal"; echo "$gen/seeds/thermal_case" ;;
    catalog) echo "$root/tests/fuzz/seeds/catalog" ;;
    project_file) echo "$gen/seeds/project_file" ;;
  esac
  return 0
}
regress_of() {
  local dirs=("$root/tests/fuzz/regress/$1" "$gen/regress/$1")
  [ "$1" = matpower ] && dirs+=("$root/tests/data/matpower_regress")
  for d in "${dirs[@]}"; do
    [ -d "$d" ] && find "$d" -maxdepth 1 -type f ! -name '*.sql' ! -name '*.md'
  done
  return 0
}
max_len_of() {
  case "$1" in
    epw) echo 2000000 ;;  # a whole year is about 1.3 MB
    project_file) echo 400000 ;;
    *) echo 200000 ;;
  esac
}
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

fuzz_one() {
  local t="$1" bin="$build/bin/fuzz_$1" log="$build/logs/$1.log"
  rm -rf "$build/findings/$t"
  mkdir -p "$build/corpus/$t" "$build/findings/$t" "$build/logs"
  local regress=()
  mapfile -t regress < <(regress_of "$t")
  if [ ${#regress[@]} -gt 0 ] && ! "$bin" -rss_limit_mb=4096 "${regress[@]}" >"$log.regress" 2>&1; then
    echo "fuzz.sh: $t: a regression input fails; see $log.regress" >&2
    return 1
  fi
  local seeds=()
  mapfile -t seeds < <(seeds_of "$t")
  "$bin" -max_total_time="$seconds" -max_len="$(max_len_of "$t")" -timeout=60 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$build/findings/$t/" \
    "$build/corpus/$t" "${seeds[@]}" >"$log" 2>&1
}

start=$(date +%s)
pids=() names=()
failed=0
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  echo "fuzz.sh: fuzz_$t for ${seconds} s after its regression inputs"
  fuzz_one "$t" &
  pids+=($!) names+=("$t")
done
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then failed=1; fi
done

printf '%-14s %12s %10s %8s %9s  %s\n' target runs exec/s corpus regress findings
for t in "${targets[@]}"; do
  log="$build/logs/$t.log"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" 2>/dev/null | tail -n 1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" 2>/dev/null | tail -n 1)"
  corpus="$(find "$build/corpus/$t" -type f 2>/dev/null | wc -l)"
  nreg="$(regress_of "$t" | wc -l)"
  found="$(find "$build/findings/$t" -type f 2>/dev/null | wc -l)"
  printf '%-14s %12s %10s %8s %9s  %s\n' "$t" "${runs:-?}" "${speed:-?}" "$corpus" "$nreg" "$found"
  [ "$found" -eq 0 ] || failed=1
done
echo "fuzz.sh: $(( $(date +%s) - start )) s"
if [ "$failed" -ne 0 ]; then
  echo "fuzz.sh: findings (or a failed run): see $build/findings and $build/logs" >&2
  exit 1
fi
