#!/bin/sh
# test_calibrate_report.sh: `fleetsim report DIR` of a calibration folder
# (TAP): small history-matching and ABC-SMC folders written by hand as
# docs/CALIBRATION.md specifies them; the four plots are whole PNGs;
# calibration.html holds the posterior, progress, emulator and predictive
# check rows, names escaped, calibration figures labelled; tampered files
# (a weight that is no number, a row short of a column, a number out of
# range, calibration.json broken) fail naming FILE:LINE and leave the old
# page (or none) and no temporary; so does running out of memory.
# usage: test_calibrate_report.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1

# folder DIR METHOD: a finished calibration of three parameters (one of
# them whole, one named to be escaped) against three observations.
folder() {
  d="$1"
  mkdir -p "$d"
  printf '{\n  "program": "fleetsim",\n  "version": "0.1.0",\n  "git": null,\n  "kind": "calibration",\n  "command": "fleetsim calibrate s.lua --observations o.csv -o %s",\n  "seed": "7",\n  "inputs": [{"role": "scenario", "path": "s.lua", "hash": "fnv1a64:0123456789abcdef"}],\n  "wall_seconds": 12.5\n}\n' "$d" >"$d/manifest.json"
  printf '{"format": "fleetsim-calibration/1", "method": "%s",\n' "$2" >"$d/calibration.json"
  printf ' "scenario": {"path": "scenarios/x.lua", "name": "x-2024", "hash": "fnv1a64:00000000000000aa"},\n "observations": {"path": "history/x.csv", "hash": "fnv1a64:00000000000000bb"},\n "portfolio": null, "scale": 0.01, "seed": "7", "sets": ["a=1"], "replications": 2,\n "budget": 40, "waves": 2, "points": 20, "cutoff": 3, "discrepancy": 1, "alpha": 0.5, "check": 8,\n' >>"$d/calibration.json"
  printf ' "params": [{"name": "rate", "lo": 0.1, "hi": 0.9, "unit": "share", "base": 0.5, "integer": false},\n  {"name": "days", "lo": 1, "hi": 6, "unit": "d", "base": 3, "integer": true},\n  {"name": "tail<b>", "lo": 1, "hi": 3, "unit": "", "base": 2, "integer": false}],\n' >>"$d/calibration.json"
  printf ' "targets": [{"id": "down", "output": "endpoints_down_peak", "log": true, "value": 8500000, "lo": 7000000, "hi": 9000000, "z": 15.95, "sd_obs": 0.063, "sd_disc": 0.063},\n  {"id": "h90", "output": "recovery_h90", "log": true, "value": 120, "lo": 72, "hi": 240, "z": 4.79, "sd_obs": 0.3, "sd_disc": 0.3}],\n "fingerprint": "fnv1a64:1234567890abcdef"}\n' >>"$d/calibration.json"
  # 200 samples on a grid, equal weights (history matching) or a ramp (ABC).
  awk -v m="$2" 'BEGIN { print "sample,weight,rate,days,tail<b>"; s = 0
    for (i = 0; i < 200; i++) s += (m == "abc-smc" ? i + 1 : 1)
    for (i = 0; i < 200; i++) printf "%d,%.17g,%.6f,%d,%.6f\n", i, (m == "abc-smc" ? i + 1 : 1) / s,
      0.3 + 0.2 * ((i * 37) % 100) / 100, 2 + i % 3, 1 + 2 * ((i * 53) % 200) / 200 }' >"$d/posterior.csv"
  printf 'param,unit,lo,hi,base,mean,sd,p05,p50,p95,prior_sd,shrinkage,verdict\nrate,share,0.1,0.9,0.5,0.4,0.058,0.31,0.4,0.49,0.2309,0.937,pinned\ndays,d,1,6,3,3,0.82,2,3,4,1.708,0.77,pinned\ntail<b>,,1,3,2,2,0.577,1.1,2,2.9,0.577,0.0,not pinned\n' >"$d/posterior_summary.csv"
  awk 'BEGIN { print "stage,point,rate,days,tail<b>,down,h90,score,kept"
    for (i = 0; i < 40; i++) printf "wave-%d,%d,%.3f,%d,1.5,%s,%s,%s,%d\n", 1 + int(i / 20), i % 20,
      0.1 + 0.02 * i, 1 + i % 6, (i == 5 ? "" : 8e6 + i), (i == 5 ? "" : 100 + i), (i == 5 ? "" : i / 10), i % 2 }' >"$d/runs.csv"
  if [ "$2" = history-matching ]; then
    printf 'wave,points,failed,candidates,nonimplausible,nonimplausible_share,volume,cutoff,runs_within_cutoff,best_score\n1,20,1,100000,31000,0.31,0.35,3,6,0.8\n2,20,0,100000,9000,0.09,0.11,3,11,0.4\n' >"$d/waves.csv"
    printf 'wave,observation,loo_r2,loo_rms_std_err,signal_var,nugget_var,length_rate,length_days,length_tail<b>\n1,down,0.93,1.1,0.8,0.01,0.4,2.5,3\n1,h90,0.71,,0.5,0.02,0.6,1.5,2\n2,down,0.97,0.95,0.7,0.01,0.3,2,2.5\n2,h90,,,,,,,\n' >"$d/emulators.csv"
  else
    printf 'generation,tolerance,proposed,accepted,acceptance_rate,ess,best_distance\n1,,20,20,1,20,0.9\n2,1.4,45,20,0.444,17.5,0.5\n3,0.7,90,20,0.222,16,0.3\n' >"$d/generations.csv"
  fi
  printf 'event,observation,output,calibration,value,lo,hi,sim_mean,sim_p05,sim_p50,sim_p95,nvalues,covered,varied,use\nx-2024,down,endpoints_down_peak,0,8500000,7000000,9000000,8200000,7600000,8100000,8900000,16,1,rate;days;tail<b>,fit\nx-2024,h90,recovery_h90,0,120,72,240,300,250,290,360,16,0,rate;days;tail<b>,excluded\ny-2023,cost<usd>,economic_loss_usd,0,5e9,1e9,1e10,2e9,1e9,,3.5e9,16,1,,library\ny-2023,zero,endpoints_down_peak,1,0,0,10,,,,,0,0,,library\n' >"$d/ppc.csv"
}

