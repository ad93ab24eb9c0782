"""Findings of the attack review of the write side (issue 13), each a check
that failed before its fix: over HTTP on loopback with real sessions.

1. A reviewer reads submitted and accepted entries only, never a draft; the
   entry page of a shared item showed the co-owners' entries whatever their
   state, so a reviewer reading one ministry's submitted entry read the
   other ministry's draft beside it (A6 ［◎厚、◎経］).
2. Every response to a signed-in user carries `Cache-Control: private,
   no-store` and `Vary: Cookie`, including the refusals and error pages
   answered before a handler runs (404, 405, 301, a cross-site 403, a role
   403), which carry the signed-in header with the session's CSRF token;
   and none carries the anonymous API's `Access-Control-Allow-Origin`.
3. The README's nginx set-up lets the offline workbook through: its
   client_max_body_size was 64k, so behind it every upload of a round
   workbook (the server takes up to IMPORT_ROUND_MAX_FILE plus a form's
   WEB_FORM_BYTES on that route) was refused by nginx with 413.
4. Behind the README's reverse proxy every request came from the proxy's
   address, so the per-address sign-in throttle was one for everybody
   (anyone's failures locked everyone out) and the audit trail named the
   proxy for every action. `serve --trusted-proxy ADDR` takes the last
   address of X-Forwarded-For on that proxy's requests, and only on
   those: a client's own X-Forwarded-For changes nothing.
5. The server answered any Host name, and the cross-site check compares
   Origin with that Host, so a page of another site whose name points at
   the server (DNS rebinding) could read pages and sign in from visitors'
   browsers. `serve --host NAME,...` refuses (421) any other name before
   anything runs."""
import http.client
import json
import os
import re

from tap import Server, Session, add_users, check, fresh_db, mdplan, sign_in, signed_in, summary

top = os.environ.get("top") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PLAN = os.environ.get("PLAN") or os.path.join(top, "data", "plan-2nd.txt")
FU = os.environ.get("FOLLOWUP") or os.path.join(top, "data", "followup-r7.tsv")
PW = "Kx7-harbour-Lantern-92"
E = "/rounds/2026/items/"

db = "attack.db"
fresh_db(db)
mdplan("--db", db, "import", "plan", PLAN)
mdplan("--db", db, "import", "followup", FU)
add_users(db, PW, (("sec", "secretariat", []), ("meti1", "editor", ["経"]),
                   ("mhlw1", "editor", ["厚"]), ("rev", "reviewer", [])))
mdplan("--db", db, "round", "publish", "2025", "--as", "sec")
mdplan("--db", db, "round", "open", "2026", "--deadline", "2027-01-31", "--as", "sec")

srv = Server(db)
S = signed_in(srv, PW, ("sec", "meti1", "mhlw1", "rev"))


def version_in(html):
    m = re.search(r'name="version" value="(\d+)"', html)
    return m.group(1) if m else None


def save(who, item, mini, op, results, plans):
    st, h, t = S[who].get(f"{E}{item}/{mini}/")
    return S[who].post(f"{E}{item}/{mini}/", {"op": op, "version": version_in(t),
                                              "results": results, "plans": plans})[0]


# ---- 1. co-owners' drafts on a shared item's entry page ----
DRAFT = "経済産業省の下書きXQ7"
check("meti1 saves a draft of A6", save("meti1", 6, "meti", "save", DRAFT, "予定XQ7") == 303)
check("mhlw1 submits A6", save("mhlw1", 6, "mhlw", "submit", "厚生労働省の提出済み", "予定") == 303)
st, h, t = S["rev"].get(f"{E}6/mhlw/")
check("the reviewer reads mhlw's submitted A6", st == 200 and "厚生労働省の提出済み" in t, st)
check("the reviewer does not read meti's draft beside it", DRAFT not in t)
st, h, t = S["rev"].get(f"{E}6/meti/")
check("the reviewer may not open meti's draft itself", st == 403 and DRAFT not in t, st)
st, h, t = S["mhlw1"].get(f"{E}6/mhlw/")
check("the co-owner mhlw1 still reads meti's draft beside its own", st == 200 and DRAFT in t, st)
st, h, t = S["sec"].get(f"{E}6/mhlw/")
check("the secretariat still reads meti's draft beside mhlw's", st == 200 and DRAFT in t, st)
check("meti1 submits A6", save("meti1", 6, "meti", "submit", DRAFT, "予定XQ7") == 303)
st, h, t = S["rev"].get(f"{E}6/mhlw/")
check("once submitted, the reviewer reads meti's entry beside mhlw's", st == 200 and DRAFT in t, st)

# ---- 2. private headers on every signed-in response ----
for who in ("rev", "meti1"):
    s = S[who]
    for label, path, method, hd in (
            ("404", "/no-such-page/", "GET", {}),
            ("405", "/account/", "PUT", {}),
            ("301", "/account", "GET", {}),
            ("cross-site 403", "/account/", "POST", {"Origin": "http://evil.example"}),
            ("role 403", "/admin/users/", "GET", {}),
            ("API 404", "/api/v1/no-such", "GET", {}),
            ("API cross-site 403", "/api/v1/rounds/2026/items/6/meti", "POST",
             {"Origin": "http://evil.example"}),
            ("a page", "/account/", "GET", {})):
        st, h, t = s.req(path, method, headers=hd)
        check(f"{who}: {label} ({st}) is private, no-store", h.get("cache-control") ==
              "private, no-store" and "cookie" in (h.get("vary") or "").lower(),
              h.get("cache-control"), h.get("vary"))
        check(f"{who}: {label} has no Access-Control-Allow-Origin",
              "access-control-allow-origin" not in h)
