#!/bin/sh
# test_graph.sh: `fleetsim graph` through the CLI (TAP): the ranked table,
# the JSON object, GraphML/DOT export and re-import, and bad graph input
# (unknown names, negative delays, duplicate ids, hard cycles, malformed
# GraphML, bad edge lists): a message with file and line, exit status 1 and
# nothing written.
#
# usage: sh test_graph.sh FLEETSIM TESTS_DIR
FS="$1"
TESTS="${2:-$(dirname "$0")}"
BASE="$TESTS/scenarios/graph.lua"
W=$(mktemp -d) || exit 1
trap 'rm -rf "$W"' EXIT INT TERM
export FLEETSIM_MODELS="$TESTS/../models"

t=0
fail=0
ok() {
  t=$((t + 1))
  if [ "$1" = 0 ]; then echo "ok $t - $2"; else
    echo "not ok $t - $2"
    [ -f "$W/err" ] && sed 's/^/#   stderr: /' "$W/err" | head -n 4
    fail=$((fail + 1))
  fi
}

# ---- good input ------------------------------------------------------------

"$FS" graph "$BASE" --top 5 >"$W/out" 2>"$W/err"
rc=$?
[ $rc = 0 ] && grep -q '^   1  crowdstrike' "$W/out" && grep -q 'saas_identity' "$W/out"
ok $? "table: exit 0, crowdstrike ranked first (every organisation of the fleet runs the agent)"

"$FS" graph "$BASE" --json -o "$W/graph.json" >"$W/json" 2>"$W/err"
[ $? = 0 ] && cmp -s "$W/json" "$W/graph.json" && grep -q '"single_points_of_failure": \[' "$W/json" &&
  grep -q '"vendor": "microsoft-entra-id"' "$W/json" && grep -q '"concentration": {' "$W/json" &&
  grep -q '"centrality": \[' "$W/json" && ! grep -q '"policies"' "$W/json"
ok $? "--json: one object with single_points_of_failure, concentration, centrality; -o writes the same"

if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["single_points_of_failure"]; assert all(k in s[0] for k in ("vendor","dependents","endpoints","revenue_usd")); assert all(x["hard"] <= x["dependents"] + 1e-9 and x["dependents"] <= x["exposed"] + 1e-9 for x in s)' "$W/json" 2>"$W/err"
  ok $? "JSON parses; hard <= dependents <= exposed for every vendor"
fi

"$FS" graph "$BASE" --json >"$W/json2" 2>/dev/null
cmp -s "$W/json" "$W/json2"
ok $? "same scenario and seed: identical JSON"

"$FS" graph "$BASE" --export "$W/g.graphml" --json >/dev/null 2>"$W/err" &&
  "$FS" graph "$BASE" --import "$W/g.graphml" --json >"$W/json3" 2>"$W/err"
[ $? = 0 ] && cmp -s "$W/json" "$W/json3"
ok $? "GraphML export and re-import give the same analysis"

"$FS" graph "$BASE" --export "$W/g.dot" >/dev/null 2>"$W/err"
[ $? = 0 ] && head -n 2 "$W/g.dot" | grep -q '^digraph fleetsim' &&
  grep -q '"okta" -> "aws-us-east-1" \[kind=redundant, group=1' "$W/g.dot"
ok $? "DOT export with kind, group, weight and delay attributes"

printf 'PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share\nP1,Air One,airlines,us_east,5e9,4000,crowdstrike,8,1e6,,,,\nP2,Clinic Two,healthcare,uk_ireland,2e8,600,crowdstrike,12,1e5,,,,\n' >"$W/pf.csv"
"$FS" graph "$BASE" --portfolio "$W/pf.csv" --json >"$W/json4" 2>"$W/err"
[ $? = 0 ] && grep -q '"vendor": "crowdstrike", "category": "endpoint_security", "dependents": [0-9.e+]*, "organisation_nodes": [0-9]*, "providers_down": 0, "endpoints": [0-9.e+]*, "revenue_usd": [0-9.e+]*, "policies": 2,' "$W/json4"
ok $? "--portfolio: policies per vendor (both policies run crowdstrike)"

# ---- bad input ---------------------------------------------------------------

