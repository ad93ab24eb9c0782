#!/usr/bin/env python3
"""The authorization matrix (issue 13), over HTTP on loopback with real
sessions: every role (and the anonymous visitor) against every
state-changing route of the server's own route table (`mdplan serve
--routes`), each with allowed and forbidden targets, by URL, by form field
and by API.

A route that changes state and has no cases here fails the test, so a new
write route cannot ship unexamined. For every case, each role that must be
refused sends the request with a valid session, a valid CSRF token and the
current version (so that nothing but authorization can refuse it), and the
database must be unchanged afterwards: every table but the audit trail's
own (audit, audit_head), the login throttle and the sessions' last-seen
times, which a refused request may touch. Then a role that may do it sends
the same request, which must succeed and change something, so that no case
passes by refusing everyone.

Also: signed-in pages never reach an anonymous client through the shared
cache, in either order, for every GET page route a signed-in user can see.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import json
import os
import re
import sqlite3

from tap import MDPLAN, Server, Session, add_user, check, fresh_db, mdplan, summary

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PLAN = os.path.join(top, "data", "plan-2nd.txt")
FU = os.path.join(top, "data", "followup-r7.tsv")
DB = "authz.db"
PW = "Tsubame-Hotaru-7315"

fresh_db(DB)
mdplan("--db", DB, "import", "plan", PLAN)
mdplan("--db", DB, "import", "followup", FU, "--year", "2025")
mdplan("--db", DB, "import", "indicator-defs", os.path.join(top, "data", "indicator-defs.csv"))
mdplan("--db", DB, "import", "indicators", os.path.join(top, "data", "indicators.csv"))
mdplan("--db", DB, "round", "publish", "2025", check_rc=False)
mdplan("--db", DB, "round", "open", "2026", "--deadline", "2027-01-31")

# name -> the arguments of `user add`
ACCOUNTS = {
    "admin": ("--role", "admin"),
    "secretariat": ("--role", "secretariat"),
    "meti": ("--role", "editor", "--ministry", "経"),
    "mhlw": ("--role", "editor", "--ministry", "厚"),
    "reviewer": ("--role", "reviewer"),
    "desk": ("--role", "desk"),
}
for name, args in ACCOUNTS.items():
    add_user(DB, "u-" + name, PW, *args)
ROLES = list(ACCOUNTS) + ["anonymous"]

EXCLUDE = {"audit", "audit_head", "login_throttle"}


def state():
    """Every row of every table but those a refused request may touch."""
    c = sqlite3.connect(DB)
    out = {}
    for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                          "ORDER BY name"):
        if t in EXCLUDE:
            continue
        cols = [r[1] for r in c.execute(f'PRAGMA table_info("{t}")')]
        if t == "session":
            cols = [x for x in cols if x != "last_seen"]
        if not cols:
            continue
        sel = ", ".join(f'"{x}"' for x in cols)
        out[t] = sorted(map(repr, c.execute(f'SELECT {sel} FROM "{t}"')))
    c.close()
    return out


def changed_tables(a, b):
    return sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t))


def round_entries(fy=2026):
    """(item no, ministry code or "consolidated") -> (state, version)"""
    out = {}
    for line in mdplan("--db", DB, "round", "entries", str(fy)).stdout.splitlines():
        f = line.split("\t")
        out[(int(f[0].lstrip("A")), f[1])] = (f[2], int(f[3]))
    return out


def entry_row(fy, item, code):
    """(state, version) of a round entry; None when there is none."""
    return round_entries(fy).get((item, code))


srv = Server(DB)
sess = {"anonymous": Session(srv)}
for name in ACCOUNTS:
    s = Session(srv)
    st = s.login("u-" + name, PW)
    check(f"u-{name} signs in", st == 303 and s.cookie and s.csrf, st)
    sess[name] = s


def version_of(path, who="secretariat"):
    """The version a form at path was rendered from (as who sees it)."""
    st, h, body = sess[who].get(path)
    m = re.search(r'name="version" value="(\d+)"', body)
    return m.group(1) if m else "0"


# ---- the cases ----
#
# CASES[pattern] is a list of cases; a case is a dict:
#   name     what it checks
#   path     the URL to post to (a function of nothing, evaluated late)
#   fields   a function (role -> list of pairs) for the form; the CSRF token
#            of that role's session is added
#   allowed  the roles that may do it (at least one, unless refused_all)
#   ok       the role whose allowed request is sent last and must work
#   api      headers for an API request (the token in X-CSRF-Token)
# EXEMPT[pattern] names the test that covers a route the matrix cannot.

EXEMPT = {
    "/login/": "login_test.py (pre-session CSRF, throttling, every account)",
}

CASES = {}


def case(pattern, **kw):
    CASES.setdefault(pattern, []).append(kw)


case("/logout/", name="sign out",
     path=lambda: "/logout/", fields=lambda r: [],
     allowed=set(ACCOUNTS), ok=None)

# issue 13: the account page (own password, own sessions)
case("/account/", name="end a session of another account (form field)",
     path=lambda: "/account/",
     fields=lambda r: [("op", "end-session"), ("session", str(other_session()))],
     allowed={"admin"}, ok=None)   # u-admin's own session: theirs to end (not sent)
case("/account/", name="change one's own password needs the old one",
     path=lambda: "/account/",
     fields=lambda r: [("op", "password"), ("old", "wrong-" + PW),
                       ("new", "Another-Lantern-4417"), ("new2", "Another-Lantern-4417")],
     allowed=set(), ok=None)

# issue 13: administration
case("/admin/users/new/", name="add an account",
     path=lambda: "/admin/users/new/",
     fields=lambda r: [("name", "new-" + r), ("display", "新規"), ("role", "reviewer"),
                       ("password", PW + "x"), ("password2", PW + "x")],
     allowed={"admin"}, ok="admin")
case("/admin/users/{user}/", name="disable another account",
     path=lambda: "/admin/users/u-desk/",
     fields=lambda r: [("op", "disable")],
     allowed={"admin"}, ok="admin")

# issue 13: indicators
IND = None


def indicator():
    global IND
    if IND is None:
        c = sqlite3.connect(DB)
        IND = c.execute("SELECT code FROM indicator ORDER BY code LIMIT 1").fetchone()[0]
        c.close()
    return IND


case("/indicators/{ind}/edit/", name="edit an indicator's target",
     path=lambda: f"/indicators/{indicator()}/edit/",
     fields=lambda r: [("version", version_of(f"/indicators/{indicator()}/edit/")),
                       ("target_value", "99"), ("target_year", "2029")],
     allowed={"secretariat"}, ok="secretariat")
case("/indicators/{ind}/values/", name="set an indicator's yearly value",
     path=lambda: f"/indicators/{indicator()}/values/",
     # a year with no value yet: the add-a-year form's version 0 (a value
     # row has a version of its own, not the definition's)
     fields=lambda r: [("op", "set"), ("year", "2026"), ("value", "42"), ("version", "0")],
     allowed={"secretariat"}, ok="secretariat")

# issue 14: rounds
case("/rounds/", name="open a round",
     path=lambda: "/rounds/",
     fields=lambda r: [("op", "open"), ("year", "2027"), ("deadline", "2028-01-31")],
     allowed={"secretariat"}, ok="secretariat")
case("/rounds/{n}/", name="close a round",
     path=lambda: "/rounds/2027/",
     fields=lambda r: [("op", "close")],
     allowed={"secretariat"}, ok="secretariat")
case("/rounds/{n}/", name="set a round's reminder days",
     path=lambda: "/rounds/2027/",
     fields=lambda r: [("op", "remind-days"), ("remind_days", "10,3")],
     allowed={"secretariat"}, ok="secretariat")

E = "/rounds/{fy}/items/{n}/{code}/"
C = "/rounds/{fy}/items/{n}/consolidated/"


def shared_item():
    """An action item of the FY2026 round with entries for both 経 and 厚."""
    by = {}
    for (item, code) in round_entries():
        by.setdefault(item, set()).add(code)
    both = sorted(i for i, c in by.items() if {"meti", "mhlw"} <= c)
    return both[0] if both else 0


def entry_fields(item, code, op, extra=()):
    def f(r):
        row = entry_row(2026, item, code)
        return [("op", op), ("results", f"{r} {op} 実績"), ("plans", f"{r} {op} 予定"),
                ("version", str(row[1]) if row else "0"), *extra]
    return f


def entry_cases():
    it = shared_item()
    p = lambda code: f"/rounds/2026/items/{it}/{code}/"
    case(E, name="save 経's entry (by URL: only 経's editors)",
         path=lambda: p("meti"), fields=entry_fields(it, "meti", "save"),
         allowed={"meti"}, ok="meti")
    case(E, name="save 厚's entry with a form field naming 経 (by form field)",
         path=lambda: p("mhlw"),
         fields=entry_fields(it, "mhlw", "save", [("ministry", "meti"), ("code", "meti")]),
         allowed={"mhlw"}, ok="mhlw")
    case(E, name="submit 経's entry",
         path=lambda: p("meti"), fields=entry_fields(it, "meti", "submit"),
         allowed={"meti"}, ok="meti")
    case(E, name="return 経's entry (secretariat only)",
         path=lambda: p("meti"),
         fields=entry_fields(it, "meti", "return", [("reason", "根拠を追記してください"),
                                                    ("field", "results")]),
         allowed={"secretariat"}, ok="secretariat")
    case(E, name="resubmit and accept 経's entry (secretariat only)",
         path=lambda: p("meti"), fields=entry_fields(it, "meti", "accept"),
         allowed={"secretariat"}, ok=None, before=lambda: resubmit(it))
    case(E, name="an unknown op",
         path=lambda: p("mhlw"), fields=entry_fields(it, "mhlw", "delete"),
         allowed=set(), ok=None)
    # reviewers read (and comment on) an entry once it is no longer a draft
    case(E + "comments/", name="comment on 経's submitted entry",
         path=lambda: f"/rounds/2026/items/{it}/meti/comments/",
         fields=lambda r: [("text", f"{r} のコメント")],
         allowed={"reviewer", "secretariat"}, ok="reviewer")
    leads = lead_roles(it)
    case(C, name="save the consolidated entry (its lead ministries only)",
         path=lambda: f"/rounds/2026/items/{it}/consolidated/",
         fields=entry_fields(it, "consolidated", "save"),
         allowed=leads, ok=sorted(leads)[0] if leads else None)
    case(C + "comments/", name="comment on the consolidated draft (not yet for reviewers)",
         path=lambda: f"/rounds/2026/items/{it}/consolidated/comments/",
         fields=lambda r: [("text", f"{r} のコメント")],
         allowed={"secretariat"}, ok="secretariat")
    case("/api/v1/rounds/{fy}/items/{n}/consolidated", name="accept the consolidated draft "
         "by API", path=lambda: f"/api/v1/rounds/2026/items/{it}/consolidated",
         fields=entry_fields(it, "consolidated", "accept"), api=True,
         allowed={"secretariat"}, ok=None)
    api = "/api/v1/rounds/{fy}/items/{n}/{code}"
    case(api, name="save 厚's entry by API (X-CSRF-Token)",
         path=lambda: f"/api/v1/rounds/2026/items/{it}/mhlw",
         fields=lambda r: [(k, v + "（API）" if k in ("results", "plans") else v)
                           for k, v in entry_fields(it, "mhlw", "save")(r)], api=True,
         allowed={"mhlw"}, ok="mhlw")
    case(api, name="accept by API as an editor",
         path=lambda: f"/api/v1/rounds/2026/items/{it}/mhlw",
         fields=entry_fields(it, "mhlw", "accept"), api=True,
         allowed={"secretariat"}, ok=None)


def lead_roles(it):
    """The editor roles (meti, mhlw) whose ministry leads (◎) item it."""
    c = sqlite3.connect(DB)
    r = c.execute("SELECT m.code FROM action_ministry am JOIN action_item i ON i.id = am.item_id"
                  " JOIN ministry m ON m.id = am.ministry_id WHERE i.no = ? AND am.lead = 1"
                  " AND i.retired IS NULL", (it,)).fetchall()
    c.close()
    return {x for (x,) in r} & {"meti", "mhlw"}


def resubmit(it):
    row = entry_row(2026, it, "meti")
    if row:
        sess["meti"].post(f"/rounds/2026/items/{it}/meti/",
                          [("op", "submit"), ("results", "再提出"), ("plans", "再提出"),
                           ("version", str(row[1]))])


entry_cases()

case("/rounds/{n}/offline/{code}/", name="upload 厚's workbook as another ministry",
     path=lambda: "/rounds/2026/offline/mhlw/",
     fields=lambda r: [("op", "apply")],
     allowed=set(), ok=None)


def other_session():
    """The id of u-admin's live session (no one else may end it)."""
    c = sqlite3.connect(DB)
    r = c.execute("SELECT s.id FROM session s JOIN account a ON a.id = s.account_id "
                  "WHERE a.name = 'u-admin' AND s.revoked IS NULL ORDER BY s.id DESC").fetchone()
    c.close()
    return r[0] if r else 0


