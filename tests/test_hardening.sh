#!/bin/sh
# test_hardening.sh FLEETSIM TESTS: output paths and folders as a hostile
# or careless user leaves them (docs/SECURITY.md). Nothing outside the
# output path is created, followed, replaced or removed; an interrupted run
# does not replace a complete one; two processes do not share a journal; a
# folder left by a kill does not block the next run; every write is checked.
FS="$1"
T="$2"
. "$T/tap.sh"
S="$T/scenarios/tiny.lua"
M="$T/../models"
run() { "$FS" run "$S" --models "$M" -q --no-report "$@"; }

# ---- run -o replaces only what fleetsim wrote
mkdir -p "$tmp/mine" && echo precious >"$tmp/mine/notes.txt"
run -o "$tmp/mine" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "is not a fleetsim run folder" "$tmp/err" &&
  [ "$(cat "$tmp/mine/notes.txt")" = precious ] && [ "$(ls "$tmp/mine")" = notes.txt ]
check $? "run -o FOLDER that is not a results folder: refused (exit 2), the folder untouched"

mkdir -p "$tmp/proj" && cp "$S" "$tmp/proj/s.lua"
"$FS" run "$tmp/proj/s.lua" --models "$M" -q --no-report -o "$tmp/proj" 2>"$tmp/err"
[ $? -eq 2 ] && cmp -s "$S" "$tmp/proj/s.lua"
check $? "run -o the folder that holds the scenario: refused, the scenario kept"

mkdir -p "$tmp/target" && echo keep >"$tmp/target/x" && ln -s "$tmp/target" "$tmp/link"
run -o "$tmp/link" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "symbolic link" "$tmp/err" && [ -L "$tmp/link" ] &&
  [ "$(cat "$tmp/target/x")" = keep ]
check $? "run -o a symbolic link: refused, the link and what it points to untouched"

mkdir -p "$tmp/ro" && echo keep >"$tmp/ro/x" && chmod 555 "$tmp/ro"
run -o "$tmp/ro" 2>"$tmp/err"
rc=$?
chmod 755 "$tmp/ro"
[ $rc -eq 2 ] && [ "$(cat "$tmp/ro/x")" = keep ]
check $? "run -o a read-only folder of someone else's: refused, untouched"

run -o "$tmp/res" && echo stale >"$tmp/res/stale.txt" && run -o "$tmp/res" &&
  [ ! -e "$tmp/res/stale.txt" ] && [ -s "$tmp/res/summary.json" ]
check $? "run -o a previous run's folder: replaced"

mkdir -p "$tmp/empty" && run -o "$tmp/empty" && [ -s "$tmp/empty/summary.json" ]
check $? "run -o an empty folder: used"

# ---- an interrupted run never replaces a complete one
run -o "$tmp/full" -n 2 && cp "$tmp/full/manifest.json" "$tmp/full.manifest"
"$FS" run "$S" --models "$M" --no-report -n 400 -j 1 -o "$tmp/full" >/dev/null 2>"$tmp/err-int" &
pid=$!
i=0
while [ $i -lt 600 ] && ! grep -q "replications (10%)" "$tmp/err-int" 2>/dev/null; do
  sleep 0.1
  i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] && cmp -s "$tmp/full/manifest.json" "$tmp/full.manifest" &&
  grep -q '"partial": true' "$tmp/full.partial/manifest.json" && grep -q "full.partial" "$tmp/err-int"
check $? "Ctrl-C: the partial run goes beside the complete one (DIR.partial), which stays"

# ---- SIGTERM: stops like Ctrl-C and leaves no temporary folder
# (a file of its own for the progress: the last one says 10% already)
"$FS" run "$S" --models "$M" --no-report -n 400 -j 1 -o "$tmp/term" >/dev/null 2>"$tmp/err-term" &
pid=$!
i=0
while [ $i -lt 600 ] && ! grep -q "replications (10%)" "$tmp/err-term" 2>/dev/null; do
  sleep 0.1
  i=$((i + 1))
done
kill -TERM $pid
wait $pid
rc=$?
[ $rc -eq 130 ] && grep -q '"partial": true' "$tmp/term/manifest.json" &&
  [ -z "$(ls -a "$tmp" | grep '^\.term\.')" ]
check $? "SIGTERM: the finished replications kept (partial), no temporary folder left"

