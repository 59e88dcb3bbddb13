#!/bin/bash
# Where `effectmeting analyze` spends its wall time and memory, step by step: runs the built CLI
# of a checkout under a pseudo-terminal (`script`, so that the progress bar is drawn) and
# samples, once a second, the CLI's resident memory (VmRSS of /proc/<pid>/status) and the step
# the bar shows. Prints one line per step: the second it was first seen, the RSS then and the
# largest RSS sampled during it (MB). Not part of `npm run bench`; a timing tool for
# docs/performance.md (a step shorter than a second may not be seen).
#   bash bench/ab/analyze-steps.sh <checkout> <input.csv> <config.json>
set -eu
root=$1
input=$2
config=$3
log=$(mktemp)
trace=$(mktemp)
(script -qfc "node $root/dist/cli/main.js analyze --input $input --config $config --format json > /dev/null" "$trace" > /dev/null &)
pid=""
for _ in $(seq 50); do
  pid=$(pgrep -n -f "^node $root/dist/cli/main.js analyze" || true)
  [ -n "$pid" ] && break
  sleep 0.1
done
[ -n "$pid" ] || { echo "the CLI did not start" >&2; exit 1; }
t=0
while kill -0 "$pid" 2> /dev/null; do
  rss=$(awk '/VmRSS/ {print int($2 / 1000)}' "/proc/$pid/status" 2> /dev/null || echo 0)
  step=$(tail -c 400 "$trace" | tr '\r' '\n' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' | grep -v '^\s*$' | tail -1 | sed 's/\[[#-]*\] *//; s/ [0-9]*%.*//; s/ *$//')
  echo "$t|$rss|$step" >> "$log"
  sleep 1
  t=$((t + 1))
done
awk -F'|' '$3 != prev { if (NR > 1) printf "%5d s %6d MB (max %6d MB)  %s\n", start, first, max, prev; start = $1; first = $2; max = 0; prev = $3 }
  { if ($2 > max) max = $2 }
  END { printf "%5d s %6d MB (max %6d MB)  %s\n%5d s  end\n", start, first, max, prev, $1 + 1 }' "$log"
rm -f "$log" "$trace"