# ---- every write route has cases ----

p = mdplan("--db", DB, "serve", "--routes")
routes = [line.split("\t") for line in p.stdout.splitlines()]
check("serve --routes lists the route table", len(routes) > 40 and
      all(len(r) == 4 for r in routes), p.stdout[:300])
writes = [r for r in routes if r[0] != "GET"]
check("the route table has state-changing routes", len(writes) >= 2, writes)
for method, pattern, flags, roles in writes:
    check(f"{method} {pattern} has authorization cases",
          pattern in CASES or pattern in EXEMPT, "add cases to tests/e2e/authz_test.py")
    check(f"{method} {pattern} runs on the writer", "write" in flags, flags)

live = {r[1] for r in writes}


def send(role, c, fields):
    s = sess[role]
    path = c["path"]()
    if c.get("api"):
        return s.req(path, "POST", fields, headers={"X-CSRF-Token": s.csrf or "none"})
    return s.post(path, fields)


REFUSED = (401, 403, 404, 405, 409)
for pattern, cases in CASES.items():
    if pattern not in live:
        print(f"# {pattern}: no such route (yet): its cases are not run")
        continue
    for c in cases:
        if c.get("before"):
            c["before"]()
        for role in ROLES:
            if role in c["allowed"] or role == c.get("ok"):
                continue
            fields = c["fields"](role)
            before = state()
            st, h, body = send(role, c, fields)
            after = state()
            refused = st in REFUSED or (role == "anonymous" and st == 303 and
                                        "login" in h.get("location", ""))
            check(f"{pattern}: {c['name']}: {role} refused ({st}), nothing changed",
                  refused and before == after, st, changed_tables(before, after), body[:300])
        ok = c.get("ok")
        if ok:
            fields = c["fields"](ok)
            before = state()
            st, h, body = send(ok, c, fields)
            after = state()
            check(f"{pattern}: {c['name']}: {ok} allowed ({st}) and it changed something",
                  st in (200, 201, 303) and before != after, st, body[:400])