# ---- a killed run's temporary folders are removed by the next one
# (temporaries are named .BASE.tmp-PID@HOST-SUFFIX and .BASE.old-PID@HOST-SUFFIX)
host=$(hostname | tr -cd 'A-Za-z0-9.-' | cut -c1-32)
[ -n "$host" ] || host=host
mkdir -p "$tmp/k" "$tmp/.k2.tmp-99999999@$host-abcdef" "$tmp/.k2.old-99999999@$host-Ab12cd" \
  "$tmp/.k2.tmp-$$@$host-live1" "$tmp/.k2.tmp-99999999@elsewhere.example-abcdef" \
  "$tmp/k2.old-2023" "$tmp/.k2.tmp-99999999@$host-abc-def"
echo notes >"$tmp/k2.old-2023/notes.txt"
run -o "$tmp/k2" 2>"$tmp/err" && [ ! -e "$tmp/.k2.tmp-99999999@$host-abcdef" ] &&
  [ ! -e "$tmp/.k2.old-99999999@$host-Ab12cd" ] && [ -d "$tmp/.k2.tmp-$$@$host-live1" ]
check $? "the folders a killed run left are removed; a live run's are not"
[ -d "$tmp/.k2.tmp-99999999@elsewhere.example-abcdef" ] && [ -s "$tmp/k2.old-2023/notes.txt" ] &&
  [ -d "$tmp/.k2.tmp-99999999@$host-abc-def" ]
check $? "... and a user's k2.old-2023, another machine's temporary and other shapes stay"
run -o "$tmp/k2" && [ -z "$(ls -a "$tmp" | grep '^\.k2\.old-[0-9]*@.*-[A-Za-z0-9]*$')" ] &&
  [ -s "$tmp/k2.old-2023/notes.txt" ]
check $? "replacing a run folder moves the old one aside under a fresh name and removes only that"
run -o "$tmp/k3" && cp "$tmp/k3/manifest.json" "$tmp/k3.manifest" &&
  mv "$tmp/k3" "$tmp/.k3.old-99999999@$host-Zz9abc" && mkdir "$tmp/.k3.tmp-99999999@$host-Yy8abc"
# the next run into k3 fails (a 1 KiB file-size limit), after cleaning up
bash -c "trap '' XFSZ; ulimit -f 1; \"$FS\" run \"$S\" --models \"$M\" -q --no-report -o \"$tmp/k3\"" 2>/dev/null
cmp -s "$tmp/k3/manifest.json" "$tmp/k3.manifest" && [ ! -e "$tmp/.k3.old-99999999@$host-Zz9abc" ] &&
  [ ! -e "$tmp/.k3.tmp-99999999@$host-Yy8abc" ]
check $? "a run killed between moving its old folder aside and the new one in: the old one comes back"

# ---- every write is checked, standard output included
"$FS" run "$S" --models "$M" --no-report -o "$tmp/o1" >/dev/full 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "standard output" "$tmp/err"
check $? "run whose standard output is a full disk: exit non-zero"
G="$T/scenarios/graph.lua"
"$FS" graph "$G" --json >/dev/full 2>/dev/null
[ $? -ne 0 ]
check $? "graph --json into a full disk: exit non-zero"

# ---- graph -o and --export replace regular files only
# A device node of our own (as root), never the machine's /dev/null: a
# program without the fix would replace it.
if mknod "$tmp/null" c 1 3 2>/dev/null; then
  "$FS" graph "$G" -o "$tmp/null" >/dev/null 2>"$tmp/err"
  [ $? -eq 2 ] && grep -q "not a regular file (a device)" "$tmp/err" && [ -c "$tmp/null" ]
  check $? "graph -o a device: refused, the device kept"
else
  skip "mknod needs root"
fi
echo keep >"$tmp/elsewhere" && ln -s "$tmp/elsewhere" "$tmp/glink.json"
"$FS" graph "$G" -o "$tmp/glink.json" --export "$tmp/glink.json.graphml" >/dev/null 2>&1
[ $? -eq 2 ] && [ -L "$tmp/glink.json" ] && [ "$(cat "$tmp/elsewhere")" = keep ]
check $? "graph -o a symbolic link: refused, the link and its target kept"
ln -s "$tmp/elsewhere" "$tmp/elink.graphml"
"$FS" graph "$G" --export "$tmp/elink.graphml" >/dev/null 2>&1
[ $? -eq 2 ] && [ "$(cat "$tmp/elsewhere")" = keep ]
check $? "graph --export onto a symbolic link: refused"
mkfifo "$tmp/fifo.json"
"$FS" graph "$G" -o "$tmp/fifo.json" >/dev/null 2>&1
[ $? -eq 2 ] && [ -p "$tmp/fifo.json" ]
check $? "graph -o a FIFO: refused, the FIFO kept"
"$FS" graph "$G" -o - >"$tmp/g.json" && py "import json,sys; json.load(open(sys.argv[1]))" "$tmp/g.json"
check $? "graph -o -: the JSON on the standard output"

