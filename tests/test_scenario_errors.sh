#!/bin/sh
# test_scenario_errors.sh: loading and running scenarios through `fleetsim
# run`: checked-field messages, Lua errors, sandbox escapes, params and
# --set, hooks, and the results folder (TAP).
#
# usage: sh test_scenario_errors.sh FLEETSIM TESTS_DIR
#
# Broken scenarios are made on the fly from tests/scenarios/tiny.lua with sed
# in a temporary folder; every run writes to its own -o folder there, and
# every failing run must leave neither that folder nor a temporary one.
FS="$1"
TESTS="${2:-$(dirname "$0")}"
BASE="$TESTS/scenarios/tiny.lua"
MODELS="$TESTS/../models"
W=$(mktemp -d) || exit 1
trap 'rm -rf "$W"' EXIT INT TERM
mkdir "$W/out"

t=0
fail=0

# ---- helpers -------------------------------------------------------------

# begin DESCRIPTION: starts a check; the want_* calls add reasons to fail.
begin() {
  desc="$1"
  why=""
  name=""
}
fail_because() { why="${why:+$why; }$1"; }
finish() {
  t=$((t + 1))
  if [ -z "$why" ]; then
    echo "ok $t - $desc"
  else
    echo "not ok $t - $desc: $why"
    [ -f "$W/stderr" ] && sed 's/^/#   stderr: /' "$W/stderr" | head -n 6
    fail=$((fail + 1))
  fi
}

# fsrun NAME ARGS...: `fleetsim run ARGS -o $W/out/NAME`; sets rc and out.
fsrun() {
  name="$1"
  shift
  out="$W/out/$name"
  "$FS" run "$@" -o "$out" >"$W/stdout" 2>"$W/stderr"
  rc=$?
}

want_rc() { [ "$rc" -eq "$1" ] || fail_because "exit $rc, want $1"; }
# The first line of stderr, exactly.
want_line1() {
  l=$(sed -n 1p "$W/stderr")
  [ "$l" = "$1" ] || fail_because "stderr line 1 is '$l', want '$1'"
}
want_err() { grep -q -F -e "$1" "$W/stderr" || fail_because "stderr lacks '$1'"; }
want_out() { grep -q -F -e "$1" "$W/stdout" || fail_because "stdout lacks '$1'"; }
# Neither the results folder nor a temporary or old copy of it.
no_results() {
  [ -e "$out" ] && fail_because "results folder $name left behind"
  for f in "$W/out/.$name.tmp-"* "$W/out/.$name.old-"*; do
    [ -e "$f" ] && fail_because "left behind: ${f#"$W/"}"
  done
  return 0
}
no_leftovers() {
  for f in "$W/out/.$name.tmp-"* "$W/out/.$name.old-"*; do
    [ -e "$f" ] && fail_because "left behind: ${f#"$W/"}"
  done
  return 0
}

# variant NAME SED-SCRIPT: $W/NAME.lua is tiny.lua edited; sets F.
variant() {
  F="$W/$1.lua"
  sed -e "$2" "$BASE" >"$F"
  cmp -s "$BASE" "$F" && fail_because "fixture edit '$2' changed nothing"
  return 0
}
# inject NAME CODE: $W/NAME.lua is tiny.lua with CODE as its line 2; sets F.
inject() {
  F="$W/$1.lua"
  { sed -n 1p "$BASE"; printf '%s\n' "$2"; sed 1d "$BASE"; } >"$F"
}
# lineof FILE TEXT: number of the only line holding TEXT (0 if not one).
lineof() {
  c=$(grep -c -F -e "$2" "$1")
  if [ "$c" -eq 1 ]; then grep -n -F -e "$2" "$1" | cut -d: -f1; else echo 0; fi
}
# jnum FILE KEY: the value of a top-level "KEY": number line of summary.json.
jnum() { sed -n "s/^  \"$2\": \([-+.0-9eE]*\),\{0,1\}\$/\1/p" "$1"; }
# gt A B: A > B as numbers.
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'; }

# ---- 0. the base scenario -----------------------------------------------

begin "tiny scenario runs"
fsrun base "$BASE" --models "$MODELS"
want_rc 0
for f in manifest.json summary.json timeseries.csv orgs.csv; do
  [ -s "$out/$f" ] || fail_because "no $f"
