#!/bin/sh
# test_faults.sh FLEETSIM TESTS [STRIDE]: out of memory at every allocation.
# A small run (a provider with its own fleet, a dependency graph, costs, a
# portfolio, two replications) counts its allocations (FLEETSIM_ALLOC_REPORT,
# src/util/alloc.h); then the run is repeated with the N-th allocation
# failing (FLEETSIM_FAIL_ALLOC=N) for N = 1, 1 + STRIDE, ... up to the
# count (STRIDE 1, every allocation, unless given). Each must exit 1 with an
# "out of memory" message, leave no results folder (nor a temporary one)
# and raise no sanitizer report. The same for a run with hooks on two
# threads (each thread loads its own scenario), `fleetsim report` of a
# finished folder (its results must stay as they were), `fleetsim graph`,
# a sweep (where a task's failure may instead be its row: exit 3) and
# `fleetsim merge`.
FS="$1"
T="$2"
STRIDE="${3:-1}"
. "$T/tap.sh"
W="$tmp"
S="$T/scenarios/provider-fleet.lua"
cat >"$W/pf.csv" <<'EOF'
PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share
P1,Air One,airlines,us_east,5e9,4000,crowdstrike,8,1e6,,,,
P2,Clinic Two,healthcare,uk_ireland,2e8,600,crowdstrike,12,1e5,,,,
EOF
# A sanitizer report exits 99 and prints its banner; leaks are reported.
export ASAN_OPTIONS="exitcode=99:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="exitcode=99:halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="exitcode=99"

# count LABEL ARGS...: the allocations of a successful command.
count() {
  label=$1
  shift
  PATH="${RUNPATH:-$PATH}" FLEETSIM_ALLOC_REPORT=1 "$FS" "$@" >"$W/count.out" 2>"$W/count.err"
  rc=$?
  k=$(sed -n 's/^fleetsim: \([0-9]*\) allocations$/\1/p' "$W/count.err" | tail -1)
  [ "$rc" -eq 0 ] && [ -n "$k" ] && [ "$k" -gt 0 ]
  check $? "$label: runs and counts its allocations ($k)"
  [ -n "$k" ] || k=0
}

# sweep LABEL CHECK ARGS...: fails allocation N for N = 1, 1 + STRIDE, ...
# up to $k; CHECK is a shell function that says what must hold after the
# N-th failed run (its status in $rc, stderr in $W/err). Reports the first
# N that broke the rules.
sweep() {
  label=$1
  check=$2
  shift 2
  i=1
  bad=""
  tried=0
  while [ "$i" -le "$k" ]; do
    PATH="${RUNPATH:-$PATH}" FLEETSIM_FAIL_ALLOC=$i "$FS" "$@" >"$W/out" 2>"$W/err"
    rc=$?
    tried=$((tried + 1))
    if grep -q -e "Sanitizer" -e "runtime error:" -e "LeakSanitizer" "$W/err" || [ "$rc" -eq 99 ]; then
      bad="allocation $i: sanitizer report: $(grep -m1 -e Sanitizer -e 'runtime error' "$W/err")"
    elif ! $check; then
      bad="allocation $i: $why (exit $rc: $(head -c 300 "$W/err"))"
    elif [ "$rc" -eq 1 ] && ! grep -q "out of memory" "$W/err"; then
      bad="allocation $i: the message does not say out of memory ($(head -c 300 "$W/err"))"
    fi
    [ -n "$bad" ] && break
    i=$((i + STRIDE))
  done
  [ -z "$bad" ]
  check $? "$label: $tried runs with allocation N failing, each a clean failure${bad:+; first bad: $bad}"
}

# After a failed run: exit 1, a message, no results folder, nothing left
# beside it.
run_failed() {
  why="exit status is not 1"
  [ "$rc" -eq 1 ] || return 1
  why="no message on stderr"
  grep -q "^fleetsim run: " "$W/err" || return 1
  why="a results folder was left"
  [ ! -e "$W/runs/out" ] || return 1
  why="a temporary folder was left"
  [ -z "$(ls -A "$W/runs")" ] || return 1
  return 0
}
mkdir -p "$W/runs"
count "run" run "$S" -n 2 -j 1 --portfolio "$W/pf.csv" -o "$W/runs/out" -q --no-report
rm -rf "$W/runs/out"
sweep "run" run_failed run "$S" -n 2 -j 1 --portfolio "$W/pf.csv" -o "$W/runs/out" -q --no-report
H="$T/scenarios/golden-small.lua"
count "run with hooks on two threads" run "$H" -n 2 -j 2 -o "$W/runs/out" -q --no-report
rm -rf "$W/runs/out"
sweep "run with hooks on two threads" run_failed run "$H" -n 2 -j 2 -o "$W/runs/out" -q --no-report

