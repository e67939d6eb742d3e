#!/usr/bin/env bash
# LLM enrichment benchmark, whole process: `populate --enrich bio,tone` of COUNT agents against an
# OpenAI-compatible stub that answers after LATENCY seconds, with --llm-concurrency CONCURRENCY; then the same
# command again (every answer from the replay cache) and once more with --offline.
#
#   bench/llm.sh [COUNT=10000] [LATENCY=0.2] [CONCURRENCY=32] [CACHED_ROUNDS=3]
#
# Targets (issue 4): within 1.2x of the ideal COUNT*2*LATENCY/CONCURRENCY (125 s for the defaults); a fully
# cached rerun <= 5 s. The stub is bench/llm-stub.py (Python 3). The CLI is snapshotted first, so editing sources
# while this runs does not trigger a rebuild.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-10000}
latency=${2:-0.2}
concurrency=${3:-32}
rounds=${4:-3}
. "$root/.mvn/find-jdk.sh"
[ -x /usr/bin/time ] || { echo "bench: needs GNU time: apt-get install -y time" >&2; exit 1; }
"$root/azt3knet" --version >/dev/null # builds the CLI if needed

work=$(mktemp -d)
cp -r "$root/app-cli/target/azt3knet.jar" "$root/app-cli/target/lib" "$work/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$root/bench/llm-stub.py" "$port" "$latency" "$work/served" &
stub=$!
trap 'kill $stub 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export AZT3KNET_DATA_DIR=$work/data AZT3KNET_LOG_FILE=$work/azt3knet.log
cli=("$JAVA_HOME/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar "$work/azt3knet.jar")
"${cli[@]}" db migrate >/dev/null # creates the cluster: not part of what is measured
enrich=(populate --count "$count" --seed llm-bench --enrich bio,tone --llm-model bench-model --format ndjson)

timed() { # label command... -> prints seconds; output to $work/<label>.ndjson
  local label=$1; shift
  /usr/bin/time -f "%e" -o "$work/$label.time" "$@" > "$work/$label.ndjson"
  cat "$work/$label.time"
}
cold=$(timed cold "${cli[@]}" "${enrich[@]}" --llm-url "http://127.0.0.1:$port" --llm-concurrency "$concurrency")
served=$(cat "$work/served")
cached=()
for ((r = 1; r <= rounds; r++)); do
  cached+=("$(timed "cached$r" "${cli[@]}" "${enrich[@]}" --llm-url "http://127.0.0.1:$port" --llm-concurrency "$concurrency")")
done
offline=$(timed offline "${cli[@]}" "${enrich[@]}" --offline)
[ "$(cat "$work/served")" = "$served" ] || { echo "bench: cached runs called the stub" >&2; exit 1; }
cmp -s "$work/cold.ndjson" "$work/cached1.ndjson" && cmp -s "$work/cold.ndjson" "$work/offline.ndjson" \
  || { echo "bench: cached or offline output differs from the first run" >&2; exit 1; }

median=$(printf '%s\n' "${cached[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "agents: $count, fields: 2, stub latency: ${latency}s, concurrency: $concurrency, requests served: $served, machine: $(nproc) cores, $JAVA_HOME"
awk -v c="$cold" -v n="$count" -v l="$latency" -v k="$concurrency" -v m="$median" -v o="$offline" -v all="${cached[*]}" 'BEGIN {
  ideal = n * 2 * l / k
  printf "first run (every answer from the model): %.1f s; ideal %.1f s; ratio %.3f (target <= 1.2: %s)\n", c, ideal, c/ideal, (c/ideal <= 1.2) ? "met" : "NOT met"
  printf "cached reruns: median %.2f s (all: %s); target <= 5 s: %s\n", m, all, (m <= 5) ? "met" : "NOT met"
  printf "offline replay: %.2f s; outputs of all runs byte-identical\n", o }'
