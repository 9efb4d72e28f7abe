#!/bin/sh
# test_sweep.sh: fleetsim sweep and merge through the CLI (TAP): usage errors
# naming the parameter, the tables, identical bytes whatever -j or shards,
# resume after kill -9, failed tasks, --fail-fast, Saltelli indices, merge
# checks. MPI runs are in test_sweep_mpi.sh (suite mpi).
# usage: test_sweep.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
S="$T/scenarios/sweep.lua"
same() { # A B DESCRIPTION: sweep.csv, points.csv and sensitivity.csv identical
  if cmp -s "$1/sweep.csv" "$2/sweep.csv" && cmp -s "$1/points.csv" "$2/points.csv" &&
     cmp -s "$1/sensitivity.csv" "$2/sensitivity.csv"; then ok "$3"
  else nok "$3"; diff "$1/sweep.csv" "$2/sweep.csv" | head -4 | sed 's/^/# /'; fi
}

# ---- Usage errors: exit 2, the message names the parameter, nothing written.
usage() { # PATTERN DESCRIPTION ARGS...
  pat="$1"; desc="$2"; shift 2
  "$FS" sweep "$@" -o "$tmp/u" -q 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q -e "$pat" "$tmp/err" && [ ! -e "$tmp/u" ]; then ok "$desc"
  else nok "$desc (exit $rc)"; sed 's/^/# /' "$tmp/err" | head -3; fi
}
usage "staffing_factr: the scenario has no such parameter (did you mean 'staffing_factor'?)" \
  "unknown parameter: named, with a suggestion" "$S" --param staffing_factr=1:2
usage "staffing_factor: 20 is outside the parameter's declared range \[0.1, 10\]" \
  "out-of-range value names the parameter and its range" "$S" --param staffing_factor=1:20
usage "poll_minutes: LO 30 is above HI 10" "LO above HI" "$S" --param poll_minutes=30:10
usage "poll_minutes: STEP must be positive" "non-positive step" "$S" --param poll_minutes=0:10:0
usage "poll_minutes: expected poll_minutes=LO:HI" "malformed range" "$S" --param poll_minutes=a:b
usage "poll_minutes: given twice" "parameter given twice" "$S" --param poll_minutes \
  --param poll_minutes=1:2
usage "poll_minutes: also fixed by --set" "swept and --set" "$S" --param poll_minutes \
  --set poll_minutes=3
usage "no --param" "no parameter" "$S"
usage "missing SCENARIO" "no scenario" --param poll_minutes
usage "--shard: expected I/N" "bad --shard" "$S" --param poll_minutes --shard 4/3
usage "needs an MPI run" "-j 0 outside MPI" "$S" --param poll_minutes -j 0
usage "--design: " "unknown design" "$S" --param poll_minutes --design halton
"$FS" sweep "$S" --param nope -o "$tmp/u" -q --design grid 2>"$tmp/err"
grep -q "it has: affected_share, poll_minutes, staffing_factor" "$tmp/err"
check $? "unknown parameter lists the scenario's parameters"
"$FS" sweep --help >/dev/null && "$FS" help sweep | grep -q -e "--resume DIR" &&
  "$FS" help merge | grep -q "exactly once" && "$FS" help | grep -q "merge"
check $? "help lists sweep and merge and their options"
"$FS" sweep "$S" --list-params | grep -q "^affected_share  *0.76  *0  *1  share: "
check $? "--list-params prints the sweepable parameters with their ranges"

# ---- A grid with a step: the levels, the one-at-a-time block, the tables.
"$FS" sweep "$S" --param poll_minutes=0:20:7.5 --param staffing_factor=0.5:2 --points 3 -n 2 \
  -j 1 -o "$tmp/grid" -q --no-report
