#!/usr/bin/env python3
"""The public generation (schema 15) and the response cache that keys on
it (issue 13's benchmark): every table but the few only signed-in pages
read raises public_state.gen when it changes; a draft save, a sign-in, a
comment or an audit entry does not, so the server's shared cache of
anonymous pages survives a busy round, and the pages' "updated" line does
not tell the public when a ministry saved a draft; an import, an indicator
edit and a publication do raise it, and the next anonymous request shows
the change. A database of schema 14 gets the triggers when upgraded.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import concurrent.futures
import os
import re
import sqlite3
import time

from tap import (SCHEMA, Server, Session, add_user, check, fresh_db, mdplan, summary,
                 undo_schema_15)

top = os.environ["top"]
PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
DB = "pubgen.db"
fresh_db(DB)
mdplan("--db", DB, "import", "plan", PLAN)
mdplan("--db", DB, "import", "followup", FOLLOWUP)
mdplan("--db", DB, "import", "indicator-defs", os.path.join(top, "data", "indicator-defs.csv"))
mdplan("--db", DB, "import", "indicators", os.path.join(top, "data", "indicators.csv"))
mdplan("--db", DB, "round", "publish", "2025")
mdplan("--db", DB, "round", "open", "2026", "--deadline", "2027-01-31")
PW = "Kirin-Tanuki-2024x"
add_user(DB, "ken", PW, "--role", "editor", "--ministry", "経")
add_user(DB, "sato", PW, "--role", "secretariat")
add_user(DB, "rev", PW, "--role", "reviewer")

# the tables a change of which leaves the number alone; everything else
# (but the search index's own tables, which change with their texts) has
# the three triggers
PRIVATE = {"account", "account_ministry", "account_role", "audit", "audit_head",
           "import_run", "login_throttle", "public_state", "reminder", "role",
           "round_comment", "round_entry", "session"}


def state(db=DB):
    c = sqlite3.connect(db)
    r = c.execute("SELECT gen, at FROM public_state").fetchone()
    c.close()
    return r


def uncovered(db=DB):
    """Tables without all three public triggers, but the private ones and
    the search index's."""
    c = sqlite3.connect(db)
    tables = [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not t.startswith(("search", "sqlite_"))]
    trig = {(tbl, name) for name, tbl in c.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")}
    c.close()
    missing = [t for t in tables if t not in PRIVATE and
               not all((t, f"public_{t}_{op}") in trig for op in ("ins", "upd", "del"))]
    stray = [t for t in tables if t in PRIVATE and
             any((t, f"public_{t}_{op}") in trig for op in ("ins", "upd", "del"))]
    return missing, stray, tables


missing, stray, tables = uncovered()
check("every table but the private ones raises the public generation", not missing, missing)
check("... and no private table does", not stray, stray)
check("... the private ones are tables of this schema (the list names no table that is gone)",
      PRIVATE <= set(tables), PRIVATE - set(tables))

# ---- what raises it, from the command line ----
g0, at0 = state()
check("an import raised it from 1", g0 > 1, g0)
with open("r.txt", "w", encoding="utf-8") as f:
    f.write("実績 下書き\n・拠点を整備した\n")
time.sleep(1.1)   # a change would move the time it shows
mdplan("--db", DB, "round", "entry", "2026", "A4", "経", "--save", "--results-file", "r.txt",
       "--as", "ken")
mdplan("--db", DB, "round", "entry", "2026", "A4", "経", "--text-file", "r.txt", "--as", "rev")
check("a draft save and a comment leave the number and its time alone", state() == (g0, at0),
      state(), (g0, at0))
add_user(DB, "mori", PW, "--role", "editor", "--ministry", "厚", "--display", "森")
mdplan("--db", DB, "user", "disable", "mori")
check("an account added and disabled leaves them alone", state() == (g0, at0), state(), (g0, at0))
mdplan("--db", DB, "indicator", "define", "PUBGEN-T", "--name", "公開世代の試験", "--unit", "件",
       "--direction", "up")
g1, at1 = state()
check("an indicator definition raises it, and its time", g1 > g0 and at1 > at0, (g0, at0), (g1, at1))

# ---- the server: drafts keep the cache, public edits empty it ----
srv = Server(DB)
page = "/items/4/"
st, h, body0 = srv.get(page)
st2, h2, body1 = srv.get(page)
check("an anonymous page, twice", st == 200 and st2 == 200 and body0 == body1, st, st2)
ken = Session(srv)
check("the editor signs in", ken.login("ken", PW) == 303)
form = "/rounds/2026/items/4/meti/"
saved = 0
for i in range(5):
    st, h, t = ken.get(form)
    v = re.search(r'name="version" value="(\d+)"', t)
    st, h, t = ken.post(form, {"results": f"実績 下書き{i}\n・拠点を整備した",
                               "plans": f"取組予定 下書き{i}", "version": v.group(1) if v else "",
                               "op": "save"})
    saved += st == 303
check("five draft saves over HTTP", saved == 5, saved)
check("... left the number alone (sign-in, sessions, audit, drafts)", state()[0] == g1, state(), g1)
st, h, body2 = srv.get(page)
check("the anonymous page is what it was (no draft, same updated time)", body2 == body0)
check("... and holds no draft text", "下書き" not in body2.decode())
sato = Session(srv)
check("the secretariat signs in", sato.login("sato", PW) == 303)
st, h, t = sato.get("/indicators/HUB-COURSES/edit/")
vform = re.search(r'<form[^>]*action="[^"]*values/"[^>]*>(.*?)</form>', t, re.S)
fields = dict(re.findall(r'<input[^>]*name="([a-z]+)"[^>]*value="([^"]*)"', vform.group(1))) if vform else {}
st, h, t = sato.post("/indicators/HUB-COURSES/values/",
                     {"year": fields.get("year", ""), "value": "4321", "version": fields.get("version", ""),
                      "op": "set"})
check("the secretariat saves an indicator value", st == 303, st, t[:300])
g2, at2 = state()
check("... which raised the number", g2 > g1, g1, g2)
st, h, ind = srv.get("/indicators/HUB-COURSES/")
ind = ind.decode()
check("the anonymous indicator page shows the new value at once", "4,321" in ind or "4321" in ind)
rc, out, err = srv.stop()
m = re.search(r"cache: emptied (\d+) times by a change of public content; (\d+) responses", out)
check("the cache was emptied once: by the indicator value, not by the drafts or sign-ins",
      m is not None and m.group(1) == "1", out[-400:])
m = re.search(r"cache: (\d+) stored", out)
check("... and the anonymous page was kept once, then served from the cache",
      m is not None and int(m.group(1)) >= 1, out[-400:])

# ---- after a change, a page many readers miss at once is rendered once ----
srv = Server(DB)
sato = Session(srv)
check("the secretariat signs in again", sato.login("sato", PW) == 303)
heavy = "/followups/2025/"
rounds, bodies, codes = 0, set(), []
for value in range(5000, 5006):
    st, h, t = sato.get("/indicators/HUB-COURSES/edit/")
    vform = re.search(r'<form[^>]*action="[^"]*values/"[^>]*>(.*?)</form>', t, re.S)
    fields = dict(re.findall(r'<input[^>]*name="([a-z]+)"[^>]*value="([^"]*)"',
                             vform.group(1))) if vform else {}
    st, h, t = sato.post("/indicators/HUB-COURSES/values/",
                         {"year": fields.get("year", ""), "value": str(value),
                          "version": fields.get("version", ""), "op": "set"})
    codes.append(st)
    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        got = list(pool.map(lambda _: srv.get(heavy), range(24)))
    codes += [g[0] for g in got]
    bodies = {g[2] for g in got}
    rounds += 1
    if len(bodies) != 1:
        break
fresh = Server(DB, "--no-cache")
st, h, want = fresh.get(heavy)
fresh.stop()
check("24 readers at once after each of 6 public changes: every answer 200, all alike, "
      "and what a server without a cache renders",
      set(codes) == {200, 303} and len(bodies) == 1 and bodies == {want}, sorted(set(codes)),
      len(bodies))
rc, out, err = srv.stop()
m = re.search(r"(\d+) misses answered by another request's rendering", out)
check("... most of them answered by one rendering of the page, not 24",
      m is not None and int(m.group(1)) >= 6, out[-300:])

# ---- a schema 14 database gets all of it when upgraded ----
OLD = "pubgen14.db"
fresh_db(OLD)
mdplan("--db", OLD, "import", "plan", PLAN)
c = sqlite3.connect(OLD, isolation_level=None)
undo_schema_15(c)
c.execute("PRAGMA user_version = 14")
last = c.execute("SELECT max(at) FROM import_run").fetchone()[0]
c.close()
mdplan("--db", OLD, "stats")
c = sqlite3.connect(OLD)
check(f"schema 14 upgraded to the latest ({SCHEMA})",
      c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA)
c.close()
missing, stray, _ = uncovered(OLD)
check("... with every public table's triggers", not missing and not stray, missing, stray)
check("... the number at 1 and the time of the latest import", state(OLD) == (1, last), state(OLD), last)
mdplan("--db", OLD, "import", "followup", FOLLOWUP)
check("... and an import then raises it", state(OLD)[0] > 1, state(OLD))

summary()
