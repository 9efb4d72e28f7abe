#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer harnesses of fuzz/ if needed (a clang build
# folder of its own, build-fuzz) and runs each for SECONDS from its seeds,
# one harness at a time; prints per harness the executions, the coverage
# (libFuzzer's final cov and ft) and the crashes found, then a table.
# The seeds in fuzz/corpus are only read: each harness fuzzes into
# OUT/NAME/corpus (OUT: build-fuzz/fuzz-out), which also keeps the log and
# any crash, leak or timeout input (OUT/NAME/artifacts). See docs/FUZZING.md.
# usage: scripts/fuzz.sh [--merge] [--resume] [--out DIR] SECONDS [HARNESS...]
#   --resume   go on from OUT/NAME/corpus of an earlier run (a long campaign
#              in instalments); OUT/NAME/campaigns lists every instalment
#   --totals   print each harness's campaign so far (OUT/NAME/campaigns:
#              instalments, seconds, executions, the latest cov and ft,
#              corpus files, crashes) and stop; SECONDS is not given
#   --merge    then add to fuzz/corpus/NAME the new inputs that reach coverage
#              the seeds do not (libFuzzer -merge=1)
#   HARNESS    csv portfolio json graphml edges scenario set_param sweep_rows
#              (default: all)
# Exit status: 0 no crash, 1 a crash (or a build failure), 2 usage.
set -uo pipefail
cd "$(dirname "$0")/.."
all=(csv portfolio json graphml edges scenario set_param sweep_rows)
merge=0
totals=0
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --merge) merge=1; shift ;;
    --resume) export FLEETSIM_FUZZ_RESUME=1; shift ;;
    --totals) totals=1; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
if [ $totals -eq 1 ]; then
  out=${out:-${FLEETSIM_FUZZ_BUILD:-build-fuzz}/fuzz-out}
  echo "| harness | instalments | seconds | executions | exec/s | cov | ft | corpus files | crashes |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for h in "${all[@]}"; do
    [ -f "$out/$h/campaigns" ] || continue
    files=$(find "$out/$h/corpus" -type f 2>/dev/null | wc -l)
    # "DATE fuzz_NAME: E executions (R/s), cov C, ft F, N new inputs, K crashes, S s, exit X"
    awk -v h="$h" -v files="$files" '{
        n++; e += $3; c = $7; f = $9; k += $13; s += $15
      } END {
        sub(/,/, "", c); sub(/,/, "", f)
        printf "| %s | %d | %d | %d | %d | %s | %s | %d | %d |\n", h, n, s, e, s ? e / s : 0, c, f, files, k
      }' "$out/$h/campaigns"
  done
  exit 0
fi
secs=${1:-}
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [--merge] [--resume] [--out DIR] SECONDS [HARNESS...]" >&2
  exit 2
fi
shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
build=${FLEETSIM_FUZZ_BUILD:-build-fuzz}
out=${out:-$build/fuzz-out}

command -v clang >/dev/null || bash scripts/install-deps.sh --with-fuzz || exit 1
if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" --buildtype=debugoptimized -Dfuzz=enabled -Dmpi=disabled \
    >"$build.setup.log" 2>&1 || { tail -20 "$build.setup.log"; exit 1; }
  rm -f "$build.setup.log"
fi
ninja -C "$build" fuzzers >/dev/null || { echo "fuzz.sh: build failed" >&2; exit 1; }

mkdir -p "$out"
rows=()
crashed=0
for h in "${harnesses[@]}"; do
  exe=$build/fuzz/fuzz_$h
  if [ ! -x "$exe" ]; then echo "fuzz.sh: no harness '$h'" >&2; exit 2; fi
  line=$(FLEETSIM_FUZZ_SECONDS=$secs FLEETSIM_FUZZ_OUT=$out/$h \
    sh fuzz/run.sh "$exe" "fuzz/corpus/$h" "fuzz/dict/$h.dict" 2>&1)
  rc=$?
  printf '%s\n' "$line" | head -1
  if [ $rc -ne 0 ]; then
    crashed=1
    printf '%s\n' "$line" | sed 1d | head -40
    echo "  (log and input: $out/$h)"
  fi
  # "fuzz_NAME: E executions (R/s), cov C, ft F, N new inputs, K crashes, S s, exit X"
  rows+=("$(printf '%s\n' "$line" | head -1 | sed -E \
    's/^fuzz_([a-z_]+): ([0-9]+) executions \(([0-9]+)\/s\), cov ([0-9]*), ft ([0-9]*), ([0-9]+) new inputs, ([0-9]+) crashes.*/| \1 | \2 | \3 | \4 | \5 | \6 | \7 |/')")
  if [ $merge -eq 1 ] && [ $rc -eq 0 ]; then
    TMPDIR=$out/$h/tmp "$exe" -merge=1 "fuzz/corpus/$h" "$out/$h/corpus" >"$out/$h/merge.log" 2>&1 &&
      echo "  merged into fuzz/corpus/$h: $(sed -n 's/.*MERGE-OUTER: \([0-9]*\) new files.*/\1/p' "$out/$h/merge.log") new files"
  fi
done
echo
echo "| harness | executions | exec/s | cov | ft | new inputs | crashes |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
exit $crashed
