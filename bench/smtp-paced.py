"""Paced SMTP client for bench/smtp.sh: RATE messages/s for SECONDS over SESSIONS connections, each message 4 KB
(MAIL, RCPT, DATA, one round trip each), new connections when the server's per-session limit says so. For every
message it measures end-of-DATA -> reply: from writing the final "." line to reading the reply's last line. A
message starts at its scheduled time or, when every connection is busy, as soon as one is free; those started more
than 10 ms late are counted (when many are, the rate was not held and the latency is not at that rate).
Prints one line: sent, refused, late, achieved rate, p50/p90/p99/max in ms. Python 3 standard library only.

    python3 smtp-paced.py PORT RATE SECONDS [SESSIONS=20] [SIZE=4096]
"""
import asyncio
import sys
import time

FROM = "bench@bench.example.org"
TO = "sink@bench-sink.example.net"


async def reply(reader):
    """The whole reply (every line up to the one with a space after the code); its code."""
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("server closed the connection")
        if len(line) < 4 or line[3:4] != b"-":
            return int(line[:3])


class Connection:
    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        if await reply(self.reader) != 220:
            raise ConnectionError("no greeting")
        await self.command(b"EHLO paced.bench.example.org\r\n", 250)

    async def command(self, line, expect):
        self.writer.write(line)
        code = await reply(self.reader)
        if code != expect:
            raise RuntimeError(f"{line.strip().decode()} -> {code}")
        return code

    async def send(self, body):
        """One message; the end-of-DATA latency in seconds, or None when the server refused it."""
        if self.writer is None:
            await self.open()
        self.writer.write(f"MAIL FROM:<{FROM}>\r\n".encode())
        code = await reply(self.reader)
        if code == 452:  # too many messages in this session: a new one, as a real client does
            await self.close()
            await self.open()
            return await self.send(body)
        if code != 250:
            raise RuntimeError(f"MAIL -> {code}")
        await self.command(f"RCPT TO:<{TO}>\r\n".encode(), 250)
        await self.command(b"DATA\r\n", 354)
        self.writer.write(body)
        await self.writer.drain()
        start = time.perf_counter()
        self.writer.write(b".\r\n")
        code = await reply(self.reader)
        took = time.perf_counter() - start
        return took if code == 250 else None

    async def close(self):
        if self.writer is not None:
            try:
                self.writer.write(b"QUIT\r\n")
                await reply(self.reader)
            except (ConnectionError, OSError):
                pass
            self.writer.close()
            self.writer = self.reader = None


def message(size):
    head = (f"From: Bench <{FROM}>\r\nTo: <{TO}>\r\nSubject: paced bench\r\n"
            "Message-ID: <paced@bench.example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n")
    line = "x" * 76 + "\r\n"
    body = head + line * max(1, (size - len(head)) // len(line))
    return body.encode()


async def main(port, rate, seconds, sessions, size):
    body = message(size)
    total = int(rate * seconds)
    tickets = asyncio.Queue()
    latencies, refused, late, failed = [], 0, 0, []

    async def worker():
        nonlocal refused, late
        c = Connection(port)
        while True:
            due = await tickets.get()
            if due is None:
                await c.close()
                return
            if time.perf_counter() - due > 0.010:
                late += 1
            try:
                took = await c.send(body)
            except (ConnectionError, OSError, RuntimeError) as e:
                failed.append(str(e))
                await c.close()
                continue
            if took is None:
                refused += 1
            else:
                latencies.append(took)

    workers = [asyncio.create_task(worker()) for _ in range(sessions)]
    t0 = time.perf_counter() + 0.2
    for i in range(total):
        due = t0 + i / rate
        wait = due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        tickets.put_nowait(due)
    for _ in workers:
        tickets.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - t0
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")

    print(f"sent {len(latencies)} refused {refused} failed {len(failed)} late {late}; {len(latencies) / elapsed:.0f} msg/s;"
          f" end-of-DATA->reply ms p50 {pct(50):.1f} p90 {pct(90):.1f} p99 {pct(99):.1f}"
          f" max {latencies[-1] * 1000 if latencies else float('nan'):.1f}")
    if failed:
        print("first failure: " + failed[0], file=sys.stderr)


if __name__ == "__main__":
    a = sys.argv[1:]
    asyncio.run(main(int(a[0]), float(a[1]), float(a[2]), int(a[3]) if len(a) > 3 else 20, int(a[4]) if len(a) > 4 else 4096))
