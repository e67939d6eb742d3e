#!/usr/bin/env bash
# AI responder benchmark (issue 22 section 8), on loopback: product, GreenMail, model stub and load generator share
# the machine (the figures are for 2 cores; run it on a quiet one).
#
# What runs:
#   - GreenMail standalone (com.icegreen:greenmail-standalone, fetched once by ./mvnw dependency:copy into
#     ~/.cache/azt3knet/bench) as the agents' IMAP server and as the SMTP server the replies are delivered to, with
#     authentication checks off (greenmail.auth.disabled): the intake logs in as each agent with its derived app
#     password (what 'azt3knet credentials export' shows), which GreenMail then accepts without a preconfigured user
#     list of 1,000 passwords. Users are created on first delivery or login.
#   - A model stub (Python ThreadingHTTPServer, OpenAI-compatible POST /v1/chat/completions) answering after
#     MODEL_DELAY_MS (200) ms with a short reply and its token usage.
#   - './azt3knet serve' on a throwaway data directory (embedded PostgreSQL) with AZT3KNET_RESPONDER=on, the imap
#     integration on GreenMail's IMAP port (IMAP_SECURITY=none: loopback) and the smarthost delivery on GreenMail's
#     SMTP port for every sender (SMARTHOST_SEND_DOMAINS=*), so each reply goes the shipped way: spool, relay, SMTP.
#   - A population of AGENTS (1000) agents stored with mailboxes (MAILBOX_PROVIDER, default mailcow: the IMAP intake
#     reads the mailboxes the ledger holds at a provider with IMAP; point MAILCOW_BASE_URL/MAILCOW_API_KEY at a
#     Mailcow or a stub of its API, e.g. the one the mailcow adapter's tests use), every agent enabled, the policy
#     in auto mode with caps above the load (per hour, per sender, once-per 0, token budget).
#   - The load: MESSAGES (2000) plain messages over SMTP to GreenMail, each from its own outside sender to one agent
#     (round robin), sent as fast as GreenMail takes them. With MAILBOX_PROVIDER=local (no Mailcow needed) the agents'
#     mailboxes are the embedded provider's and the load goes to the product's own SMTP gateway instead, which keeps
#     each message in the agent's mailbox and hands it to the responder at once (no IMAP in that run).
#
# Figures, printed one line each:
#   replies/min       replies handed to the spool (azt3knet_responder_replies_total{mode="sent"} on /metrics) per
#                     minute, from the first message sent until the last reply; target >= 600 with the 200 ms stub;
#   arrival->reply    p50 and p95 of azt3knet_responder_response_seconds: from the message's arrival in the queue to
#                     its reply handed to the spool (IDLE mailboxes: target p95 <= 10 s; polled: <= poll interval + 10 s),
#                     read at the end: Micrometer's quantiles cover the last ~2 minutes, so run at least that long;
#   delivered         replies that reached GreenMail (counted over its IMAP in the senders' mailboxes), which must
#                     equal the replies sent;
#   and the decisions by reason (azt3knet_responder_messages_total): every message should be "answer".
#
#   bench/responder.sh [MESSAGES=2000] [AGENTS=1000]
#   environment: MODEL_DELAY_MS=200 MAILBOX_PROVIDER=mailcow MAILCOW_BASE_URL MAILCOW_API_KEY
#                AZT3KNET_RESPONDER_WORKERS (default 8) AZT3KNET_IMAP_MAX_CONNECTIONS (default 100) EMAIL_CHECK_INTERVAL
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-2000}
agents=${2:-1000}
delay_ms=${MODEL_DELAY_MS:-200}
provider=${MAILBOX_PROVIDER:-mailcow}
domain=agents.example.org
. "$root/.mvn/find-jdk.sh"

command -v curl >/dev/null || { echo "bench: needs curl: sudo apt-get install -y curl" >&2; exit 1; }
if [ "$provider" = mailcow ] && [ -z "${MAILCOW_BASE_URL:-}" ]; then
  echo "bench: MAILBOX_PROVIDER=mailcow needs MAILCOW_BASE_URL and MAILCOW_API_KEY (a Mailcow or a stub of its API)" >&2; exit 1
