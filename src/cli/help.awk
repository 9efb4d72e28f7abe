# help.awk: src/cli/help.txt into C (the table of cli/help.h).
# usage: awk -f help.awk help.txt > help.c
function cstr(s) {
  gsub(/\\/, "\\\\", s)
  gsub(/"/, "\\\"", s)
  return s
}
function flush() {
  if (prog == "") return
  sub(/(\\n)+$/, "", details)
  printf "    {\"%s\", \"%s\", \"%s\",\n     \"%s\"},\n", prog, usage, summary, details
  prog = ""
}
BEGIN {
  print "/* Generated from src/cli/help.txt by src/cli/help.awk: edit those, not this. */"
  print "#include \"cli/help.h\""
  print ""
  print "const fs_cli_help fs_cli_helps[] = {"
  prog = ""
}
/^#/ { next }
/^@ / {
  flush()
  line = substr($0, 3)
  i = index(line, " | ")
  if (i == 0) { print "help.txt:" NR ": expected '@ PROG | USAGE'" > "/dev/stderr"; exit 1 }
  prog = cstr(substr(line, 1, i - 1))
  usage = cstr(substr(line, i + 3))
  summary = ""; details = ""; part = 1
  next
}
{
  if (prog == "") {
    if ($0 != "") { print "help.txt:" NR ": text before the first '@' line" > "/dev/stderr"; exit 1 }
    next
  }
  if (part == 1) {
    if ($0 == "") { if (summary != "") part = 2; next }
    summary = summary (summary != "" ? "\\n" : "") cstr($0)
  } else {
    if ($0 == "" && details == "") next
    details = details cstr($0) "\\n"
  }
}
END {
  flush()
  print "    {0, 0, 0, 0}};"
}
