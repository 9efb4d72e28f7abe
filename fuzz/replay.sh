#!/bin/sh
# replay.sh: runs a harness once on every file of the given folders (its
# reproducers under fuzz/regress/NAME and its seeds under fuzz/corpus/NAME):
# a regression test. Exits non-zero at the first input that crashes, leaks,
# trips a sanitizer or an assert.
# usage: replay.sh HARNESS DIR...
exe=$1
shift
files=$(for d in "$@"; do [ -d "$d" ] && find "$d" -type f ! -name '.*' ! -name 'README*'; done | sort)
n=$(printf '%s\n' "$files" | grep -c .)
if [ "$n" -eq 0 ]; then
  echo "$(basename "$exe"): no inputs in $*"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/fleetsim-replay-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
# One process for all inputs; libFuzzer runs each file once and stops at
# the first failure, naming it ("Running: FILE").
printf '%s\n' "$files" | tr '\n' '\0' |
  TMPDIR=$work xargs -0 "$exe" -timeout=60 -rss_limit_mb=2048 >"$work/log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  grep -E '^Running: ' "$work/log" | tail -1
  tail -60 "$work/log"
  echo "$(basename "$exe"): FAILED on an input (exit $rc)"
  exit 1
fi
echo "$(basename "$exe"): $n inputs replayed, no failure"