# ---- one process per journal, one shard layout per folder
P="$T/scenarios/sweep.lua"
sw() { "$FS" sweep "$P" --param staffing_factor --points 2 -q --no-report "$@"; }
sw -o "$tmp/sw" -j 1
if command -v flock >/dev/null 2>&1; then
  flock "$tmp/sw/.tasks.csv.lock" -c "\"$FS\" sweep --resume \"$tmp/sw\" -q --no-report 2>\"$tmp/err\"; echo \$? >\"$tmp/rc\""
  [ "$(cat "$tmp/rc")" -eq 2 ] && grep -q "another fleetsim sweep is running this journal" "$tmp/err"
  check $? "sweep --resume while another process holds the journal: refused"
else
  skip "flock(1) not installed"
fi
"$FS" sweep --resume "$tmp/sw" --shard 2/3 -q --no-report 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "a journal of an unsharded run" "$tmp/err" && "$FS" merge "$tmp/sw" -o "$tmp/swm" -q --no-report
check $? "--resume of an unsharded sweep with --shard 2/3: refused, the folder still merges"
sw -o "$tmp/sh" --shard 1/2 && "$FS" sweep --resume "$tmp/sh" -q --no-report 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "another sharding" "$tmp/err"
check $? "an unsharded --resume of a sharded folder: refused"

ln -s "$tmp/target" "$tmp/swlink"
sw -o "$tmp/swlink" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "symbolic link" "$tmp/err" && [ "$(ls "$tmp/target")" = x ]
check $? "sweep -o a symbolic link: refused, nothing written through it"
run -o "$tmp/fifo" && rm "$tmp/fifo/summary.json" && mkfifo "$tmp/fifo/summary.json"
timeout 20 "$FS" report "$tmp/fifo" 2>"$tmp/err" >/dev/null
[ $? -eq 1 ] && grep -q "summary.json" "$tmp/err"
check $? "a FIFO in a results folder: refused at once, never waited on"

# ---- a journal emptied by a kill at its creation does not block the folder
sw -o "$tmp/e1" -j 1 && : >"$tmp/e1/tasks.csv" && "$FS" sweep --resume "$tmp/e1" -q --no-report &&
  [ -s "$tmp/e1/sweep.csv" ] && head -1 "$tmp/e1/tasks.csv" | grep -q "^task,point"
check $? "an empty journal: --resume runs every task again"
sw -o "$tmp/e2" -j 1 && rm -f "$tmp/e2/sweep.csv" && : >"$tmp/e2/tasks.csv" && sw -o "$tmp/e2" -j 1 &&
  [ -s "$tmp/e2/sweep.csv" ]
check $? "an empty journal: the same sweep started again runs"
ln -s "$tmp/elsewhere" "$tmp/e3.csv"
sw -o "$tmp/e3" -j 1 && rm "$tmp/e3/tasks.csv" && ln -s "$tmp/elsewhere" "$tmp/e3/tasks.csv" &&
  "$FS" sweep --resume "$tmp/e3" -q --no-report 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(cat "$tmp/elsewhere")" = keep ]
check $? "a journal that is a symbolic link: refused, never followed"
# ---- names that reach files and paths follow one grammar (util/ident.h)
ident() {
  label=$1
  pat=$2
  shift 2
  sed "$@" "$S" >"$tmp/id.lua"
  "$FS" run "$tmp/id.lua" --models "$M" -q --no-report 2>"$tmp/err" >/dev/null
  [ $? -eq 1 ] && grep -q -e "$pat" "$tmp/err" && [ -z "$(ls "$tmp" | grep '^x$')" ]
  check $? "a $label: refused at load, naming file:line and the field (exit 1)"
}
ident "scenario name climbing out of results/ (outside the name grammar)" 'id.lua:36: name: must be a name of letters' \
  -e 's|name = "tiny",|name = "../../x",|'
ident "region id with a space and a comma (outside the name grammar)" 'id.lua:29: fleet.regions\[3\].id: must be a name' \
  -e 's|id = "us_east"|id = "us east,x"|'