fi

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
java -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.smtp.port="$smtp_port" -Dgreenmail.imap.port="$imap_port" \
  -Dgreenmail.auth.disabled -Dgreenmail.verbose=false -jar "$gm_jar" > "$work/greenmail.log" 2>&1 &
pids+=($!)

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
wait_port "$smtp_port" && wait_port "$imap_port" && wait_port "$model_port" || { echo "bench: GreenMail or the model stub did not start" >&2; exit 1; }

export AZT3KNET_DATA_DIR=$work/data
export SECRET_KEY_FOR_KV_ENC
SECRET_KEY_FOR_KV_ENC=$("$root/azt3knet" keys generate)
export LLM_BASE_URL=http://127.0.0.1:$model_port LLM_MODEL=bench-model
export AZT3KNET_RESPONDER=on
export IMAP_HOST=127.0.0.1 IMAP_PORT=$imap_port IMAP_SECURITY=none
export SMARTHOST_HOST=127.0.0.1 SMARTHOST_PORT=$smtp_port SMARTHOST_SECURITY=none SMARTHOST_SEND_DOMAINS='*'
export AZT3KNET_SMTP=127.0.0.1:$gw_port AZT3KNET_SMTP_TRUST_LOOPBACK=on

population=$("$root/azt3knet" populate --count "$agents" --seed 42 --domain "$domain" --persist 2>/dev/null)
"$root/azt3knet" mailboxes apply --population "$population" --provider "$provider" > /dev/null 2>&1
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
sleep "${SETTLE_SECONDS:-10}" # the intake logs in to every mailbox and starts IDLE

load_port=$smtp_port
[ "$provider" = local ] && load_port=$gw_port # local mailboxes receive through the gateway
start=$(now)
/usr/bin/python3 - "$load_port" "$messages" "$work/agents.txt" <<'PY'
import smtplib, sys
from email.message import EmailMessage
port, n = int(sys.argv[1]), int(sys.argv[2])
agents = [a.strip() for a in open(sys.argv[3]) if a.strip()]
s = None
for i in range(n):
    if i % 50 == 0:  # a new session every 50 messages: the gateway limits messages per session
        if s: s.quit()
        s = smtplib.SMTP("127.0.0.1", port)
    if True:
        m = EmailMessage()
        m["From"] = f"Person {i} <person{i}@people.example>"
        m["To"] = agents[i % len(agents)]
        m["Subject"] = f"Question {i}"
        m["Message-ID"] = f"<bench-{i}@people.example>"
        m.set_content("Hello, could you tell me when we can meet next week? Thanks.")
        s.send_message(m)
s.quit()
PY
sent_at=$(now)

deadline=$(( $(date +%s) + ${TIMEOUT_SECONDS:-1800} ))
replies=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  replies=$(metric 'azt3knet_responder_replies_total{mode="sent"')
  [ "${replies%.*}" -ge "$messages" ] && break
  sleep 1
done
end=$(now)
p50=$(metric 'azt3knet_responder_response_seconds{quantile="0.5"')
p95=$(metric 'azt3knet_responder_response_seconds{quantile="0.95"')
delivered=$(/usr/bin/python3 - "$imap_port" "$messages" <<'PY'
import imaplib, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
count = 0
for i in range(n):
    try:
        c = imaplib.IMAP4("127.0.0.1", port); c.login(f"person{i}@people.example", "any")
        count += int(c.select("INBOX")[1][0]); c.logout()
    except Exception:
        pass
print(count)
PY
)
/usr/bin/python3 -c "
sent, replies, start, sent_at, end = $messages, ${replies%.*}, $start, $sent_at, $end
print(f'messages          {sent} sent in {sent_at - start:.1f} s')
print(f'replies/min       {replies / max(end - start, 1e-9) * 60:.0f} ({replies} replies in {end - start:.1f} s)')
print(f'arrival->reply    p50 {float(\"$p50\"):.2f} s, p95 {float(\"$p95\"):.2f} s')
print(f'delivered         $delivered of {replies} replies in the senders\' GreenMail mailboxes')
"
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$http_port/metrics" | grep '^azt3knet_responder_messages_total' | awk '$2 > 0'
