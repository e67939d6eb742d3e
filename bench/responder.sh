#!/usr/bin/env bash
# AI responder benchmark (issue 22 section 8), on loopback: product, GreenMail, model stub and load generator share
# the machine (the figures are for 2 cores; run it on a quiet one).
#
# What runs:
#   - GreenMail standalone (com.icegreen:greenmail-standalone, fetched once by ./mvnw dependency:copy into
#     ~/.cache/azt3knet/bench) as the agents' IMAP server, with authentication checks off (greenmail.auth.disabled):
#     the intake logs in as each agent with its derived app password (what 'azt3knet credentials export' shows), which
#     GreenMail then accepts without a preconfigured list of 1,000 passwords. Users are created on first delivery or login.
#   - A Mailcow API stub (bench/provider-stub.py, no latency) that 'azt3knet mailboxes apply --provider mailcow'
#     creates the agents' mailboxes on, unless MAILCOW_BASE_URL/MAILCOW_API_KEY name a Mailcow (or another stub).
#   - A model stub (Python ThreadingHTTPServer, OpenAI-compatible POST /v1/chat/completions) answering after
#     MODEL_DELAY_MS (200) ms with a short reply and its token usage.
#   - An SMTP sink (bench/smtp-sink.py) the replies are delivered to, which notes when each arrives and what it answers.
#   - './azt3knet serve' on a throwaway data directory (embedded PostgreSQL) with AZT3KNET_RESPONDER=on, the imap
#     integration on GreenMail's IMAP port (IMAP_SECURITY=none: loopback) and the smarthost delivery on the sink for
#     every sender (SMARTHOST_SEND_DOMAINS=*), so each reply goes the shipped way: spool, relay, SMTP.
#   - A population of AGENTS (1000) agents stored with mailboxes (MAILBOX_PROVIDER: mailcow, the default, puts them on
#     the Mailcow stub so the IMAP intake reads them on GreenMail), every agent enabled, the policy in auto mode with
#     caps above the load (per hour, per sender, once-per 0, token budget).
#   - The load: MESSAGES (2000) plain messages over SMTP to GreenMail, each from its own outside sender to one agent
#     (round robin), at RATE messages/s (0, the default: as fast as GreenMail takes them). With MAILBOX_PROVIDER=local
#     the agents' mailboxes are the embedded provider's and the load goes to the product's own SMTP gateway instead,
#     which keeps each message in the agent's mailbox and hands it to the responder at once (no IMAP in that run).
#
# Which mailboxes are on IDLE: the first AZT3KNET_IMAP_MAX_CONNECTIONS (default 100) of the agents; the others are
# polled every EMAIL_CHECK_INTERVAL (30 s). For the IDLE figure give it AZT3KNET_IMAP_MAX_CONNECTIONS >= AGENTS (every
# mailbox on IDLE), for the polled one AZT3KNET_IMAP_MAX_CONNECTIONS=0, and a RATE under the capacity.
#
# Figures, printed one line each:
#   replies/min       replies handed to the spool (azt3knet_responder_replies_total{mode="sent"} on /metrics) per
#                     minute, from the first message sent until the last reply; target >= 600 with the 200 ms stub;
#   arrival->sent     p50, p95 and max per message, from the load generator's end of DATA at GreenMail (the mail's
#                     arrival in the mailbox) to the reply's end of DATA at the sink (the reply sent): IMAP intake,
#                     queue, filters, model, spool and relay together. Targets: p95 <= 10 s for mailboxes on IDLE,
#                     <= poll interval + 10 s for polled ones;
#   queue->spool      p50 and p95 of azt3knet_responder_response_seconds (the product's own meter, from the message's
#                     arrival in its queue to the reply handed to the spool; quantiles over the last ~2 minutes);
#   delivered         replies that reached the sink, which must equal the replies sent, each answering one message;
#   and the decisions by reason (azt3knet_responder_messages_total): every message should be "answer".
#
#   bench/responder.sh [MESSAGES=2000] [AGENTS=1000]
#   environment: RATE=0 MODEL_DELAY_MS=200 MAILBOX_PROVIDER=mailcow|local MAILCOW_BASE_URL MAILCOW_API_KEY
#                AZT3KNET_RESPONDER_WORKERS (default 8) AZT3KNET_IMAP_MAX_CONNECTIONS (default 100)
#                AZT3KNET_IMAP_POLL_CONNECTIONS (default 8) EMAIL_CHECK_INTERVAL
#                SETTLE_SECONDS (wait for the intake's logins, default: until every IDLE mailbox is in IDLE) TIMEOUT_SECONDS
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-2000}
agents=${2:-1000}
rate=${RATE:-0}
delay_ms=${MODEL_DELAY_MS:-200}
provider=${MAILBOX_PROVIDER:-mailcow}
domain=agents.example.org
. "$root/.mvn/find-jdk.sh"

command -v curl >/dev/null || { echo "bench: needs curl: sudo apt-get install -y curl" >&2; exit 1; }
case $provider in mailcow|local) ;; *) echo "bench: MAILBOX_PROVIDER must be mailcow or local, not '$provider'" >&2; exit 1 ;; esac