# pngs_ok DIR: the four plots are PNGs that draw something.
pngs_ok() {
  for p in marginals pairs ppc progress; do
    [ -s "$1/plots/$p.png" ] || { echo "# no plots/$p.png"; return 1; }
    /usr/bin/python3 "$T/png_check.py" "$1/plots/$p.png" >/dev/null || { echo "# plots/$p.png blank or no PNG"; return 1; }
  done
}

# cells FILE CLASS: the cells of each row of the table of that class,
# '|'-separated, one row per line.
cells() {
  py "
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.on = False; self.rows = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        if tag == 'table': self.on = sys.argv[2] in (dict(attrs).get('class') or '').split()
        if self.on and tag == 'tr': self.rows.append([])
        if self.on and tag == 'td': self.cell = ''
    def handle_endtag(self, tag):
        if self.on and tag == 'td': self.rows[-1].append(self.cell); self.cell = None
        if tag == 'table': self.on = False
    def handle_data(self, d):
        if self.cell is not None: self.cell += d
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
for r in p.rows:
    if r: print('|'.join(r))
" "$1" "$2"
}

# ---- history matching
H="$tmp/hm"
folder "$H" history-matching
"$FS" report "$H" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $have_gnuplot -eq 0 ]; then
  check $((rc == 0)) "without gnuplot: exit 1 (plots not drawn)"
  grep -q 'gnuplot' "$tmp/err" && [ -s "$H/calibration.html" ]
  check $? "without gnuplot: the page is written and the message says why"
else
  check $rc "history matching: fleetsim report exits 0"
  [ $rc -eq 0 ] || sed 's/^/# /' "$tmp/err" | head -3
  pngs_ok "$H"
  check $? "history matching: marginals, pairs, ppc and progress are whole PNGs"
  grep -q 'src="data:image/png;base64,iVBORw0KGgo' "$H/calibration.html"
  check $? "the plots are embedded in the page"
fi
cells "$H/calibration.html" posterior >"$tmp/post"
grep -qx 'rate|share|0.1 – 0.9|0.5|0.4|0.058|0.31|0.4|0.49|0.937|pinned' "$tmp/post" &&
  grep -qx 'days|d|1 – 6 (whole)|3|3|0.82|2|3|4|0.77|pinned' "$tmp/post" &&
  grep -qx 'tail<b>||1 – 3|2|2|0.577|1.1|2|2.9|0|not pinned' "$tmp/post"
check $? "posterior table: one row per parameter, as posterior_summary.csv says"
[ $? -eq 0 ] || sed 's/^/# /' "$tmp/post"
grep -q 'tail&lt;b&gt;' "$H/calibration.html" && ! grep -q 'tail<b>' "$H/calibration.html" &&
  ! grep -q 'cost<usd>' "$H/calibration.html"
