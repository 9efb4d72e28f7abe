# report_checks.sh: sourced by the report tests after tap.sh.
# svg_ok and report_ok check charts and report.html; browser_check HTML
# WIDTH,HEIGHT WHAT renders a page in headless Chromium (when installed) and
# adds three TAP results: a screenshot was taken, it is not blank (many
# colours, dark text: png_check.py decodes it with no imaging library), and
# the page logged no errors. Without Chromium the three are skipped.
# edit_field and report_faults check failures: a malformed file named by
# file and line, and running out of memory while the report is drawn.

# svg_ok DIR NAME...: each plots/NAME.svg parses as XML with an <svg> root and
# draws something.
svg_ok() {
  d="$1"
  shift
  py "
import sys, xml.etree.ElementTree as ET
d = sys.argv[1]
for name in sys.argv[2:]:
    root = ET.parse(d + '/plots/' + name + '.svg').getroot()
    assert root.tag.endswith('svg'), name + ': root is ' + root.tag
    assert sum(1 for e in root.iter() if e.tag.split('}')[-1] in ('path', 'polygon', 'rect')) > 5, name + ': draws nothing'
" "$d" "$@"
}

# report_ok FILE: no NaN/inf words, no empty tables, no scripts, nothing
# fetched, balanced sections; prints what is wrong.
report_ok() {
  py "
import re, sys
from html.parser import HTMLParser
s = open(sys.argv[1], encoding='utf-8').read()
bad = []
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.text = []; self.stack = []; self.rows = 0; self.tables = 0; self.empty = 0
        self.in_style = False
    def handle_starttag(self, tag, attrs):
        if tag == 'table': self.stack.append(self.rows); self.tables += 1
        if tag == 'tr': self.rows += 1
        if tag == 'style': self.in_style = True
        for k, v in attrs:
            if k in ('src', 'href') and v and re.match(r'(https?:)?//', v): bad.append('external ' + k + '=' + v)
            if k.startswith('on'): bad.append('event handler ' + k)
    def handle_endtag(self, tag):
        if tag == 'table':
            start = self.stack.pop()
            if self.rows - start < 2: self.empty += 1
        if tag == 'style': self.in_style = False
    def handle_data(self, data):
        if not self.in_style: self.text.append(data)
p = P(); p.feed(s); p.close()
text = ' '.join(p.text)
for w in re.findall(r'(?i)(?<![A-Za-z])(nan|-?inf|infinity)(?![A-Za-z])', text): bad.append('word ' + w)
if p.empty: bad.append('%d empty tables' % p.empty)
if p.tables == 0: bad.append('no tables')
if re.search(r'(?i)<script', s): bad.append('a script')
if re.search(r'(?i)@import|url\(\s*[\"\\']?(https?:)?//', s): bad.append('external CSS')
if s.count('<section') != s.count('</section>'): bad.append('unbalanced sections')
if s.count('<div') != s.count('</div>'): bad.append('unbalanced divs')
print('; '.join(bad))
sys.exit(1 if bad else 0)
" "$1"
}

browser_check() {
  CHROMIUM=/usr/bin/chromium
  if [ -x "$CHROMIUM" ]; then
    prof=$(mktemp -d)
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$prof" --enable-logging=stderr --v=0 --screenshot="$tmp/shot.png" \
      --window-size="$2" "file://$1" >"$tmp/chromium.log" 2>&1
    rc=$?
    rm -rf "$prof"
    [ $rc -eq 0 ] && [ -s "$tmp/shot.png" ]
    check $? "headless Chromium takes a screenshot of $3"
    /usr/bin/python3 "$T/png_check.py" "$tmp/shot.png"
    check $? "the screenshot is not blank (many colours, dark text)"
    if grep -q -e "Uncaught" -e ":CONSOLE" "$tmp/chromium.log"; then
      nok "Chromium logged page errors"
      grep -e "Uncaught" -e ":CONSOLE" "$tmp/chromium.log" | head -5 | sed 's/^/# /'
    else ok "Chromium logged no page errors"; fi
  else
    skip "chromium not installed"
    skip "chromium not installed"
    skip "chromium not installed"
  fi
}

# edit_field FILE LINE COLUMN VALUE: sets one field (1-based line and
# column) of a CSV file, quoting as needed.
edit_field() {
  py "
import csv, io, sys
p, line, col, value = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = list(csv.reader(open(p, newline='')))
rows[line - 1][col - 1] = value
out = io.StringIO()
csv.writer(out, lineterminator='\\n').writerows(rows)
open(p, 'w', newline='').write(out.getvalue())
" "$@"
}

# alloc_count CMD...: how many allocations CMD makes (builds with fault
# injection print it under FLEETSIM_ALLOC_REPORT); empty in release builds.
alloc_count() {
  FLEETSIM_ALLOC_REPORT=1 "$@" 2>&1 >/dev/null | sed -n 's/^fleetsim: \([0-9]*\) allocations$/\1/p' | tail -1
}

# report_faults SRC LAST WHAT: `fleetsim report` on fresh copies of the
# folder SRC with each of its last LAST allocations failing in turn
# (FLEETSIM_FAIL_ALLOC): every one exits 1 saying "out of memory", leaves
# no temporary file and report.html as it was. Skipped without fault
# injection (release builds).
report_faults() {
  rm -rf "$tmp/faults" && cp -r "$1" "$tmp/faults"
  total=$(alloc_count "$FS" report "$tmp/faults" -q)
  if [ -z "$total" ]; then
    skip "$3: no fault injection in this build"
    return
  fi
  bad=""
  i=$((total - $2 + 1))
  [ $i -lt 1 ] && i=1
  while [ $i -le "$total" ]; do
    rm -rf "$tmp/faults" && cp -r "$1" "$tmp/faults"
    FLEETSIM_FAIL_ALLOC=$i "$FS" report "$tmp/faults" -q >/dev/null 2>"$tmp/faults.err"
    rc=$?
    left=$(find "$tmp/faults" -name '*.tmp*' | head -1)
    if [ $rc -ne 1 ] || ! grep -q "out of memory" "$tmp/faults.err" || [ -n "$left" ] ||
      ! cmp -s "$1/report.html" "$tmp/faults/report.html"; then
      bad="$bad $i"
      sed 's/^/# /' "$tmp/faults.err" | head -2
    fi
    i=$((i + 1))
  done
  if [ -z "$bad" ]; then ok "$3 (allocations $((total - $2 + 1)) to $total of $total)"
  else nok "$3: allocations$bad"; fi
}
