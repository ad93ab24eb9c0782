#!/usr/bin/env python3
"""The long floods of issue 12, against a running `mdplan serve` (bench/flood.sh
starts it): PORT PID [SECONDS]. Each phase is bounded by SECONDS (default 20).

  params  requests with a random 3.9 KB unknown parameter, then with a random
          known one (distinct search queries): the server's RSS before, after
          and at its peak (VmHWM), against the same count of repeated URLs
  conns   1100 idle sockets and `wrk -c1100` from 127.0.0.1: latency of
          127.0.0.2 meanwhile, against 127.0.0.2 alone; recovery after
  spread  1200 idle sockets from 20 addresses (127.0.1.1-20, beyond the
          server's total): how long until 127.0.0.2 is served (the deadline
          closes them), and after the flood ends
  slow    200 clients from 20 addresses sending one header line a second:
          how long each is kept, and 127.0.0.2's latency meanwhile

Only loopback addresses are used. Prints figures and ratios.
"""
import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time

port, pid = int(sys.argv[1]), int(sys.argv[2])
SECS = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
rng = random.Random(3)


def rss():
    got = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                got[k] = int(v.split()[0]) / 1024
    return got["VmRSS"], got["VmHWM"]


def probe(src="127.0.0.2", timeout=5, path="/api/v1/plans"):
    t = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(src, 0))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        ok = s.recv(12).startswith(b"HTTP/1.1 200")
        s.close()
    except OSError:
        ok = False
    return ok, time.monotonic() - t


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def flood_requests(make, seconds, limit):
    """Keep-alive requests from 4 threads until seconds or limit."""
    done = [0]
    stop = time.monotonic() + seconds

    def worker(seed):
        r = random.Random(seed)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop and done[0] < limit:
            try:
                c.request("GET", make(r))
                c.getresponse().read()
                done[0] += 1
            except (http.client.HTTPException, OSError):
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.close()

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return done[0], time.monotonic() - t0


def phase_params():
    print("== params: RSS under a parameter flood")
    n, secs = flood_requests(lambda r: "/api/v1/plans", SECS / 4, 20000)
    base, _ = rss()
    print(f"reference: {n} requests of one URL in {secs:.1f}s, RSS {base:.1f} MiB")
    junk = lambda r: "/api/v1/plans?x=" + r.randbytes(1950).hex()
    n, secs = flood_requests(junk, SECS, 100000)
    after, hwm = rss()
    print(f"unknown parameter: {n} requests with a random 3.9 KB parameter in {secs:.1f}s "
          f"({n / secs:.0f}/s): RSS {after:.1f} MiB, peak {hwm:.1f} MiB, "
          f"ratio to reference {after / base:.2f}")
    word = lambda r: "/api/v1/search?q=zz" + r.randbytes(450).hex()
    n, secs = flood_requests(word, SECS, 100000)
    after, hwm = rss()
    print(f"known parameter: {n} distinct 900-byte searches in {secs:.1f}s ({n / secs:.0f}/s): "
          f"RSS {after:.1f} MiB, peak {hwm:.1f} MiB, ratio to reference {after / base:.2f}")


def open_idle(n, sources):
    socks = []
    for i in range(n):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.bind((sources[i % len(sources)], 0))
            s.connect(("127.0.0.1", port))
            socks.append(s)
        except OSError:
            s.close()
    return socks


def probe_for(seconds, src="127.0.0.2"):
    lat, ok = [], 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        good, t = probe(src, timeout=2)
        ok += good
        lat.append(t)
        time.sleep(0.05)
    return ok, len(lat), lat


def during(label, ref, ok, n, lat):
    print(f"{label}: 127.0.0.2 {ok}/{n} served, p50 {pct(lat, .5) * 1000:.2f} ms, "
          f"p99 {pct(lat, .99) * 1000:.2f} ms, max {max(lat) * 1000:.0f} ms "
          f"(p50 ratio to reference {pct(lat, .5) / ref:.1f})")


