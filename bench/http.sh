#!/usr/bin/env bash
# Admin API benchmark (issue 7), on loopback with wrk (apt-get install -y wrk), server and load generator sharing
# the machine:
#   1. POST /api/populate previews of 10 agents: flat out (the most the machine serves while also running wrk), then
#      paced at about 6,000 requests/s (each connection waits 5 ms between requests): requests/s and latency
#      percentiles (target >= 5,000/s with p99 <= 20 ms);
#   2. 1,000,000 agents as NDJSON over HTTP vs the CLI writing them to /dev/null (target >= 50 % of the CLI's rate);
#   3. with SOAK seconds > 0: the paced load for that long, heap used after a full GC at the start and at the end.
#
#   bench/http.sh [DURATION=20] [CONNECTIONS=32] [SOAK=0]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-20}
connections=${2:-32}
soak=${3:-0}
command -v wrk >/dev/null || { echo "bench: needs wrk: apt-get install -y wrk" >&2; exit 1; }
. "$root/bench/lib.sh" # JDK, the peers (built once), the CLI

work=$(mktemp -d)
cp -r "$root/app-cli/target/azt3knet.jar" "$root/app-cli/target/lib" "$work/"
cli=("$JAVA_HOME/bin/java" -jar "$work/azt3knet.jar")
export AZT3KNET_DATA_DIR=$work/data AZT3KNET_LOG_FILE=$work/azt3knet.log AZT3KNET_HTTP_WRITE_RATE=1000000
export SECRET_KEY_FOR_KV_ENC=$("${cli[@]}" keys generate)
token=$("${cli[@]}" tokens create --name bench --role admin 2>/dev/null)
"${cli[@]}" serve --http 127.0.0.1:0 > "$work/url" 2> "$work/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work" "$results"' EXIT
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.2; done
url=$(head -1 "$work/url")
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"count": 10, "seed": "bench"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
{ cat "$work/post.lua"; echo 'function delay() return 5 end'; } > "$work/paced.lua"
echo "server: $url (JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)), $(nproc) cores"
wrk -t2 -c"$connections" -d5s -s "$work/post.lua" "$url/api/populate" > /dev/null # warm-up: JIT
echo "== POST /api/populate, 10 agents, flat out: $connections connections, ${duration}s"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "$url/api/populate" | grep -E "Requests/sec|Non-2xx|^ +(50|90|99)%"
echo "== POST /api/populate, 10 agents, paced: 32 connections each waiting 5 ms between requests, ${duration}s"
wrk -t2 -c32 -d"${duration}s" --latency -s "$work/paced.lua" "$url/api/populate" | grep -E "Requests/sec|Non-2xx|^ +(50|90|99)%"

echo "== 1,000,000 agents as NDJSON"
t0=$(date +%s.%N)
curl -sS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'Accept: application/x-ndjson' \
  -d '{"count": 1000000, "seed": "stream"}' "$url/api/populate"
t1=$(date +%s.%N)
"${cli[@]}" populate --count 1000000 --seed stream --format ndjson > /dev/null
t2=$(date +%s.%N)
"${datafaker_cmd[@]}" 1000000 42 > /dev/null
t3=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN { h = 1e6 / (b - a); l = 1e6 / (c - b);
  printf "http %.2f s (%.0f agents/s), cli %.2f s (%.0f agents/s): http = %.0f %% of the cli (the cli time includes its JVM start)\n", b - a, h, c - b, l, 100 * h / l;
  printf "peer: Datafaker generating 1,000,000 to /dev/null, whole process %.2f s: http is %.1fx its rate\n", d - c, (d - c) / (b - a) }'

if [ "$soak" -gt 0 ]; then
  heap() { "$JAVA_HOME/bin/jcmd" "$1" GC.run > /dev/null; "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | grep -oE 'used [0-9]+K' | head -1; }
  pid=$(pgrep -f "azt3knet.jar serve --http 127.0.0.1:0" | head -1)
  echo "== soak: ${soak}s paced as above; heap after full GC: start $(heap "$pid")"
  wrk -t2 -c32 -d"${soak}s" -s "$work/paced.lua" "$url/api/populate" | grep -E "Requests/sec|requests in|Non-2xx"
  echo "   end $(heap "$pid")"
fi
