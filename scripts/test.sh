#!/usr/bin/env bash
# test.sh: install what is missing, build, and run the whole test suite:
# every suite in a -O2 build with warnings as errors, then the unit tests in
# an AddressSanitizer + UBSan build, then the fuzz harnesses in a clang
# build (their reproducers, and FLEETSIM_FUZZ_SECONDS of fuzzing each,
# default 20). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-test-tools || exit 1
passed=0
failed=0
count() { # add meson's Ok/Fail counts from a test log
  local log=$1 ok fail
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  fail=$(awk '/^(Fail|Unexpected Pass|Timeout):/ { s += $NF } END { print s + 0 }' "$log")
  passed=$((passed + ${ok:-0}))
  failed=$((failed + fail))
}
run_suite() { # name builddir setup-args... ; then meson test args after --
  # ($TARGETS: build only these ninja targets, and test without a rebuild)
  local name=$1 dir=$2; shift 2
  local setup=() targs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do setup+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  targs=("$@")
  echo "== $name"
  if ! { [ -d "$dir" ] || meson setup "$dir" "${setup[@]}" >"/tmp/fleetsim-setup-$name.log" 2>&1; } ||
     ! ninja -C "$dir" ${TARGETS:-} >"/tmp/fleetsim-build-$name.log" 2>&1; then
    cat "/tmp/fleetsim-setup-$name.log" "/tmp/fleetsim-build-$name.log" 2>/dev/null | tail -40
    echo "$name: build failed"
    failed=$((failed + 1))
    return
  fi
  [ -n "${TARGETS:-}" ] && targs=(--no-rebuild "${targs[@]}")
  meson test -C "$dir" --print-errorlogs "${targs[@]}" 2>&1 | tee "/tmp/fleetsim-test-$name.log" |
    grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail|Timeout):'
  count "/tmp/fleetsim-test-$name.log"
}
run_suite main build-test --buildtype=debugoptimized -Dmpi=enabled --
run_suite asan build-asan --buildtype=debug -Db_sanitize=address,undefined -- --suite unit --suite cli --suite scenario
CC=clang TARGETS=fuzzers run_suite fuzz build-fuzz --buildtype=debugoptimized -Dfuzz=enabled -Dmpi=disabled -- --suite fuzz
grep -h '^fuzz_.* executions' build-fuzz/meson-logs/testlog.txt 2>/dev/null
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
