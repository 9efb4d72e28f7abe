#!/bin/sh
# run.sh: a short fuzzing campaign of one harness, from its seeds, into a
# scratch corpus (the seeds in git are read, never written). Prints one
# line: executions, coverage (libFuzzer's final cov and ft) and crashes; on
# a crash, the sanitizer report and the input (base64) to save under
# fuzz/regress/NAME.
# usage: run.sh HARNESS CORPUS [DICT]
# FLEETSIM_FUZZ_SECONDS: how long (default 20); FLEETSIM_FUZZ_OUT: a folder
# that keeps the new corpus, the artifacts and the log (default: removed);
# FLEETSIM_FUZZ_RESUME=1: go on from the corpus already in that folder (a
# long campaign in instalments; each instalment's line is added to its
# file campaigns) instead of starting again from the seeds alone.
exe=$1
corpus=$2
dict=${3:-}
secs=${FLEETSIM_FUZZ_SECONDS:-20}
name=$(basename "$exe")
if [ -n "${FLEETSIM_FUZZ_OUT:-}" ]; then
  work=$FLEETSIM_FUZZ_OUT
  if [ "${FLEETSIM_FUZZ_RESUME:-0}" = 1 ] && [ -d "$work/corpus" ]; then
    rm -rf "$work/tmp" || exit 1
  else
    rm -rf "$work" && mkdir -p "$work" || exit 1
  fi
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/fleetsim-fuzzrun-XXXXXX") || exit 1
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/corpus" "$work/artifacts" "$work/tmp"
set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/"
[ -n "$dict" ] && [ -f "$dict" ] && set -- "$@" -dict="$dict"
start=$(date +%s)
TMPDIR=$work/tmp "$exe" "$@" "$work/corpus" "$corpus" >"$work/log" 2>&1
rc=$?
took=$(($(date +%s) - start)) # a crash stops the campaign early
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
new=$(sed -n 's/^stat::new_units_added: *//p' "$work/log" | tail -1)
cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/\1 \2/p' "$work/log" | tail -1)
crashes=$(find "$work/artifacts" -type f | wc -l)
line="$name: ${execs:-0} executions (${rate:-0}/s), cov ${cov%% *}, ft ${cov##* }, ${new:-0} new inputs, $crashes crashes, $took s, exit $rc"
echo "$line"
[ -n "${FLEETSIM_FUZZ_OUT:-}" ] && echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $line" >>"$work/campaigns"
if [ $rc -ne 0 ] || [ "$crashes" -gt 0 ]; then
  grep -n -E 'ERROR: |runtime error|Assertion|fuzz [a-z_]*:|SUMMARY' "$work/log" | head -20
  tail -60 "$work/log"
  for f in "$work/artifacts"/*; do
    [ -f "$f" ] || continue
    echo "== $(basename "$f") (base64; save it as fuzz/regress/${name#fuzz_}/NAME):"
    base64 "$f" | head -200
  done
  exit 1
fi