st, h, t = Session(srv).get("/api/v1/no-such")
check("anonymous API 404 still carries Access-Control-Allow-Origin",
      h.get("access-control-allow-origin") == "*")

# ---- 3. the README's nginx set-up and the upload's cap ----
def header_size(path, name):
    """A size macro of a header ("(64 * 1024)", "((size_t)8 << 20)")."""
    with open(os.path.join(top, path)) as f:
        m = re.search(r"#define " + name + r" \((.*)\)\s*$", f.read(), re.M)
    e = re.sub(r"\(size_t\)", "", m.group(1))
    if not re.fullmatch(r"[\d\s*<()]+", e):
        raise SystemExit("cannot read " + name + ": " + e)
    return eval(e)


upload_cap = header_size("src/import/import.h", "IMPORT_ROUND_MAX_FILE") + \
    header_size("src/web/web.h", "WEB_FORM_BYTES")
with open(os.path.join(top, "README.md")) as f:
    nginx = re.search(r"```nginx\n(.*?)```", f.read(), re.S).group(1)
m = re.search(r"client_max_body_size\s+(\d+)([kKmM]?);", nginx)
unit = {"": 1, "k": 1024, "m": 1 << 20}[(m.group(2) if m else "").lower()]
check("the README's nginx block lets an offline workbook through",
      m and int(m.group(1)) * unit >= upload_cap, m and m.group(0), upload_cap)

srv.stop()

# ---- 4. behind the trusted proxy: the client's address, not the proxy's ----
def login_from(server, user, pw, xff):
    """A sign-in as a browser does it, through a proxy that says xff."""
    return sign_in(server, user, pw, {"X-Forwarded-For": xff} if xff else None)[0]


def addresses(action):
    out = mdplan("--db", db, "audit", "--action", action, "--json").stdout
    return [e["address"] for e in json.loads(out)]


p = mdplan("--db", db, "serve", "--port", "0", "--trusted-proxy", "not-an-address",
           check_rc=False)
check("--trusted-proxy refuses what is not an address", p.returncode != 0 and
      "--trusted-proxy" in p.stderr, p.returncode, p.stderr)
# a client's own X-Forwarded-For, with no trusted proxy: ignored
srv = Server(db)
check("no trusted proxy: a failed sign-in that claims an address of its own",
      login_from(srv, "sec", "wrong-password-123", "192.0.2.77") == 200)
srv.stop()
check("... is audited with the socket's address, not the claimed one",
      "192.0.2.77" not in addresses("login.fail") and "127.0.0.1" in addresses("login.fail"),
      addresses("login.fail"))
srv = Server(db, "--trusted-proxy", "127.0.0.1")
codes = []
for i in range(60):
    codes.append(login_from(srv, f"nobody{i}", "wrong-password-123", "198.51.100.7, 192.0.2.50"))
    if codes[-1] == 429:
        break
check("behind the proxy: failures from one client end in 429", codes[-1] == 429, codes)
check("... while another client behind the same proxy signs in at once",
      login_from(srv, "sec", PW, "192.0.2.60") == 303)
check("... and the throttled one stays throttled", login_from(srv, "sec", PW, "192.0.2.50") == 429)
srv.stop()
fails = addresses("login.fail")
check("the audit trail names the client the proxy saw (the last address)",
      "192.0.2.50" in fails and "198.51.100.7" not in fails, fails[-5:])
check("... for the sign-in too", "192.0.2.60" in addresses("login"), addresses("login")[-3:])

# ---- 5. --host: the names this server answers to ----
p = mdplan("--db", db, "serve", "--port", "0", "--host", "bad name<x>", check_rc=False)
check("--host refuses what is not a list of host names", p.returncode != 0 and
      "--host" in p.stderr, p.returncode, p.stderr)
srv = Server(db, "--host", "mdplan.example.go.jp,localhost")
evil = f"attacker.example:{srv.port}"


def host_req(path, host, method="GET", body=None, headers=None):
    """One request that sends host as its only Host header."""
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    c.putheader("Host", host)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    if body is not None:
        c.putheader("Content-Length", str(len(body)))
    c.endheaders()
    if body is not None:
        c.send(body)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data



st, body = host_req("/", evil)
check("another host name: 421 before anything runs", st == 421 and b"<html" not in body, st)
before = len(addresses("login")) + len(addresses("login.fail"))
st, body = host_req("/login/", evil, "POST", f"user=sec&password={PW}&csrf=x".encode(),
                    {"Origin": f"http://{evil}",
                     "Content-Type": "application/x-www-form-urlencoded"})
check("... a sign-in through it too, and nothing audited", st == 421 and
      len(addresses("login")) + len(addresses("login.fail")) == before, st)
for name in (f"localhost:{srv.port}", f"LOCALHOST:{srv.port}", "mdplan.example.go.jp"):
    st, body = host_req("/", name)
    check(f"a name it serves ({name}): 200", st == 200, st)
srv.stop()
summary()
