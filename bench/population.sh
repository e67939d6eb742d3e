#!/usr/bin/env bash
# Whole-process benchmark (JVM/Node start included): azt3knet vs the peers in ../shared/bench/peers, run
# alternately, N profiles to NDJSON on stdout. Prints median seconds, ratios, peak RSS and output size.
#
#   bench/population.sh [COUNT=1000000] [ROUNDS=5] [SINK=devnull]
#
# SINK is where stdout goes, the same for all three: devnull (> /dev/null), file (> a file beside the project,
# written to disk as users do) or pipe (| wc -c).
#
# Needs: GNU time (/usr/bin/time), node + npm (faker-js peer). Builds everything on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-1000000}
rounds=${2:-5}
export AZT3KNET_BENCH_SINK=${3:-${AZT3KNET_BENCH_SINK:-devnull}}
. "$root/bench/lib.sh"

# populate's own start-up cache is trained on its first run after a build: not in a timed round
"$root/azt3knet" populate --count 1 --seed 42 > /dev/null

for ((r = 1; r <= rounds; r++)); do
  run azt3knet "$root/azt3knet" populate --count "$count" --seed 42 --format ndjson
  run datafaker "${datafaker_cmd[@]}" "$count" 42
  run fakerjs "${fakerjs_cmd[@]}" "$count" 42
  echo "bench: round $r/$rounds done" >&2
done

az=$(seconds azt3knet)
df=$(seconds datafaker)
fj=$(seconds fakerjs)
echo "profiles: $count, rounds: $rounds, sink: $sink, machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $JAVA_HOME"
report azt3knet
report datafaker
report fakerjs
awk -v a="$az" -v d="$df" -v f="$fj" 'BEGIN {printf "ratio: %.1fx faster than Datafaker (target 8x; 6x to a file or a pipe), %.1fx faster than faker-js (target 15x)\n", d/a, f/a}'
