#!/usr/bin/env python3
"""The server against one hostile client (issue 12): the response cache
cannot be poisoned or grown without bound, one address cannot starve the
others, slow or oversized requests get a status promptly, libmicrohttpd's
own error pages carry the security headers, and the access log cannot be
forged.

Connections come from two loopback addresses: 127.0.0.1 is the attacker,
127.0.0.2 the other client. Only loopback addresses are used.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import http.client
import os
import random
import re
import resource
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.parse

from tap import MDPLAN, Server, check, fresh_db, mdplan

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
SECURITY = ("content-security-policy", "x-content-type-options", "referrer-policy",
            "x-frame-options")

# a flood of 1100 sockets needs the descriptors
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < 4096:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))


def raw(port, data, src="127.0.0.1", timeout=10):
    """Sends bytes (or a list of pieces) from src and reads the answer until
    it is whole, the server closes or the timeout. Returns (status or None,
    headers, body, seconds)."""
    t = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(src, 0))
    got = b""
    try:
        for piece in data if isinstance(data, list) else [data]:
            s.sendall(piece)
        while True:
            d = s.recv(65536)
            if not d:
                break
            got += d
            st, h, body = parse(got)
            if st is not None and len(body) >= int(h.get("content-length", 1 << 30)):
                break
    except (socket.timeout, ConnectionResetError, BrokenPipeError):
        pass
    finally:
        s.close()
    st, h, body = parse(got)
    return st, h, body, time.monotonic() - t


def parse(got):
    head, _, body = got.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.[01] (\d{3})", lines[0])
    if not m:
        return None, {}, b""
    h = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        h[k.strip().lower()] = v.strip()
    return int(m.group(1)), h, body


def pct(s):
    return urllib.parse.quote(s, safe="")


def has_security_headers(h):
    return all(k in h for k in SECURITY) and h.get("x-content-type-options") == "nosniff"


fresh_db("limits.db")
mdplan("--db", "limits.db", "import", "plan", PLAN)
mdplan("--db", "limits.db", "import", "followup", FOLLOWUP)

# ---- the cache cannot be poisoned ---------------------------------------


def cache_poisoning():
    # Each group: the poisoning URL first, then the URLs whose answers it would
    # have replaced when the key joined decoded values. Every answer must equal
    # the answer of a server without the cache.
    chiken, iryo, kiki = pct("治験"), pct("医療"), pct("機器")
    groups = [
        [f"/api/v1/search?q={chiken}%26limit%3D1", f"/api/v1/search?q={chiken}&limit=1"],
        [f"/api/v1/search?q={chiken}%26kind%3Ditem", f"/api/v1/search?q={chiken}&kind=item"],
        [f"/api/v1/search?q%3D{chiken}=1&q={iryo}", f"/api/v1/search?q={chiken}%3D1&q={iryo}"],
        [f"/api/v1/search?q={iryo}+{kiki}", f"/api/v1/search?q={iryo}%20{kiki}",
         f"/api/v1/search?q={iryo}%2B{kiki}"],
        [f"/api/v1/search?q={chiken}&q={iryo}", f"/api/v1/search?q={iryo}&q={chiken}",
         f"/api/v1/search?q={chiken}", f"/api/v1/search?q={iryo}"],
        [f"/api/v1/search?limit=2&q={chiken}", f"/api/v1/search?q={chiken}&limit=2"],
        [f"/api/v1/search?q={chiken}%00x", f"/api/v1/search?q={chiken}x"],
        [f"/search/?q={chiken}%26page%3D2", f"/search/?q={chiken}&page=2"],
        [f"/api/v1/action-items?ministry=meti%26lead%3D1", "/api/v1/action-items?ministry=meti&lead=1"],
        ["/api/v1/followups?year=2025%26goal%3D1", "/api/v1/followups?year=2025&goal=1"],
        ["/goals/1/?x=1%26lang%3Den", "/goals/1/?x=1&lang=en", "/goals/1/?lang=en"],
        ["/items/40/changes/?from=2024%26to%3D2025", "/items/40/changes/?from=2024&to=2025"],
    ]
    cached = Server("limits.db", log="cached.access.log")
    ref = Server("limits.db", "--no-cache", log="nocache.access.log")
    for rnd in ("first", "again"):
        for g in groups:
            for u in g:
                a, b = cached.req(u, quote=False), ref.req(u, quote=False)
                check(f"cache ({rnd}): {u} answers as without the cache",
                      a[0] == b[0] and a[1].get("content-type") == b[1].get("content-type") and a[2] == b[2],
                      a[0], b[0], a[2][:160], b[2][:160])
    st, h, body = cached.req(f"/api/v1/search?q={chiken}&limit=1", quote=False)
    check("the victim of the old poisoning: its own query, limit and hits",
          st == 200 and b'"limit": 1' in body and b'"query": "\xe6\xb2\xbb\xe9\xa8\x93"' in body
          and b'"total": 0' not in body, body[:200])
    rc, out, err = cached.stop()
    ref.stop()
    check("cache servers: clean exit", rc == 0 and "Sanitizer" not in err and "runtime error" not in err,
          rc, err[-800:])


# ---- the cache stays within its cap, counting all it holds --------------


def cache_bound():
    srv = Server("limits.db", "--cache-size", "1", log="cap.access.log")
    rng = random.Random(12)
    sample = []
    c = None


    def keepalive_get(target):
        nonlocal c
        for attempt in (0, 1):
            try:
                if c is None:
                    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
                c.putrequest("GET", target, skip_accept_encoding=True)
                c.endheaders()
                r = c.getresponse()
                return r.status, r.getheaders(), r.read()
            except (http.client.HTTPException, OSError):
                c.close()
                c = None
                if attempt:
                    raise


    N_KNOWN, N_UNKNOWN = 2500, 1500
    for i in range(N_KNOWN):
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(200))
        target = f"/api/v1/search?q=zz{word}{i}"
        st, hdrs, body = keepalive_get(target)
        if i % 100 == 0:
            sample.append((target, hdrs, body, st))
    for i in range(N_UNKNOWN):
        junk = "".join(rng.choice(string.ascii_letters) for _ in range(3900))
        st, hdrs, body = keepalive_get(f"/api/v1/plans?x={junk}")
    c.close()
    check("parameter flood: every answer 200", all(s[3] == 200 for s in sample), [s[3] for s in sample])
    rc, out, err = srv.stop()
    m = re.search(r"cache: (\d+) stored, (\d+) flushes, peak (\d+) of (\d+) bytes; "
                  r"(\d+) responses in (\d+) bytes at exit", out)
    check("the server reports its cache", m is not None, out)
    if m:
        stored, flushes, peak, cap, entries, nbytes = map(int, m.groups())
        print(f"# cache after {N_KNOWN} distinct searches and {N_UNKNOWN} unknown-parameter URLs: "
              f"{stored} stored, {flushes} flushes, peak {peak} of {cap} bytes")
        check("cache cap: --cache-size 1 is 1 MiB", cap == 1 << 20, cap)
        check("cache: the peak stays within the cap", peak <= cap and nbytes <= cap, peak, cap)
        check("cache: the cap was reached and the cache flushed", flushes >= 1, flushes)
        check("cache: URLs with unknown parameters are not kept", stored <= N_KNOWN + 5, stored)
        # What a client can see an entry hold: its URL (the key), the body and
        # the headers we set; the accounting must count at least that.
        def seen(t, hdrs, body):
            return len(t) + len(body) + sum(len(k) + len(v) for k, v in hdrs
                                            if k.lower() not in ("date", "content-length", "connection"))
        least = min(seen(*s[:3]) for s in sample)
        check("cache: an entry counts its key, headers and body",
              entries > 0 and nbytes >= entries * least, entries, nbytes, least)
    check("cache flood: clean exit", rc == 0 and "Sanitizer" not in err, rc, err[-800:])


# ---- one address cannot starve another ----------------------------------


def flood():
    srv = Server("limits.db", "--timeout", "3", log="flood.access.log")
    flood = []
    t0 = time.monotonic()
    for i in range(1100):
        s = socket.socket()
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", srv.port))
        except OSError:
            s.close()
            continue
        flood.append(s)
    print(f"# flood: {len(flood)} idle sockets from 127.0.0.1 in {time.monotonic() - t0:.2f}s")
    time.sleep(0.3)
    lat = []
    for i in range(20):
        st, h, body, secs = raw(srv.port, b"GET /api/v1/plans HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                src="127.0.0.2", timeout=5)
        lat.append((st, secs))
        if st != 200:
            break
    print("# 127.0.0.2 during the flood: " + ", ".join(f"{s}/{t * 1000:.0f}ms" for s, t in lat[:8]))
    check("flood from 127.0.0.1: 127.0.0.2 is served", all(s == 200 for s, t in lat), lat)
    st, h, body, secs = raw(srv.port, b"GET /goals/1/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            src="127.0.0.2", timeout=5)
    check("flood from 127.0.0.1: 127.0.0.2 gets a whole page", st == 200 and body.endswith(b"</html>\n"),
          st, body[-40:])
    # the server closed the flood's sockets beyond the per-address limit
    closed = 0
    for s in flood:
        s.setblocking(False)
        try:
            if s.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    check("flood: sockets beyond the per-address limit are closed", closed >= len(flood) - 64,
          closed, len(flood))
    for s in flood:
        s.close()
    time.sleep(0.3)
    st, h, body, secs = raw(srv.port, b"GET /api/v1/plans HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            timeout=5)
    check("after the flood: 127.0.0.1 is served again at once", st == 200, st)

    # A client sending one header line every half second: the whole head must
    # come within --timeout (3 s), so it is closed long before its 20 s plan.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=5, source_address=("127.0.0.2", 0))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    t0 = time.monotonic()
    cut = None
    for i in range(40):
        time.sleep(0.5)
        try:
            s.sendall(b"X-Slow-%d: 1\r\n" % i)
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    cut = time.monotonic() - t0
                    break
            except BlockingIOError:
                pass
            s.setblocking(True)
        except OSError:
            cut = time.monotonic() - t0
            break
    s.close()
    print(f"# slow header client closed after {cut}s (--timeout 3)" if cut else "# slow client never closed")
    check("a head sent one line at a time is cut off at the deadline", cut is not None and cut < 19, cut)
    st, h, body, secs = raw(srv.port, b"GET /api/v1/plans HTTP/1.1\r\nHost: x\r\n\r\n", src="127.0.0.2")
    check("others are served meanwhile", st == 200, st)
    rc, out, err = srv.stop()
    check("flood server: clean exit", rc == 0 and "Sanitizer" not in err, rc, err[-800:])


# ---- oversized and malformed requests get a status at once --------------


def refusals_log_shutdown():
    srv = Server("limits.db")
    many = "/?" + "&".join(f"a{i}=1" for i in range(1000))
    print(f"# query of {len(many)} bytes, 1000 parameters")
    st, h, body, secs = raw(srv.port, f"GET {many} HTTP/1.1\r\nHost: x\r\n\r\n".encode(), timeout=10)
    check("1000 parameters: 414 at once", st == 414, st, secs)
    check("1000 parameters: security headers", has_security_headers(h), h)
    st, h, body, secs = raw(srv.port, f"GET /search/?q={'a' * 9000} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    check("a 9000-byte query: 414", st == 414 and has_security_headers(h), st, h)
    st, h, body, secs = raw(srv.port, f"GET /?{'a' * 70000} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    check("a 70 KB target (beyond the connection memory): 414 with security headers",
          st == 414 and has_security_headers(h), st, h)
    st, h, body, secs = raw(srv.port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
    check("a 100 KB header: 431 with security headers", st == 431 and has_security_headers(h), st, h)
    st, h, body, secs = raw(srv.port, b"GET / HTTP/1.1\r\nHost: x\r\n" + b"a:b\r\n" * 5000 + b"\r\n")
    check("5000 header lines: 431 with security headers", st == 431 and has_security_headers(h), st, h)
    for name, req, want in (
            ("a header line without a colon", b"GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n", 400),
            ("a bad HTTP version", b"GET / HTTP/9\r\nHost: x\r\n\r\n", 400),
            ("HTTP/2.0 in plain text", b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
            ("a bad Content-Length", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", 400),
            ("a malformed chunk", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
            ("an empty path (GET ?)", b"GET ? HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("a path without a leading slash", b"GET goals/1/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("an absolute-form target", b"GET http://x/goals/1/ HTTP/1.1\r\nHost: x\r\n\r\n", 400)):
        st, h, body, secs = raw(srv.port, req)
        check(f"{name}: {want} with security headers", st == want and has_security_headers(h), st, h)

    chunk = b"%x\r\n%s\r\n" % (8192, b"x" * 8192)
    st, h, body, secs = raw(srv.port, [b"POST /goals/3/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"]
                            + [chunk] * 25 + [b"0\r\n\r\n"])
    check("a 200 KB chunked body: 413 sent", st == 413 and has_security_headers(h), st, h)
    st, h, body, secs = raw(srv.port, [b"POST /goals/3/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                                       b"5\r\nhello\r\n0\r\n\r\n"])
    check("a small chunked body: read, then 405", st == 405, st)

    # ---- the access log cannot be forged ------------------------------------

    forged = "2030-01-01T00:00:00Z 10.0.0.1 GET /admin/ 200 1 1us"
    st, h, body = srv.req("/a%0a" + pct(forged) + "%0d%1b[31m%7f\\x", quote=False)
    check("a path with encoded newlines: 404", st == 404, st)
    raw(srv.port, b"GET /b\x01c HTTP/1.1\r\nHost: x\r\n\r\n")
    raw(srv.port, b"G\x1bT / HTTP/1.1\r\nHost: x\r\n\r\n")
    srv.req("/ministries/" + pct("経") + "/", quote=False)

    # ---- shutdown does not wait for idle keep-alive connections -------------

    idle = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    idle.sendall(b"GET /api/v1/plans HTTP/1.1\r\nHost: x\r\n\r\n")
    time.sleep(0.3)
    idle.recv(65536)   # the answer; the connection stays open
    t0 = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    try:
        out, err = srv.proc.communicate(timeout=5)
        secs = time.monotonic() - t0
    except subprocess.TimeoutExpired:
        out, err = srv.proc.communicate(timeout=30)
        secs = None
    print(f"# SIGTERM with an idle keep-alive connection: stopped after {secs}s")
    check("SIGTERM: an idle keep-alive connection is closed at once", secs is not None and
          srv.proc.returncode == 0, secs, out, err[-400:])
    try:
        check("SIGTERM: the idle client sees the close", idle.recv(1) == b"")
    except OSError:
        check("SIGTERM: the idle client sees the close", True)
    idle.close()
    check("limits server: clean exit, no sanitizer report", "Sanitizer" not in err and
          "runtime error" not in err, err[-1500:])

    with open(srv.log, encoding="utf-8", errors="replace") as f:
        log = f.read()
    lines = log.split("\n")[:-1]
    line_re = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (127\.0\.0\.[12]|-) \S+ \S+ \d{3} \d+ \d+us( aborted)?")
    check("access log: every line well-formed", all(line_re.fullmatch(l) for l in lines),
          [l for l in lines if not line_re.fullmatch(l)][:3])
    check("access log: no forged line", not any(l.startswith("2030-") for l in lines)
          and "\x1b" not in log and "\r" not in log and "\x7f" not in log and "\x01" not in log)
    check("access log: the newline shown escaped", any("/a\\x0a2030-01-01T00:00:00Z\\x2010.0.0.1" in l
                                                       for l in lines), lines[-6:])
    check("access log: a control byte in the method escaped", any(" G\\x1bT / " in l for l in lines),
          lines[-6:])
    check("access log: Japanese paths stay readable", any(" /ministries/経/ " in l for l in lines))
    check("access log: MHD's own refusals logged too", any(" 431 " in l for l in lines) and
          any(" 414 " in l for l in lines), lines[:10])


def section(fn):
    """Runs one part; a part that cannot run (a server that does not start
    with its options) fails as one check and the others still run."""
    try:
        fn()
    except (Exception, SystemExit) as e:  # noqa: BLE001
        check(f"{fn.__name__}: ran to the end", False, repr(e)[:600])


for fn in (cache_poisoning, cache_bound, flood, refusals_log_shutdown):
    section(fn)
sys.exit(0)
