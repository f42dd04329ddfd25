#!/usr/bin/env bash
# Kill tests of issue 18: writers of a project file are sent SIGKILL at random moments, and the
# file must always open afterwards with either its old or its new content, never "damaged".
#
#   kill_project_writes.sh BIN_DIR [RUNS]
#
# 1. Stale write-ahead log: a project whose -wal a killed writer left beside it (a committed
#    change: the building renamed "stale-wal") is overwritten with `import-json --force`, itself
#    killed at a random moment in half of the runs. Afterwards the file holds the old content
#    with the logged change, or the new content; never a mix, never a refusal.
# 2. Checkpoint kill: `simulate` stores a 24 h run at 1 s steps (the file grows by about 20 MB
#    at the closing checkpoint) and is killed at a random moment. The file must open (no false
#    "damaged ... truncated"), pass SQLite's integrity check and keep its site.
# 3. Stored runs: solve, contingency and simulate killed at random on one file; no run is left
#    with half its tables (issue 11).
# Needs sqlite3 (scripts/deps.sh installs it). Exit 0 when every run passes.
set -euo pipefail
bin="$1"
runs="${2:-50}"
cli="$bin/dctwin-cli"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
say() { echo "kill_project_writes: $*"; }
bad() { say "FAIL: $*"; fail=1; }

racks_of() {  # racks in a project as dctwin opens it, or "error: ..." when it does not open
  local out
  if out="$("$cli" info "$1" 2>&1)"; then
    sed -n 's/.*, racks \([0-9][0-9]*\)$/\1/p' <<<"$out"
  else
    echo "error: $out"
  fi
}

# A committed change left in the log by a writer that was killed before its checkpoint.
leave_hot_wal() {
  local fifo="$work/fifo"
  rm -f "$fifo"
  mkfifo "$fifo"
  sqlite3 "$1" <"$fifo" >/dev/null 2>&1 &
  local pid=$!
  exec 3>"$fifo"
  printf "PRAGMA wal_autocheckpoint=0;\nUPDATE building SET name = 'stale-wal';\nSELECT 1;\n" >&3
  for _ in $(seq 50); do
    [ -s "$1-wal" ] && break
    sleep 0.02
  done
  sleep 0.05
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  exec 3>&-
  rm -f "$fifo"
}

kill_after() {  # kill_after SECONDS CMD...: runs CMD, SIGKILL after SECONDS; 0 when it was killed
  local delay="$1"
  shift
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep "$delay"
  local killed=1
  kill -9 "$pid" 2>/dev/null && killed=0
  wait "$pid" 2>/dev/null || true
  return "$killed"
}

rand() {  # uniform in [0, 1), reproducible per run
  awk -v s="$1" 'BEGIN { srand(s); print rand() }'
}

"$cli" new --template small small.dctwin >/dev/null
"$cli" new --template gigawatt big.dctwin >/dev/null
"$cli" export-json big.dctwin big.json >/dev/null
old_racks="$(racks_of small.dctwin)"
new_racks="$(racks_of big.dctwin)"
if [ -z "$old_racks" ] || [ -z "$new_racks" ] || [ "$old_racks" = "$new_racks" ]; then
  say "FAIL: cannot tell the templates apart by their racks ('$old_racks', '$new_racks')"
  exit 1
fi

# Time of an uninterrupted overwrite, to spread the kills over it.
cp small.dctwin t.dctwin
t0=$(date +%s%N)
"$cli" import-json big.json t.dctwin --force >/dev/null
t_import=$(awk -v n="$(($(date +%s%N) - t0))" 'BEGIN { print n / 1e9 }')
rm -f t.dctwin*

kept_old=0 got_new=0
for i in $(seq "$runs"); do
  rm -f p.dctwin p.dctwin-* p.dctwin.new*
  cp small.dctwin p.dctwin
  # The killed writer must have committed its change to the log (on a loaded machine it can be
  # killed with the log begun but the commit not yet written): checked on a copy, retried.
  committed=""
  for _ in 1 2 3 4 5; do
    rm -f p.dctwin-* v.dctwin v.dctwin-*
    cp small.dctwin p.dctwin
    leave_hot_wal p.dctwin
    [ -s p.dctwin-wal ] || continue
    cp p.dctwin v.dctwin
    cp p.dctwin-wal v.dctwin-wal
    if sqlite3 v.dctwin "SELECT name FROM building" 2>/dev/null | grep -q stale-wal; then
      committed=1
      break
    fi
  done
  rm -f v.dctwin v.dctwin-*
  [ -n "$committed" ] || { bad "run $i: no committed write-ahead log was left to test with"; continue; }
  if [ $((i % 2)) -eq 0 ]; then
    delay=$(awk -v r="$(rand "$i")" -v t="$t_import" 'BEGIN { printf "%.3f", 0.001 + r * t * 1.2 }')
    kill_after "$delay" "$cli" import-json big.json p.dctwin --force || true
  else
    "$cli" import-json big.json p.dctwin --force >/dev/null 2>&1 || bad "run $i: import-json failed"
  fi
  racks="$(racks_of p.dctwin)"
  if [ "$racks" = "$new_racks" ]; then
    got_new=$((got_new + 1))
  elif [ "$racks" = "$old_racks" ]; then
    kept_old=$((kept_old + 1))
    [ $((i % 2)) -eq 0 ] || bad "run $i: the overwrite reported success but the old site is there"
    sqlite3 p.dctwin "SELECT name FROM building" | grep -q stale-wal ||
      bad "run $i: the old file lost the change in its log"
  else
    bad "run $i: after the overwrite: $racks"
  fi
