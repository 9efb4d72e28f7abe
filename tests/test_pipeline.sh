#!/bin/sh
# test_pipeline.sh FLEETSIM TESTS: the one pipeline under every command.
# - `fleetsim graph --json` and the graph.json of `fleetsim run` agree byte
#   for byte on the same scenario, options and seed (the same fleet with its
#   policy and provider organisations, the same graph);
# - every command that loads a scenario (run, graph, sweep) takes the same
#   scenario options with the same defaults, help and errors (cli/options.c).
FS="$1"
T="$2"
. "$T/tap.sh"
PF="$tmp/pf.csv"
cat >"$PF" <<'EOF'
PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share
P1,Air One,airlines,us_east,5e9,4000,crowdstrike,8,1e6,,,,
P2,Clinic Two,healthcare,uk_ireland,2e8,600,crowdstrike,12,1e5,,,,
EOF

# agree LABEL SCENARIO OPTIONS...: run's graph.json = graph --json.
agree() {
  label=$1
  s=$2
  shift 2
  rm -rf "$tmp/run"
  "$FS" run "$s" "$@" -o "$tmp/run" -q --no-report >/dev/null 2>"$tmp/err.run" &&
    "$FS" graph "$s" "$@" --json >"$tmp/graph.json" 2>"$tmp/err.graph" &&
    cmp -s "$tmp/run/graph.json" "$tmp/graph.json"
  check $? "graph --json = run's graph.json: $label"
}
agree "a provider running the faulty agent on its own fleet" "$T/scenarios/provider-fleet.lua"
agree "with --set and --seed" "$T/scenarios/provider-fleet.lua" --set endpoints=5000 --seed 77
agree "with a portfolio (policies per vendor)" "$T/scenarios/provider-fleet.lua" --portfolio "$PF"
agree "a graph with synthesis and redundancy" "$T/scenarios/propagation.lua" --seed 5
agree "a sample of the fleet" "$T/scenarios/graph.lua" --scale 0.5 --seed 3
S="$T/scenarios/provider-fleet.lua"
# graph.lua's providers run fleets of their own: their organisations are not
# the portfolio's two policies (both run crowdstrike).
"$FS" graph "$T/scenarios/graph.lua" --portfolio "$PF" --json >"$tmp/g.json" &&
  py "
import json, sys
g = json.load(open(sys.argv[1]))
p = {v['vendor']: v['policies'] for v in g['single_points_of_failure']}
assert p['crowdstrike'] == 2 and max(p.values()) <= 2, p
" "$tmp/g.json"
check $? "provider organisations are not counted as policies"

# The scenario options in each command's help: the same lines.
for c in run graph sweep; do
  "$FS" $c --help >"$tmp/help.$c" 2>&1
  for o in --set --seed --scale --portfolio --models --lua-mem --lua-steps --queue --list-params; do
    grep -e "^  $o " "$tmp/help.$c" >>"$tmp/opts.$c"
  done
done
[ "$(wc -l <"$tmp/opts.run")" -eq 9 ] && cmp -s "$tmp/opts.run" "$tmp/opts.graph" &&
  cmp -s "$tmp/opts.run" "$tmp/opts.sweep"
check $? "run, graph and sweep list the nine scenario options with the same help and defaults"
grep -q -e "--lua-mem MIB .*(256)" "$tmp/opts.run" && grep -q -e "--queue KIND .*(ladder)" "$tmp/opts.run"
check $? "defaults shown in the help come from their modules (256 MiB, ladder)"

# The same values accepted, the same answer (--list-params), by each command.
for c in run graph sweep; do
  "$FS" $c "$S" --list-params --set endpoints=3000 --seed 9 --scale 0.5 --portfolio "$PF" \
    --models "$T/../models" --lua-mem 64 --lua-steps 100000000 --queue heap >"$tmp/list.$c" 2>&1
  echo "$?" >>"$tmp/list.$c"
done
grep -q "^endpoints  *3000 " "$tmp/list.run" && cmp -s "$tmp/list.run" "$tmp/list.graph" &&
  cmp -s "$tmp/list.run" "$tmp/list.sweep"
check $? "every scenario option accepted by run, graph and sweep, with the same parameters"

# ... and reaching what runs: the run's manifest and the sweep's sweep.json.
O="--set endpoints=3000 --seed 9 --scale 0.5 --portfolio $PF --models $T/../models --lua-mem 64 --lua-steps 100000000 --queue heap"
"$FS" run "$S" $O -o "$tmp/r9" -q --no-report &&
  "$FS" sweep "$S" $O --param agent_runs --points 2 -o "$tmp/s9" -q --no-report &&
  py "
import json, sys
m = json.load(open(sys.argv[1] + '/manifest.json'))
s = json.load(open(sys.argv[2] + '/sweep.json'))
roles = {i['role']: i['path'] for i in m['inputs']}
assert m['seed'] == '9' and m['scale'] == 0.5 and m['queue'] == 'heap', m
assert roles['portfolio'] == sys.argv[3] and roles['models'] == sys.argv[4], roles
assert m['params']['endpoints']['value'] == 3000
assert s['seed'] == 9 and s['seed_given'] and s['scale'] == 0.5 and s['queue'] == 'heap', s
assert s['lua_mem_mib'] == 64 and s['lua_steps'] == 100000000, s
assert s['models_dir'] == sys.argv[4] and s['portfolio']['path'] == sys.argv[3], s
assert s['sets'] == [{'name': 'endpoints', 'value': 3000}], s['sets']
" "$tmp/r9" "$tmp/s9" "$PF" "$T/../models"
check $? "the scenario options reach the session: run's manifest and sweep.json record them"

# The same usage errors, word for word but for the command's name (the
# usage line that follows is the command's own).
bad() {
  label=$1
  shift
  for c in run graph sweep; do
    "$FS" $c "$S" "$@" >/dev/null 2>"$tmp/e.full"
    echo "exit $?" >"$tmp/e.$c"
    head -n 1 "$tmp/e.full" >>"$tmp/e.$c"
    sed -i "s/fleetsim $c/fleetsim CMD/g" "$tmp/e.$c"
  done
  grep -q "exit 2" "$tmp/e.run" && cmp -s "$tmp/e.run" "$tmp/e.graph" && cmp -s "$tmp/e.run" "$tmp/e.sweep"
  check $? "the same usage error from run, graph and sweep: $label"
}
bad "--lua-mem out of range" --lua-mem 0
bad "--lua-steps out of range" --lua-steps 10
bad "--queue not a kind" --queue splay
bad "--scale out of range" --scale 0
bad "--seed negative" --seed -1
bad "--set without a value" --set endpoints
bad "--set of an unknown parameter" --set endpoint=5 --list-params
bad "a misspelt option" --sclae 0.5
grep -q "unknown option '--sclae' (did you mean '--scale'?)" "$tmp/e.run"
check $? "a misspelt option gets the one 'did you mean' rule"
echo "1..$n"
[ "$fail" -eq 0 ]
