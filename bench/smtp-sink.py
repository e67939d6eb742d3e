"""SMTP sink for bench/responder.sh: accepts every message (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no
AUTH, loopback only) and appends one line per message to LOG as it is accepted: the arrival time (Unix seconds) and the
message's In-Reply-To header, so the benchmark can time each reply against the message it answers. Python 3 standard
library only (smtpd left the standard library in 3.12).

    python3 smtp-sink.py PORT LOG
"""
import asyncio
import sys
import time

port, log_path = int(sys.argv[1]), sys.argv[2]
log = open(log_path, "a", buffering=1)


async def session(reader, writer):
    def say(text):
        writer.write(text.encode() + b"\r\n")

    say("220 sink ESMTP")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                say("250-sink")
                say("250 8BITMIME")
            elif verb == b"DATA":
                say("354 end with .")
                await writer.drain()
                reply_to = "-"
                in_headers = True
                while True:
                    data = await reader.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    if in_headers:
                        if data in (b"\r\n", b"\n"):
                            in_headers = False
                        elif data[:12].lower() == b"in-reply-to:":
                            reply_to = data[12:].strip().decode("ascii", "replace")
                log.write(f"{time.time():.3f} {reply_to}\n")
                say("250 accepted")
            elif verb == b"QUIT":
                say("221 bye")
                await writer.drain()
                break
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                say("250 ok")
            await writer.drain()
    except ConnectionError:
        pass
    writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


asyncio.run(main())