check $? "names from the folder are escaped"
cells "$H/calibration.html" ppc >"$tmp/ppc"
grep -qx 'x-2024|down|endpoints_down_peak|calibration figure: a fit, not evidence|fit|8500000 (7000000 – 9000000)|8200000|7600000 / 8100000 / 8900000|16|yes|rate;days;tail<b>' "$tmp/ppc" &&
  grep -qx 'x-2024|h90|recovery_h90|validation|excluded|120 (72 – 240)|300|250 / 290 / 360|16|no|rate;days;tail<b>' "$tmp/ppc" &&
  grep -qx 'y-2023|cost<usd>|economic_loss_usd|validation|library|5e+09 (1e+09 – 1e+10)|2e+09|1e+09 / – / 3.5e+09|16|yes|' "$tmp/ppc" &&
  grep -qx 'y-2023|zero|endpoints_down_peak|calibration figure: a fit, not evidence|library|0 (0 – 10)|–|– / – / –|0|no|' "$tmp/ppc" &&
  [ "$(wc -l <"$tmp/ppc")" -eq 4 ]
check $? "predictive check table: every row of ppc.csv, calibration figures labelled"
[ $? -eq 0 ] || sed 's/^/# /' "$tmp/ppc"
grep -q 'covered[^<]*<b>1 of 2</b>. Calibration figures (the library.s, and those fitted here) covered: 1 of 2' "$H/calibration.html"
check $? "the check counts validation figures covered apart from calibration ones"
[ "$(cells "$H/calibration.html" progress | wc -l)" -eq 2 ] &&
  [ "$(cells "$H/calibration.html" emulators | wc -l)" -eq 4 ] &&
  cells "$H/calibration.html" emulators | grep -qx '1|h90|0.71|–|0.5|0.02|rate 0.6, days 1.5, tail<b> 2'
check $? "progress (waves.csv) and emulator (emulators.csv) tables"
grep -q 'Calibration: x-2024 (history matching)' "$H/calibration.html" &&
  grep -q 'fnv1a64:00000000000000aa' "$H/calibration.html" &&
  grep -q 'history/x.csv' "$H/calibration.html" &&
  grep -q '40, 20 of them non-implausible' "$H/calibration.html"
check $? "title with scenario and method, settings, footer with inputs and hashes"

# ---- ABC-SMC
A="$tmp/abc"
folder "$A" abc-smc
"$FS" report "$A" -q >/dev/null 2>"$tmp/err"
rc=$?
if [ $have_gnuplot -eq 1 ]; then
  check $rc "ABC-SMC: fleetsim report exits 0"
  pngs_ok "$A"
  check $? "ABC-SMC: the four plots are whole PNGs"
  grep -q "acceptance rate" "$A/plots/progress.gp"
  check $? "ABC-SMC: progress shows tolerance and acceptance rate"
fi
cells "$A/calibration.html" progress | grep -qx '2|1.4|45|20|0.444|17.5|0.5' &&
  ! grep -q 'id="emulators"' "$A/calibration.html"
check $? "ABC-SMC: the generations table, no emulator section"

# ---- nothing matched: an empty posterior, the summary's figures blank
N="$tmp/nomatch"
cp -r "$H" "$N" && rm -rf "$N/plots" "$N/calibration.html"
echo 'sample,weight,rate,days,tail<b>' >"$N/posterior.csv"
printf 'param,unit,lo,hi,base,mean,sd,p05,p50,p95,prior_sd,shrinkage,verdict\nrate,share,0.1,0.9,0.5,,,,,,0.2309,,no match\ndays,d,1,6,3,,,,,,1.708,,no match\ntail<b>,,1,3,2,,,,,,0.577,,no match\n' >"$N/posterior_summary.csv"
"$FS" report "$N" -q >/dev/null 2>"$tmp/err"
rc=$?
[ $have_gnuplot -eq 0 ] || [ $rc -eq 0 ]
check $? "nothing matched: the report is still drawn"
grep -q 'No point matched' "$N/calibration.html" && grep -q 'left out: posterior.csv has no samples' "$N/calibration.html" &&
  cells "$N/calibration.html" posterior | grep -qx 'rate|share|0.1 – 0.9|0.5|–|–|–|–|–|–|no match'
check $? "nothing matched: the page says so, the marginals are left out"

