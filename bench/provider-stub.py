#!/usr/bin/env python3
"""A Mailcow-like stub for bench/provision.sh: the endpoints Azt3kNet's Mailcow adapter uses, each answered after a fixed
latency, at most RATE requests in any rolling second (HTTP 429 with Retry-After: 1 above it), counting requests and 429s.
With FAULTS > 0 that share of the admitted requests fails, in equal parts: HTTP 500, HTTP 502, a reset connection
before the request takes effect, a reset after it took effect, and an answer STALL seconds late (after the effect);
the choice comes from a random generator seeded with SEED, so a run is repeatable.

    python3 bench/provider-stub.py PORT LATENCY_SECONDS RATE STATS_FILE [FAULTS=0 [STALL=35 [SEED=1]]]
"""
import collections, http.server, json, random, socket, struct, sys, threading, time, urllib.parse

port, latency, rate, stats_file = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
fault_rate = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
stall = float(sys.argv[6]) if len(sys.argv) > 6 else 35.0
chance = random.Random(int(sys.argv[7]) if len(sys.argv) > 7 else 1)
lock = threading.Lock()
arrivals = collections.deque()
stats = {"requests": 0, "rate_limited": 0, "created": 0, "faults": 0, "duplicates_refused": 0}
domains, mailboxes, dkim = {}, {}, set()


def save():
    with open(stats_file, "w") as f:
        json.dump(stats, f)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = -1

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=()):
        out = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(out)
        self.wfile.flush()

    def fault(self):
        """None, or the fault this request gets: 500, 502, reset, reset-after, stall."""
        with lock:
            if fault_rate <= 0 or chance.random() >= fault_rate:
                return None
            stats["faults"] += 1
            save()
            return chance.choice(["500", "502", "reset", "reset-after", "stall"])

    def reset(self):
        # SO_LINGER 0: the close sends a TCP reset, as a crashing proxy does
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def before(self, fault):
        """Answers a fault that strikes before the effect; True when the request is done with."""
        if fault in ("500", "502"):
            self.answer(int(fault), {"type": "error", "msg": "injected"})
            return True
        if fault == "reset":
            self.reset()
            return True
        return False

    def after(self, fault, status, body):
        """The answer of a request that took effect, as the fault lets it through."""
        if fault == "reset-after":
            return self.reset()
        if fault == "stall":
            time.sleep(stall)
        self.answer(status, body)

    def admitted(self):
        now = time.monotonic()
        with lock:
            stats["requests"] += 1
            while arrivals and now - arrivals[0] >= 1.0:
                arrivals.popleft()
            if len(arrivals) >= rate:
                stats["rate_limited"] += 1
                save()
                return False
            arrivals.append(now)
            return True

    def do_GET(self):
        if not self.admitted():
            return self.answer(429, {"type": "error", "msg": "rate limited"}, [("Retry-After", "1")])
        fault = self.fault()
        time.sleep(latency)
        if self.before(fault):
            return
        # as Mailcow's web server does: the path arrives decoded (a client may send '@' as %40)
        status, body = self.read(urllib.parse.unquote(self.path))
        self.after(fault, status, body)

    def read(self, p):
        with lock:
            if p.startswith("/api/v1/get/domain/"):
                d = p[len("/api/v1/get/domain/"):]
                return 200, list(domains.values()) if d == "all" else domains.get(d, {})
            if p.startswith("/api/v1/get/mailbox/all/"):
                d = p[len("/api/v1/get/mailbox/all/"):]
                found = [m for m in mailboxes.values() if m["domain"] == d]
                return 200, found if found else {}
            if p.startswith("/api/v1/get/mailbox/"):
                return 200, mailboxes.get(p[len("/api/v1/get/mailbox/"):], {})
            if p.startswith("/api/v1/get/dkim/"):
                d = p[len("/api/v1/get/dkim/"):]
                return 200, {"dkim_txt": "v=DKIM1;k=rsa;t=s;s=email;p=MIIBIjANBENCH", "dkim_selector": "dkim"} if d in dkim else {}
        return 404, {"type": "error", "msg": "route not found"}

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not self.admitted():
            return self.answer(429, {"type": "error", "msg": "rate limited"}, [("Retry-After", "1")])
        fault = self.fault()
        time.sleep(latency)
        if self.before(fault):
            return
        status, answer = self.write(self.path, body)
        self.after(fault, status, answer)

    def write(self, path, body):
        with lock:
            if path == "/api/v1/add/domain":
                domains[body["domain"]] = {"domain_name": body["domain"]}
                dkim.add(body["domain"])
                return 200, [{"type": "success", "msg": ["domain_added", body["domain"]]}]
            if path == "/api/v1/add/dkim":
                if body["domains"] in dkim:
                    return 200, [{"type": "danger", "msg": ["dkim_domain_or_sel_invalid", body["domains"]]}]
                dkim.add(body["domains"])
                return 200, [{"type": "success", "msg": ["dkim_added", body["domains"]]}]
            if path == "/api/v1/add/mailbox":
                address = body["local_part"] + "@" + body["domain"]
                if address in mailboxes:
                    stats["duplicates_refused"] += 1
                    save()
                    return 200, [{"type": "danger", "msg": ["object_exists", address]}]
                mailboxes[address] = {"username": address, "domain": body["domain"], "name": body["name"],
                                      "active_int": 1, "tags": body.get("tags", [])}
                stats["created"] += 1
                save()
                return 200, [{"type": "success", "msg": ["mailbox_added", address]}]
            if path == "/api/v1/edit/mailbox":
                for item in body.get("items", []):
                    if item not in mailboxes:
                        return 200, [{"type": "danger", "msg": "access_denied"}]
                    if "name" in body.get("attr", {}):
                        mailboxes[item]["name"] = body["attr"]["name"]
                return 200, [{"type": "success", "msg": ["mailbox_modified", item] } for item in body.get("items", [])]
        return 404, {"type": "error", "msg": "route not found"}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


save()
Server(("127.0.0.1", port), Handler).serve_forever()
