#!/usr/bin/env python3
"""The write side's gate over HTTP on a loopback port: every state-changing
method is refused when it comes from another site (Origin, Sec-Fetch-Site),
whatever the route; form bodies (urlencoded and multipart) go through the
post processor and its caps; a path that takes GET only answers 405 with
Allow; anonymous reads keep their cache and CORS headers.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import os

from tap import Server, check, fresh_db, mdplan, summary

PLAN = os.environ["PLAN"]
fresh_db("write.db")
mdplan("--db", "write.db", "import", "plan", PLAN)
srv = Server("write.db")
host = f"127.0.0.1:{srv.port}"
form = b"csrf=x&user=tanaka"
urlenc = {"Content-Type": "application/x-www-form-urlencoded"}

for method in ("POST", "PUT", "PATCH", "DELETE"):
    for what, hdrs in (("Origin of another site", {"Origin": "https://evil.example"}),
                       ("Origin null", {"Origin": "null"}),
                       ("Origin on another port", {"Origin": f"http://127.0.0.1:{srv.port + 1}"}),
                       ("Sec-Fetch-Site: cross-site", {"Sec-Fetch-Site": "cross-site"}),
                       ("Sec-Fetch-Site: same-site", {"Sec-Fetch-Site": "same-site"})):
        for path in ("/goals/1/", "/api/v1/plans", "/login/", "/nowhere/"):
            st, h, body = srv.req(path, method, form, {**urlenc, **hdrs})
            check(f"{method} {path} with {what}: 403, not cached, no CORS",
                  st == 403 and "no-store" in h.get("cache-control", "")
                  and "access-control-allow-origin" not in h, st, h)
    st, h, body = srv.req("/goals/1/", method, form,
                          {**urlenc, "Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"})
    check(f"{method} from this site to a GET-only page: 405 with Allow",
          st == 405 and h.get("allow") == "GET, HEAD", st, h)

boundary = "XyZ"
multi = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nx\r\n"
         f"--{boundary}--\r\n").encode()
st, h, body = srv.req("/goals/1/", "POST", multi,
                      {"Content-Type": f"multipart/form-data; boundary={boundary}"})
check("multipart POST is read and answered (405 on a GET-only page)", st == 405, st)
st, h, body = srv.req("/goals/1/", "POST", b"csrf=" + b"x" * (70 * 1024), urlenc)
check("a form body over the cap: 413", st == 413, st)

st, h, body = srv.get("/goals/1/")
check("anonymous page: Cache-Control no-cache, no Vary: Cookie",
      st == 200 and h.get("cache-control") == "no-cache" and "vary" not in h, h)
st, h, body = srv.get("/api/v1/plans")
check("anonymous API read: CORS open", h.get("access-control-allow-origin") == "*", h)
rc, out, err = srv.stop()
check("server stops cleanly", rc == 0, rc, err[-500:])
summary()