# ---- the shared cache never serves a signed-in page to anyone else ----

pages = [r[1] for r in routes if r[0] == "GET" and "api" not in r[2]
         and "{" not in r[1] and not r[1].startswith("/static")]
pages += ["/goals/1/", "/items/1/", "/followups/2025/", "/ministries/meti/",
          f"/indicators/{indicator()}/", "/rounds/2026/", "/api/v1/plans"]
for path in pages:
    st, h, body = sess["secretariat"].get(path)
    if st != 200:
        continue
    check(f"GET {path} signed in: private, no-store",
          h.get("cache-control") == "private, no-store", h.get("cache-control"))
    st2, h2, anon = sess["anonymous"].get(path)
    leak = "u-secretariat" in anon or sess["secretariat"].csrf in anon
    check(f"GET {path} anonymous after a signed-in one: no signed-in content",
          not leak and "private" not in h2.get("cache-control", ""), st2, h2)
for path in pages:
    st, h, anon = sess["anonymous"].get(path)
    if st != 200:
        continue
    st2, h2, body = sess["meti"].get(path)
    check(f"GET {path} signed in after an anonymous one: not the shared copy",
          h2.get("cache-control") == "private, no-store", st2, h2)

# every web route that edits sets src/edit up the same way (rt_edit_new():
# the accounts' policy with the request's address and id), so each kind of
# edit the allowed cases made is audited with the user, the address and
# the request id
trail = json.loads(mdplan("--db", DB, "audit", "--json").stdout)
edits = [x for x in trail if x["actor"].startswith("user:") and
         x["action"].startswith(("indicator.", "round."))]
kinds = {x["action"] for x in edits}
# (the offline workbook's download and upload: offline_test.py)
for want in ("indicator.define", "indicator.value.set", "round.entry.save",
             "round.entry.comment", "round.close"):
    check(f"the web's {want} is audited", want in kinds, sorted(kinds))
bad = [x for x in edits if x.get("address") != "127.0.0.1" or not x.get("request_id")]
check(f"... all {len(edits)} web edits with the address and the request id", edits and not bad,
      bad[:2])

rc = mdplan("--db", DB, "audit", "verify", check_rc=False)
check("the audit chain verifies after all of it", rc.returncode == 0, rc.stdout, rc.stderr)
srv.stop()
summary()
