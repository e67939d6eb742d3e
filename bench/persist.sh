#!/usr/bin/env bash
# Bulk persistence benchmark, whole process (JVM start, embedded PostgreSQL start and stop included):
# `azt3knet populate --persist` of COUNT agents into the embedded database, in one transaction with their
# encrypted credentials. Each round stores a new population (its own seed and domain) into one data directory,
# created before the first round. Peers in the same run: Datafaker and faker-js only *generating* COUNT profiles.
#
#   bench/persist.sh [COUNT=1000000] [ROUNDS=3]
#
# Target (issue 3): 1,000,000 agents persisted in <= 30 s on a 2-core machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-1000000}
rounds=${2:-3}
. "$root/bench/lib.sh"

data=$(mktemp -d)
trap 'rm -rf "$results" "$data"' EXIT
export AZT3KNET_DATA_DIR=$data AZT3KNET_LOG_FILE=$data/azt3knet.log
SECRET_KEY_FOR_KV_ENC=$("$root/azt3knet" keys generate)
export SECRET_KEY_FOR_KV_ENC
"$root/azt3knet" db migrate >/dev/null # creates the cluster: not part of what is measured

for ((r = 1; r <= rounds; r++)); do
  run persist "$root/azt3knet" populate --count "$count" --seed "bench-$r-$$" --domain "r$r-$$.bench.example" --persist
  run datafaker "${datafaker_cmd[@]}" "$count" 42
  run fakerjs "${fakerjs_cmd[@]}" "$count" 42
  echo "bench: round $r/$rounds done" >&2
done
stored=$("$root/azt3knet" populations list --format csv | tail -n +2 | awk -F, '{s += $2} END {print s}')

p=$(seconds persist)
echo "agents: $count per round, rounds: $rounds, stored in total: $stored, machine: $(nproc) cores, $JAVA_HOME"
report persist
report datafaker
report fakerjs
awk -v p="$p" -v n="$count" -v d="$(seconds datafaker)" -v f="$(seconds fakerjs)" 'BEGIN {
  printf "persist: %.0f agents/s; target 1,000,000 in <= 30 s: %s\n", n/p, (p * 1000000 / n <= 30) ? "met" : "NOT met";
  printf "ratio: persisting takes %.2fx the time Datafaker takes to only generate, %.2fx faker-js\n", p/d, p/f }'