# fleetsim report re-renders a finished folder (without gnuplot on PATH,
# so that only fleetsim's own code runs): a failure leaves the results as
# they were, no page and no temporary file or folder.
"$FS" run "$S" -n 2 --portfolio "$W/pf.csv" -o "$W/done" -q --no-report >/dev/null 2>&1
(cd "$W/done" && cat *.json *.csv) >"$W/before"
report_failed() {
  why="exit status is not 1"
  [ "$rc" -eq 1 ] || return 1
  why="no message on stderr"
  grep -q "^fleetsim report: " "$W/err" || return 1
  why="the results changed"
  (cd "$W/done" && cat *.json *.csv) >"$W/after"
  cmp -s "$W/before" "$W/after" || return 1
  why="a page or a temporary was left"
  [ ! -e "$W/done/report.html" ] && [ -z "$(find "$W/done" -name '.*tmp*')" ] || return 1
  return 0
}
RUNPATH=/nonexistent
count "report" report "$W/done" -q
# The counting run wrote the report: start again from the folder without it.
rm -rf "$W/done/plots" "$W/done/report.html"
(cd "$W/done" && cat *.json *.csv) >"$W/before"
sweep "report" report_failed report "$W/done" -q

graph_failed() {
  why="exit status is not 1"
  [ "$rc" -eq 1 ] || return 1
  why="no message on stderr"
  grep -q "^fleetsim graph: " "$W/err" || return 1
  why="the JSON file was left"
  [ ! -e "$W/g.json" ] || return 1
  return 0
}
RUNPATH=
count "graph" graph "$S" --json -o "$W/g.json"
rm -f "$W/g.json"
sweep "graph" graph_failed graph "$S" --json -o "$W/g.json"
# A sweep: a failure outside the tasks is exit 1 and no tables; inside a
# task it is that task's row ("failed", its message), exit 3.
sweep_failed() {
  why="exit status is neither 1 nor 3"
  [ "$rc" -eq 1 ] || [ "$rc" -eq 3 ] || return 1
  if [ "$rc" -eq 1 ]; then
    why="no message on stderr"
    grep -q "^fleetsim sweep: " "$W/err" || return 1
    why="tables were written"
    [ ! -e "$W/sw/sweep.csv" ] || return 1
  else
    why="exit 3 without a failed row that says out of memory"
    grep -q ",failed,.*out of memory" "$W/sw/sweep.csv" || return 1
  fi
  rm -rf "$W/sw"
  return 0
}
P="$T/scenarios/sweep.lua"
count "sweep" sweep "$P" --param staffing_factor --points 2 -j 1 -o "$W/sw" -q --no-report
rm -rf "$W/sw"
sweep "sweep" sweep_failed sweep "$P" --param staffing_factor --points 2 -j 1 -o "$W/sw" -q \
  --no-report

# merge of two shards: exit 1 and a message, or done.
"$FS" sweep "$P" --param staffing_factor --points 2 --shard 1/2 -o "$W/shards" -q >/dev/null 2>&1
"$FS" sweep "$P" --param staffing_factor --points 2 --shard 2/2 -o "$W/shards" -q >/dev/null 2>&1
merge_failed() {
  why="exit status is not 1"
  [ "$rc" -eq 1 ] || return 1
  why="no message on stderr"
  grep -q "^fleetsim merge: " "$W/err" || return 1
  why="tables were written"
  [ ! -e "$W/merged/sweep.csv" ] || return 1
  rm -rf "$W/merged"
  return 0
}
count "merge" merge "$W/shards" -o "$W/merged" -q --no-report
rm -rf "$W/merged"
sweep "merge" merge_failed merge "$W/shards" -o "$W/merged" -q --no-report
echo "1..$n"
[ "$fail" -eq 0 ]