"$root/azt3knet" --version > /dev/null # builds the CLI first when the sources changed, outside every figure

# GreenMail standalone, once per version.
gm_version=$("$root/mvnw" -q -N help:evaluate -Dexpression=greenmail.version -DforceStdout 2>/dev/null || echo 2.1.8)
tools=${XDG_CACHE_HOME:-$HOME/.cache}/azt3knet/bench
gm_jar=$tools/greenmail-standalone-$gm_version.jar
if [ ! -f "$gm_jar" ]; then
  mkdir -p "$tools"
  "$root/mvnw" -q dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$gm_version" -DoutputDirectory="$tools" >&2
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 600); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
now() { date +%s.%N; }

smtp_port=$(free_port); imap_port=$(free_port); model_port=$(free_port); http_port=$(free_port); gw_port=$(free_port)
sink_port=$(free_port)
java -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.smtp.port="$smtp_port" -Dgreenmail.imap.port="$imap_port" \
  -Dgreenmail.auth.disabled -Dgreenmail.verbose=false -jar "$gm_jar" > "$work/greenmail.log" 2>&1 &
pids+=($!)
/usr/bin/python3 "$root/bench/smtp-sink.py" "$sink_port" "$work/replies.log" &
pids+=($!)
if [ "$provider" = mailcow ] && [ -z "${MAILCOW_BASE_URL:-}" ]; then
  mailcow_port=$(free_port)
  /usr/bin/python3 "$root/bench/provider-stub.py" "$mailcow_port" 0 100000 "$work/mailcow.stats" > "$work/mailcow.log" 2>&1 &
  pids+=($!)
  export MAILCOW_BASE_URL=http://127.0.0.1:$mailcow_port MAILCOW_API_KEY=bench-key
  wait_port "$mailcow_port" || { echo "bench: the Mailcow stub did not start" >&2; exit 1; }
fi

cat > "$work/model.py" <<'PY'
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
delay = int(sys.argv[2]) / 1000.0
class Model(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self):  # health check: the model list
        self.answer({"object": "list", "data": [{"id": "bench-model", "object": "model"}]})
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(delay)
        text = "Thank you for your message. I will look into it and get back to you this week."
        self.answer({"id": "bench", "object": "chat.completion", "model": "bench-model",
                     "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
                     "usage": {"prompt_tokens": 300, "completion_tokens": 20, "total_tokens": 320}})
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Model).serve_forever()
PY
/usr/bin/python3 "$work/model.py" "$model_port" "$delay_ms" &
pids+=($!)
wait_port "$smtp_port" && wait_port "$imap_port" && wait_port "$model_port" && wait_port "$sink_port" \
  || { echo "bench: GreenMail, the model stub or the sink did not start" >&2; exit 1; }

export AZT3KNET_DATA_DIR=$work/data
export SECRET_KEY_FOR_KV_ENC
SECRET_KEY_FOR_KV_ENC=$("$root/azt3knet" keys generate)
export LLM_BASE_URL=http://127.0.0.1:$model_port LLM_MODEL=bench-model
export AZT3KNET_RESPONDER=on
export IMAP_HOST=127.0.0.1 IMAP_PORT=$imap_port IMAP_SECURITY=none
export SMARTHOST_HOST=127.0.0.1 SMARTHOST_PORT=$sink_port SMARTHOST_SECURITY=none SMARTHOST_SEND_DOMAINS='*'
export AZT3KNET_SMTP=127.0.0.1:$gw_port AZT3KNET_SMTP_TRUST_LOOPBACK=on

population=$("$root/azt3knet" populate --count "$agents" --seed 42 --domain "$domain" --persist 2>/dev/null)
"$root/azt3knet" mailboxes apply --population "$population" --provider "$provider" > "$work/apply.out" 2> "$work/apply.err" \
  || { echo "bench: mailboxes apply failed:" >&2; tail -5 "$work/apply.err" >&2; exit 1; }
"$root/azt3knet" responder enable --population "$population" 2>/dev/null
"$root/azt3knet" responder policy --population "$population" --mode auto --per-hour 1000000 --sender-per-hour 1000000 \
  --once-per 0 --daily-tokens 1000000000 --thread-cap 1000 > /dev/null
"$root/azt3knet" agents list --population "$population" --format csv 2>/dev/null | /usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
for r in rows: print(r.get("email") or r.get("address"))' > "$work/agents.txt"
[ "$(wc -l < "$work/agents.txt")" -ge 1 ] || { echo "bench: no agent addresses listed" >&2; exit 1; }