ident "parameter name with a newline (outside the name grammar)" 'params.staffing_factor.nx: a parameter name must be' \
  -e 's|^  staffing_factor = {|  ["staffing_factor\\nx"] = {|'
ident "fractional default of an integer parameter" 'params.staffing_factor.default: must be a whole number' \
  -e 's|default = 1.0, range = { 0.1, 10 }|default = 2.5, range = { 0, 10 }, integer = true|'
ident "integer parameter beyond what Lua holds exactly" 'params.staffing_factor.range: an integer parameter' \
  -e 's|default = 1.0, range = { 0.1, 10 }|default = 1, range = { 0, 1e300 }, integer = true|'

# ---- portfolios: limits are errors, typos are caught, text is safe in CSV
H='PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share'
pf() { printf '%s\n%s\n' "$H" "$1" >"$tmp/pf.csv"; }
pf 'P1,Big,airlines,us_east,5e12,5000000,crowdstrike,8,1e6,,,,'
"$FS" run "$P" --portfolio "$tmp/pf.csv" -q --no-report -o "$tmp/pf1" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "pf.csv:2: column 6 (Endpoints): at most 4000000 endpoints" "$tmp/err"
check $? "a policy's Endpoints above the largest organisation: an error with line and column"
pf 'P1,Air One,airlines,us_east,5e9,4000,crowdstirke,8,1e6,,,,'
"$FS" run "$P" --portfolio "$tmp/pf.csv" -q --no-report -o "$tmp/pf2" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "pf.csv:2: AgentVendor 'crowdstirke': did you mean 'crowdstrike'" "$tmp/err"
check $? "an AgentVendor typo without a vendor list: did you mean, not a silent 'no agent'"
pf 'P1,"=HYPERLINK(""http://x"",""y"")",airlines,us_east,5e9,4000,crowdstrike,8,1e6,,,,'
"$FS" run "$P" --portfolio "$tmp/pf.csv" -q --no-report -o "$tmp/pf3" &&
  grep -q "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "$tmp/pf3/policies.csv"
check $? "a policy name that looks like a formula is quoted and defused in policies.csv"
# ---- GraphML: what the docs say, and nothing else
gml() {
  printf '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n%s\n<graph edgedefault="directed">\n%s\n</graph></graphml>\n' \
    '<key id="k" for="node" attr.name="kind" attr.type="string"/><key id="e" for="node" attr.name="endpoints" attr.type="double"/><key id="w" for="edge" attr.name="weight" attr.type="double"/><key id="ek" for="edge" attr.name="kind" attr.type="string"/>' \
    "$1" >"$tmp/g.graphml"
  "$FS" graph "$G" --import "$tmp/g.graphml" --json >"$tmp/gout" 2>"$tmp/err"
}
PROV='<node id="p"><data key="k">provider</data></node>'
ORG='<node id="o"><data key="k">organisation</data><data key="e">10</data></node>'
gml "$PROV$ORG<edge source=\"o\" target=\"ghost\"/>"
[ $? -eq 1 ] && grep -q "an edge refers to node 'ghost', which no <node> declares" "$tmp/err"
check $? "GraphML: an edge to an undeclared node is refused (no phantom provider)"
gml "<edge source=\"o\" target=\"p\"/>"
[ $? -eq 1 ] && grep -q "an edge refers to node 'o', which no <node> declares" "$tmp/err"
check $? "GraphML: edges and no node at all: refused the same way (found by fuzz_graphml)"
gml "$PROV$ORG<edge source=\"o\" target=\"p\"><data key=\"w\">NaN</data></edge>"
[ $? -eq 1 ] && grep -q '<data key="w">: expected a finite decimal number (got "NaN")' "$tmp/err"
check $? "GraphML: a NaN weight is refused, not taken as 1"
gml "$PROV<node id=\"o\"><data key=\"k\">organisation</data><data key=\"e\">inf</data></node><edge source=\"o\" target=\"p\"/>"
[ $? -eq 1 ] && grep -q '<data key="e">: expected a finite decimal number (got "inf")' "$tmp/err"
check $? "GraphML: infinite endpoints are refused"
gml "$PROV$ORG<node id=\"o2\"><data key=\"k\">organisation</data></node><edge source=\"o\" target=\"p\"><data key=\"ek\">redundant</data></edge><edge source=\"o2\" target=\"p\"/>"
[ $? -eq 0 ] && grep -q '"hard": 1' "$tmp/gout"
check $? "GraphML: an edge without a kind is hard, as documented"
# ---- limits checked before the first replication, not after the last
pf 'P1,Air,airlines,us_east,9e17,4000,crowdstrike,8,1e6,,,,'
printf '%s\n' 'P2,Air2,airlines,us_east,9e17,4000,crowdstrike,8,1e6,,,,' >>"$tmp/pf.csv"
"$FS" run "$P" --portfolio "$tmp/pf.csv" -n 3 -q --no-report -o "$tmp/lim" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "the policies' revenue adds up to 1.8e+18, above 1e+18" "$tmp/err" &&
  [ ! -e "$tmp/lim" ]
