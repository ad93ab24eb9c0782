#!/usr/bin/env python3
"""Signing in and out over HTTP on a loopback port, with real sessions:
the login form's pre-session CSRF cookie, a wrong password and an unknown
user answered alike, throttling (429 with Retry-After), the session
cookie's flags, a new session id at every login, /account/ for the signed-in
only (anonymous: 303 to /login/), private cache headers and no signed-in
page from the shared cache, logout that makes the old cookie worthless, a
missing or wrong CSRF token refused with the database unchanged, a
cross-site POST refused, and `audit verify` intact afterwards.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import os
import re
import subprocess
import urllib.parse

from tap import MDPLAN, Server, Session, check, fresh_db, mdplan, sign_in, summary

PLAN = os.environ["PLAN"]
fresh_db("login.db")
mdplan("--db", "login.db", "import", "plan", PLAN)
PW = "Kirin-Tanuki-2024x"
with open("login.pw", "w") as f:
    f.write(PW + "\n")
mdplan("--db", "login.db", "user", "add", "sato", "--role", "secretariat",
       "--display", "<b>佐藤</b>", "--password-file", "login.pw")
srv = Server("login.db")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def cookies_of(h, raw):
    return [v for k, v in raw if k.lower() == "set-cookie"]


def req(path, method="GET", fields=None, cookie=None, headers=None):
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    hd = dict(headers or {})
    body = None
    if fields is not None:
        body = urllib.parse.urlencode(fields).encode()
        hd.update(FORM)
    if cookie:
        hd["Cookie"] = cookie
    c.request(method, path, body=body, headers=hd)
    r = c.getresponse()
    data = r.read().decode("utf-8", "replace")
    raw = r.getheaders()
    c.close()
    return r.status, {k.lower(): v for k, v in raw}, [v for k, v in raw if k.lower() == "set-cookie"], data


def dump():
    return subprocess.run(["sqlite3", "login.db", ".dump"], capture_output=True,
                          text=True, check=True).stdout


def pre_token():
    st, h, sc, body = req("/login/")
    m = re.search(r'name="csrf" value="([^"]+)"', body)
    pre = [c for c in sc if c.startswith("mdplan_pre=")]
    return st, h, sc, body, (m.group(1) if m else None), (pre[0].split(";")[0] if pre else None)


st, h, sc, body, tok, pre = pre_token()
check("GET /login/: 200 with a form and a pre-session CSRF cookie",
      st == 200 and tok and pre and pre == "mdplan_pre=" + tok, st, sc)
check("pre-session cookie: HttpOnly, SameSite=Strict, Path=/, no Secure without TLS",
      pre and "HttpOnly" in sc[0] and "SameSite=Strict" in sc[0] and "Path=/" in sc[0]
      and "Secure" not in sc[0], sc)
check("login page is not cached", "no-store" in h.get("cache-control", ""), h)

before = dump()
st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": PW}, cookie=pre)
check("login without csrf: 403", st == 403, st)
st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": PW, "csrf": "x" * 43},
                      cookie=pre)
check("login with a wrong csrf: 403", st == 403, st)
st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": PW, "csrf": tok})
check("login with csrf but no cookie: 403", st == 403, st)
check("refused logins changed nothing in the database", dump() == before)

st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": PW, "csrf": tok},
                      cookie=pre, headers={"Origin": "https://evil.example"})
check("cross-site login POST: 403", st == 403, st)

st, h, sc, wrong = req("/login/", "POST", {"user": "sato", "password": "wrong-password-1",
                                           "csrf": tok}, cookie=pre)
st2, h2, sc2, unknown = req("/login/", "POST", {"user": "nobody", "password": "wrong-password-1",
                                                "csrf": tok}, cookie=pre)
msg = "ユーザー名またはパスワードが正しくありません。"
check("wrong password: the form again with the message, no session cookie",
      st == 200 and msg in wrong and not any(c.startswith("mdplan_session=") for c in sc), st, sc)
check("unknown user: the same status and message", st2 == st and msg in unknown, st2)

st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": PW, "csrf": tok},
                      cookie=pre)
sess = [c for c in sc if c.startswith("mdplan_session=")]
check("login: 303 to account/ with a session cookie", st == 303 and sess and
      h.get("location", "").endswith("account/"), st, h, sc)
flags = sess[0] if sess else ""
check("session cookie: HttpOnly, SameSite=Lax, Path=/, no Secure without TLS",
      "HttpOnly" in flags and "SameSite=Lax" in flags and "Path=/" in flags and "Secure" not in flags,
      flags)
c1 = flags.split(";")[0]

st, h, sc, body = req("/account/", cookie=c1)
check("GET /account/ signed in: 200, the name, display name escaped",
      st == 200 and "sato" in body and "&lt;b&gt;佐藤&lt;/b&gt;" in body and "<b>佐藤" not in body,
      st, body[:300])
check("signed-in page: Cache-Control private, no-store",
      h.get("cache-control") == "private, no-store", h)
csrf = re.search(r'name="csrf" value="([^"]+)"', body)
csrf = csrf.group(1) if csrf else None
st, h, sc, body = req("/goals/1/", cookie=c1)
check("a public page for a signed-in user: private, no-store, no CORS",
      st == 200 and h.get("cache-control") == "private, no-store", h)
st, h, sc, body = req("/api/v1/plans", cookie=c1)
check("the API for a signed-in user: no CORS", "access-control-allow-origin" not in h, h)
st, h, sc, anon = req("/goals/1/")
check("the same page anonymous (after the signed-in one): no signed-in markup, shared headers",
      st == 200 and h.get("cache-control") == "no-cache" and "logout" not in anon, h)
st, h, sc, body = req("/account/")
check("GET /account/ anonymous: 303 to login/", st == 303 and
      h.get("location", "").endswith("login/"), st, h)

# a second login gets another session id
st, h, sc, body, tok2, pre2 = pre_token()
st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": PW, "csrf": tok2},
                      cookie=pre2 + "; " + c1)
c2 = [c for c in sc if c.startswith("mdplan_session=")]
c2 = c2[0].split(";")[0] if c2 else ""
check("a new session id at the next login", st == 303 and c2 and c2 != c1, c1, c2)
st, h, sc, body = req("/account/", cookie=c1)
check("the session the login came with is ended", st == 303, st)

st, h, sc, body = req("/account/", cookie=c2)
csrf2 = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
before = dump()
st, h, sc, body = req("/logout/", "POST", {}, cookie=c2)
check("logout without csrf: 403, database unchanged", st == 403 and dump() == before, st)
st, h, sc, body = req("/logout/", "POST", {"csrf": csrf}, cookie=c2)
check("logout with another session's csrf: 403, database unchanged",
      st == 403 and dump() == before, st)
st, h, sc, body = req("/logout/", "POST", {"csrf": csrf2}, cookie=c2,
                      headers={"Sec-Fetch-Site": "cross-site"})
check("cross-site logout: 403, database unchanged", st == 403 and dump() == before, st)
st, h, sc, body = req("/logout/", "POST", {"csrf": csrf2}, cookie=c2)
check("logout: 303 and the cookie cleared", st == 303 and
      any(c.startswith("mdplan_session=;") and "Max-Age=0" in c for c in sc), st, sc)
st, h, sc, body = req("/account/", cookie=c2)
check("the old cookie is worthless after logout", st == 303, st)

# the shared helpers every other test signs in with (tap.sign_in(),
# Session.login()) take the steps above and get a working session
st, h, c3 = sign_in(srv, "sato", PW)
check("tap.sign_in(): 303 and a session cookie that opens the account page",
      st == 303 and c3 and req("/account/", cookie=c3)[0] == 200, st, c3)
st, h, c4 = sign_in(srv, "sato", "wrong-password-1")
check("tap.sign_in() with a wrong password: 200, no session", st == 200 and c4 is None, st)
s = Session(srv)
check("Session.login(): 303, then signed in with the session's CSRF token",
      s.login("sato", PW) == 303 and s.csrf and s.get("/account/")[0] == 200, s.csrf)

# throttling: repeated failures for one account end in 429 with Retry-After
got = None
for i in range(12):
    st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": "nope-nope-nope",
                                              "csrf": tok}, cookie=pre)
    if st == 429:
        got = (i, h.get("retry-after"))
        break
check("repeated failures: 429 with Retry-After", got and got[1] and int(got[1]) > 0, got)
st, h, sc, body = req("/login/", "POST", {"user": "sato", "password": PW, "csrf": tok}, cookie=pre)
check("while throttled even the right password is not tried", st == 429, st)

rc, out, err = srv.stop()
check("server stops cleanly", rc == 0, rc, err[-400:])
a = mdplan("--db", "login.db", "audit", "verify", check_rc=False)
check("audit verify: the chain is intact", a.returncode == 0, a.stdout, a.stderr)
j = mdplan("--db", "login.db", "audit", "--json", check_rc=False)
check("the audit trail has the logins, the failures, the logout",
      all(x in j.stdout for x in ('"login"', '"login.fail"', '"logout"')), j.stdout[:400])
summary()
