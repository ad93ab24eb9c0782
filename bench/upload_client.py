#!/usr/bin/env python3
"""The uploader of bench/edit-load.sh's upload phase (bench/upload.sh):

    upload_client.py PORT USER PASSWORD_FILE PATH FILE SECONDS

signs in as USER the way a browser does (tests/e2e/tap.py's Session) and
posts FILE to PATH as the offline upload's form does (a preview), one
after another for SECONDS, on loopback. Prints one line in loadtool's
format:
    upload kind=upload n= ok= other= per_s= p50_ms= p99_ms= max_ms=
(ok: 200). Exits 1 when the sign-in fails."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
os.environ.setdefault("MDPLAN", "mdplan")   # tap.py wants it; nothing is run
from tap import Server, Session  # noqa: E402


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else 0.0


def main():
    port, user, pwfile, path, file = sys.argv[1:6]
    seconds = float(sys.argv[6])
    data = open(file, "rb").read()
    s = Session(Server.at(int(port)))
    if s.login(user, open(pwfile).read().strip()) != 303:
        print("upload_client: %s could not sign in" % user, file=sys.stderr)
        return 1
    lat, ok, other = [], 0, 0
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        t = time.monotonic()
        st, _, text = s.upload(path, data)
        lat.append((time.monotonic() - t) * 1000)
        if st == 200:
            ok += 1
        else:
            if not other:
                print("upload_client: %d %s" % (st, text[:300]), file=sys.stderr)
            other += 1
    took = time.monotonic() - t0
    print("upload kind=upload n=%d ok=%d other=%d per_s=%.2f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f"
          % (len(lat), ok, other, len(lat) / took, pct(lat, 0.5), pct(lat, 0.99),
             max(lat) if lat else 0.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