check $? "a portfolio whose footprint exposure overflows the loss tables: refused before running"
# ---- numbers on the command line are decimal, range-checked, the option named
num() {
  label=$1
  pat=$2
  shift 2
  "$FS" "$@" >/dev/null 2>"$tmp/err"
  [ $? -eq 2 ] && grep -q -e "$pat" "$tmp/err"
  check $? "$label: refused, naming the option (exit 2)"
}
num "a hexadecimal seed" "\-\-seed: expected a non-negative 64-bit decimal integer (got '0x10')" run "$S" --seed 0x10
num "an octal-looking seed past 64 bits" "\-\-seed: expected" run "$S" --seed 18446744073709551616
num "a hexadecimal float scale" "\-\-scale: expected a decimal number (got '0x1p-3')" run "$S" --scale 0x1p-3
num "a scale with a leading space" "\-\-scale: expected a decimal number" run "$S" --scale " 0.5"
num "--set with inf" "staffing_factor: expected a decimal number (got 'inf')" run "$S" --set staffing_factor=inf
num "-n with a trailing letter" "\-\-replications: expected an integer (got '3x')" run "$S" -n 3x
num "--shard with a sign and spaces" "\-\-shard: expected I/N" sweep "$P" --param staffing_factor --shard " +1/2"
num "--param with a hex bound" "expected staffing_factor=LO:HI" sweep "$P" --param staffing_factor=0x1:2
num "--param of an integer with a step of 0.5" "parameter 'hook' is an integer: its step and low end must be whole numbers" \
  sweep "$T/scenarios/golden-small.lua" --param hook=0:1:0.5

# ---- text from inputs leaves as valid UTF-8
py "
import sys
s = open(sys.argv[1]).read().replace('Test scenario: a small fleet and a faulty update.', 'bad \\\\255\\\\192 bytes')
open(sys.argv[2], 'w').write(s)
" "$S" "$tmp/utf.lua"
"$FS" run "$tmp/utf.lua" --models "$M" -q -o "$tmp/utf" &&
  py "
import json, sys
m = json.load(open(sys.argv[1] + '/manifest.json', encoding='utf-8'))
assert m['scenario_description'] == 'bad \ufffd\ufffd bytes', m['scenario_description']
open(sys.argv[1] + '/report.html', encoding='utf-8').read()
" "$tmp/utf"
check $? "bytes that are not UTF-8 in a description: manifest.json and report.html stay valid UTF-8"