check $? "grid sweep runs"
py "
import csv,json,sys
d='$tmp/grid'
rows=list(csv.DictReader(open(d+'/sweep.csv')))
pts=list(csv.DictReader(open(d+'/points.csv')))
m=json.load(open(d+'/manifest.json'))
grid=[(p['poll_minutes'],p['staffing_factor']) for p in pts if p['kind']=='grid']
want=[(a,b) for a in ('0','7.5','15') for b in ('0.5','1.25','2')]
assert grid==want, grid
kinds=[p['kind'] for p in pts[9:]]
assert kinds==['base','oat_low','oat_high','oat_low','oat_high'], kinds
# the base (poll 5, staffing 1) is quantised onto the grid's levels: poll 7.5
assert pts[9]['poll_minutes']=='7.5' and pts[9]['staffing_factor']=='1', pts[9]
assert pts[10]['poll_minutes']=='0' and pts[11]['poll_minutes']=='15', 'oat hi is the last level'
assert len(rows)==14*2 and [int(r['task']) for r in rows]==list(range(28))
assert all(r['status']=='ok' for r in rows)
assert m['kind']=='sweep' and m['tasks']==28 and m['points']==14 and m['design']=='grid'
assert m['primary_output']=='ground_up_loss_usd'
hdr=open(d+'/sweep.csv').readline().strip()
assert hdr=='task,point,replication,poll_minutes,staffing_factor,status,affected_endpoints,peak_down,endpoint_hours_down,recovery_h50,recovery_h90,recovery_h97,recovery_h99,ground_up_loss_usd,market_insured_usd,error', hdr
# points.csv: the mean of a point is the mean of its rows
for p in pts:
  xs=[float(r['endpoint_hours_down']) for r in rows if r['point']==p['point']]
  assert abs(sum(xs)/len(xs)-float(p['endpoint_hours_down_mean']))<=1e-9*abs(sum(xs)), p['point']
sens=list(csv.DictReader(open(d+'/sensitivity.csv')))
sw=[s for s in sens if s['output']=='endpoint_hours_down' and s['index']=='oat_swing']
st={s['parameter']:float(s['estimate']) for s in sw}
assert st['staffing_factor']<0, 'more staff, fewer endpoint-hours down'
lo=[s for s in sens if s['output']=='endpoint_hours_down' and s['index']=='oat_low' and s['parameter']=='staffing_factor'][0]
hi=[s for s in sens if s['output']=='endpoint_hours_down' and s['index']=='oat_high' and s['parameter']=='staffing_factor'][0]
assert abs(float(hi['estimate'])-float(lo['estimate'])-st['staffing_factor'])<1e-6*abs(st['staffing_factor'])
assert not any(s['index'] in ('S1','ST') for s in sens)
"
check $? "grid levels, OAT block, task ids, header, point means and swings are consistent"

# ---- The same bytes whatever -j or shards; another seed changes them.
A="$S --param staffing_factor=0.5:2 --param poll_minutes=1:30 --design lhs --points 8 -n 3 --seed 11 --no-report -q"
"$FS" sweep $A -j 1 -o "$tmp/j1"
"$FS" sweep $A -j 2 -o "$tmp/j2"
same "$tmp/j1" "$tmp/j2" "-j 1 and -j 2 give identical sweep.csv, points.csv, sensitivity.csv"
# The shards start together, as a job array's do, into one new folder.
for i in 1 2 3; do "$FS" sweep $A --shard $i/3 -o "$tmp/sh" -j 1 || echo "# shard $i failed" & done
wait
[ -f "$tmp/sh/tasks-shard-1-of-3.csv" ] && [ -f "$tmp/sh/tasks-shard-3-of-3.csv" ] &&
  [ ! -e "$tmp/sh/sweep.csv" ]
check $? "each shard writes its own journal and no tables"
"$FS" merge "$tmp/sh" -o "$tmp/merged" -q --no-report
check $? "merge of 3 shards succeeds"
same "$tmp/j1" "$tmp/merged" "3 shards merged give the same bytes as one run"
# Slurm's job-array variables choose the shard.
SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_COUNT=3 "$FS" sweep $A -o "$tmp/slurm" -j 1
cmp -s "$tmp/slurm/tasks-shard-2-of-3.csv" "$tmp/sh/tasks-shard-2-of-3.csv" ||
  [ "$(sort "$tmp/slurm/tasks-shard-2-of-3.csv" | md5sum)" = "$(sort "$tmp/sh/tasks-shard-2-of-3.csv" | md5sum)" ]
check $? "SLURM_ARRAY_TASK_ID/MIN/COUNT run shard 2 of 3"
"$FS" sweep $A -j 2 --seed 12 -o "$tmp/seed12"
if cmp -s "$tmp/j1/sweep.csv" "$tmp/seed12/sweep.csv"; then nok "another seed changes the results"
else ok "another seed changes the results"; fi

# Hooks (each worker has its own Lua state) and an integer parameter (the
# grid's levels are whole numbers): -j 1 and -j 2 agree.
H="$T/scenarios/golden-small.lua --param hook --param tail=0:0.3 --points 3 -n 2 --no-oat --no-report -q"
"$FS" sweep $H -j 1 -o "$tmp/h1" && "$FS" sweep $H -j 2 -o "$tmp/h2"
cmp -s "$tmp/h1/sweep.csv" "$tmp/h2/sweep.csv" &&
  [ "$(cut -d, -f4 "$tmp/h1/sweep.csv" | sort -u | tr '\n' ' ')" = "0 1 hook " ]
