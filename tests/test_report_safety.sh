#!/bin/sh
# test_report_safety.sh: a results or sweep folder is untrusted input (TAP).
# `fleetsim report` on tampered copies of tests/fixtures/sweep-small and of a
# small run: names with newlines, '!' and backquotes never run a command
# (every text reaches a .gp only as a quoted literal or a cleaned comment);
# links planted at plots/NAME.*, plots/ and report.html are never followed;
# a full disk (RLIMIT_FSIZE, SIGXFSZ ignored) fails the charts whose pictures
# are cut short instead of presenting them; chart names longer than 64
# bytes render.
# usage: test_report_safety.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1
. "$T/report_checks.sh"

# fresh NAME FIXTURE: a writable copy of a fixture folder at $tmp/NAME.
fresh() { rm -rf "$tmp/$1" && cp -r "$T/fixtures/$2" "$tmp/$1" && chmod -R u+w "$tmp/$1"; }

# rename_in DIR OLD NEW: renames a parameter or output everywhere in a sweep
# folder: manifest.json (names, primary output), the headers and fields of
# points.csv and sensitivity.csv (CSV-quoted: NEW may hold a newline).
rename_in() {
  py "
import csv, io, json, sys
d, old, new = sys.argv[1:4]
p = d + '/manifest.json'
m = json.load(open(p))
for e in m['params']:
    if e['name'] == old: e['name'] = new
m['outputs'] = [new if o == old else o for o in m['outputs']]
if m.get('primary_output') == old: m['primary_output'] = new
json.dump(m, open(p, 'w'), indent=2)
for f in ('points.csv', 'sensitivity.csv'):
    rows = list(csv.reader(open(d + '/' + f, newline='')))
    rows = [[c.replace(old, new) if c.startswith(old) else c for c in r] for r in rows]
    out = io.StringIO()
    csv.writer(out, lineterminator='\n').writerows(rows)
    open(d + '/' + f, 'w', newline='').write(out.getvalue())
" "$@"
}

# gp_clean DIR: no line of a plots/*.gp starts a shell command or a system()
# call, and every line outside a comment has balanced single quotes.
gp_clean() {
  py "
import glob, re, sys
bad = []
for g in glob.glob(sys.argv[1] + '/plots/*.gp'):
    for i, l in enumerate(open(g, encoding='utf-8', errors='replace')):
        s = l.strip()
        if s.startswith('!') or s.startswith('system') or s.startswith('shell'):
            bad.append('%s:%d: %s' % (g, i + 1, s[:60]))
print('; '.join(bad))
sys.exit(1 if bad else 0)
" "$1"
}

# ---- item 1: names that would be gnuplot commands
if [ $have_gnuplot -eq 1 ]; then
  fresh nl sweep-small
  rename_in "$tmp/nl" poll_minutes "poll