# ---- a JSON file whose tree would be huge is refused, not read into GBs
run -o "$tmp/bj" && py "
import sys
open(sys.argv[1], 'w').write('[' + ','.join(['1'] * 5000000) + ']')
" "$tmp/bj/summary.json"
"$FS" report "$tmp/bj" 2>"$tmp/err" >/dev/null
[ $? -eq 1 ] && grep -q "summary.json: reading it would take more than 256 MiB" "$tmp/err"
check $? "a 10 MB summary.json of small numbers: refused with its memory limit (not ~40x its size)"
# ---- the same rules where a review found them broken
gml "$PROV<node id=\"o\"><data key=\"k\">organisation</data><data key=\"e\">0x10</data></node><edge source=\"o\" target=\"p\"/>"
[ $? -eq 1 ] && grep -q 'expected a finite decimal number (got "0x10")' "$tmp/err"
check $? "GraphML: a hexadecimal number is refused (igraph's strtod would read 16)"
printf '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="node" attr.name="kind" attr.type="string"/><key id="r" for="node" attr.name="revenue_usd" attr.type="string"/><graph edgedefault="directed"><node id="p"><data key="k">provider</data></node><node id="o"><data key="k">organisation</data><data key="r">7</data></node><edge source="o" target="p"/></graph></graphml>\n' >"$tmp/g.graphml"
"$FS" graph "$G" --import "$tmp/g.graphml" --json >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "the node attribute 'revenue_usd' must be a number" "$tmp/err"
check $? "GraphML: a numeric attribute declared a string is refused (igraph would read its pointer as a number; found by fuzz_graphml)"
gml "$PROV<node id=\"o\"><data key=\"k\">organisation</data><data key=\"e\">5e-310</data></node><edge source=\"o\" target=\"p\"/>"
[ $? -eq 1 ] && grep -q 'expected a finite decimal number (got "5e-310")' "$tmp/err"
check $? "GraphML: a number below the smallest normal double is refused with its line (igraph would not parse it)"
gml "$PROV<node id=\"o\"><data key=\"k\">organisation</data><g:data xmlns:g=\"http://graphml.graphdrawing.org/xmlns\" key=\"e\">0x10</g:data></node><edge source=\"o\" target=\"p\"/>"
[ $? -eq 1 ] && grep -q 'expected a finite decimal number (got "0x10")' "$tmp/err"
check $? "GraphML: a namespace prefix on <data> does not get a hex number past the check"
printf '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="node" attr.name="kind" attr.type="string"/><key id="e" for="node" attr.name="endpoints" attr.type="double"><default>0x10</default></key><graph edgedefault="directed"><node id="p"><data key="k">provider</data></node><node id="o"><data key="k">organisation</data></node><edge source="o" target="p"/></graph></graphml>\n' >"$tmp/g.graphml"
"$FS" graph "$G" --import "$tmp/g.graphml" --json >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q '<default key="e">: expected a finite decimal number (got "0x10")' "$tmp/err"
check $? "GraphML: a key's <default> is checked like its data"
pad=$(printf '%5000s' '')
printf '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="node" attr.name="kind" attr.type="string"/><key id="e" for="node" %s attr.name="endpoints" attr.type="double"/><graph edgedefault="directed"><node id="p"><data key="k">provider</data></node><node id="o"><data key="k">organisation</data><data key="e">0x10</data></node><edge source="o" target="p"/></graph></graphml>\n' "$pad" >"$tmp/g.graphml"
"$FS" graph "$G" --import "$tmp/g.graphml" --json >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q '<key>: tag longer than' "$tmp/err"
check $? "GraphML: a key tag too long to check is refused, not skipped"
gml "<node id=\"infra-nan\"><data key=\"k\">provider</data></node>$ORG<edge source=\"o\" target=\"infra-nan\"/>"
check $? "GraphML: a node id that begins like inf or nan is a name, not a number"
gml "$PROV<node id=\"o\"><data key=\"k\">organisation</data><data key=\"e\">10</data></node><node id=\"x&#10;1 evil\"><data key=\"k\">provider</data></node><edge source=\"o\" target=\"p\"/><edge source=\"o\" target=\"x&#10;1 evil\"/>"
"$FS" graph "$G" --import "$tmp/g.graphml" >"$tmp/gout" 2>"$tmp/err" && ! grep -q "^1 evil" "$tmp/gout" &&
  grep -q 'x\\n1 evil' "$tmp/gout"
check $? "graph: a node id with a line break cannot forge a line of the table"
pf 'P1,Acme,\033]0;pwned\007,us_east,5e9,4000,crowdstrike,8,1e6,,,,'
printf '%s\n%b\n' "$H" 'P1,Acme,\033]0;pwned\007,us_east,5e9,4000,crowdstrike,8,1e6,,,,' >"$tmp/pf.csv"
"$FS" run "$P" --portfolio "$tmp/pf.csv" -q --no-report -o "$tmp/pf4" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'x1b]0;pwned\\x07' "$tmp/err" && ! grep -q "$(printf '\033')" "$tmp/err"
check $? "a terminal escape sequence in a portfolio field reaches the message as \\xHH"
pf 'P1,-Acme,airlines,us_east,5e9,4000,crowdstrike,8,1e6,,,,'
"$FS" run "$P" --portfolio "$tmp/pf.csv" -q -o "$tmp/pf5" >/dev/null && grep -q "'-Acme" "$tmp/pf5/policies.csv" &&
  grep -q ">-Acme<" "$tmp/pf5/report.html" && ! grep -q "'-Acme" "$tmp/pf5/report.html"