# bad NAME GRAPH-TABLE: a scenario whose graph line is replaced.
LINE=$(grep -n '^  graph = vendors,$' "$BASE" | cut -d: -f1)
bad() {
  sed "s|^  graph = vendors,\$|  graph = $2,|" "$BASE" >"$W/$1.lua"
}
expect_fail() { # FILE PATTERN DESCRIPTION [extra args]
  f="$1"
  pat="$2"
  d="$3"
  shift 3
  rm -f "$W/x.graphml" "$W/x.json"
  "$FS" graph "$f" --export "$W/x.graphml" -o "$W/x.json" "$@" >"$W/out" 2>"$W/err"
  rc=$?
  [ $rc = 1 ] && grep -q -- "$pat" "$W/err" && [ ! -e "$W/x.graphml" ] && [ ! -e "$W/x.json" ] &&
    [ -z "$(ls "$W" | grep '\.tmp\.')" ]
  ok $? "$d"
}

G='{ categories = vendors.categories, vendors = vendors.vendors, edges = %s }'
bad unknown "$(printf "$G" '{ { dependent = "okta", provider = "awz-us-east-1" } }')"
expect_fail "$W/unknown.lua" "unknown.lua:$LINE: graph.edges\[1\].provider: unknown vendor 'awz-us-east-1' (did you mean 'aws-us-east-1'?)" \
  "unknown vendor name: file:line, field path and a suggestion"

bad negdelay "$(printf "$G" '{ { dependent = "okta", provider = "aws-us-east-1", delay_hours = -2 } }')"
expect_fail "$W/negdelay.lua" "negdelay.lua:$LINE: graph.edges\[1\].delay_hours" "negative delay"

bad dupid '{ categories = vendors.categories, vendors = (function() local t = {} for i, v in ipairs(vendors.vendors) do t[i] = v end t[#t + 1] = vendors.vendors[3] return t end)() }'
expect_fail "$W/dupid.lua" "duplicate vendor id 'trend_micro'" "duplicate vendor id"

bad cycle "$(printf "$G" '{ { dependent = "okta", provider = "stripe" }, { dependent = "stripe", provider = "sabre" }, { dependent = "sabre", provider = "okta" } }')"
expect_fail "$W/cycle.lua" "cycle.lua:$LINE: graph.edges\[1\]: cycle of hard dependencies: okta -> stripe -> sabre -> okta" \
  "hard cycle: the members in order"

bad nokind "$(printf "$G" '{ { dependent = "okta", provider = "stripe", kind = "soft" } }')"
expect_fail "$W/nokind.lua" "graph.edges\[1\].kind" "unknown edge kind"

printf '<?xml version="1.0"?>\n<graphml><graph edgedefault="directed">\n<node id="a"/>\n' >"$W/bad.graphml"
expect_fail "$BASE" "bad.graphml: malformed GraphML" "malformed GraphML" --import "$W/bad.graphml"

printf '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph edgedefault="directed">\n<node id="a"/>\n<node id="a"/>\n</graph></graphml>\n' >"$W/dup.graphml"
expect_fail "$BASE" "dup.graphml:5: duplicate node id 'a' (first on line 4)" "duplicate node id in GraphML, with its line" \
  --import "$W/dup.graphml"

"$FS" graph "$BASE" --export "$W/big.graphml" >/dev/null 2>&1
sed -i 's|<data key="v_org">1</data>|<data key="v_org">1e12</data>|' "$W/big.graphml"
expect_fail "$BASE" "big.graphml: node 'org:1': org and policy must be whole numbers in \[-1, 2147483647\]" \
  "GraphML: an organisation index out of range is refused" --import "$W/big.graphml"

printf 'dependent,provider,kind,group,weight,delay_hours\norg:0,okta,hard,,0.5,0\norg:1,oktaa,hard,,0.5,0\n' >"$W/e.csv"
expect_fail "$BASE" 'e.csv:3: column 2 (provider): unknown node "oktaa" (did you mean "okta"?)' \
  "edge list: unknown node with line and column" --import "$W/e.csv"

printf 'dependent,provider,kind,group,weight,delay_hours\nokta,stripe,hard,,1,0\nstripe,okta,hard,,1,0\n' >"$W/c.csv"
expect_fail "$BASE" 'cycle of hard dependencies: okta -> stripe -> okta' "edge list: hard cycle" --import "$W/c.csv"

"$FS" graph "$TESTS/scenarios/tiny.lua" >"$W/out" 2>"$W/err"
[ $? = 1 ] && grep -q 'the scenario has no graph table' "$W/err"
ok $? "a scenario without a graph table: a clear message, exit 1"

"$FS" graph "$BASE" --export "$W/g.png" >"$W/out" 2>"$W/err"
[ $? = 2 ]
ok $? "--export with an unknown extension is a usage error (exit 2)"

echo "1..$t"
[ $fail = 0 ]
