#!/usr/bin/env bash
# SMTP gateway benchmark (issue 21 section 6), on loopback, product, stub and load generators sharing the machine.
#
# What runs: the product itself, `./azt3knet serve` on a throwaway data directory (embedded PostgreSQL), with the
# gateway on 127.0.0.1 and its relay delivering through the real Cakemail delivery integration (`cakemail-send`:
# OAuth2 token, sender lookup, one POST /v2/emails per recipient) to an nginx stub with fixed bodies
# (bench/cakemail-stub.nginx.conf), which logs every POST /v2/emails so the script counts what reached it.
# smtp-source speaks neither STARTTLS nor AUTH, so the gateway runs with AZT3KNET_SMTP_TRUST_LOOPBACK=on: clients
# on this host submit without TLS or AUTH (Postfix's mynetworks = 127.0.0.0/8; refused unless the gateway listens
# on a loopback address). Everything else is the shipped path: the spool commit before 250, the relay, the router.
#
# Figures, printed one line each:
#   (a) throughput: smtp-source, SESSIONS sessions, MESSAGES messages of 4 KB per round; "acknowledged" is messages/s
#       until smtp-source has every 250 (each one committed to the spool), "relayed" is the time until the spool says
#       every one is sent (azt3knet_smtp_queue{state="sent"} on /metrics) and the end-to-end rate;
#   (b) p99 end-of-DATA -> 250 at a steady LATENCY_RATE (500) messages/s for LATENCY_SECONDS (30), measured by
#       bench/smtp-paced.py from writing "." to reading the reply;
#   (c) the reference relay in ../shared/bench/peers/smtp-relay (aiosmtpd + httpx POSTing during DATA to its own
#       nginx stub; nothing stored) with the same smtp-source command, alternating rounds; medians and the ratio;
#   and at the end, the stub's count of emails against the messages acknowledged (they must be equal).
# With --soak: SOAK_RATE (300) messages/s for SECONDS (600) with smtp-paced.py, sampling the java process's RSS
# and its heap after a full GC (jcmd GC.run, then GC.heap_info) every 10 s; prints each sample, then first/last/max.
#
#   bench/smtp.sh [MESSAGES=5000] [SESSIONS=20] [ROUNDS=3]
#   bench/smtp.sh --soak [SECONDS=600]
#   environment: WARMUP=5000 LATENCY_RATE=500 LATENCY_SECONDS=30 SOAK_RATE=300 AZT3KNET_PEERS=../shared/bench/peers
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
soak=""
if [ "${1:-}" = --soak ]; then soak=yes; shift; fi
messages=${1:-5000}
sessions=${2:-20}
rounds=${3:-3}
soak_seconds=${1:-600}
latency_rate=${LATENCY_RATE:-500}
warmup=${WARMUP:-5000}
latency_seconds=${LATENCY_SECONDS:-30}
soak_rate=${SOAK_RATE:-300}
peers_src=${AZT3KNET_PEERS:-$root/../shared/bench/peers}/smtp-relay
. "$root/.mvn/find-jdk.sh"