check $? "a name defused in policies.csv ('-Acme) is shown as written in report.html"
# (the messages go through a pipe, which the file-size limit does not cut)
bash -c "trap '' XFSZ; ulimit -f 0; \"$FS\" --version >\"$tmp/v.txt\"; echo rc=\$?" 2>&1 | cat >"$tmp/err"
grep -q "rc=1" "$tmp/err" && grep -q "cannot write the standard output" "$tmp/err"
check $? "--version into a full disk: exit 1"
ln -s "$tmp/target2" "$tmp/slash" && mkdir "$tmp/target2"
sw -o "$tmp/slash/" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "symbolic link" "$tmp/err" && [ -z "$(ls "$tmp/target2")" ]
check $? "sweep -o LINK/ (a trailing slash): refused, nothing written through the link"
run -o "$tmp/slash/" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "symbolic link" "$tmp/err" && [ -z "$(ls "$tmp/target2")" ]
check $? "run -o LINK/: refused before anything runs"
timeout 20 "$FS" run /dev/zero --models "$M" -q --no-report -o "$tmp/z1" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "/dev/zero: cannot open scenario file (not a regular file" "$tmp/err"
check $? "run /dev/zero: refused at once (a device is not a scenario file)"
mkfifo "$tmp/pf.fifo"
timeout 20 "$FS" run "$P" --portfolio "$tmp/pf.fifo" -q --no-report -o "$tmp/z2" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "pf.fifo: not a regular file" "$tmp/err"
check $? "--portfolio a FIFO: refused at once, never waited on"
# A tampered sweep.json: its fingerprint is made to match, as a forger would.
forge() { # forge DIR PYTHON-EDIT: edit DIR/sweep.json, then fix its fingerprint
  py "
import json, re, sys
p = sys.argv[1] + '/sweep.json'
t = open(p).read()
$2
open(p, 'w').write(t)
" "$1"
  "$FS" merge "$1" -o "$tmp/fp-probe" --no-report 2>"$tmp/fp" >/dev/null
  want=$(sed -n 's/.*does not match the contents (\([0-9a-f]*\)).*/\1/p' "$tmp/fp")
  [ -z "$want" ] || sed -i "s/\"fingerprint\": \"[0-9a-f]*\"/\"fingerprint\": \"$want\"/" "$1/sweep.json"
}
sw -o "$tmp/t0" -j 1 >/dev/null
cp -r "$tmp/t0" "$tmp/t1" && forge "$tmp/t1" "t = t.replace('staffing_factor', '=1+2')" &&
  sed -i '1s/staffing_factor/=1+2/' "$tmp/t1/tasks.csv"
