#!/usr/bin/env bash
# The SMTP gateway against swaks, a real SMTP client outside the JVM (issue 21 section 5), following docs/smtp.md's
# "Running it": a development certificate, a gateway user, `azt3knet serve` with STARTTLS and implicit TLS on free
# ports, then one swaks dialogue per check. Prints one line per check and exits 1 when any fails.
#
#   scripts/smtp-swaks.sh    # needs swaks and Net::SSLeay for its TLS (installed here when run as root:
#                            # apt-get install swaks libnet-ssleay-perl)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v swaks > /dev/null || ! perl -MNet::SSLeay -e 1 2> /dev/null; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends swaks libnet-ssleay-perl; } > /dev/null 2>&1
  else
    echo "smtp-swaks: needs swaks and Net::SSLeay: sudo apt-get install -y swaks libnet-ssleay-perl" >&2; exit 1
  fi
fi

work=$(mktemp -d)
serve=""
cleanup() { [ -n "$serve" ] && kill "$serve" 2> /dev/null && wait "$serve" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
export HOME=$work/home AZT3KNET_DATA_DIR=$work/data AZT3KNET_LOG_FILE=$work/azt3knet.log
export DNS_ADDRESS_SOURCE_IPV4=off DNS_ADDRESS_SOURCE_IPV6=off
mkdir -p "$HOME"
az() { "$root/azt3knet" "$@"; }

az smtp cert --self-signed --host localhost --out-dir "$work/tls" > /dev/null 2>&1
password=$(az smtp-users create newsletter --domain agents.example.org 2> /dev/null)
export AZT3KNET_SMTP=127.0.0.1:0 AZT3KNET_SMTPS=127.0.0.1:0 AZT3KNET_SMTP_HOSTNAME=gw.example.org \
  AZT3KNET_SMTP_CERT=$work/tls/cert.pem AZT3KNET_SMTP_KEY=$work/tls/key.pem
az serve --http 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
serve=$!
line=""
for _ in $(seq 600); do
  line=$(grep -m1 "SMTP gateway listening on" "$work/serve.err" || true)
  [ -n "$line" ] && break
  kill -0 "$serve" 2> /dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$line" ] || { echo "smtp-swaks: serve did not start the gateway" >&2; cat "$work/serve.err" >&2; exit 1; }
submission=$(sed -E 's/.*listening on 127\.0\.0\.1:([0-9]+) .*/\1/' <<< "$line")
implicit=$(sed -E 's/.* and on 127\.0\.0\.1:([0-9]+) \(implicit TLS\).*/\1/' <<< "$line")
echo "gateway: submission 127.0.0.1:$submission (STARTTLS), implicit TLS 127.0.0.1:$implicit; swaks $(swaks --version 2>&1 | head -1)"

failed=0
# check NAME EXPECTED-REGEX swaks-arguments...: the dialogue's transcript must hold a server reply line matching it
# (or, for a regex starting with '***', swaks's own verdict on what the server offered)
check() {
  local name=$1 want=$2
  shift 2
  local out
  out=$(swaks --server 127.0.0.1 --timeout 20 --h-Subject "swaks: $name" --body "checked by scripts/smtp-swaks.sh" "$@" 2>&1 || true)
  local line="^ *<[-~*]+ +$want"
  [ "${want:0:3}" = '***' ] && line="^ *\\*\\*\\* ${want:4}"
  if grep -Eq "$line" <<< "$out"; then
    echo "ok    $name"
  else
    echo "FAIL  $name: no reply matching '$want' in:"; sed 's/^/      /' <<< "$out"
    failed=1
  fi
}
check "STARTTLS then AUTH, queued" "250 2\.0\.0 Ok: queued as [0-9]+" --port "$submission" --tls \
  --auth-user newsletter --auth-password "$password" --from news@agents.example.org --to someone@example.net
check "implicit TLS with AUTH at once, queued" "250 2\.0\.0 Ok: queued as [0-9]+" --port "$implicit" --tlsc \
  --auth-user newsletter --auth-password "$password" --from news@agents.example.org --to someone@example.net
check "AUTH is not offered before STARTTLS" "*** Host did not advertise authentication" --port "$submission" \
  --auth-user newsletter --auth-password "$password" --from news@agents.example.org --to someone@example.net
check "MAIL before STARTTLS is refused" "530 " --port "$submission" --from news@agents.example.org --to someone@example.net
check "a wrong password is refused" "535 " --port "$submission" --tls \
  --auth-user newsletter --auth-password wrong-password --from news@agents.example.org --to someone@example.net
check "a sender the user does not own is refused" "550 5\.7\.1 " --port "$submission" --tls \
  --auth-user newsletter --auth-password "$password" --from ceo@bank.example --to someone@example.net
check "no AUTH: relay denied" "550 5\.7\.1 <someone@example\.net>: Relay access denied" --port "$submission" --tls \
  --from stranger@elsewhere.example --to someone@example.net
exit "$failed"
