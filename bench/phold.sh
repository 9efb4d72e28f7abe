#!/usr/bin/env bash
# phold.sh: the engine's PHOLD side by side with the yardsticks in ../shared/bench.
# usage: bench/phold.sh [FLEETSIM] [--quick]
# Prints one table: for 1,024, 65,536 and 1,048,576 LPs (about 10 million
# events each), the rate of each pending-event set, of phold_floor.c, and
# their ratio; then SimPy 2 at 1,024 LPs. Ratios, not absolute rates, are the
# figures to compare: the machines are shared and noisy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fs=${1:-$here/../build/src/fleetsim}
quick=${2:-}
shared=${FS_SHARED:-$here/../../shared}
floor_src=$shared/bench/phold_floor.c
simpy_src=$shared/bench/phold_simpy2.py
floor=/tmp/fleetsim_phold_floor
[ -x "$fs" ] || { echo "phold.sh: no fleetsim binary at $fs (build first)" >&2; exit 1; }
[ -f "$floor_src" ] || { echo "phold.sh: yardstick $floor_src not found (set FS_SHARED)" >&2; exit 1; }
cc -O2 -o "$floor" "$floor_src" -lm

events=${PHOLD_EVENTS:-13000000}
repeat=${PHOLD_REPEAT:-3}
[ "$quick" = "--quick" ] && events=1300000 && repeat=1
field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p"; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
echo "# best of $repeat alternating runs per cell; ratio = engine / floor"

printf '%-10s %-9s %12s %12s %12s %7s %10s\n' lps queue events engine_ev/s floor_ev/s ratio B/pending
for lps in 1024 65536 1048576; do
  end=$(awk -v e="$events" -v n="$lps" 'BEGIN { printf "%.6g", e / n }')
  floor_rate=0
  for q in heap ladder calendar; do
    rate=0
    for ((i = 0; i < repeat; i++)); do
      f=$("$floor" "$lps" "$end" | awk '{ print $6 }')
      floor_rate=$(max "$floor_rate" "$f")
      j=$("$fs" bench phold --lps "$lps" --end "$end" --queue "$q" --json)
      rate=$(max "$rate" "$(echo "$j" | field events_per_second)")
    done
    ev=$(echo "$j" | field events)
    bpe=$(echo "$j" | field bytes_per_pending_event)
    ratio=$(awk -v a="$rate" -v b="$floor_rate" 'BEGIN { printf "%.2f", a / b }')
    printf '%-10s %-9s %12s %12.0f %12.0f %7s %10s\n' "$lps" "$q" "$ev" "$rate" "$floor_rate" "$ratio" "$bpe"
  done
done

if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import SimPy' 2>/dev/null && [ -f "$simpy_src" ]; then
  # SimPy runs ~100x slower: one tenth of the events keeps it under a minute.
  end=$(awk -v e="$events" 'BEGIN { printf "%.6g", e / 10 / 1024 }')
  simpy_rate=$(/usr/bin/python3 "$simpy_src" 1024 "$end" | awk '{ print $6 }')
  j=$("$fs" bench phold --lps 1024 --end "$end" --json)
  rate=$(echo "$j" | field events_per_second)
  printf '\nSimPy 2 at 1024 LPs: %.0f ev/s; fleetsim (default queue) %.0f ev/s: %.1fx SimPy\n' \
    "$simpy_rate" "$rate" "$(awk -v a="$rate" -v b="$simpy_rate" 'BEGIN { print a / b }')"
else
  echo "SimPy 2 (python3-simpy) not installed: skipped"
fi