check $? "hooks and an integer parameter: levels 0 and 1, the same bytes with -j 1 and -j 2"

# ---- merge refuses incomplete, repeated and mixed shards.
mkdir -p "$tmp/part" && cp "$tmp/sh/sweep.json" "$tmp/sh/tasks-shard-1-of-3.csv" "$tmp/part/"
"$FS" merge "$tmp/part" -o "$tmp/m1" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "tasks are missing (first: " "$tmp/err" && [ ! -e "$tmp/m1/sweep.csv" ]
check $? "merge with a shard missing: exit 1, names the missing tasks, writes nothing"
cp "$tmp/sh/tasks-shard-1-of-3.csv" "$tmp/sh/tasks-shard-1-copy.csv"
"$FS" merge "$tmp/sh" -o "$tmp/m2" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "tasks-shard-1-of-3.csv:2: task [0-9]* is also in .*present once" "$tmp/err"
check $? "merge with a task twice: exit 1, names both places"
rm "$tmp/sh/tasks-shard-1-copy.csv"
"$FS" merge "$tmp/sh" "$tmp/seed12" -o "$tmp/m3" -q 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "holds another sweep" "$tmp/err"
check $? "merge of two different sweeps is refused"
sed '3s/,ok,/,okay,/' "$tmp/sh/tasks-shard-2-of-3.csv" > "$tmp/bad.csv" && mkdir -p "$tmp/badsh" &&
  cp "$tmp/sh/sweep.json" "$tmp/badsh/" && cp "$tmp/bad.csv" "$tmp/badsh/tasks-shard-2-of-3.csv"
"$FS" merge "$tmp/badsh" -o "$tmp/m4" -q 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "tasks-shard-2-of-3.csv:3: column 6 (status): expected ok or failed" "$tmp/err"
check $? "a damaged journal row is named by file, line and column"

# ---- A folder is not reused by accident.
"$FS" sweep $A -o "$tmp/j1" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "already exists: that sweep has started; continue it with --resume" "$tmp/err"
check $? "running into a started sweep asks for --resume"
mkdir -p "$tmp/other" && echo x > "$tmp/other/file"
"$FS" sweep $A -o "$tmp/other" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "is not a sweep folder" "$tmp/err"
check $? "a folder that is not a sweep folder is refused"
"$FS" sweep $S --param poll_minutes=1:9 -o "$tmp/j1" -q 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "holds another sweep" "$tmp/err"
check $? "a folder of another sweep is refused"
"$FS" sweep --resume "$tmp/j1" -j 1 -q --no-report
[ $? -eq 0 ] && grep -q '"tasks_run": 0' "$tmp/j1/manifest.json"
check $? "--resume of a finished sweep runs nothing and rewrites the tables"
same "$tmp/j1" "$tmp/j2" "the rewritten tables are the same bytes"

