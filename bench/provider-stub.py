#!/usr/bin/env python3
"""A Mailcow-like stub for bench/provision.sh: the endpoints Azt3kNet's Mailcow adapter uses, each answered after a fixed
latency, at most RATE requests in any rolling second (HTTP 429 with Retry-After: 1 above it), counting requests and 429s.

    python3 bench/provider-stub.py PORT LATENCY_SECONDS RATE STATS_FILE
"""
import collections, http.server, json, socket, sys, threading, time

port, latency, rate, stats_file = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lock = threading.Lock()
arrivals = collections.deque()
stats = {"requests": 0, "rate_limited": 0, "created": 0}
domains, mailboxes = {}, {}


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
        time.sleep(latency)
        p = self.path
        with lock:
            if p.startswith("/api/v1/get/domain/"):
                d = p[len("/api/v1/get/domain/"):]
                return self.answer(200, list(domains.values()) if d == "all" else domains.get(d, {}))
            if p.startswith("/api/v1/get/mailbox/all/"):
                d = p[len("/api/v1/get/mailbox/all/"):]
                found = [m for m in mailboxes.values() if m["domain"] == d]
                return self.answer(200, found if found else {})
            if p.startswith("/api/v1/get/mailbox/"):
                return self.answer(200, mailboxes.get(p[len("/api/v1/get/mailbox/"):], {}))
            if p.startswith("/api/v1/get/dkim/"):
                return self.answer(200, {})
        self.answer(404, {"type": "error", "msg": "route not found"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not self.admitted():
            return self.answer(429, {"type": "error", "msg": "rate limited"}, [("Retry-After", "1")])
        time.sleep(latency)
        with lock:
            if self.path == "/api/v1/add/domain":
                domains[body["domain"]] = {"domain_name": body["domain"]}
                return self.answer(200, [{"type": "success", "msg": ["domain_added", body["domain"]]}])
            if self.path == "/api/v1/add/mailbox":
                address = body["local_part"] + "@" + body["domain"]
                if address in mailboxes:
                    return self.answer(200, [{"type": "danger", "msg": ["object_exists", address]}])
                mailboxes[address] = {"username": address, "domain": body["domain"], "name": body["name"],
                                      "active_int": 1, "tags": body.get("tags", [])}
                stats["created"] += 1
                save()
                return self.answer(200, [{"type": "success", "msg": ["mailbox_added", address]}])
        self.answer(404, {"type": "error", "msg": "route not found"})


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


save()
Server(("127.0.0.1", port), Handler).serve_forever()