done
no_leftovers
finish
S0="$W/base-summary.json"
cp "$out/summary.json" "$S0" 2>/dev/null || : >"$S0"
base_affected=$(jnum "$S0" affected_endpoints)
base_down=$(jnum "$S0" endpoint_hours_down)

# ---- 1. checked fields ---------------------------------------------------

begin "wrong type: duration_hours as a string"
variant type 's/duration_hours = 72,/duration_hours = "long",/'
fsrun type "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'duration_hours = "long"'): duration_hours: expected a number (got string \"long\")"
no_results
finish

begin "out of range: a region share of 1.4"
variant range 's/share = 0.15 }/share = 1.4 }/'
fsrun range "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'share = 1.4'): fleet.regions[1].share: must be in [0, 1] (got 1.4)"
no_results
finish

begin "region shares that do not sum to 1"
variant sum 's/share = 0.15 }/share = 0.25 }/'
fsrun sum "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'regions = regions,'): fleet.regions: region shares must sum to 1 (got 1.1)"
no_results
finish

begin "missing required field incident.publish (line of incident)"
variant missing '/publish = "2024/d'
fsrun missing "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'incident = {'): incident.publish: missing required field"
no_results
finish

begin "unknown top-level key with a suggestion"
variant incidnet 's/^  incident = {/  incidnet = {/'
fsrun incidnet "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'incidnet = {'): incidnet: unknown field (did you mean 'incident'?)"
no_results
finish

begin "unknown key inside fleet with a suggestion"
variant endponts 's/endpoints = 20000,/endponts = 20000,/'
fsrun endponts "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'endponts = 20000'): fleet.endponts: unknown field (did you mean 'endpoints'?)"
no_results
finish

begin "unknown key inside fleet without a close match lists the fields"
variant colour 's/endpoints = 20000,/endpoints = 20000, colour = "red",/'
fsrun colour "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'colour = "red"'): fleet.colour: unknown field (expected one of: endpoints, regions, online_profiles, classes, industries, platforms, vendors, non_customers, customers_of, notes)"
no_results
finish

begin "bad ISO time: 30 February"
variant feb30 's/start = "2024-07-19T00:00:00Z"/start = "2024-02-30T00:00:00Z"/'
fsrun feb30 "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'start = "2024-02-30'): start: day must be in [1, 29] for February 2024 (got \"2024-02-30T00:00:00Z\")"
no_results
finish

begin "time that is not ISO 8601"
variant notiso 's/guidance = "2024-07-19T06:30:00Z"/guidance = "19 July 2024 06:30"/'
fsrun notiso "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'guidance = "19 July'): incident.guidance: must be an ISO 8601 UTC time like \"2024-03-01T06:00Z\" (got \"19 July 2024 06:30\")"
no_results
finish

begin "pull before publish"
variant pull 's/pull = "2024-07-19T05:27:00Z"/pull = "2024-07-19T04:00:00Z"/'
fsrun pull "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'pull = "2024-07-19T04:00'): incident.pull: must be after publish (got 4.00 h after the start, publish at 4.15 h)"
no_results
finish

begin "choice field: unknown platform"
variant platform 's/platform = "windows",/platform = "amiga",/'
fsrun platform "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'platform = "amiga"'): incident.platform: must be one of 'windows', 'macos', 'linux' (got \"amiga\")"
no_results
finish

begin "the scenario must return a table"
variant noreturn 's/^return {/local unused = {/'
fsrun noreturn "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:1: the scenario must return a table (got nil)"
no_results
finish

# A copy of the models folder with one value broken: the message names the
# model file, the line there and the path inside what it returns.
cp -R "$MODELS" "$W/models"
begin "error in a required model names the model file and list[2].field"
M="$W/models/industries.lua"
ml=$(awk '/id = "healthcare"/ { h = 1 } h && /surge_factor = [0-9]/ { print NR; exit }' "$M")
sed -e "${ml}s/surge_factor = [0-9.]*/surge_factor = \"lots\"/" "$MODELS/industries.lua" >"$M"
fsrun model1 "$BASE" --models "$W/models"
want_rc 1
want_line1 "fleetsim run: $W/models/industries.lua:$ml: list[2].surge_factor: expected a number (got string \"lots\")"
no_results
finish
cp "$MODELS/industries.lua" "$M"