"$FS" merge "$tmp/t1" -o "$tmp/m1" --no-report 2>"$tmp/err"
[ $? -ne 0 ] && grep -q 'sweep.json: name: "=1+2" is not a name' "$tmp/err" && [ ! -e "$tmp/m1" ]
check $? "merge: a parameter name in sweep.json outside the grammar is refused, not written into CSVs"
cp -r "$tmp/t0" "$tmp/t2" && forge "$tmp/t2" "t = re.sub(r'\"path\": \"[^\"]*\.lua\"', '\"path\": \"/dev/zero\"', t)"
timeout 20 "$FS" sweep --resume "$tmp/t2" -q --no-report 2>"$tmp/err"
[ $? -ne 0 ] && [ $? -ne 124 ] && grep -q "/dev/zero: not a regular file" "$tmp/err"
check $? "--resume of a sweep.json naming /dev/zero as its scenario: refused at once, not read forever"
cp -r "$tmp/t0" "$tmp/t3" && forge "$tmp/t3" "t = t.replace('\"sets\": []', '\"sets\": [{\"name\": \"x\", \"value\": 1e999}]')"
"$FS" merge "$tmp/t3" -o "$tmp/m3" --no-report 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "number out of range" "$tmp/err" && [ ! -e "$tmp/m3" ]
check $? "a JSON number beyond a double (1e999) is an error, never an infinity written back as inf"
cp -r "$tmp/t0" "$tmp/t4" && forge "$tmp/t4" "t = re.sub(r'\"seed\": [0-9]+', '\"seed\": 7.9e-99', t)"
"$FS" merge "$tmp/t4" -o "$tmp/m4" --no-report 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "seed: expected a whole number" "$tmp/err"
check $? "sweep.json: a seed that is not a whole number is refused (not read as 7)"
cp -r "$tmp/t0" "$tmp/t5" && sed -i 's/"hash": "\([0-9a-f]*\)"/"hash": " 0x\1zz"/' "$tmp/t5/sweep.json"
"$FS" merge "$tmp/t5" -o "$tmp/m5" --no-report 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "hash: expected 16 hexadecimal digits" "$tmp/err"
check $? "sweep.json: a hash with spaces, 0x and junk is refused"
# ---- a third pass: text that reaches a terminal, times and numbers from folders
ESC=$(printf '\033')
noesc() { ! grep -q "$ESC" "$@"; }
py "
import sys
s = open(sys.argv[1]).read()
s = s.replace(\"multiplier on every organisation's remediation capacity\", r'x\\27[2J\\27]0;owned\\7')
s = s.replace('return {', r'print(\"\\27]0;pwned\\7 from print\")' + chr(10) + 'return {', 1)
open(sys.argv[2], 'w').write(s)
" "$S" "$tmp/esc.lua"
"$FS" run "$tmp/esc.lua" --models "$M" --list-params >"$tmp/out" 2>"$tmp/err" && noesc "$tmp/out" "$tmp/err" &&
  grep -q 'x\\x1b\[2J' "$tmp/out" && grep -q 'x1b\]0;pwned\\x07 from print' "$tmp/err"
check $? "--list-params and the scenario's print show escape sequences as \\xHH"
"$FS" help "x$(printf '\033]0;T\007')" 2>"$tmp/err"
[ $? -eq 2 ] && noesc "$tmp/err" && grep -q 'x\\x1b' "$tmp/err"
check $? "an unknown command with an escape sequence is echoed as \\xHH"
gml "$PROV$ORG<edge source=\"o\" target=\"p\"/>" && cp "$tmp/g.graphml" "$tmp/g$ESC[2Jx.graphml"
"$FS" graph "$G" --import "$tmp/g$ESC[2Jx.graphml" --top 0 >/dev/null 2>"$tmp/err"
"$FS" graph "$G" --import "$tmp/nonexistent$ESC[2J.graphml" 2>>"$tmp/err"
[ $? -eq 1 ] && noesc "$tmp/err" && grep -q 'nonexistent\\x1b\[2J.graphml' "$tmp/err"
check $? "a file name with an escape sequence reaches messages as \\xHH"
pf 'P1,Acme,airlines,us_east,5e9,4000,crowdstrike,8,1e6,,,,' && cp "$tmp/pf.csv" "$tmp/pf$ESC[31m.csv"
"$FS" run "$P" --portfolio "$tmp/pf$ESC[31m.csv" -n 1 --no-report -o "$tmp/pf6" >"$tmp/out" 2>&1 &&
  noesc "$tmp/out" && grep -q 'pf\\x1b\[31m (1 policies)' "$tmp/out"
check $? "the portfolio's file name in the summary table is shown as \\xHH"
run -o "$tmp/ts" && py "
import sys
p = sys.argv[1] + '/timeseries.csv'
rows = open(p).read().splitlines()
f = rows[-1].split(',')
f[1] = '1e300'
rows[-1] = ','.join(f)
open(p, 'w').write('\\n'.join(rows) + '\\n')
" "$tmp/ts"
"$FS" report "$tmp/ts" 2>"$tmp/err" >/dev/null
[ $? -eq 1 ] && grep -q "timeseries.csv:.*(hours): expected hours in \[0, 8784\] (got 1e+300)" "$tmp/err"
check $? "hours of 1e300 in timeseries.csv: an error naming the column, not an overflowing date"
OMPI_COMM_WORLD_SIZE=2x sw -o "$tmp/mpi2x" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'OMPI_COMM_WORLD_SIZE: expected a whole number' "$tmp/err" && [ ! -e "$tmp/mpi2x" ]
check $? "an MPI launcher variable that is not a number: refused, naming it"
run -o "$tmp/q a'b" && py "
import json, shlex, sys
c = json.load(open(sys.argv[1] + '/manifest.json'))['command']
assert shlex.split(c)[-1] == sys.argv[1], c
" "$tmp/q a'b"
check $? "manifest.json's command is a shell line that names the same folder"
cp -r "$tmp/t0" "$tmp/t6" && sed -i '$d' "$tmp/t6/tasks.csv" && echo keep >"$tmp/elsewhere.csv" &&
  mv "$tmp/t6/tasks.csv" "$tmp/elsewhere.csv" && ln "$tmp/elsewhere.csv" "$tmp/t6/tasks.csv"
"$FS" sweep --resume "$tmp/t6" -q --no-report 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "tasks.csv: not a regular file with one name" "$tmp/err" &&
  [ "$(wc -l <"$tmp/elsewhere.csv")" -eq "$(wc -l <"$tmp/t6/tasks.csv")" ]
check $? "a journal hard-linked to a file elsewhere: not appended to"
echo "1..$n"
[ "$fail" -eq 0 ]
