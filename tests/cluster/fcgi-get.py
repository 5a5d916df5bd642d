#!/usr/bin/env python3
"""fcgi-get.py HOST:PORT PATH [SOURCE_ADDRESS]: one FastCGI GET straight to a pool over TCP,
from SOURCE_ADDRESS when given (loopback takes any 127.x). Prints the pool's answer (headers
and body) or nothing when the pool closes the connection unanswered; exit 0 either way, 1 when
it cannot connect."""
import socket
import struct
import sys


def record(kind, content, request_id=1):
    pad = (8 - len(content) % 8) % 8
    return struct.pack("!BBHHBx", 1, kind, request_id, len(content), pad) + content + b"\0" * pad


def pair(name, value):
    def length(n):
        return struct.pack("!B", n) if n < 128 else struct.pack("!I", n | 0x80000000)
    name, value = name.encode(), value.encode()
    return length(len(name)) + length(len(value)) + name + value


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    path = sys.argv[2]
    s = socket.socket()
    s.settimeout(5)
    if len(sys.argv) > 3:
        s.bind((sys.argv[3], 0))
    try:
        s.connect((host, int(port)))
    except OSError as e:
        print("connect: %s" % e, file=sys.stderr)
        return 1
    params = b"".join(pair(k, v) for k, v in [
        ("REQUEST_METHOD", "GET"), ("REQUEST_URI", path), ("QUERY_STRING", ""),
        ("SERVER_PROTOCOL", "HTTP/1.1"), ("REMOTE_ADDR", "127.0.0.1"),
        ("CONTENT_LENGTH", "")])
    s.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, params) + record(4, b"")
              + record(5, b""))
    out = b""
    try:
        while True:
            head = s.recv(8, socket.MSG_WAITALL)
            if len(head) < 8:
                break
            _, kind, _, length, pad = struct.unpack("!BBHHBx", head)
            body = s.recv(length + pad, socket.MSG_WAITALL)[:length] if length + pad else b""
            if kind == 6:
                out += body
            elif kind == 3:
                break
    except OSError:
        pass
    sys.stdout.write(out.decode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
