#!/usr/bin/env python3
"""An OpenAI-compatible chat-completions stub for bench/llm.sh: answers every request after a fixed latency with a
valid {"value": ...} for the field asked (arrays where the prompt asks for one), and counts the requests.

    python3 bench/llm-stub.py PORT LATENCY_SECONDS COUNT_FILE
"""
import http.server, json, socket, sys, threading, time

port, latency, count_file = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
lock, served = threading.Lock(), [0]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server does
    wbufsize = -1  # headers and body leave in one write

    def setup(self):
        super().setup()
        # As Go (Ollama), uvicorn (vLLM) and OpenAI's front ends do: without it, Nagle and delayed ACKs add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        time.sleep(latency)
        user = body["messages"][1]["content"]
        words = "".join(chr(97 + int(c)) for c in str(body.get("seed", 0)))  # digits would read as a phone number
        if "is an array of " in user:
            n = int(user.split("is an array of ")[1].split(" ")[0])
            value = ["topic %s %d" % (words, i) for i in range(n)]
        else:
            value = "Synthetic persona text %s." % words
        out = json.dumps({"id": "bench", "object": "chat.completion", "model": body["model"], "system_fingerprint": "fp_bench",
                          "choices": [{"index": 0, "finish_reason": "stop",
                                       "message": {"role": "assistant", "content": json.dumps({"value": value})}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
        self.wfile.flush()
        with lock:
            served[0] += 1
            with open(count_file, "w") as f:
                f.write(str(served[0]))

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
server.request_queue_size = 256
server.serve_forever()