# ---- tampered files: FILE:LINE, the old page kept, no temporary
# tamper NAME FILE SED MESSAGE: edits a copy of the history-matching folder
# (whose page is there) and a fresh one (none).
tamper() {
  for old in 1 0; do
    rm -rf "$tmp/t" && cp -r "$H" "$tmp/t"
    [ $old -eq 1 ] || rm -f "$tmp/t/calibration.html"
    sed -i "$3" "$tmp/t/$2"
    "$FS" report "$tmp/t" -q >/dev/null 2>"$tmp/err"
    rc=$?
    left=$(find "$tmp/t" -name '*.tmp*' | head -1)
    if [ $old -eq 1 ]; then cmp -s "$H/calibration.html" "$tmp/t/calibration.html"; same=$?
    else [ ! -e "$tmp/t/calibration.html" ]; same=$?; fi
    if [ $rc -ne 0 ] && grep -q "$4" "$tmp/err" && [ -z "$left" ] && [ $same -eq 0 ]; then
      ok "$1 ($([ $old -eq 1 ] && echo old page kept || echo no page))"
    else
      nok "$1: exit $rc, left ${left:-nothing}, page unchanged $((same == 0))"
      sed 's/^/# /' "$tmp/err" | head -3
    fi
  done
}
tamper "a weight that is no number" posterior.csv '3s/^1,[^,]*,/1,heavy,/' \
  'posterior.csv:3: column 2 (weight): '
tamper "a posterior row short of a column" posterior.csv '5s/,[^,]*$//' 'posterior.csv:5: '
tamper "a parameter outside its declared range" posterior.csv '4s/^2,\([^,]*\),[^,]*,/2,\1,0.95,/' \
  'posterior.csv:4: column 3 (rate): 0.94999999999999996 is outside'
tamper "a weight of 1e999" posterior.csv '2s/^0,[^,]*,/0,1e999,/' 'posterior.csv:2: column 2 (weight)'
tamper "a verdict the summary does not know" posterior_summary.csv '3s/pinned$/nailed/' \
  'posterior_summary.csv:3: column 13 (verdict)'
tamper "an unknown parameter in the summary" posterior_summary.csv '2s/^rate,/speed,/' \
  'posterior_summary.csv:2: column 1 (param)'
tamper "a ppc flag that is not 0 or 1" ppc.csv '2s/,16,1,/,16,2,/' 'ppc.csv:2: column 13 (covered)'
tamper "a use ppc.csv does not know" ppc.csv '3s/,excluded$/,ignored/' 'ppc.csv:3: column 15 (use)'
tamper "a waves.csv header changed" waves.csv '1s/volume/vol/' 'waves.csv:1: expected the header'
tamper "a share above 1" waves.csv '2s/,0.31,/,1.31,/' 'waves.csv:2: column 6'
tamper "a runs.csv kept that is no flag" runs.csv '3s/,[01]$/,yes/' 'runs.csv:3: column 9 (kept)'
tamper "calibration.json broken" calibration.json '2s/"path"/path/' 'calibration.json:2:'
tamper "a range upside down" calibration.json 's/"lo": 0.1, "hi": 0.9/"lo": 0.9, "hi": 0.1/' \
  'calibration.json: params\[0\]'
tamper "a second manifest kind" manifest.json 's/"calibration"/"run"/' ''

# ---- out of memory at a sample of the allocations (builds with fault
# injection): exit 1 saying so, no temporary, the old page kept.
total=$(FLEETSIM_ALLOC_REPORT=1 "$FS" report "$H" -q 2>&1 >/dev/null |
  sed -n 's/^fleetsim: \([0-9]*\) allocations$/\1/p' | tail -1)
if [ -z "$total" ]; then
  skip "out of memory: no fault injection in this build"
else
  bad=""
  i=1
  while [ $i -le "$total" ]; do
    rm -rf "$tmp/t" && cp -r "$H" "$tmp/t"
    FLEETSIM_FAIL_ALLOC=$i "$FS" report "$tmp/t" -q >/dev/null 2>"$tmp/err"
    rc=$?
    left=$(find "$tmp/t" -name '*.tmp*' | head -1)
    if [ $rc -ne 1 ] || ! grep -q "out of memory" "$tmp/err" || [ -n "$left" ] ||
      ! cmp -s "$H/calibration.html" "$tmp/t/calibration.html"; then
      bad="$bad $i"
      sed 's/^/# /' "$tmp/err" | head -2
    fi
    i=$((i + 7))
  done
  [ -z "$bad" ] && ok "out of memory at every 7th of $total allocations" ||
    nok "out of memory: allocations$bad"
fi
echo "1..$n"
[ "$fail" -eq 0 ]
