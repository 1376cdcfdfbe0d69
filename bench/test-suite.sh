#!/usr/bin/env bash
# The test suite's wall time and verdict, RUNS times on the machine as it is, then RUNS times with
# a CPU hog on every core beside it (HOGS busy `node` loops; four on this 2-core machine is what
# the suite must shrug off). Prints one line per run: verdict, time, the load average before it,
# the slowness npm test measured, and its three slowest files. Full logs stay in the folder it names.
#
#     bench/test-suite.sh            # RUNS=3 HOGS=4
#     RUNS=1 HOGS=0 bench/test-suite.sh   # one run, no hog
#     IDLE_RUNS=0 bench/test-suite.sh     # only the three runs beside the hogs
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
idle_runs=${IDLE_RUNS:-$runs}
hogs=${HOGS:-4}
logs=$(mktemp -d /tmp/tracbot-test-suite-XXXXXX)
hog_pids=()
stop_hogs() {
  for pid in "${hog_pids[@]}"; do kill "$pid" 2>/dev/null; done
  hog_pids=()
}
trap stop_hogs EXIT

suite() {
  local label=$1 run=$2 log="$logs/$1-$2.log" load started code
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date +%s)
  npm test >"$log" 2>&1
  code=$?
  printf '%-8s run %d: %s in %4d s  (load before: %s; %s)\n' "$label" "$run" \
    "$([ "$code" = 0 ] && echo pass || echo FAIL)" "$(($(date +%s) - started))" "$load" \
    "$(grep -o 'slowness [0-9.]*' "$log" | tail -1)"
  grep -A3 ' files in ' "$log" | tail -3 | sed 's/^/      /'
}

echo "logs in $logs"
for run in $(seq 1 "$idle_runs"); do suite no-hog "$run"; done
if [ "$hogs" -gt 0 ]; then
  for _ in $(seq 1 "$hogs"); do
    node -e 'for (;;) {}' &
    hog_pids+=($!)
  done
  for run in $(seq 1 "$runs"); do suite "hog×$hogs" "$run"; done
  stop_hogs
fi
