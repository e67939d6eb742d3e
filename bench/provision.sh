#!/usr/bin/env bash
# Provisioning benchmark, whole process: `mailboxes apply --provider mailcow` of COUNT agents against a Mailcow-like
# stub (bench/provider-stub.py) that answers after LATENCY seconds and allows RATE requests per rolling second
# (429 above it); first with --concurrency CONCURRENCY, then sequentially (--concurrency 1) as the baseline.
#
#   bench/provision.sh [COUNT=2000] [LATENCY=0.05] [RATE=50] [CONCURRENCY=8] [FAULTS=0]
#
# Faults mode (FAULTS > 0, e.g. 0.2): the stub fails that share of the requests (500, 502, resets before and after
# the effect, answers STALL seconds late; env STALL, default 35, against AZT3KNET_PROVIDER_TIMEOUT, env TIMEOUT,
# default 30, as operators run it). It measures a fault-free apply, then applies under faults until the exit code is
# 0 and reports the time to converge, the runs needed (target: 1), duplicates refused by the stub, and the ratio.
#
# Target (issue 5): within 1.1x of the rate-bound ideal COUNT/RATE (40 s for the defaults) with zero 429s. The
# client's limit is MAILCOW_RATE_LIMIT = 98% of RATE: its smooth limiter spaces requests evenly, and the margin
# absorbs the jitter of their arrival. Setting up the population is not measured.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-2000}
latency=${2:-0.05}
rate=${3:-50}
concurrency=${4:-8}
faults=${5:-0}
stall=${STALL:-35}
export AZT3KNET_PROVIDER_TIMEOUT=${TIMEOUT:-30}
. "$root/.mvn/find-jdk.sh"
[ -x /usr/bin/time ] || { echo "bench: needs GNU time: apt-get install -y time" >&2; exit 1; }
"$root/azt3knet" --version >/dev/null # builds the CLI and its start-up cache if needed

work=$(mktemp -d)
cli=("$root/azt3knet") # as an operator runs it: the launcher, with its start-up cache
export AZT3KNET_DATA_DIR=$work/data AZT3KNET_LOG_FILE=$work/azt3knet.log
export SECRET_KEY_FOR_KV_ENC=$("${cli[@]}" keys generate)
export MAILCOW_API_KEY=bench-key MAILCOW_RATE_LIMIT=$(awk -v r="$rate" 'BEGIN { printf "%d", r * 0.98 }')
# run() is called in $(…), a subshell: the stubs' ids go through a file so the exit trap can stop them
trap 'kill $(cat "$work/stubs" 2>/dev/null) 2>/dev/null; rm -rf "$work"' EXIT

run() { # label concurrency [fault rate] -> seconds; a fresh stub and population each time; under faults, applies until exit 0
  local label=$1 threads=$2 rate_of_faults=${3:-0} port id runs=0 code start
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 "$root/bench/provider-stub.py" "$port" "$latency" "$rate" "$work/$label.stats" "$rate_of_faults" "$stall" 7 \
    > "$work/$label.stub.log" 2>&1 &
  echo $! >> "$work/stubs"
  sleep 1
  id=$("${cli[@]}" populate --count "$count" --seed "provision-$label" --domain "$label.bench.example" --persist)
  start=$(date +%s.%N)
  while :; do
    runs=$((runs + 1)); code=0
    MAILCOW_BASE_URL="http://127.0.0.1:$port" "${cli[@]}" mailboxes apply --population "$id" --provider mailcow \
      --concurrency "$threads" > "$work/$label.json" 2>> "$work/$label.err" || code=$?
    [ "$code" = 0 ] || [ "$rate_of_faults" = 0 ] || [ "$runs" -ge 30 ] && break
  done
  echo "$runs" > "$work/$label.runs"
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f\n", b - a }'
}
if awk -v f="$faults" 'BEGIN { exit !(f > 0) }'; then
  clean=$(run clean "$concurrency")
  faulty=$(run faults "$concurrency" "$faults")
  echo "mailboxes: $count, stub latency: ${latency}s, stub limit: $rate req/s, faults: $faults (stalls ${stall}s," \
       "client timeout ${AZT3KNET_PROVIDER_TIMEOUT}s), concurrency $concurrency, machine: $(nproc) cores"
  for label in clean faults; do echo "$label: $(cat "$work/$label.json") stub: $(cat "$work/$label.stats")"; done
  grep -E '^(apply|verify|  failed)' "$work/faults.err" | head -40 # each run's report
  awk -v c="$clean" -v f="$faulty" -v runs="$(cat "$work/faults.runs")" 'BEGIN {
    printf "fault-free: %.1f s; under faults: %.1f s to converge in %d run(s); ratio %.2f (target <= 3 in 1 run: %s)\n",
      c, f, runs, f / c, (f / c <= 3 && runs == 1) ? "met" : "NOT met" }'
  exit 0
fi
parallel=$(run parallel "$concurrency")
sequential=$(run sequential 1)
echo "mailboxes: $count, stub latency: ${latency}s, stub limit: $rate req/s, client limit: $MAILCOW_RATE_LIMIT req/s, machine: $(nproc) cores"
for label in parallel sequential; do echo "$label: $(cat "$work/$label.json") stub: $(cat "$work/$label.stats")"; done
awk -v p="$parallel" -v s="$sequential" -v n="$count" -v r="$rate" \
    -v l1="$(python3 -c "import json; print(json.load(open('$work/parallel.stats'))['rate_limited'])")" 'BEGIN {
  ideal = n / r
  printf "concurrency '"$concurrency"': %.1f s; ideal %.1f s; ratio %.3f (target <= 1.1: %s); 429s received: %d\n", p, ideal, p/ideal, (p/ideal <= 1.1) ? "met" : "NOT met", l1
  printf "sequential baseline: %.1f s (ratio %.3f to the ideal; %.2fx slower than concurrent)\n", s, s/ideal, s/p }'