!touch $tmp/pwned-param
"
  "$FS" report "$tmp/nl" -q 2>"$tmp/err"
  check $? "a parameter name with a newline and '!touch': the report succeeds"
  [ ! -e "$tmp/pwned-param" ]
  check $? "a parameter name with a newline and '!touch': nothing is run"
  msg=$(gp_clean "$tmp/nl")
  check $? "no .gp line is a shell command ($msg)"
  rr=0
  for g in "$tmp"/nl/plots/*.gp; do (cd "$tmp/nl/plots" && gnuplot "$(basename "$g")" 2>/dev/null) || rr=1; done
  [ $rr -eq 0 ] && [ ! -e "$tmp/pwned-param" ]
  check $? "re-rendering every .gp with gnuplot runs nothing either"
  grep -q 'Response of ground-up economic loss to poll !touch' "$tmp/nl/plots/"response-*poll*.svg
  check $? "the name is drawn with its newlines as spaces"

  fresh out sweep-small
  rename_in "$tmp/out" ground_up_loss_usd "gul
!touch $tmp/pwned-output
x_usd"
  "$FS" report "$tmp/out" -q 2>"$tmp/err"
  check $? "an output name with a newline and '!touch': the report succeeds"
  [ ! -e "$tmp/pwned-output" ]
  check $? "an output name with a newline and '!touch': nothing is run"
  msg=$(gp_clean "$tmp/out")
  check $? "no .gp line is a shell command ($msg)"

  fresh bq sweep-small
  rename_in "$tmp/bq" poll_minutes "poll\`touch $tmp/pwned-bq\`\\"
  rename_in "$tmp/bq" staffing_factor "staff'\"\\\\n"
  "$FS" report "$tmp/bq" -q 2>"$tmp/err" && [ ! -e "$tmp/pwned-bq" ]
  check $? "backquotes, quotes and backslashes in names: nothing is run"
  svg_ok "$tmp/bq" tornado-ground_up_loss_usd
  check $? "... and the tornado is drawn"
  # The .dat keeps backslashes (doubled) and makes double quotes single.
  py "
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1] + '/plots/tornado-ground_up_loss_usd.svg').getroot()
texts = [''.join(e.itertext()) for e in root.iter() if e.tag.endswith('text')]
for w in sys.argv[2:]:
    assert any(t.startswith(w) for t in texts), (w, texts)
" "$tmp/bq" "poll\`touch $tmp/pwned-bq\`\\ (0 " "staff''\\\\n (0.5 "
  check $? "... with the bar labels as written (quotes and backslashes kept)"
else
  for i in 1 2 3 4 5 6 7 8 9 10 11; do skip "gnuplot not installed"; done
fi

# A .dat never gets a data line from a name: its comments and labels are
# cleaned (a newline in an industry column of timeseries.csv).
"$FS" run "$T/scenarios/tiny.lua" -o "$tmp/run" -q --no-report 2>"$tmp/err"
check $? "a small run for the tampered-run cases"
cp -r "$tmp/run" "$tmp/runnl"
py "
import csv, io, sys
p = sys.argv[1] + '/timeseries.csv'
rows = list(csv.reader(open(p, newline='')))
k = rows[0].index('down') + 1
rows[0][k] = rows[0][k] + '\n!touch ' + sys.argv[2] + '\n12 34'
out = io.StringIO(); csv.writer(out, lineterminator='\n').writerows(rows)
open(p, 'w', newline='').write(out.getvalue())
" "$tmp/runnl" "$tmp/pwned-run"
PATH=/nonexistent "$FS" report "$tmp/runnl" -q 2>"$tmp/err"
check $? "an industry column with a newline: the report succeeds"
py "
import sys
for l in open(sys.argv[1] + '/plots/down_by_industry.dat'):
    if not l.startswith('#'): float(l.split()[0])
" "$tmp/runnl"
check $? "... and every line of down_by_industry.dat is a comment or numbers"
msg=$(gp_clean "$tmp/runnl")
check $? "... and no .gp line is a shell command ($msg)"

# ---- every text is encoded for its output: bytes that are not UTF-8 and
# control characters in names reach neither report.html nor the charts
fresh utf sweep-small
py "
import sys
d = sys.argv[1]
def sub(f, pairs):
    b = open(d + '/' + f, 'rb').read()
    for old, new in pairs: b = b.replace(old, new)
    open(d + '/' + f, 'wb').write(b)
bad = b'poll\xff\xc3(\x1b[31m\x7f\xc2\x85x'
jbad = bad.replace(b'\x1b', b'\\\\u001b') # JSON spells its control characters
sub('manifest.json', [(b'\"crowdstrike-2024\"', b'\"crowd\xfe\\\\u0001strike\"'), (b'\"poll_minutes\"', b'\"' + jbad + b'\"')])
sub('points.csv', [(b'poll_minutes', bad)])
sub('sensitivity.csv', [(b'poll_minutes', bad)])
sub('sweep.csv', [(b'scenario hook', b'scenario \xe2\x82 hook \x08')])
" "$tmp/utf"
"$FS" report "$tmp/utf" -q 2>"$tmp/err"
check $? "names with bytes that are not UTF-8 and control characters: the report succeeds"
py "
import re, sys
b = open(sys.argv[1] + '/report.html', 'rb').read()
t = b.decode('utf-8')
bad = re.findall('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]', t)
assert not bad, bad[:5]
assert 'crowd\ufffd strike' in t and 'poll\ufffd\ufffd( [31m  x' in t, 'names not as cleaned'
" "$tmp/utf"
check $? "... report.html is UTF-8 without control characters, the names cleaned"
if [ $have_gnuplot -eq 1 ]; then
  py "
import glob, re, sys, xml.etree.ElementTree as ET
for f in glob.glob(sys.argv[1] + '/plots/*.svg') + glob.glob(sys.argv[1] + '/plots/*.gp') + glob.glob(sys.argv[1] + '/plots/*.dat'):
    t = open(f, 'rb').read().decode('utf-8')
    assert not re.findall('[\x00-\x08\x0b-\x1f\x7f-\x9f]', t), f
    if f.endswith('.svg'): ET.parse(f)
" "$tmp/utf"
  check $? "... and every .svg, .gp and .dat is UTF-8 without control characters; the SVGs parse"
else
  skip "gnuplot not installed"
fi

# ---- every number from a file is parsed strictly; only regular files are read
"$FS" run "$T/scenarios/provider-fleet.lua" -n 2 -o "$tmp/costs" -q --no-report 2>"$tmp/err"
check $? "a small run with costs for the malformed-number cases"
# bad_number SRC FILE LINE COLUMN VALUE PATTERN WHAT: FILE of a copy of SRC
# with one field set; fleetsim report exits 1 with PATTERN on stderr.
bad_number() {
  rm -rf "$tmp/num" && cp -r "$1" "$tmp/num"
  edit_field "$tmp/num/$2" "$3" "$4" "$5"
  PATH=/nonexistent "$FS" report "$tmp/num" -q 2>"$tmp/err"
  if [ $? -eq 1 ] && grep -q "$6" "$tmp/err"; then ok "$7"
  else nok "$7"; sed 's/^/# /' "$tmp/err" | head -2; fi
}
bad_number "$tmp/costs" selt.csv 2 2 99999999999 "selt.csv:2: column 2 (SummaryId): expected a whole number up to 2147483647" \
  "a SummaryId past INT_MAX is an error, not a conversion"
bad_number "$tmp/costs" timeseries.csv 2 1 "2024-07-19T00:00:00Zjunk" "timeseries.csv:2: column 1 (time_utc): expected a UTC time" \
  "a time with trailing junk is an error"
bad_number "$tmp/costs" timeseries.csv 2 1 "2024-13-19T00:00:00Z" "timeseries.csv:2: column 1 (time_utc): expected a UTC time" \
  "a time with month 13 is an error"
bad_number "$tmp/costs" timeseries.csv 2 1 " 2024-07-19T00:00:00Z" "timeseries.csv:2: column 1 (time_utc): expected a UTC time" \
  "a time with a leading space is an error"
fresh reps sweep-small
sed 's/"replications": 3,/"replications": 1e300,/' "$T/fixtures/sweep-small/manifest.json" >"$tmp/reps/manifest.json"
PATH=/nonexistent "$FS" report "$tmp/reps" -q 2>"$tmp/err"
[ $? -eq 1 ] && grep -q 'manifest.json: "replications": expected a whole number from 1 to 2147483647' "$tmp/err"
check $? "replications of 1e300 in manifest.json is an error, not a conversion"

fresh fifo sweep-small
rm "$tmp/fifo/points.csv" && mkfifo "$tmp/fifo/points.csv"
timeout 60 "$FS" report "$tmp/fifo" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "points.csv: not a regular file" "$tmp/err"
check $? "points.csv a named pipe: exit 1 naming it, without waiting on it (exit $rc)"
fresh lnin sweep-small
mv "$tmp/lnin/points.csv" "$tmp/points-elsewhere.csv" && ln -s "$tmp/points-elsewhere.csv" "$tmp/lnin/points.csv"
"$FS" report "$tmp/lnin" -q 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "points.csv: not a regular file" "$tmp/err"
check $? "points.csv a link: not read, exit 1 naming it"
fresh secret sweep-small
sed 's/scenario hook/SECRET-TOKEN/' "$T/fixtures/sweep-small/sweep.csv" >"$tmp/secret.csv"
rm "$tmp/secret/sweep.csv" && ln -s "$tmp/secret.csv" "$tmp/secret/sweep.csv"
PATH=/nonexistent "$FS" report "$tmp/secret" -q 2>"$tmp/err" && ! grep -q "SECRET-TOKEN" "$tmp/secret/report.html" &&
  grep -q "The tasks cannot be listed: .*sweep.csv: not a regular file" "$tmp/secret/report.html"
check $? "sweep.csv a link to a file elsewhere: its text does not reach the page, which says why"

# ---- item 2: links planted in the folder are never followed
# victim NAME: a file outside the folder, with known bytes.
victim() { printf 'precious %s\n' "$1" >"$tmp/victim-$1"; }
intact() { [ "$(cat "$tmp/victim-$1")" = "precious $1" ]; }
fresh ln sweep-small
"$FS" report "$tmp/ln" -q 2>"$tmp/err" # plots/ exists, as after any report
C=tornado-ground_up_loss_usd
for ext in dat gp svg png log; do
  victim $ext
  rm -f "$tmp/ln/plots/$C.$ext" && ln -s "$tmp/victim-$ext" "$tmp/ln/plots/$C.$ext"
done
victim html
rm -f "$tmp/ln/report.html" && ln -s "$tmp/victim-html" "$tmp/ln/report.html"
victim htmltmp
ln -s "$tmp/victim-htmltmp" "$tmp/ln/.report.html.tmp"
"$FS" report "$tmp/ln" -q 2>"$tmp/err"
check $? "links planted at plots/NAME.{dat,gp,svg,png,log}, report.html and its temporary name: the report succeeds"
bad=""
for v in dat gp svg png log html htmltmp; do intact $v || bad="$bad $v"; done
[ -z "$bad" ]
check $? "... and no file they point to is written ($bad)"
bad=""
for ext in dat gp; do [ -f "$tmp/ln/plots/$C.$ext" ] && [ ! -L "$tmp/ln/plots/$C.$ext" ] || bad="$bad $ext"; done
[ -f "$tmp/ln/report.html" ] && [ ! -L "$tmp/ln/report.html" ] || bad="$bad report.html"
[ -z "$bad" ]
check $? "... and the links are replaced by the report's own files ($bad)"

fresh lndir sweep-small
mkdir "$tmp/elsewhere" && victim keep && cp "$tmp/victim-keep" "$tmp/elsewhere/keep"
ln -s "$tmp/elsewhere" "$tmp/lndir/plots"
"$FS" report "$tmp/lndir" -q 2>"$tmp/err"
check $? "plots/ a link to another folder: the report succeeds"
[ "$(ls "$tmp/elsewhere")" = "keep" ] && [ -d "$tmp/lndir/plots" ] && [ ! -L "$tmp/lndir/plots" ] &&
  [ -s "$tmp/lndir/plots/$C.dat" ]
check $? "... and nothing is written into that folder; plots/ is a folder of its own"

fresh full sweep-small
ln -s /dev/full "$tmp/full/plots"
"$FS" report "$tmp/full" -q 2>"$tmp/err" && [ -d "$tmp/full/plots" ] && [ ! -L "$tmp/full/plots" ]
check $? "plots a link to /dev/full: replaced, not written"
fresh fulldat sweep-small
mkdir "$tmp/fulldat/plots" && ln -s /dev/full "$tmp/fulldat/plots/$C.dat"
"$FS" report "$tmp/fulldat" -q 2>"$tmp/err" && [ -f "$tmp/fulldat/plots/$C.dat" ] &&
  [ ! -L "$tmp/fulldat/plots/$C.dat" ]
check $? "plots/NAME.dat a link to /dev/full: replaced, not written"

fresh file sweep-small
printf 'mine\n' >"$tmp/file/plots"
"$FS" report "$tmp/file" -q 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "plots.*not a folder" "$tmp/err" && [ "$(cat "$tmp/file/plots")" = "mine" ]
check $? "plots a regular file: refused (exit 1), the file left alone"
fresh mine sweep-small
mkdir -p "$tmp/mine/plots/sub" && printf 'mine\n' >"$tmp/mine/plots/notes.txt"
"$FS" report "$tmp/mine" -q 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "plots: holds .*, which is not a chart file" "$tmp/err" &&
  [ "$(cat "$tmp/mine/plots/notes.txt")" = "mine" ] && [ -d "$tmp/mine/plots/sub" ]
check $? "plots/ holding files that are not the report's: refused (exit 1), nothing removed"
rm -f "$tmp/ln/.report.html.tmp"
ls -a "$tmp/file" "$tmp/ln" "$tmp/lndir" | grep -q '\.tmp' && nok "temporary files left behind" ||
  ok "no temporary files left behind"

# ---- item 7: a full disk cuts pictures short; they are failed charts
if [ $have_gnuplot -eq 1 ]; then
  # 8 blocks of 512 bytes: every .dat and .gp fits, no picture does.
  fresh fsz sweep-small
  (trap '' XFSZ; ulimit -f 8 && exec "$FS" report "$tmp/fsz" --format svg,png) >"$tmp/stdout" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 1 ] && grep -q "4 chart(s) failed" "$tmp/err" && grep -q "0 of 4 charts drawn" "$tmp/stdout" &&
    grep -q "4 chart(s) could not be written whole" "$tmp/err"
  check $? "pictures cut short by a full disk: the charts fail, exit 1 (exit $rc; $(head -c 160 "$tmp/err"))"
  bad=$(ls "$tmp/fsz/plots" | grep -e '\.svg$' -e '\.png$')
  [ -z "$bad" ]
  check $? "... and no cut picture is left in plots/ ($bad)"
  fresh fszh sweep-small
  "$FS" report "$tmp/fszh" -q 2>"$tmp/err"
  cp "$tmp/fszh/report.html" "$tmp/fszh.before"
  (trap '' XFSZ; ulimit -f 8 && exec "$FS" report "$tmp/fszh") >"$tmp/stdout" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 1 ] && grep -q "report.html.*write failed" "$tmp/err" && cmp -s "$tmp/fszh.before" "$tmp/fszh/report.html"
  check $? "report.html cut short: exit 1 naming it, the previous page kept (exit $rc)"
  # fleetsim run: 100 KiB a file holds every table of a small run, not its
  # pictures nor its page. The results are kept, the run fails.
  (trap '' XFSZ; ulimit -f 200 && exec "$FS" run "$T/scenarios/provider-fleet.lua" -n 2 \
    -o "$tmp/fszr" -q) >"$tmp/stdout" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 1 ] && grep -q "are complete but their report is not" "$tmp/err" &&
    [ -s "$tmp/fszr/summary.json" ] && [ ! -e "$tmp/fszr/report.html" ] &&
    [ -z "$(find "$tmp/fszr" -name '*.svg' -size +99k)" ] && [ -z "$(find "$tmp" -maxdepth 1 -name '.fszr.*')" ]
  check $? "run into a full disk: exit 1, the results kept without a report (exit $rc; $(head -c 200 "$tmp/err"))"
  "$FS" report "$tmp/fszr" -q 2>"$tmp/err" && [ -s "$tmp/fszr/report.html" ]
  check $? "... and fleetsim report draws it once there is room"
else
  for i in 1 2 3 4 5; do skip "gnuplot not installed"; done
fi
fresh fszd sweep-small
(trap '' XFSZ; ulimit -f 1 && PATH=/nonexistent exec "$FS" report "$tmp/fszd" --format svg) >"$tmp/stdout" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "\.gp: write failed" "$tmp/err" && [ ! -e "$tmp/fszd/plots" ]
check $? "a .gp cut short: exit 1 naming it, no plots/ committed (exit $rc)"

# ---- item 13: chart names longer than 64 bytes
P47=a_parameter_with_a_name_of_forty_seven_bytes_xx
fresh long sweep-small
rename_in "$tmp/long" poll_minutes "$P47"
"$FS" report "$tmp/long" -q 2>"$tmp/err"
check $? "a 47-byte parameter name (a 75-byte chart name): the report succeeds"
L="response-ground_up_loss_usd-$P47"
if [ $have_gnuplot -eq 1 ]; then
  svg_ok "$tmp/long" "$L" && grep -q "id=\"fig-$L\"" "$tmp/long/report.html" &&
    [ ! -e "$tmp/long/plots/$L.log" ]
  check $? "... and its response chart is drawn and inlined"
else
  skip "gnuplot not installed"
fi
P63=a_parameter_name_of_sixty_three_bytes_the_longest_a_report_take
O60=an_output_of_sixty_bytes_which_is_money_so_ends_in_usd_x_usd
fresh longer sweep-small
rename_in "$tmp/longer" poll_minutes "$P63"
rename_in "$tmp/longer" ground_up_loss_usd "$O60"
"$FS" report "$tmp/longer" -q 2>"$tmp/err"
check $? "a 63-byte parameter and a 60-byte output (a stem over 111 bytes): the report succeeds"
if [ $have_gnuplot -eq 1 ]; then
  stems=$(ls "$tmp/longer/plots" | sed -n 's/^\(response-.*\)\.svg$/\1/p')
  longest=$(echo "$stems" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
  # shellcheck disable=SC2086
  [ "$(echo "$stems" | wc -l)" -eq 2 ] && [ "$longest" -le 111 ] && svg_ok "$tmp/longer" $stems
  check $? "... and both response charts are drawn, stems of at most 111 bytes ($longest)"
else
  skip "gnuplot not installed"
fi

# What a report killed mid-way leaves (its charts' folder, the plots/ it
# moved aside, its half-written page) is removed by the next report once
# its process is gone; a live process's is kept.
fresh stale sweep-small
host=$(hostname | tr -cd 'A-Za-z0-9.-' | cut -c1-32)
[ -n "$host" ] || host=host
mkdir "$tmp/stale/.plots.tmp-99999999@$host-1" "$tmp/stale/.plots-old.tmp-99999999@$host-2" \
  "$tmp/stale/.plots.tmp-$$@$host-3"
echo x >"$tmp/stale/.plots.tmp-99999999@$host-1/a.svg"
echo x >"$tmp/stale/.report.html.tmp-99999999@$host-4"
"$FS" report "$tmp/stale" -q 2>"$tmp/err" && [ -s "$tmp/stale/report.html" ] &&
  [ ! -e "$tmp/stale/.plots.tmp-99999999@$host-1" ] &&
  [ ! -e "$tmp/stale/.plots-old.tmp-99999999@$host-2" ] &&
  [ ! -e "$tmp/stale/.report.html.tmp-99999999@$host-4" ] && [ -d "$tmp/stale/.plots.tmp-$$@$host-3" ]
check $? "a killed report's temporaries are removed by the next report; a live process's stay"

echo "1..$n"
[ "$fail" -eq 0 ]
