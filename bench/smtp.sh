#!/usr/bin/env bash
# SMTP gateway benchmark (issue 21 section 6), on loopback, server and load generator sharing the machine:
# smtp-source (Debian's postfix package) with SESSIONS parallel sessions of 4 KB messages against
#   - the gateway, acknowledging each message only once it is committed to its spool on embedded PostgreSQL, and
#   - the reference relay in ../shared/bench/peers/smtp-relay (aiosmtpd + httpx POSTing each message during DATA to
#     an nginx stub answering 201; nothing stored),
# alternating ROUNDS times in the same run; prints messages/s for each round and the medians.
# The gateway runs from adapters-smtp's test scope (net.azt3knet.adapters.smtp.BenchGateway) until `azt3knet smtp
# serve` exists; its relay leg is not in the figure yet (no HTTP delivery is wired to it).
#
#   bench/smtp.sh [MESSAGES=5000] [SESSIONS=20] [ROUNDS=3]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-5000}
sessions=${2:-20}
rounds=${3:-3}
peers_src=${AZT3KNET_PEERS:-$root/../shared/bench/peers}/smtp-relay
. "$root/.mvn/find-jdk.sh"

# Tools: installed here only when root (as .ci/run does for nsd); otherwise say what to install.
need=()
command -v smtp-source >/dev/null || [ -x /usr/sbin/smtp-source ] || need+=(postfix)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
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
[ -f "$peers_src/relay.py" ] || { echo "bench: the reference relay is not at $peers_src (set AZT3KNET_PEERS)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true;
  [ -f /tmp/azt-nginx-stub.pid ] && kill "$(cat /tmp/azt-nginx-stub.pid)" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The gateway: adapters-smtp's classes and test classes on their resolved class path (built offline, narrowly).
(cd "$root" && ./mvnw -o -B -q test-compile -pl adapters-smtp -am \
  && ./mvnw -o -B -q dependency:build-classpath -pl adapters-smtp -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt") >&2
cache=${XDG_CACHE_HOME:-$HOME/.cache}/azt3knet
"$JAVA_HOME/bin/java" -cp "$root/adapters-smtp/target/test-classes:$root/adapters-smtp/target/classes:$(cat "$work/cp.txt")" \
  net.azt3knet.adapters.smtp.BenchGateway "$work/pg" "$cache" > "$work/gateway.port" 2> "$work/gateway.err" &
pids+=($!)
for _ in $(seq 300); do [ -s "$work/gateway.port" ] && break; sleep 0.2; done
gateway=$(head -1 "$work/gateway.port")
[ -n "$gateway" ] || { echo "bench: the gateway did not start:" >&2; tail -5 "$work/gateway.err" >&2; exit 1; }

# The peer: the nginx stub it relays to, and the relay itself on a free port.
nginx -c "$peers_src/api-stub.nginx.conf" -p "$work" 2>/dev/null || nginx -c "$peers_src/api-stub.nginx.conf"
relay=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 "$peers_src/relay.py" "$relay" > "$work/relay.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$relay") 2>/dev/null && break; sleep 0.1; done

echo "gateway 127.0.0.1:$gateway, reference relay 127.0.0.1:$relay; $messages messages of 4 KB over $sessions sessions," \
  "$rounds rounds; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(nproc) cores"
rate() { # port -> messages/s for one smtp-source run
  local start end
  start=$(date +%s.%N)
  smtp-source -s "$sessions" -m "$messages" -l 4096 -f bench@bench.example.org -t agent@bench.example.org "127.0.0.1:$1" \
    > /dev/null
  end=$(date +%s.%N)
  awk -v n="$messages" -v a="$start" -v b="$end" 'BEGIN {printf "%.0f", n / (b - a)}'
}
smtp-source -s 4 -m 500 -l 4096 -f bench@bench.example.org -t agent@bench.example.org "127.0.0.1:$gateway" > /dev/null # JIT warm-up
g=(); r=()
for i in $(seq "$rounds"); do
  g+=("$(rate "$gateway")"); r+=("$(rate "$relay")")
  echo "round $i: gateway ${g[-1]} msg/s, reference relay ${r[-1]} msg/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
gm=$(median "${g[@]}"); rm_=$(median "${r[@]}")
echo "median: gateway $gm msg/s (acknowledged durably), reference relay $rm_ msg/s; ratio $(awk -v a="$gm" -v b="$rm_" 'BEGIN {printf "%.2f", a / b}')"