begin "error in a nested table of a model: list[2].fix_minutes"
M="$W/models/endpoint_classes.lua"
ml=$(lineof "$MODELS/endpoint_classes.lua" 'fix_minutes = { mode = 20, min = 10, max = 60 }')
sed -e "${ml}s/min = 10/min = 30/" "$MODELS/endpoint_classes.lua" >"$M"
fsrun model2 "$BASE" --models "$W/models"
want_rc 1
want_line1 "fleetsim run: $W/models/endpoint_classes.lua:$ml: list[2].fix_minutes: needs min <= mode <= max (got 30, 20, 60)"
no_results
finish
cp "$MODELS/endpoint_classes.lua" "$M"

begin "missing scenario file"
fsrun nofile "$W/no-such-scenario.lua" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $W/no-such-scenario.lua: cannot open scenario file (No such file or directory)"
no_results
finish

# ---- 2. Lua errors ---------------------------------------------------------

begin "syntax error names file and line"
variant syntax 's/duration_hours = 72,/duration_hours = = 72,/'
fsrun syntax "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'duration_hours = = 72'): unexpected symbol near '='"
no_results
finish

begin "run-time error names file and line, with a traceback"
inject runtime 'local x = nothing_here()'
fsrun runtime "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:2: attempt to call a nil value (global 'nothing_here')"
want_err "stack traceback:"
no_results
finish

begin "run-time error inside a required module names the module file"
mkdir "$W/mod"
inject mod/uses_helper 'local h = require "helper_broken"'
printf '%s\n' '-- a module that fails' 'local t = nil' 'return t.field' >"$W/mod/helper_broken.lua"
fsrun module "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $W/mod/helper_broken.lua:3: attempt to index a nil value (local 't')"
want_err "stack traceback:"
no_results
finish

# ---- 3. the sandbox ---------------------------------------------------------

# escape ID WHAT CODE MESSAGE: CODE on line 2 fails with "$F:2: MESSAGE".
escape() {
  begin "sandbox refuses $2"
  inject "esc_$1" "$3"
  fsrun "esc_$1" "$F" --models "$MODELS"
  want_rc 1
  want_line1 "fleetsim run: $F:2: $4"
  no_results
  finish
}
NOTMOD="is not allowed (only names inside models/ or the scenario's folder)"
escape os os.execute 'os.execute("touch '"$W"'/pwned")' "attempt to index a nil value (global 'os')"
escape io io.open 'local f = io.open("/etc/passwd")' "attempt to index a nil value (global 'io')"
escape dofile dofile 'dofile("/etc/passwd")' "attempt to call a nil value (global 'dofile')"
escape loadfile loadfile 'local f = loadfile("/etc/passwd")' "attempt to call a nil value (global 'loadfile')"
escape loadlib package.loadlib 'local f = package.loadlib("libc.so.6", "system")' "attempt to index a nil value (global 'package')"
escape debug debug.getinfo 'local i = debug.getinfo(1)' "attempt to index a nil value (global 'debug')"
escape dump string.dump 'local s = string.dump(print)' "attempt to call a nil value (field 'dump')"
escape req_up 'require("../x")' 'local m = require("../x")' "require: module name '../x' $NOTMOD"
escape req_abs 'require of an absolute path' 'local m = require("/etc/passwd")' "require: module name '/etc/passwd' $NOTMOD"
escape req_slash 'require("a/b")' 'local m = require("a/b")' "require: module name 'a/b' $NOTMOD"
escape req_dots 'require("a..b")' 'local m = require("a..b")' "require: module name 'a..b' $NOTMOD"
escape gc 'setmetatable with __gc' 'setmetatable({}, { __gc = function() end })' "setmetatable: __gc metamethods are not allowed in scenarios (finalizers would run outside the instruction limit)"
escape gcstop 'collectgarbage("stop")' 'collectgarbage("stop")' "collectgarbage: option 'stop' is not allowed (only \"collect\" and \"count\")"
escape seed 'math.randomseed() from the clock' 'math.randomseed()' "math.randomseed: give a seed; runs are seeded by --seed and must be reproducible"
[ -e "$W/pwned" ] && echo "# os.execute ran!"

begin "sandbox refuses a bytecode chunk via load"
inject esc_load 'local f, e = load("\27LuaT\0\25\147\r\n\26\n"); if not f then error(e) end'
fsrun esc_load "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:2: load: binary (precompiled) chunks are not allowed; pass Lua source text"
no_results
finish

begin "sandbox refuses a bytecode scenario file"
printf '\033LuaT\000junk' >"$W/bytecode.lua"
fsrun esc_bcfile "$W/bytecode.lua" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $W/bytecode.lua: bytecode chunks are not allowed"
no_results
finish