def phase_conns():
    print("== conns: wrk -c1100, then 1100 idle sockets, from 127.0.0.1")
    ok, n, lat = probe_for(SECS / 4)
    ref = pct(lat, 0.5)
    print(f"reference: 127.0.0.2 alone: {ok}/{n} served, p50 {ref * 1000:.2f} ms")
    wrk = subprocess.Popen(["wrk", "-t2", "-c1100", f"-d{int(SECS)}s",
                            f"http://127.0.0.1:{port}/api/v1/plans"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(1)
    ok, n, lat = probe_for(SECS - 2)
    out = wrk.communicate()[0]
    rps = [l.split()[1] for l in out.splitlines() if l.startswith("Requests/sec")]
    during(f"wrk -c1100 ({rps[0] if rps else '?'} req/s for wrk)", ref, ok, n, lat)
    t0 = time.monotonic()
    while not probe("127.0.0.1", timeout=1)[0] and time.monotonic() - t0 < 60:
        time.sleep(0.1)
    print(f"after wrk: 127.0.0.1 served again {time.monotonic() - t0:.2f}s after it ended")
    socks = open_idle(1100, ["127.0.0.1"])
    ok, n, lat = probe_for(SECS / 2)
    during(f"{len(socks)} idle sockets", ref, ok, n, lat)
    for s in socks:
        s.close()
    t0 = time.monotonic()
    while not probe("127.0.0.1", timeout=1)[0] and time.monotonic() - t0 < 60:
        time.sleep(0.1)
    print(f"after the idle sockets: 127.0.0.1 served again {time.monotonic() - t0:.2f}s after they closed")


def phase_spread():
    print("== spread: 1200 idle sockets from 20 addresses")
    sources = [f"127.0.1.{i}" for i in range(1, 21)]
    t0 = time.monotonic()
    socks = open_idle(1200, sources)
    first = None
    while time.monotonic() - t0 < SECS:
        if probe(timeout=1)[0]:
            first = time.monotonic() - t0
            break
        time.sleep(0.2)
    print(f"during: {len(socks)} sockets open; 127.0.0.2 first served after "
          f"{first:.1f}s" if first is not None else f"during: 127.0.0.2 not served in {SECS}s")
    for s in socks:
        s.close()
    t0 = time.monotonic()
    while not probe(timeout=1)[0] and time.monotonic() - t0 < 60:
        time.sleep(0.1)
    print(f"after: served {time.monotonic() - t0:.2f}s after the flood ended")


def phase_slow():
    print("== slow: 200 clients sending one header line a second")
    sources = [f"127.0.1.{i}" for i in range(1, 21)]
    kept = []

    def slow(src):
        t0 = time.monotonic()
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(src, 0))
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            while time.monotonic() - t0 < SECS * 3:
                time.sleep(1)
                s.sendall(b"X-Slow: 1\r\n")
                s.setblocking(False)
                try:
                    if s.recv(1) == b"":
                        break
                except BlockingIOError:
                    pass
                s.setblocking(True)
        except OSError:
            pass
        kept.append(time.monotonic() - t0)

    ts = [threading.Thread(target=slow, args=(sources[i % 20],)) for i in range(200)]
    for t in ts:
        t.start()
    ok, n, lat = probe_for(min(SECS, 15))
    for t in ts:
        t.join()
    print(f"slow clients kept {pct(kept, .5):.1f}s (median), {max(kept):.1f}s at most; "
          f"127.0.0.2 meanwhile {ok}/{n} served, p50 {pct(lat, .5) * 1000:.2f} ms")


for name in (sys.argv[4].split(",") if len(sys.argv) > 4 else ["params", "conns", "spread", "slow"]):
    globals()["phase_" + name]()
_, hwm = rss()
print(f"server peak RSS {hwm:.1f} MiB")
