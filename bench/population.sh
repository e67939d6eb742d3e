#!/usr/bin/env bash
# Whole-process benchmark (JVM/Node start included): azt3knet vs the peers in ../shared/bench/peers, run
# alternately, N profiles to NDJSON on stdout redirected to /dev/null. Prints median seconds, ratios, peak RSS.
#
#   bench/population.sh [COUNT=1000000] [ROUNDS=5]
#
# Needs: GNU time (/usr/bin/time), node + npm (faker-js peer). Builds everything on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-1000000}
rounds=${2:-5}
peers_src=${AZT3KNET_PEERS:-$root/../shared/bench/peers}
work=$root/bench/peers-build
. "$root/.mvn/find-jdk.sh"
java="$JAVA_HOME/bin/java"

[ -x /usr/bin/time ] || { echo "bench: needs GNU time: apt-get install -y time" >&2; exit 1; }
[ -d "$peers_src" ] || { echo "bench: peers not found at $peers_src (set AZT3KNET_PEERS)" >&2; exit 1; }

# Build once: the peers are copied out of ../shared (read-only) and built beside the project.
if [ ! -f "$work/datafaker/target/cp.txt" ] || [ ! -d "$work/fakerjs/node_modules" ]; then
  echo "bench: building peers in $work ..." >&2
  rm -rf "$work" && mkdir -p "$work" && cp -r "$peers_src"/. "$work"/
  (cd "$work/datafaker" && "$root/mvnw" -q -B package dependency:build-classpath -Dmdep.outputFile=target/cp.txt) >&2
  (cd "$work/fakerjs" && npm install --no-audit --no-fund --silent) >&2
fi
"$root/azt3knet" --version >/dev/null # builds the CLI if needed, and makes its class-data archive

run() { # name command... -> appends "seconds rss_kb" to $results/name
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$results/$name.last" "$@" > /dev/null
  cat "$results/$name.last" >> "$results/$name"
}
results=$(mktemp -d)
for ((r = 1; r <= rounds; r++)); do
  run azt3knet "$root/azt3knet" populate --count "$count" --seed 42 --format ndjson
  run datafaker "$java" -cp "$work/datafaker/target/classes:$(cat "$work/datafaker/target/cp.txt")" PeerPopulation "$count" 42
  run fakerjs node "$work/fakerjs/population.mjs" "$count" 42
  echo "bench: round $r/$rounds done" >&2
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
az=$(cut -d' ' -f1 "$results/azt3knet" | median)
df=$(cut -d' ' -f1 "$results/datafaker" | median)
fj=$(cut -d' ' -f1 "$results/fakerjs" | median)
rss() { cut -d' ' -f2 "$results/$1" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}'; }
echo "profiles: $count, rounds: $rounds, machine: $(nproc) cores, $JAVA_HOME"
printf '%-10s median %6.2f s   peak RSS %5s MB   all: %s\n' azt3knet "$az" "$(rss azt3knet)" "$(cut -d' ' -f1 "$results/azt3knet" | tr '\n' ' ')"
printf '%-10s median %6.2f s   peak RSS %5s MB   all: %s\n' datafaker "$df" "$(rss datafaker)" "$(cut -d' ' -f1 "$results/datafaker" | tr '\n' ' ')"
printf '%-10s median %6.2f s   peak RSS %5s MB   all: %s\n' faker-js "$fj" "$(rss fakerjs)" "$(cut -d' ' -f1 "$results/fakerjs" | tr '\n' ' ')"
awk -v a="$az" -v d="$df" -v f="$fj" 'BEGIN {printf "ratio: %.1fx faster than Datafaker (target 8x), %.1fx faster than faker-js (target 15x)\n", d/a, f/a}'
rm -rf "$results"