begin "sandbox refuses a bytecode module file"
mkdir "$W/bc"
printf '\033LuaT\000junk' >"$W/bc/bcmod.lua"
inject bc/uses_bc 'local m = require "bcmod"'
fsrun esc_bcmod "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:2: $W/bc/bcmod.lua: bytecode chunks are not allowed"
no_results
finish

begin "endless loop stops at the instruction limit"
inject loop 'while true do end'
fsrun loop "$F" --models "$MODELS" --lua-steps 100000
want_rc 1
want_line1 "fleetsim run: $F:2: instruction limit of 100000 exceeded (--lua-steps)"
no_results
finish

begin "endless loop inside pcall still stops"
inject loop_pcall 'for i = 1, 1e9 do pcall(function() while true do end end) end'
fsrun loop_pcall "$F" --models "$MODELS" --lua-steps 100000
want_rc 1
want_err "instruction limit of 100000 exceeded (--lua-steps)"
no_results
finish

# One instruction can copy a long string: s = s .. x in a loop is quadratic
# in time within few instructions. Bytes allocated count against the
# budget (64 per instruction), so it stops at once; before, 4 million
# instructions copied about 500 GB (timeout 60 stops that run).
begin "quadratic string building stops at the instruction limit"
inject quad 'local s = "x"; while true do s = s .. 3 end'
out="$W/out/quad"
timeout 60 "$FS" run "$F" --models "$MODELS" --lua-steps 4000000 -o "$out" >"$W/stdout" 2>"$W/stderr"
rc=$?
want_rc 1
want_line1 "fleetsim run: $F:2: instruction limit of 4000000 exceeded (--lua-steps)"
no_results
finish

begin "memory bomb stops at the memory limit"
inject membomb 'local s = "x"; while true do s = s .. s end'
fsrun membomb "$F" --models "$MODELS" --lua-mem 16
want_rc 1
want_err "memory limit of 16 MiB exceeded (--lua-mem)"
want_err "$F"
no_results
finish

begin "memory bomb of many tables stops at the memory limit"
inject membomb2 'local t = {}; for i = 1, 1e9 do t[i] = { i, i, i } end'
fsrun membomb2 "$F" --models "$MODELS" --lua-mem 16
want_rc 1
want_err "memory limit of 16 MiB exceeded (--lua-mem)"
no_results
finish

# ---- 4. params and --set ---------------------------------------------------

begin "--set of an unknown name suggests the closest"
fsrun set_unknown "$BASE" --models "$MODELS" --set staffing_factr=2
want_rc 2
want_line1 "fleetsim run: --set: unknown parameter 'staffing_factr' (did you mean 'staffing_factor'?)"
want_err "usage: fleetsim run"
no_results
finish

begin "--set of a far name points to --list-params"
fsrun set_far "$BASE" --models "$MODELS" --set zzz=1
want_rc 2
want_line1 "fleetsim run: --set: unknown parameter 'zzz' (this scenario declares 2 parameters; see 'fleetsim run $BASE --list-params')"
no_results
finish

begin "--set out of range names the parameter and the range"
fsrun set_range "$BASE" --models "$MODELS" --set staffing_factor=50
want_rc 2
want_line1 "fleetsim run: --set staffing_factor=50: must be a number in [0.1, 10] multiplier (got 50)"
no_results
finish

begin "--set with a non-number"
fsrun set_nan "$BASE" --models "$MODELS" --set staffing_factor=abc
want_rc 2
want_line1 "fleetsim run: --set: staffing_factor: expected a decimal number (got 'abc')"
no_results
finish

begin "--set without a value"
fsrun set_noeq "$BASE" --models "$MODELS" --set staffing_factor
want_rc 2
want_line1 "fleetsim run: --set: expected name=value (got 'staffing_factor')"
no_results
finish

begin "--list-params prints the parameters and writes nothing"
fsrun list "$BASE" --models "$MODELS" --list-params --set poll_minutes=30
want_rc 0
want_out "staffing_factor"
want_out "multiplier: multiplier on every organisation's remediation capacity"
grep -q '^poll_minutes  *30  *0  *600  *minutes: ' "$W/stdout" || fail_because "poll_minutes row lacks the --set value and range"
[ "$(grep -c . "$W/stdout")" -eq 3 ] || fail_because "want a header and 2 rows"
no_results
finish