"$root/azt3knet" serve --http "127.0.0.1:$http_port" > "$work/serve.out" 2> "$work/serve.err" &
pids+=($!)
wait_port "$http_port" || { echo "bench: serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
for _ in $(seq 300); do grep -q "AI responder running" "$work/serve.err" && break; sleep 0.1; done # after the admin API
grep "AI responder running" "$work/serve.err" >&2 || { echo "bench: the responder did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
token=$("$root/azt3knet" tokens create --name bench --role read 2>/dev/null)
metric() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$http_port/metrics" | awk -v m="$1" 'index($0, m) == 1 { v = $2 } END { print v + 0 }'; }
if [ -n "${SETTLE_SECONDS:-}" ]; then
  sleep "$SETTLE_SECONDS"
elif [ "$provider" = mailcow ]; then # until the intake has every mailbox it may keep in IDLE there, at most 5 minutes
  want=$(( ${AZT3KNET_IMAP_MAX_CONNECTIONS:-100} < agents ? ${AZT3KNET_IMAP_MAX_CONNECTIONS:-100} : agents ))
  settle_start=$(now)
  for _ in $(seq 300); do
    idle=$(metric 'azt3knet_responder_imap_mailboxes{mode="idle"')
    [ "${idle%.*}" -ge "$want" ] && break
    sleep 1
  done
  echo "intake            $(metric 'azt3knet_responder_imap_mailboxes{mode="idle"' | cut -d. -f1) mailboxes in IDLE," \
       "$(metric 'azt3knet_responder_imap_mailboxes{mode="polled"' | cut -d. -f1) polled, after $(awk -v a="$settle_start" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
fi

load_port=$smtp_port
[ "$provider" = local ] && load_port=$gw_port # local mailboxes receive through the gateway
start=$(now)
/usr/bin/python3 - "$load_port" "$messages" "$work/agents.txt" "$rate" "$work/sent.log" <<'PY'
import smtplib, sys, time
from email.message import EmailMessage
port, n, rate = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[4])
agents = [a.strip() for a in open(sys.argv[3]) if a.strip()]
log = open(sys.argv[5], "w")
s = None
begin = time.time()
for i in range(n):
    if rate > 0:  # paced: message i leaves at begin + i / rate
        wait = begin + i / rate - time.time()
        if wait > 0:
            time.sleep(wait)
    if i % 50 == 0:  # a new session every 50 messages: the gateway limits messages per session
        if s: s.quit()
        s = smtplib.SMTP("127.0.0.1", port)
    m = EmailMessage()
    m["From"] = f"Person {i} <person{i}@people.example>"
    m["To"] = agents[i % len(agents)]
    m["Subject"] = f"Question {i}"
    m["Message-ID"] = f"<bench-{i}@people.example>"
    m.set_content("Hello, could you tell me when we can meet next week? Thanks.")
    s.send_message(m)
    log.write(f"{time.time():.3f} <bench-{i}@people.example>\n")
s.quit()
PY
sent_at=$(now)

deadline=$(( $(date +%s) + ${TIMEOUT_SECONDS:-1800} ))
replies=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  replies=$(metric 'azt3knet_responder_replies_total{mode="sent"')
  [ "${replies%.*}" -ge "$messages" ] && [ "$(wc -l < "$work/replies.log")" -ge "$messages" ] && break
  sleep 1
done
end=$(now)
p50=$(metric 'azt3knet_responder_response_seconds{quantile="0.5"')
p95=$(metric 'azt3knet_responder_response_seconds{quantile="0.95"')
/usr/bin/python3 - "$work/sent.log" "$work/replies.log" <<PY
import sys
sent = {}
for line in open(sys.argv[1]):
    t, mid = line.split(); sent[mid] = float(t)
answered, latencies, unknown = {}, [], 0
for line in open(sys.argv[2]):
    t, mid = line.split()
    if mid not in sent: unknown += 1; continue
    answered[mid] = answered.get(mid, 0) + 1
    if answered[mid] == 1: latencies.append(float(t) - sent[mid])
latencies.sort()
q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")
messages, replies, start, sent_at, end = $messages, ${replies%.*}, $start, $sent_at, $end
print(f"messages          {messages} sent in {sent_at - start:.1f} s ({messages / max(sent_at - start, 1e-9):.1f}/s)")
print(f"replies/min       {replies / max(end - start, 1e-9) * 60:.0f} ({replies} replies in {end - start:.1f} s)")
print(f"arrival->sent     p50 {q(0.5):.2f} s, p95 {q(0.95):.2f} s, max {latencies[-1] if latencies else float('nan'):.2f} s ({len(latencies)} replies timed)")
print(f"queue->spool      p50 {float('$p50'):.2f} s, p95 {float('$p95'):.2f} s")
twice = sum(1 for c in answered.values() if c > 1)
print(f"delivered         {sum(answered.values())} of {replies} replies at the sink, answering {len(answered)} of {messages} messages"
      f" ({twice} answered twice, {unknown} answering no message of this run)")
PY
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$http_port/metrics" | grep '^azt3knet_responder_messages_total' | awk '$2 > 0'
# A polling round longer than EMAIL_CHECK_INTERVAL is logged when it starts to happen: the polled figure is then
# the round's length, not the interval's.
overruns=$(grep -c "polled mailboxes took" "$work/serve.err" || true)
if [ "$overruns" -gt 0 ]; then
  echo "intake            polling overran EMAIL_CHECK_INTERVAL $overruns time(s); first: $(grep -m1 -o 'reading the .* s)' "$work/serve.err")"
fi
