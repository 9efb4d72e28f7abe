# browser.sh: sourced by the report tests after tap.sh: browser_check HTML
# WIDTH,HEIGHT WHAT renders a page in headless Chromium (when installed) and
# adds three TAP results: a screenshot was taken, it is not blank (many
# colours, dark text: png_check.py decodes it with no imaging library), and
# the page logged no errors. Without Chromium the three are skipped.
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