# ---- Resume after kill -9: no finished task redone, none lost.
B="$S --param staffing_factor=0.5:2 --param poll_minutes=1:30 --design sobol --points 150 -n 2 --no-report -q"
"$FS" sweep $B -j 2 -o "$tmp/ref"
"$FS" sweep $B -j 2 -o "$tmp/killed" &
pid=$!
i=0
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
while [ "$(lines "$tmp/killed/tasks.csv")" -lt 40 ] && [ $i -lt 400 ]; do
  sleep 0.02; i=$((i + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
done_before=$(($(wc -l < "$tmp/killed/tasks.csv") - 1))
printf '77,38,1,1.2' >> "$tmp/killed/tasks.csv" # a row cut short by the kill
[ ! -e "$tmp/killed/sweep.csv" ] && [ "$done_before" -ge 20 ] && [ "$done_before" -lt 310 ]
check $? "killed sweep: $done_before tasks in the journal, no tables"
"$FS" sweep --resume "$tmp/killed" -j 2 -q --no-report
check $? "--resume DIR continues the killed sweep"
same "$tmp/ref" "$tmp/killed" "resumed sweep: the same bytes as an uninterrupted one"
py "
import json
m=json.load(open('$tmp/killed/manifest.json'))['runner']
assert m['tasks_resumed']==$done_before and m['tasks_run']==310-$done_before, m
"
check $? "resume redid no finished task (resumed $done_before, ran the rest)"
# The whole command with --resume works too, and checks it is the same sweep.
"$FS" sweep $B -j 2 --resume "$tmp/killed"
check $? "the whole command again with --resume DIR"
cp "$S" "$tmp/s2.lua" && "$FS" sweep "$tmp/s2.lua" --param poll_minutes=1:9 -o "$tmp/chg" -q \
  --no-report && echo "-- edited" >> "$tmp/s2.lua"
"$FS" sweep --resume "$tmp/chg" -q 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "the scenario changed since the sweep started" "$tmp/err"
check $? "--resume refuses a scenario that changed"

# SIGTERM (a batch system's time limit): exit 130, the journal kept, no
# tables; --resume finishes it with the same bytes.
"$FS" sweep $B -j 2 -o "$tmp/term" 2>"$tmp/err" &
pid=$!
i=0
while [ "$(lines "$tmp/term/tasks.csv")" -lt 20 ] && [ $i -lt 400 ]; do sleep 0.02; i=$((i + 1)); done
kill -TERM $pid
wait $pid
rc=$?
[ $rc -eq 130 ] && grep -q "interrupted: .* continue with fleetsim sweep --resume" "$tmp/err" &&
  [ ! -e "$tmp/term/sweep.csv" ]
check $? "SIGTERM: exit 130, the resume command printed, no tables (exit $rc)"
"$FS" sweep --resume "$tmp/term" -j 1 -q --no-report
same "$tmp/ref" "$tmp/term" "after SIGTERM, --resume gives the same bytes"

# ---- A task that fails is recorded and the sweep goes on; --fail-fast stops.
"$FS" sweep "$S" --param affected_share=0.6:1:0.1 -n 2 -j 2 -o "$tmp/f" -q --no-report 2>"$tmp/err"
rc=$?
py "
import csv
rows=list(csv.DictReader(open('$tmp/f/sweep.csv')))
bad=[r for r in rows if r['status']=='failed']
good=[r for r in rows if r['status']=='ok']
assert len(bad)==6 and len(good)==10, (len(bad),len(good))
assert all(float(r['affected_share'])>0.8 for r in bad)
assert all('sweep.lua:' in r['error'] and 'incident.affected_version_share: must be in [0, 1]' in r['error'] for r in bad), bad[0]['error']
assert all(r['ground_up_loss_usd']=='' for r in bad) and all(float(r['ground_up_loss_usd'])>0 for r in good)
pts=list(csv.DictReader(open('$tmp/f/points.csv')))
assert [p['n_failed'] for p in pts if float(p['affected_share'])>0.8]==['2','2','2']
"
[ $? -eq 0 ] && [ $rc -eq 3 ] && grep -q "6 of 16 tasks failed" "$tmp/err"
check $? "failed tasks: recorded with file:line: field message, the others done, exit 3"
"$FS" sweep "$S" --param affected_share=0.6:1:0.1 -n 2 -j 1 --fail-fast -o "$tmp/ff" -q \
  --no-report 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "fail-fast: task 6 (affected_share=0.9): " "$tmp/err" &&
  [ ! -e "$tmp/ff/sweep.csv" ] && [ "$(wc -l < "$tmp/ff/tasks.csv")" -eq 8 ]
check $? "--fail-fast: stops at the first failed task, names it, writes no tables (exit $rc)"

# ---- Saltelli: Sobol indices with bootstrap intervals.
"$FS" sweep "$S" --param staffing_factor=0.5:2 --param poll_minutes=1:60 --design saltelli \
  --points 32 --bootstrap 200 -j 2 -o "$tmp/sal" -q --no-report
check $? "saltelli sweep runs"
py "
import csv,json
m=json.load(open('$tmp/sal/manifest.json'))
assert m['points']==32*4+5 and m['design_points']==128, m['points']
pts=list(csv.DictReader(open('$tmp/sal/points.csv')))
A=[p for p in pts if p['kind']=='saltelli_A']; B=[p for p in pts if p['kind']=='saltelli_B']
AB=[p for p in pts if p['kind']=='saltelli_AB' and p['varied']=='staffing_factor']
assert len(A)==len(B)==len(AB)==32
assert all(ab['staffing_factor']==b['staffing_factor'] and ab['poll_minutes']==a['poll_minutes'] for a,b,ab in zip(A,B,AB))
s={(r['output'],r['parameter'],r['index']):r for r in csv.DictReader(open('$tmp/sal/sensitivity.csv'))}
for par in ('staffing_factor','poll_minutes'):
  for ix in ('S1','ST'):
    r=s[('endpoint_hours_down',par,ix)]
    e,lo,hi=float(r['estimate']),float(r['ci_low']),float(r['ci_high'])
    assert lo<=e<=hi and -0.3<e<1.3, (par,ix,e,lo,hi)
# up to an hour of polling keeps most sensors from fetching the update before
# it is pulled: the poll interval drives the loss more than staffing does
assert float(s[('ground_up_loss_usd','poll_minutes','ST')]['estimate'])>float(s[('ground_up_loss_usd','staffing_factor','ST')]['estimate'])
"
check $? "saltelli: A/B/AB layout, S1 and ST with intervals, the poll interval ranks first"

# ---- Optional columns.
"$FS" sweep "$S" --param staffing_factor --points 2 --by-industry --no-oat -o "$tmp/ind" -q \
  --no-report
head -1 "$tmp/ind/sweep.csv" | grep -q "ground_up_loss_usd,loss_[a-z_]*_usd,.*,error" &&
  [ "$(grep -c oat "$tmp/ind/points.csv")" -eq 0 ]
check $? "--by-industry adds loss columns; --no-oat leaves the OAT block out"

# ---- A task is the replication of 'fleetsim run --set' at its point, also
# when the worker reused the previous point's fleet (the parameters here
# leave the fleet alone; fleet_endpoints does not).
C="$T/../scenarios/crowdstrike-2024.lua"
"$FS" sweep "$C" --set fleet_endpoints=1e6 --scale 0.01 --param staffing_factor=0.5:2 \
  --param poll_minutes=1:60 --design lhs --points 3 --no-oat -j 1 -o "$tmp/eq" -q --no-report
ok_eq=0
for row in 2 4; do
  line=$(sed -n "${row}p" "$tmp/eq/sweep.csv")
  x=$(echo "$line" | cut -d, -f4); y=$(echo "$line" | cut -d, -f5)
  "$FS" run "$C" --set fleet_endpoints=1e6 --scale 0.01 --set staffing_factor="$x" \
    --set poll_minutes="$y" -o "$tmp/eqrun$row" -q --no-report
  py "
import csv,json
r=list(csv.DictReader(open('$tmp/eq/sweep.csv')))[$row-2]
s=json.load(open('$tmp/eqrun$row/summary.json'))
assert abs(float(r['affected_endpoints'])-s['replications_stats']['affected_endpoints']['mean'])<0.01
assert abs(float(r['endpoint_hours_down'])-s['endpoint_hours_down'])<=0.5
for q in ('50','90','97','99'):
  assert abs(float(r['recovery_h'+q])-s['recovery_hours'][q])<0.001, q
assert abs(float(r['ground_up_loss_usd'])-s['loss']['economic_total_usd'])<=0.5
" || ok_eq=1
done
py "
import json
r=json.load(open('$tmp/eq/manifest.json'))['runner']
assert r['points_prepared']==3 and r['fleets_reused']==2, r
" || ok_eq=1
check $ok_eq "sweep tasks equal 'fleetsim run --set' at their points (2 of 3 points reused the fleet)"
"$FS" sweep "$C" --scale 0.01 --param fleet_endpoints=1e6:2e6 --design grid --points 2 --no-oat \
  -j 1 -o "$tmp/eq2" -q --no-report
grep -q '"points_prepared": 2, "fleets_reused": 0' "$tmp/eq2/manifest.json"
check $? "a parameter that changes the fleet gets a fleet of its own at each point"

# ---- A portfolio: its ground-up and insured losses per task.
"$FS" sweep "$T/../scenarios/crowdstrike-2024.lua" --set fleet_endpoints=1e6 --scale 0.01 \
  --portfolio "$T/loss/fixtures/good.csv" --param staffing_factor=0.5:2 --points 2 --no-oat \
  -o "$tmp/pf" -q --no-report
py "
import csv
rows=list(csv.DictReader(open('$tmp/pf/sweep.csv')))
assert len(rows)==2 and all(r['status']=='ok' for r in rows)
gu=[float(r['portfolio_ground_up_usd']) for r in rows]; il=[float(r['portfolio_insured_usd']) for r in rows]
assert all(0<i<=g for g,i in zip(gu,il)), (gu,il)
assert gu[1]<gu[0], 'four times the staff, a smaller portfolio loss'
"
check $? "--portfolio: portfolio ground-up and insured columns, insured within ground-up"
"$FS" sweep "$S" --portfolio "$T/loss/fixtures/good.csv" --param poll_minutes -o "$tmp/pf2" -q 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -e "$tmp/pf2" ] && grep -q "good.csv:3: AgentVendor is empty" "$tmp/err"
check $? "a portfolio that does not fit the scenario is refused up front (file:line), nothing written"

echo "1..$n"
[ $fail -eq 0 ]
