"""What the Python end-to-end tests share: TAP-style "ok N - name" /
"not ok N - name" lines for tests/run.sh, running the binary under test,
and fresh database files."""
import os
import subprocess

MDPLAN = os.environ["MDPLAN"]
n = 0
failures = 0


def check(name, cond, *detail):
    global n, failures
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failures += 1
        print(f"not ok {n} - {name}")
        for d in detail:
            print("    " + str(d)[:600])


def mdplan(*args, check_rc=True):
    p = subprocess.run([MDPLAN, *args], capture_output=True, text=True)
    if check_rc and p.returncode != 0:
        raise SystemExit(f"mdplan {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def fresh_db(path):
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(path + ext):
            os.remove(path + ext)


def summary():
    print(f"# {n} checks, {failures} failed")


def undo_schema_5(c):
    """Takes what migration 5 (plan rows keep their identity) added out of
    an open sqlite3 connection (isolation_level=None), so that a test can
    make an older database from a current one: the retired columns, their
    search triggers, history's what and year, follow-up keys by item
    number, and schema 2's search view."""
    view = c.execute("SELECT sql FROM sqlite_master WHERE name = 'search_doc'").fetchone()
    if view:
        c.execute("DROP VIEW search_doc")
    for t in ("vision", "goal", "measure", "action_item", "area"):
        c.execute(f"ALTER TABLE {t} DROP COLUMN retired")
        c.execute(f"ALTER TABLE {t} DROP COLUMN retired_no")
    for t in ("vision", "goal", "measure", "action_item"):
        c.execute(f"DROP TRIGGER IF EXISTS search_{t}_ret")
    c.execute("ALTER TABLE history DROP COLUMN what")
    c.execute("ALTER TABLE history DROP COLUMN year")
    c.execute("UPDATE followup SET row_key = 'item:' || (SELECT no FROM action_item i"
              " WHERE i.id = action_item_id) WHERE action_item_id IS NOT NULL")
    if view:
        sql = view[0].replace(" AND i.retired IS NULL", "")
        for a in "vgma":
            sql = sql.replace(f" WHERE {a}.retired IS NULL", "")
        c.execute(sql)
