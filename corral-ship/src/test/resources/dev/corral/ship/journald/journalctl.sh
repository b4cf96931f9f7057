#!/bin/sh
# Stands in for journalctl: records its arguments, then prints the fixture's entries after --after-cursor (or all).
fixture="$1"; shift
echo "$@" >> "$(dirname "$0")/args.log"
cursor=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--after-cursor" ]; then cursor="$2"; shift; fi
  shift
done
if [ -z "$cursor" ]; then
  cat "$fixture"
else
  awk -v c="\"__CURSOR\":\"$cursor\"" 'found { print } index($0, c) { found = 1 }' "$fixture"
fi
