#!/usr/bin/env python3
"""`mdplan serve --tls-cert FILE --tls-key FILE` over HTTPS on a loopback
port, with a throw-away self-signed certificate made by `openssl req -x509`:
pages and the API answer over TLS with the server's certificate, plain HTTP
on the TLS port gets no page, a missing key or a lone --tls-cert is refused.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import http.client
import os
import re
import socket
import ssl
import subprocess

from tap import MDPLAN, check, fresh_db, mdplan, summary

PLAN = os.environ["PLAN"]
fresh_db("tls.db")
mdplan("--db", "tls.db", "import", "plan", PLAN)
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", "tls.key", "-out", "tls.crt"], check=True, capture_output=True)

proc = subprocess.Popen([MDPLAN, "--db", "tls.db", "serve", "--port", "0", "--no-log",
                         "--tls-cert", "tls.crt", "--tls-key", "tls.key"],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
line = proc.stdout.readline()
m = re.search(r"https://127\.0\.0\.1:(\d+)/", line)
check("serve --tls-cert/--tls-key announces an https:// URL", m, line)
port = int(m.group(1)) if m else 0

ctx = ssl.create_default_context(cafile="tls.crt")
for path in ("/", "/goals/1/", "/api/v1/plans"):
    c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    check(f"GET {path} over TLS, certificate verified: 200", r.status == 200 and body, r.status)
    check(f"GET {path} over TLS: security headers",
          r.getheader("Content-Security-Policy") and r.getheader("X-Frame-Options") == "DENY")
    c.close()

c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
c.request("GET", "/login/")
r = c.getresponse()
r.read()
sc = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
check("under TLS the login form's cookie carries Secure", sc and all("; Secure" in v for v in sc), sc)
c.close()

# plain HTTP on the TLS port: no page comes back
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
try:
    got = s.recv(4096)
except (ConnectionResetError, socket.timeout):
    got = b""
s.close()
check("plain HTTP on the TLS port gets no page", b"<html" not in got, got[:200])

proc.terminate()
out, err = proc.communicate(timeout=30)
check("TLS server stops cleanly", proc.returncode == 0, proc.returncode, err[-400:])

for args, what in ((["--tls-cert", "tls.crt"], "--tls-cert without --tls-key"),
                   (["--tls-cert", "tls.crt", "--tls-key", "missing.key"], "a missing key file")):
    p = subprocess.run([MDPLAN, "--db", "tls.db", "serve", "--port", "0", "--no-log", *args],
                       capture_output=True, text=True, timeout=30)
    check(f"serve with {what}: refused", p.returncode != 0 and "mdplan serve" in p.stderr,
          p.returncode, p.stderr)
summary()
