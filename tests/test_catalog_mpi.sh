#!/bin/sh
# test_catalog_mpi.sh: fleetsim catalog run under mpirun (TAP, suite mpi):
# 2 ranks give the same tables as one process. Skipped when fleetsim was
# built without MPI or mpirun is missing.
# usage: test_catalog_mpi.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R=$(cd "$T/.." && pwd)
if ! "$FS" version | grep -q "MPI yes" || ! command -v mpirun >/dev/null 2>&1; then
  echo "1..0 # SKIP fleetsim built without MPI, or no mpirun"
  exit 0
fi
# Open MPI refuses root unless told; CI runs as root.
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
"$FS" catalog build "$R/models/catalog/default.lua" --events 24 --seed 3 -q -o "$tmp/c24"
B="--scale 0.002 --years 20000 --bootstrap 5 -q"
"$FS" catalog run "$tmp/c24" $B -j 2 -o "$tmp/serial"
check $? "one process"
for np in 2 3; do
  mpirun --oversubscribe -np $np "$FS" catalog run "$tmp/c24" $B -o "$tmp/mpi$np" >/dev/null 2>&1
  check $? "catalog run under mpirun -np $np"
  same=0
  for f in melt.csv selt.csv splt.csv ept.csv alt.csv accumulation.csv ep_intervals.csv \
    top_events.csv rds.csv; do
    cmp -s "$tmp/serial/$f" "$tmp/mpi$np/$f" || same=1
  done
  check $same "MPI, $np ranks: the same tables as one process"
done
echo "1..$n"
[ "$fail" -eq 0 ]