begin "--set changes the run (staffing_factor=0.1 is slower)"
fsrun set_slow "$BASE" --models "$MODELS" --set staffing_factor=0.1
want_rc 0
v=$(jnum "$out/summary.json" endpoint_hours_down)
gt "$v" "$base_down" || fail_because "endpoint_hours_down $v, base $base_down"
finish

begin "param declaration with a typo'd field"
variant defualt 's/default = 1.0, range = { 0.1, 10 }/defualt = 1.0, range = { 0.1, 10 }/'
fsrun defualt "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'defualt = 1.0'): params.staffing_factor.defualt: unknown field (did you mean 'default'?)"
no_results
finish

begin "param default outside its range"
variant pdefault 's/default = 5, range = { 0, 600 }/default = 900, range = { 0, 600 }/'
fsrun pdefault "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'default = 900'): params.poll_minutes.default: must be in [0, 600] (got 900)"
no_results
finish

begin "scenario params must be the table params{} returned"
variant pother 's/^  params = P,/  params = {},/'
fsrun pother "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:$(lineof "$F" 'params = {},'): params: must be the table returned by params{...}"
no_results
finish

# fuzz/regress/scenario/integer-param-nan-default.lua
begin "param default that is not a number (0/0)"
variant pnan 's/default = 5, range = { 0, 600 }/default = 0\/0, range = { 0, 600 }/'
fsrun pnan "$F" --models "$MODELS"
want_rc 1
want_err "params.poll_minutes.default: must be in [0, 600] (got "
no_results
finish

# fuzz/regress/scenario/integer-param-beyond-int64.lua
begin "integer param with a range beyond 2^53"
variant pint 's/default = 5, range = { 0, 600 }/default = 5, integer = true, range = { 0, 1e300 }/'
fsrun pint "$F" --models "$MODELS"
want_rc 1
want_err "params.poll_minutes.range: an integer parameter's range must lie within +-2^53 (got {0, 1e+300})"
no_results
finish

# fuzz/regress/scenario/index-metamethod-on-scenario.lua
begin "an __index metamethod on the scenario table is not called (fields are read raw)"
variant pmeta '/^  params = P,/d; s/^return {/return setmetatable({/; $ s/^}$/}, { __index = function(t, k) error("no field " .. k) end })/'
fsrun pmeta "$F" --models "$MODELS"
want_rc 0
finish

# ---- 5. hooks --------------------------------------------------------------

begin "hook: end_incident on publish stops the crashes"
inject h_end 'on("publish", function(s) end_incident() end)'
fsrun h_end "$F" --models "$MODELS"
want_rc 0
v=$(jnum "$out/summary.json" affected_endpoints)
[ -n "$v" ] && gt $((base_affected / 10)) "$v" || fail_because "affected_endpoints $v, base $base_affected"
finish

begin "hook: every hour set_staffing(0.1) slows recovery"
inject h_staff 'every(1, function(s) set_staffing(0.1) end)'
fsrun h_staff "$F" --models "$MODELS"
want_rc 0
v=$(jnum "$out/summary.json" endpoint_hours_down)
[ -n "$v" ] && gt "$v" "$base_down" || fail_because "endpoint_hours_down $v, base $base_down"
finish

begin "hook: at(time) release_tool(usb_recovery) runs"
inject h_usb 'at("2024-07-19T06:00:00Z", function(s) release_tool("usb_recovery") end)'
fsrun h_usb "$F" --models "$MODELS"
want_rc 0
[ -s "$out/summary.json" ] || fail_because "no summary.json"
finish

begin "hook: early release_tool(cloud_auto_fix) fixes hosts by tool"
inject h_cloud 'at(6, function(s) release_tool("cloud_auto_fix") end)'
fsrun h_cloud "$F" --models "$MODELS"
want_rc 0
grep -q '"fixed_by": {"hand": [0-9]*, "reboot": [0-9]*, "tool": [1-9]' "$out/summary.json" ||
  fail_because "no endpoint fixed by tool: $(grep fixed_by "$out/summary.json")"
grep -q '"tool": 0}' "$S0" || fail_because "base run already fixes by tool"
finish

begin "hook: the state table carries hours, affected and down"
inject h_state 'every(1, function(s) assert(type(s.hours) == "number" and s.affected >= s.down and s.down_by_region.us_east and s.down_by_industry.airlines, "bad state") end)'
fsrun h_state "$F" --models "$MODELS"
want_rc 0
finish

