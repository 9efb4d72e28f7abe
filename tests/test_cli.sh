#!/bin/sh
# test_cli.sh: exit codes and messages of the fleetsim command (TAP).
FS="$1"
n=0
fail=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# check DESCRIPTION EXPECTED_EXIT GREP_STDERR_OR_STDOUT -- ARGS...
check() {
  desc="$1"; want="$2"; pattern="$3"; shift 4
  "$FS" "$@" >"$out" 2>"$err"
  got=$?
  n=$((n + 1))
  if [ "$got" -eq "$want" ] && { [ -z "$pattern" ] || grep -q -e "$pattern" "$out" "$err"; }; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc (exit $got, want $want, pattern '$pattern')"
    sed 's/^/# /' "$err" | head -5
    fail=$((fail + 1))
  fi
}

check "no arguments is a usage error" 2 "usage: fleetsim" --
check "help lists commands" 0 "bench" -- help
check "--help works" 0 "usage: fleetsim" -- --help
check "version prints the version" 0 "^fleetsim [0-9]" -- version
check "help for one command" 0 "usage: fleetsim bench phold" -- help bench
check "bench phold --help" 0 "\-\-lookahead" -- bench phold --help
check "unknown command" 2 "unknown command 'frobnicate'" -- frobnicate
check "unknown command in help" 2 "unknown command" -- help frobnicate
check "bench without a name" 2 "missing benchmark name" -- bench
check "unknown benchmark" 2 "unknown benchmark 'xyz'" -- bench xyz
check "unknown option names the option" 2 "unknown option '--bogus'" -- bench phold --bogus 1
check "bad integer names the option" 2 "\-\-lps: expected an integer (got 'abc')" -- bench phold --lps abc
check "missing value names the option" 2 "\-\-lps: missing value" -- bench phold --lps
check "out-of-range value names the option" 2 "\-\-remote: must be in \[0, 1\] (got 1.5)" -- bench phold --remote 1.5
check "zero LPs is out of range" 2 "\-\-lps: must be in" -- bench phold --lps 0
check "bad choice names the option" 2 "\-\-queue: must be one of heap|ladder|calendar (got 'splay')" -- bench phold --queue splay
check "negative seed is refused" 2 "\-\-seed: expected a non-negative" -- bench phold --seed -1
check "mean below lookahead" 2 "\-\-mean: must be >= \-\-lookahead" -- bench phold --mean 0.05
check "usage line on usage errors" 2 "^usage: fleetsim bench phold" -- bench phold --lps
check "flag with a value is refused" 2 "\-\-json: takes no value" -- bench phold --json=1
check "stray positional argument" 2 "unexpected argument 'extra'" -- bench phold extra
check "small PHOLD run" 0 "rate" -- bench phold --lps 64 --end 20
check "PHOLD --json has the fields" 0 '"events_per_second":' -- bench phold --lps 64 --end 20 --json --queue heap
for f in events seconds events_per_second queue lps; do
  n=$((n + 1))
  if grep -q "\"$f\":" "$out"; then echo "ok $n - json has $f"; else echo "not ok $n - json lacks $f"; fail=$((fail + 1)); fi
done
check "--opt=value form" 0 '"lps":32' -- bench phold --lps=32 --end=10 --json
n=$((n + 1))
a=$("$FS" bench phold --lps 100 --end 50 --trace --seed 9 | grep trace)
b=$("$FS" bench phold --lps 100 --end 50 --trace --seed 9 --queue calendar | grep trace)
if [ -n "$a" ] && [ "$a" = "$b" ]; then echo "ok $n - trace identical across queues"; else echo "not ok $n - trace differs: $a / $b"; fail=$((fail + 1)); fi
echo "1..$n"
[ "$fail" -eq 0 ]
