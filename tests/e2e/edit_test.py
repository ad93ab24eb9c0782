#!/usr/bin/env python3
"""Versions and actors end to end, on the real documents.

`mdplan indicator define` goes through the edit layer: each change bumps the
row's version and lands in `mdplan history` (text and --json) with the
actor cli:$USER and the version it made; `--version N` refuses a stale N
(exit 4, a message naming the stored version) and changes nothing, checked
against a full dump of the database file. Imports record their run as the
actor (import:KIND PATH). A database of schema 3 is brought forward with
the versions and import actors that history implies: the test records them
live, strips the version 4 columns with the sqlite3 shell's library, lets
mdplan migrate, and compares.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import json
import os
import sqlite3
import subprocess

from tap import MDPLAN, SCHEMA, check, fresh_db, summary, undo_schema_5

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
TOP = os.environ["top"]
DEFS = os.path.join(TOP, "data", "indicator-defs.csv")
VALUES = os.path.join(TOP, "data", "indicators.csv")


def run(db, *args, user="tanaka"):
    env = dict(os.environ)
    env.pop("LOGNAME", None)
    if user is None:
        env.pop("USER", None)
    else:
        env["USER"] = user
    return subprocess.run([MDPLAN, "--db", db, *args], capture_output=True,
                          text=True, env=env)


def history(db):
    p = run(db, "history", "--json")
    return json.loads(p.stdout) if p.returncode == 0 else None


def dump(db):
    """Every row of every table (the search index's own tables included; the
    FTS5 table itself needs mdplan's tokenizer), as the sqlite3 library
    reads the file."""
    c = sqlite3.connect(db)
    try:
        out = [str(c.execute("PRAGMA user_version").fetchone())]
        for name, sql in sorted(c.execute("SELECT name, sql FROM sqlite_master"
                                          " WHERE type = 'table'").fetchall()):
            if not sql.upper().startswith("CREATE VIRTUAL"):
                out.append(name + repr(c.execute(f'SELECT * FROM "{name}"').fetchall()))
        return "\n".join(out)
    finally:
        c.close()


def ind(db, code):
    p = run(db, "indicators", code, "--json")
    return json.loads(p.stdout) if p.returncode == 0 else None


db = "edit.db"
fresh_db(db)
for kind, path in (("plan", PLAN), ("followup", FOLLOWUP),
                   ("indicator-defs", DEFS), ("indicators", VALUES)):
    p = run(db, "import", kind, path)
    check(f"import {kind}", p.returncode == 0, p.stderr[-300:])
check("history after first imports is empty", history(db) == [], history(db))

# ---- a CLI edit: version 2, actor cli:$USER ----
p = run(db, "indicator", "define", "HUB-COURSES", "--target", "2026:100")
check("define prints the new version", p.returncode == 0 and
      p.stdout.strip() == "updated HUB-COURSES (version 2)", p.stdout, p.stderr)
h = history(db)
check("define: two history entries (target year and value)",
      [e["field"] for e in h] == ["target_year", "target_value"], h)
check("define: each entry has actor cli:$USER and version 2",
      all(e["actor"] == "cli:tanaka" and e["version"] == 2 for e in h), h)
check("define: entries keep table, row, what, year, field, old, new, run, at",
      all(set(e) == {"table", "row", "what", "year", "field", "old", "new", "run", "at",
                     "actor", "version"}
          and e["table"] == "indicator" and e["old"] is None for e in h), h)
check("define: new values as given", [e["new"] for e in h] == ["2026", "100"], h)
text = run(db, "history").stdout
check("history text shows version and actor",
      'HUB-COURSES v2 target_value: "" -> "100" by cli:tanaka' in text
      and "indicator#" not in text, text)

# ---- --version: stale refused, nothing changed ----
before = dump(db)
p = run(db, "indicator", "define", "HUB-COURSES", "--target", "2026:120", "--version", "1")
check("stale --version exits 4", p.returncode == 4, p.returncode, p.stderr)
check("stale --version names the stored version",
      "at version 2, not 1" in p.stderr and "HUB-COURSES" in p.stderr, p.stderr)
check("stale --version changes nothing (database dump)", dump(db) == before)
check("stale --version: the target is still 100",
      ind(db, "HUB-COURSES")["target"] == {"year": 2026, "value": 100})
p = run(db, "indicator", "define", "HUB-COURSES", "--target", "2026:120", "--version", "9")
check("a --version from the future is refused too", p.returncode == 4 and dump(db) == before,
      p.stderr)
p = run(db, "indicator", "define", "HUB-COURSES", "--version", "x")
check("--version takes a number (usage error)", p.returncode == 2 and "--version" in p.stderr,
      p.stderr)
p = run(db, "indicator", "define", "HUB-COURSES", "--target", "2026:120", "--version", "2",
        user="suzuki")
check("the current --version is accepted: version 3", p.returncode == 0 and
      p.stdout.strip() == "updated HUB-COURSES (version 3)", p.stdout, p.stderr)
h = history(db)
check("the second edit is suzuki's, version 3",
      [(e["field"], e["old"], e["new"], e["actor"], e["version"]) for e in h[2:]] ==
      [("target_value", "100.0", "120", "cli:suzuki", 3)], h[2:])
p = run(db, "indicator", "define", "HUB-COURSES", "--target", "2026:120", "--version", "3")
check("saying the same again: unchanged, still version 3",
      p.returncode == 0 and p.stdout.strip() == "unchanged HUB-COURSES (version 3)", p.stdout)

p = run(db, "indicator", "define", "NEW-1", "--name", "新しい指標", "--unit", "件",
        "--direction", "up", "--version", "0")
check("--version 0 creates a new indicator at version 1",
      p.returncode == 0 and p.stdout.strip() == "defined NEW-1 (version 1)", p.stdout, p.stderr)
before = dump(db)
p = run(db, "indicator", "define", "NEW-1", "--name", "別の指標", "--version", "0")
check("--version 0 for an existing code is a conflict",
      p.returncode == 4 and "already exists (version 1)" in p.stderr and dump(db) == before,
      p.stderr)
p = run(db, "indicator", "define", "NEW-2", "--name", "x", "--unit", "件",
        "--direction", "up", "--version", "1")
check("--version N for a code that does not exist is a conflict",
      p.returncode == 4 and "does not exist" in p.stderr and dump(db) == before, p.stderr)
p = run(db, "indicator", "define", "NEW-1", "--direction", "sideways")
check("an invalid value: usage error naming the option, nothing written",
      p.returncode == 2 and "--direction" in p.stderr and dump(db) == before, p.stderr)
p = run(db, "indicator", "define", "NEW-1", "--notes", "x", user=None)
check("without $USER the account name is the actor",
      p.returncode == 0 and history(db)[-1]["actor"].startswith("cli:") and
      history(db)[-1]["actor"] != "cli:", history(db)[-1])

# ---- imports: the run is the actor ----
fixed = "fixed.tsv"
with open(FOLLOWUP, encoding="utf-8") as f:
    src = f.read()
with open(fixed, "w", encoding="utf-8") as f:
    f.write(src.replace("令和5年度に事業終了", "令和5年度に事業終了(訂正)", 1))
p = run(db, "import", "followup", fixed)
check("corrected follow-up import", p.returncode == 0, p.stderr[-300:])
h = [e for e in history(db) if e["table"] == "followup"]
check("follow-up change: actor import:followup fixed.tsv, version 2",
      [(e["field"], e["actor"], e["version"]) for e in h] ==
      [("results", "import:followup fixed.tsv", 2)], h)
text = run(db, "history").stdout
check("history text: the import as actor",
      '-> "令和5年度に事業終了(訂正)" by import:followup fixed.tsv' in text and " v2 results: " in text,
      text[-400:])
p = run(db, "import", "followup", FOLLOWUP)
h = [e for e in history(db) if e["table"] == "followup"]
check("re-importing the original: version 3 by the original file's run",
      h[-1]["version"] == 3 and h[-1]["actor"] == "import:followup " + FOLLOWUP, h[-1])

vals = "vals.csv"
with open(vals, "w", encoding="utf-8") as f:
    f.write("code,year,value,note,source\nHUB-COURSES,2024,70,,訂正\n")
p = run(db, "import", "indicators", vals)
h = [e for e in history(db) if e["table"] == "indicator_value"]
check("value import: actor import:indicators vals.csv, version 2",
      p.returncode == 0 and {(e["actor"], e["version"]) for e in h} ==
      {("import:indicators vals.csv", 2)} and {e["field"] for e in h} == {"value", "source", "as_of"},
      h, p.stderr)

# a removed follow-up row: removed into history with its version
with open(fixed, "w", encoding="utf-8") as f:
    f.write("\n".join(l for l in src.split("\n") if "倫理審査委員会の審査の均てん化" not in l))
p = run(db, "import", "followup", fixed)
gone = [e for e in history(db) if e["table"] == "followup" and e["new"] is None]
check("a removed row goes to history with actor and next version",
      p.returncode == 0 and len(gone) == 3 and
      all(e["actor"] == "import:followup fixed.tsv" and e["version"] == 2 for e in gone), gone)

# ---- a schema 3 database is brought forward ----
live = history(db)
c = sqlite3.connect(db)
versions = {t: c.execute(f"SELECT rowid, version FROM {t} ORDER BY rowid").fetchall()
            for t in ("plan", "vision", "goal", "measure", "action_item", "followup",
                      "indicator", "indicator_value")}
c.close()
c = sqlite3.connect(db, isolation_level=None)
undo_schema_5(c)
for t in ("source", "plan", "vision", "goal", "goal_listing", "measure", "action_item",
          "area", "fiscal_year", "followup", "indicator", "indicator_value"):
    c.execute(f"ALTER TABLE {t} DROP COLUMN version")
c.execute("ALTER TABLE history DROP COLUMN version")
c.execute("ALTER TABLE history DROP COLUMN actor")
c.execute("ALTER TABLE import_run DROP COLUMN actor")
c.execute("PRAGMA user_version = 3")
c.close()
old = history(db)
check("a schema 3 database opens (migrated on first read)", old is not None and
      len(old) == len(live), len(old or []), len(live))
c = sqlite3.connect(db)
check(f"migration: schema version is the latest ({SCHEMA})",
      c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA)
got = {t: c.execute(f"SELECT rowid, version FROM {t} ORDER BY rowid").fetchall()
       for t in versions}
c.close()
check("migration: every row's version is what history implies (as recorded live)",
      got == versions, {t: (got[t][:3], versions[t][:3]) for t in versions if got[t] != versions[t]})
check("migration: every history entry's version as recorded live",
      [e["version"] for e in old] == [e["version"] for e in live],
      [(e["field"], e["version"]) for e in old][:8])
check("migration: import runs keep their actor",
      [e["actor"] for e in old if e["actor"].startswith("import:")] ==
      [e["actor"] for e in live if e["actor"].startswith("import:")])
check("migration: CLI edits before actors were recorded are cli:unknown",
      {e["actor"] for e in old if not e["actor"].startswith("import:")} == {"cli:unknown"},
      {e["actor"] for e in old})
p = run(db, "indicator", "define", "HUB-COURSES", "--notes", "移行後", "--version", "3")
check("after migration editing continues from the reconstructed version",
      p.returncode == 0 and "(version 4)" in p.stdout, p.stdout, p.stderr)

summary()
