#!/bin/sh
# test_sweep_mpi.sh: fleetsim sweep under mpirun (TAP, suite mpi): 2 and 3
# ranks give the same bytes as a serial run, also with rank 0 only handing
# tasks out (-j 0) and with failing tasks; usage errors print once. Skips
# when fleetsim was built without MPI or mpirun is missing.
# usage: test_sweep_mpi.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
S="$T/scenarios/sweep.lua"
same() {
  if cmp -s "$1/sweep.csv" "$2/sweep.csv" && cmp -s "$1/points.csv" "$2/points.csv" &&
     cmp -s "$1/sensitivity.csv" "$2/sensitivity.csv"; then ok "$3"
  else nok "$3"; diff "$1/sweep.csv" "$2/sweep.csv" | head -4 | sed 's/^/# /'; fi
}
if ! "$FS" version | grep -q "MPI yes" || ! command -v mpirun >/dev/null 2>&1; then
  echo "1..0 # SKIP fleetsim built without MPI, or no mpirun"
  exit 0
fi
# Open MPI refuses root unless told; CI runs as root.
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
MPIRUN="mpirun --oversubscribe"

A="$S --param staffing_factor=0.5:2 --param poll_minutes=1:30 --design lhs --points 10 -n 3 --seed 5 --no-report -q"
"$FS" sweep $A -j 1 -o "$tmp/serial"
check $? "serial reference"
for np in 2 3; do
  $MPIRUN -np $np "$FS" sweep $A -o "$tmp/mpi$np"
  check $? "mpirun -np $np runs"
  same "$tmp/serial" "$tmp/mpi$np" "mpirun -np $np: the same sweep.csv, points.csv, sensitivity.csv as serial"
done
$MPIRUN -np 3 "$FS" sweep $A -j 0 -o "$tmp/disp"
same "$tmp/serial" "$tmp/disp" "mpirun -np 3 -j 0 (rank 0 only hands tasks out): the same bytes"
grep -q '"mpi_ranks": 3' "$tmp/disp/manifest.json" &&
  /usr/bin/python3 -c "
import json
r=json.load(open('$tmp/disp/manifest.json'))['runner']
assert r['mpi_tasks']==r['tasks_run']==45 and r['mpi_overhead_ms_per_task']>0, r
"
check $? "with -j 0 every task ran on ranks 1-2; the manifest gives the MPI overhead per task"
[ "$(ls "$tmp/mpi2" | grep -c '^tasks')" -eq 1 ]
check $? "rank 0 alone writes the journal"

# Failing tasks under MPI: recorded, the same bytes as serial, exit 3.
F="$S --param affected_share=0.6:1:0.1 -n 2 --no-report -q"
"$FS" sweep $F -j 1 -o "$tmp/fserial" 2>/dev/null
$MPIRUN -np 2 "$FS" sweep $F -o "$tmp/fmpi" 2>/dev/null
rc=$?
[ $rc -ne 0 ] && [ -f "$tmp/fmpi/sweep.csv" ] && [ "$(grep -c ',failed,' "$tmp/fmpi/sweep.csv")" -eq 6 ]
check $? "failed tasks under MPI are recorded (exit $rc)"
same "$tmp/fserial" "$tmp/fmpi" "failed tasks: MPI and serial give the same bytes"

# A usage error is printed once, by rank 0, and every rank exits.
$MPIRUN -np 3 "$FS" sweep "$S" --param nope -o "$tmp/u" -q 2>"$tmp/err" >/dev/null
[ "$(grep -c "no such parameter" "$tmp/err")" -eq 1 ] && [ ! -e "$tmp/u" ]
check $? "usage error under mpirun: one message, nothing written"
$MPIRUN -np 2 "$FS" sweep $A --shard 1/2 -o "$tmp/u" 2>"$tmp/err" >/dev/null
[ "$(grep -c "do not mix" "$tmp/err")" -eq 1 ]
check $? "--shard with MPI ranks is refused once"

# Resume under MPI of a serial sweep's folder: nothing left to do, same bytes.
$MPIRUN -np 2 "$FS" sweep --resume "$tmp/serial" -q --no-report
[ $? -eq 0 ] && grep -q '"tasks_run": 0' "$tmp/serial/manifest.json"
check $? "--resume under mpirun of a finished sweep runs nothing"
same "$tmp/serial" "$tmp/mpi2" "and keeps the same bytes"

echo "1..$n"
[ $fail -eq 0 ]