# Tools: installed here only when root (as .ci/run does for nsd); otherwise say what to install.
need=()
command -v smtp-source >/dev/null || [ -x /usr/sbin/smtp-source ] || need+=(postfix)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null || need+=(curl)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
/usr/bin/python3 -c 'import httpx' 2>/dev/null || need+=(python3-httpx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench: installing ${need[*]} ..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/dev/null
  else
    echo "bench: needs ${need[*]}: sudo apt-get install -y ${need[*]}" >&2; exit 1
  fi
fi
PATH=$PATH:/usr/sbin
[ -n "$soak" ] || [ -f "$peers_src/relay.py" ] || { echo "bench: the reference relay is not at $peers_src (set AZT3KNET_PEERS)" >&2; exit 1; }
# absolute: nginx reads -c relative to its own prefix, not to this directory
[ -n "$soak" ] || peers_src=$(cd "$peers_src" && pwd)

"$root/azt3knet" --version > /dev/null # builds the CLI first when the sources changed, outside every figure

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$work/cakemail-stub.pid" ] && kill "$(cat "$work/cakemail-stub.pid")" 2>/dev/null || true
  [ -f /tmp/azt-nginx-stub.pid ] && kill "$(cat /tmp/azt-nginx-stub.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
now() { date +%s.%N; }

# The Cakemail stub.
stub=$(free_port)
mkdir -p "$work"/nginx-{body,proxy,fastcgi,uwsgi,scgi}
sed -e "s|@PORT@|$stub|g" -e "s|@WORK@|$work|g" "$root/bench/cakemail-stub.nginx.conf" > "$work/cakemail-stub.conf"
nginx -c "$work/cakemail-stub.conf" -p "$work" -e "$work/cakemail-stub.err"
wait_port "$stub" || { echo "bench: the Cakemail stub did not start: $(cat "$work/cakemail-stub.err")" >&2; exit 1; }
touch "$work/emails.log"

# The product, on a throwaway home and data directory (the embedded database's binaries stay in the usual cache).
export XDG_CACHE_HOME=${XDG_CACHE_HOME:-$HOME/.cache}
export HOME=$work/home AZT3KNET_DATA_DIR=$work/data
mkdir -p "$HOME"
# the spool keeps every message sealed under the master key
export SECRET_KEY_FOR_KV_ENC
SECRET_KEY_FOR_KV_ENC=$("$root/azt3knet" keys generate)
smtp=$(free_port)
export AZT3KNET_SMTP=127.0.0.1:$smtp AZT3KNET_SMTP_TRUST_LOOPBACK=on AZT3KNET_SMTP_HOSTNAME=gw.bench.example.org \
  AZT3KNET_SMTP_MAX_CONNECTIONS_PER_CLIENT=1000 AZT3KNET_SMTP_MAX_MESSAGES_PER_SESSION=100000 \
  CAKEMAIL_USERNAME=bench@bench.example.org CAKEMAIL_PASSWORD=bench-password CAKEMAIL_BASE_URL=http://127.0.0.1:$stub \
  CAKEMAIL_SEND_DOMAINS='*' CAKEMAIL_RATE_LIMIT=10000
token=$("$root/azt3knet" tokens create --name bench --role read 2> "$work/token.err") \
  || { echo "bench: could not create an API token:" >&2; cat "$work/token.err" >&2; exit 1; }
"$root/azt3knet" serve --http 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
java=$! # the launcher execs the JVM: this is the java process
pids+=("$java")
for _ in $(seq 600); do grep -q 'SMTP gateway listening' "$work/serve.err" 2>/dev/null && [ -s "$work/serve.out" ] && break
  kill -0 "$java" 2>/dev/null || break; sleep 0.1; done
api=$(head -1 "$work/serve.out" 2>/dev/null || true)
grep -q 'relaying through' "$work/serve.err" 2>/dev/null || { echo "bench: serve did not start relaying:" >&2; cat "$work/serve.err" >&2; exit 1; }
[ -n "$api" ] || { echo "bench: serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }

sent_count() { # the spool's sent messages, from /metrics
  curl -sf -H "Authorization: Bearer $token" "$api/metrics" | awk -F' ' '/^azt3knet_smtp_queue\{.*state="sent"/ {printf "%d", $2; f=1} END {if (!f) print 0}'
}
queue_line() { curl -sf -H "Authorization: Bearer $token" "$api/metrics" | grep '^azt3knet_smtp_queue{' | sed 's/azt3knet_smtp_queue//' | tr '\n' ' '; }
expected=0 # messages acknowledged so far, all of which must end up sent
wait_relayed() { # -> seconds from $1 until the spool has $expected sent (the metric is read at most once a second)
  local deadline=$(( $(date +%s) + 900 ))
  while [ "$(sent_count)" -lt "$expected" ]; do
    if [ "$(date +%s)" -gt "$deadline" ]; then echo "bench: not every message was relayed: $(queue_line)" >&2; exit 1; fi
    sleep 0.25
  done
  awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'
}
source_run() { # port count sessions -> seconds for one smtp-source run (every message answered 250, or it fails)
  local start end
  start=$(now)
  if ! smtp-source -s "$3" -m "$2" -l 4096 -f bench@bench.example.org -t sink@bench-sink.example.net "127.0.0.1:$1" \
      > "$work/source.out" 2>&1 || [ -s "$work/source.out" ]; then
    echo "bench: smtp-source against 127.0.0.1:$1 reported: $(head -3 "$work/source.out")" >&2; exit 1
  fi
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$java/status"; }
heap_kb() { # used heap after a full GC: the "total …, used …K" lines (generations, or G1's heap; not Metaspace)
  jcmd "$java" GC.run > /dev/null
  jcmd "$java" GC.heap_info | awk '/ total / {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i + 1); sub(/K.*$/, "", v); s += v}} END {print s + 0}'
}
echo "azt3knet serve: gateway 127.0.0.1:$smtp, admin API $api, relaying to the Cakemail stub 127.0.0.1:$stub;" \
  "JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# JIT warm-up, relayed before any figure: a server runs for days, and its first seconds compile (C2 took a quarter of
# the CPU in the first 30 s with a 500-message warm-up). WARMUP messages in 20 sessions, twice.
for _ in 1 2; do
  source_run "$smtp" "$warmup" 20 > /dev/null
  expected=$((expected + warmup))
  wait_relayed "$(now)" > /dev/null
done

if [ -n "$soak" ]; then
  echo "soak: $soak_rate msg/s for $soak_seconds s; every 10 s: RSS, heap after full GC (KB)"
  /usr/bin/python3 "$root/bench/smtp-paced.py" "$smtp" "$soak_rate" "$soak_seconds" 20 > "$work/paced.out" &
  paced=$!
  pids+=("$paced")
  start=$(date +%s)
  : > "$work/samples"
  next=$start
  while kill -0 "$paced" 2>/dev/null; do
    r=$(rss_kb); h=$(heap_kb)
    echo "$r $h" >> "$work/samples"
    echo "  t=$(( $(date +%s) - start ))s rss ${r} KB heap ${h} KB"
    next=$((next + 10)) # every 10 s from the start, however long jcmd took
    while kill -0 "$paced" 2>/dev/null && [ "$(date +%s)" -lt "$next" ]; do sleep 0.1; done
  done
  wait "$paced" || true
  echo "paced client: $(cat "$work/paced.out")"
  acked=$(awk '{print $2}' "$work/paced.out")
  expected=$((expected + acked))
  wait_relayed "$(now)" > /dev/null
  awk 'NR == 1 {r1 = $1; h1 = $2} {if ($1 > rm) rm = $1; if ($2 > hm) hm = $2; rl = $1; hl = $2}
       END {printf "soak: RSS first %d MB, last %d MB, max %d MB; heap after GC first %d MB, last %d MB, max %d MB\n",
            r1/1024, rl/1024, rm/1024, h1/1024, hl/1024, hm/1024}' "$work/samples"
else
  # The peer: the nginx stub it relays to, and the relay itself on a free port.
  nginx -c "$peers_src/api-stub.nginx.conf" -p "$work" -e "$work/peer-stub.err" 2>/dev/null || nginx -c "$peers_src/api-stub.nginx.conf"
  relay=$(free_port)
  /usr/bin/python3 "$peers_src/relay.py" "$relay" > "$work/relay.out" 2>&1 &
  pids+=($!)
  wait_port "$relay" || { echo "bench: the reference relay did not start: $(cat "$work/relay.out")" >&2; exit 1; }
  echo "reference relay 127.0.0.1:$relay; $messages messages of 4 KB over $sessions sessions, $rounds rounds"
  g=(); e=(); r=()
  for i in $(seq "$rounds"); do
    start=$(now)
    took=$(source_run "$smtp" "$messages" "$sessions")
    expected=$((expected + messages))
    relayed=$(wait_relayed "$start")
    g+=("$(awk -v n="$messages" -v t="$took" 'BEGIN {printf "%.0f", n / t}')")
    e+=("$(awk -v n="$messages" -v t="$relayed" 'BEGIN {printf "%.0f", n / t}')")
    r+=("$(awk -v n="$messages" -v t="$(source_run "$relay" "$messages" "$sessions")" 'BEGIN {printf "%.0f", n / t}')")
    echo "round $i: gateway ${g[-1]} msg/s acknowledged durably, all relayed after $relayed s (${e[-1]} msg/s end to end);" \
      "reference relay ${r[-1]} msg/s"
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
  gm=$(median "${g[@]}"); em=$(median "${e[@]}"); rm_=$(median "${r[@]}")
  echo "median: gateway $gm msg/s acknowledged ($em msg/s relayed end to end), reference relay $rm_ msg/s;" \
    "ratio $(awk -v a="$gm" -v b="$rm_" 'BEGIN {printf "%.2f", a / b}') (end to end $(awk -v a="$em" -v b="$rm_" 'BEGIN {printf "%.2f", a / b}'))"
  echo "latency at $latency_rate msg/s for $latency_seconds s, 20 sessions: $(/usr/bin/python3 "$root/bench/smtp-paced.py" \
    "$smtp" "$latency_rate" "$latency_seconds" 20 | tee "$work/paced.out")"
  expected=$((expected + $(awk '{print $2}' "$work/paced.out")))
  wait_relayed "$(now)" > /dev/null
fi
sleep 1 # the stub's log is written as each request ends
stubbed=$(wc -l < "$work/emails.log")
echo "relayed: the spool has $(sent_count) sent of $expected acknowledged, the Cakemail stub got $stubbed emails" \
  "($( [ "$stubbed" -eq "$expected" ] && echo "every one once" || echo "MISMATCH" )); queue: $(queue_line)"
[ "$stubbed" -eq "$expected" ]