begin "set_staffing outside a hook"
inject h_outside 'set_staffing(0.5)'
fsrun h_outside "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:2: set_staffing() can only be called from inside a hook (every, at, on)"
no_results
finish

begin "hook that fails at run time: file:line, no results"
inject h_fail 'every(1, function(s) if s.hours >= 5 then local x = s.nope.deeper end end)'
fsrun h_fail "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F: hook at t=5.00 h: $F:2: attempt to index a nil value (field 'nope')"
want_err "stack traceback:"
no_results
finish

begin "hook with an endless loop stops at the instruction limit"
inject h_loop 'every(1, function(s) while true do end end)'
fsrun h_loop "$F" --models "$MODELS" --lua-steps 100000
want_rc 1
want_err "$F:2: instruction limit of 100000 exceeded (--lua-steps)"
want_err "hook at t="
no_results
finish

begin "hook: release_tool of an undeclared tool"
inject h_tool 'at(1, function(s) release_tool("magic_wand") end)'
fsrun h_tool "$F" --models "$MODELS"
want_rc 1
want_err "$F:2: release_tool: unknown tool 'magic_wand' (declare it in remediation.tools)"
no_results
finish

begin "hook: on() with an unknown event"
inject h_event 'on("publsh", function(s) end)'
fsrun h_event "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F: on(\"publsh\"): unknown event (use \"publish\", \"pull\" or \"tool:<name>\" of a declared tool)"
no_results
finish

begin "hook: at() before the scenario start"
inject h_early 'at("2024-07-18T00:00:00Z", function(s) end)'
fsrun h_early "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F: at(\"2024-07-18T00:00:00Z\"): before the scenario start"
no_results
finish

begin "hook: every() with a period below 10 minutes"
inject h_fast 'every(0.01, function(s) end)'
fsrun h_fast "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:2: every: period must be in [1/6, 1e6] hours (got 0.01)"
no_results
finish

begin "hook: at() with negative hours"
inject h_neg 'at(-1, function(s) end)'
fsrun h_neg "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F:2: at: hours must be >= 0 (got -1)"
no_results
finish

begin "hook: set_staffing with a factor out of range"
inject h_big 'at(1, function(s) set_staffing(500) end)'
fsrun h_big "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F: hook at t=1.00 h: $F:2: set_staffing: factor must be in [0, 100] (got 500)"
no_results
finish

begin "hook: set_staffing of an unknown industry"
inject h_ind 'at(1, function(s) set_staffing(2, "piracy") end)'
fsrun h_ind "$F" --models "$MODELS"
want_rc 1
want_line1 "fleetsim run: $F: hook at t=1.00 h: $F:2: set_staffing: unknown industry 'piracy'"
no_results
finish

begin "hook: set_staffing for one industry runs"
inject h_one 'every(1, function(s) set_staffing(0.1, "banking") end)'
fsrun h_one "$F" --models "$MODELS"
want_rc 0
finish

begin "hook: on a tool release runs"
inject h_ontool 'on("tool:usb_recovery", function(s) set_staffing(2) end)'
fsrun h_ontool "$F" --models "$MODELS"
want_rc 0
finish

begin "hook: registering a hook from a hook"
inject h_nested 'at(1, function(s) every(1, function() end) end)'
fsrun h_nested "$F" --models "$MODELS"
want_rc 1
want_err "$F:2: hooks can only be registered while the scenario loads"
no_results
finish

# ---- 6. results folder -------------------------------------------------------

begin "results folder holds the run's five files (no costs: no loss tables), plots and report"
fsrun ok "$BASE" --models "$MODELS"
want_rc 0
for f in manifest.json summary.json timeseries.csv orgs.csv recovery_band.csv report.html; do
  [ -s "$out/$f" ] || fail_because "no $f"
done
[ "$(ls -A "$out" | grep -v -e '^plots$' -e '^report.html$' | wc -l)" -eq 5 ] || fail_because "files: $(ls -A "$out" | tr '\n' ' ')"
want_out "results"
no_leftovers
finish

begin "summary.json: integer counts and recovery quantiles"
S="$out/summary.json"
for k in fleet_endpoints affected_endpoints; do
  grep -q "^  \"$k\": [0-9][0-9]*,\$" "$S" || fail_because "$k is not an integer"