done
say "stale log: $runs overwrites (half killed at random, overwrite ~${t_import} s): $got_new new, $kept_old old with its log kept"

# Checkpoint kills.
cp small.dctwin t.dctwin
t0=$(date +%s%N)
"$cli" simulate t.dctwin --scenario training-24h >/dev/null 2>&1
t_sim=$(awk -v n="$(($(date +%s%N) - t0))" 'BEGIN { print n / 1e9 }')
rm -f t.dctwin*
header_short() {  # the file is shorter than its header says (a checkpoint was cut while growing)
  local ps pc size
  ps=$(od -An -tu1 -j16 -N2 "$1" | awk '{ print $1 * 256 + $2 }')
  pc=$(od -An -tu1 -j28 -N4 "$1" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
  size=$(stat -c %s "$1")
  [ "$size" -lt $((ps * pc)) ]
}
cut_growing=0 killed=0
for i in $(seq "$runs"); do
  rm -f q.dctwin q.dctwin-*
  cp small.dctwin q.dctwin
  delay=$(awk -v r="$(rand "$((1000 + i))")" -v t="$t_sim" 'BEGIN { printf "%.3f", t * (0.2 + 0.9 * r) }')
  if kill_after "$delay" "$cli" simulate q.dctwin --scenario training-24h; then
    killed=$((killed + 1))
  fi
  if [ -s q.dctwin-wal ] && header_short q.dctwin; then cut_growing=$((cut_growing + 1)); fi
  racks="$(racks_of q.dctwin)"
  [ "$racks" = "$old_racks" ] || bad "run $i (killed after $delay s): $racks"
  check="$(sqlite3 q.dctwin "PRAGMA integrity_check" 2>&1)"
  [ "$check" = "ok" ] || bad "run $i: integrity check: $check"
done
say "checkpoint: $runs simulate runs (~${t_sim} s), $killed killed, $cut_growing of them while the checkpoint grew the file"

# 3. Every stored run is one transaction (issue 11): solve, contingency and simulate killed at
#    random moments leave the previous runs or whole new ones, never a run with half its tables
#    (solve once stored its power and thermal results in two transactions).
cmds=("solve" "contingency" "simulate --scenario design-day" "simulate --scenario training-24h")
declare -A t_cmd
for c in "${cmds[@]}"; do
  cp small.dctwin t.dctwin
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  "$cli" $c t.dctwin >/dev/null 2>&1 || true
  t_cmd[$c]=$(awk -v n="$(($(date +%s%N) - t0))" 'BEGIN { print n / 1e9 }')
  rm -f t.dctwin*
done
half_runs() {  # runs of $1 missing a table that completes them, or some of their rows
  sqlite3 "$1" "SELECT
    (SELECT count(*) FROM result_run r WHERE r.kind = 'power' AND NOT EXISTS
       (SELECT 1 FROM result_thermal t WHERE t.run_id = r.id)) +
    (SELECT count(*) FROM result_run r WHERE r.kind = 'power' AND
       (SELECT count(*) FROM result_rack t WHERE t.run_id = r.id) != (SELECT count(*) FROM rack)) +
    (SELECT count(*) FROM result_run r WHERE r.kind = 'power' AND
       (SELECT count(*) FROM result_elec_node t WHERE t.run_id = r.id) !=
       (SELECT count(*) FROM elec_node)) +
    (SELECT count(*) FROM result_run r WHERE r.kind LIKE 'simulation:%' AND NOT EXISTS
       (SELECT 1 FROM result_series t WHERE t.run_id = r.id)) +
    (SELECT count(*) FROM result_run r WHERE r.kind = 'contingency' AND NOT EXISTS
       (SELECT 1 FROM result_contingency t WHERE t.run_id = r.id)) +
    (SELECT count(*) FROM result_run r WHERE r.kind LIKE 'simulation:%' AND NOT EXISTS
       (SELECT 1 FROM result_simulation t WHERE t.run_id = r.id))" 2>/dev/null || echo 0
}
killed=0 stored=0
rm -f r.dctwin r.dctwin-*
cp small.dctwin r.dctwin
for i in $(seq "$runs"); do
  c="${cmds[$((i % ${#cmds[@]}))]}"
  delay=$(awk -v r="$(rand "$((2000 + i))")" -v t="${t_cmd[$c]}" 'BEGIN { printf "%.3f", 0.01 + t * 1.1 * r }')
  # shellcheck disable=SC2086
  if kill_after "$delay" "$cli" $c r.dctwin; then killed=$((killed + 1)); fi
  racks="$(racks_of r.dctwin)"
  [ "$racks" = "$old_racks" ] || bad "run $i ($c killed after $delay s): $racks"
  half="$(half_runs r.dctwin)"
  [ "$half" = "0" ] || bad "run $i ($c killed after $delay s): $half half-written run(s)"
done
stored=$(sqlite3 r.dctwin "SELECT count(*) FROM result_run" 2>/dev/null || echo "?")
say "stored runs: $runs runs of solve/contingency/simulate on one file, $killed killed at random; $stored runs in the file at the end, none half-written"
exit "$fail"