done
for q in 50 90 97 99; do
  grep -q "^  \"recovery_hours\": {.*\"$q\": \([0-9.]*\|null\)" "$S" || fail_because "recovery_hours lacks \"$q\""
done
grep -q '^  "scenario": "tiny",$' "$S" || fail_because "scenario name"
gt "$(jnum "$S" affected_endpoints)" 0 || fail_because "nothing affected"
finish

begin "timeseries.csv: header and one row per 10 minutes"
C="$out/timeseries.csv"
case "$(sed -n 1p "$C")" in
time_utc,hours,affected_cum,down,*) ;;
*) fail_because "header: $(sed -n 1p "$C")" ;;
esac
rows=$(($(wc -l <"$C") - 1))
[ "$rows" -eq $((72 * 6 + 1)) ] || fail_because "$rows rows, want $((72 * 6 + 1))"
[ "$(sed -n 2p "$C" | cut -d, -f1,2)" = "2024-07-19T00:00:00Z,0.0000" ] || fail_because "first row: $(sed -n 2p "$C")"
[ "$(sed -n '$p' "$C" | cut -d, -f1,2)" = "2024-07-22T00:00:00Z,72.0000" ] || fail_because "last row: $(sed -n '$p' "$C")"
finish

begin "same seed, same summary"
cmp -s "$S0" "$out/summary.json" || fail_because "summary.json differs between two runs"
finish

begin "rerun into the same folder replaces it"
touch "$out/stale.txt"
mkdir "$out/stale_dir"
fsrun ok "$BASE" --models "$MODELS" --seed 8
want_rc 0
[ -e "$out/stale.txt" ] && fail_because "old file still there"
[ -e "$out/stale_dir" ] && fail_because "old folder still there"
[ -s "$out/summary.json" ] || fail_because "no summary.json"
grep -q '"seed": "8"' "$out/manifest.json" || fail_because "manifest lacks seed 8"
no_leftovers
finish

begin "a failing run leaves an existing results folder alone"
cp "$out/summary.json" "$W/keep.json"
variant keep 's/duration_hours = 72,/duration_hours = "long",/'
fsrun ok "$F" --models "$MODELS"
want_rc 1
cmp -s "$W/keep.json" "$out/summary.json" || fail_because "old summary.json changed or gone"
no_leftovers
finish

begin "a hook failing at run time leaves an existing results folder alone"
inject keep2 'every(1, function(s) if s.hours >= 5 then error("boom") end end)'
fsrun ok "$F" --models "$MODELS"
want_rc 1
want_err "$F:2: boom"
cmp -s "$W/keep.json" "$out/summary.json" || fail_because "old summary.json changed or gone"
no_leftovers
finish

begin "rerun into the same folder given with a trailing slash replaces it"
fsrun slash "$BASE" --models "$MODELS" -q
out2="$out"
fsrun slash/ "$BASE" --models "$MODELS" -q
want_rc 0
want_line1 ""
touch "$out2/stale.txt"
fsrun slash/ "$BASE" --models "$MODELS" -q
want_rc 0
want_line1 ""
[ -e "$out2/stale.txt" ] && fail_because "old file still there"
[ -s "$out2/summary.json" ] || fail_because "no summary.json"
name=slash
no_leftovers
finish

begin "results path inside a regular file: refused, nothing left behind"
: >"$W/out/afile"
fsrun afile/res "$BASE" --models "$MODELS"
want_rc 1
want_err "a part of the path is not a folder"
for f in "$W/out/afile"?*; do
  [ -e "$f" ] && fail_because "left behind: ${f#"$W/"}"
done
[ -f "$W/out/afile" ] && [ ! -s "$W/out/afile" ] || fail_because "afile changed"
finish

begin "results path that is an existing regular file: no stray copy left"
echo precious >"$W/out/notes.txt"
fsrun notes.txt "$BASE" --models "$MODELS" -q
if [ "$rc" -eq 0 ]; then
  [ -s "$out/summary.json" ] || fail_because "exit 0 but no results in place"
else
  [ "$(cat "$W/out/notes.txt" 2>/dev/null)" = precious ] || fail_because "exit $rc and the file is gone"
fi
no_leftovers
finish

begin "results folder with nested parents is created"
fsrun deep/er/folder "$BASE" --models "$MODELS"
want_rc 0
[ -s "$out/summary.json" ] || fail_because "no summary.json"
finish

echo "1..$t"
[ "$fail" -eq 0 ]
