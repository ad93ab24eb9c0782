#!/usr/bin/env python3
"""Accounts and the audit trail from the command line: mdplan user (add,
list, passwd, disable, enable, roles, sessions), passwords only from a
file or the terminal, refused changes that change nothing, mdplan audit
(JSON, CSV, filters) and mdplan audit verify against an intact trail and
against the sqlite3 shell editing, deleting and reordering entries."""
import csv
import io
import json
import os
import shutil
import subprocess
import time

from tap import check, fresh_db, mdplan, summary

GOOD = "Kx7-harbour-Lantern-92"
OTHER = "violet*Quarry*ember*58"


def run(*args, stdin=None):
    return subprocess.run([os.environ["MDPLAN"], *args], capture_output=True, text=True,
                          input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL)


def sql(db, script):
    p = subprocess.run(["sqlite3", db], input=script, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"sqlite3: {p.stderr}")
    return p.stdout


def dump(db):
    return sql(db, ".dump\n")


def pwfile(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    return name


def user(db, *args, stdin=None):
    return run("--db", db, "user", *args, stdin=stdin)


def audit(db, *args):
    return run("--db", db, "audit", *args)


db = "auth.db"
fresh_db(db)
good = pwfile("good.pw", GOOD)
other = pwfile("other.pw", OTHER)

# ---- adding accounts ----
p = user(db, "add", "tanaka", "--role", "editor", "--ministry", "経", "--ministry", "文",
         "--display", "田中 太郎", "--email", "tanaka@example.go.jp", "--password-file", good)
check("user add with --password-file", p.returncode == 0 and "added tanaka" in p.stdout, p.stderr)
p = user(db, "add", "sato", "--role", "secretariat,reviewer", "--password-file", "-", stdin=GOOD + "\r\n")
check("user add reads the password from standard input (CRLF)", p.returncode == 0, p.stderr)
p = user(db, "add", "admin1", "--role", "admin", "--password-file", good)
check("user add admin", p.returncode == 0, p.stderr)
hashes = sql(db, "SELECT pwhash FROM account ORDER BY name;").split()
check("passwords are stored as argon2id hashes only",
      len(hashes) == 3 and all(h.startswith("$argon2id$v=19$m=65536,t=2,p=1$") for h in hashes)
      and GOOD not in dump(db), hashes)

before = dump(db)
refusals = [
    ("a password on the command line", ["add", "suzuki", "--role", "reviewer", "--password", GOOD], 2),
    ("--password=... on the command line", ["add", "suzuki", "--role", "reviewer", f"--password={GOOD}"], 2),
    ("no terminal and no file", ["add", "suzuki", "--role", "reviewer"], 2),
    ("a short password", ["add", "suzuki", "--role", "reviewer", "--password-file",
                          pwfile("short.pw", "Short-pw-11")], 1),
    ("a password with the user name", ["add", "suzuki", "--role", "reviewer", "--password-file",
                                       pwfile("name.pw", "I-am-SUZUKI-2025")], 1),
    ("a common password", ["add", "suzuki", "--role", "reviewer", "--password-file",
                           pwfile("common.pw", "Password123456")], 1),
    ("a common password (romaji + digits)", ["add", "suzuki", "--role", "reviewer", "--password-file",
                                             pwfile("sakura.pw", "sakura20252025")], 1),
    ("a name that is taken", ["add", "tanaka", "--role", "reviewer", "--password-file", good], 1),
    ("a bad name", ["add", "Ta Naka", "--role", "reviewer", "--password-file", good], 1),
    ("an unknown role", ["add", "suzuki", "--role", "boss", "--password-file", good], 2),
    ("an unknown ministry", ["add", "suzuki", "--role", "editor", "--ministry", "財", "--password-file", good], 2),
    ("an editor without ministry", ["add", "suzuki", "--role", "editor", "--password-file", good], 1),
    ("a ministry without editor", ["add", "suzuki", "--role", "reviewer", "--ministry", "経",
                                   "--password-file", good], 1),
    ("a bad e-mail", ["add", "suzuki", "--role", "reviewer", "--email", "nobody", "--password-file", good], 1),
    ("roles of a missing user", ["roles", "nobody", "--role", "reviewer"], 1),
    ("passwd of a missing user", ["passwd", "nobody", "--password-file", good], 1),
    ("passwd with a common password", ["passwd", "tanaka", "--password-file",
                                       pwfile("p2.pw", "qwertyuiop123456")], 1),
    ("passwd on the command line", ["passwd", "tanaka", "--password", OTHER], 2),
    ("disable a missing user", ["disable", "nobody"], 1),
    ("revoke a session that is not there", ["sessions", "tanaka", "--revoke", "99"], 1),
]
for name, args, want in refusals:
    p = user(db, *args)
    check(f"refused: {name} (exit {want})", p.returncode == want, p.returncode, p.stdout, p.stderr)
check("the refused commands changed nothing", dump(db) == before)
p = user(db, "add", "suzuki", "--role", "reviewer", "--password", GOOD)
check("the refusal says why", "never taken from the command line" in p.stderr, p.stderr)
p = user(db, "add", "suzuki", "--role", "reviewer", "--password-file", "name.pw")
check("the policy's reason is shown", "must not contain the user name" in p.stderr, p.stderr)

# ---- listing ----
p = user(db, "list", "--json")
users = json.loads(p.stdout) if p.returncode == 0 else []
by = {u["name"]: u for u in users}
check("user list --json", sorted(by) == ["admin1", "sato", "tanaka"], p.stdout)
check("user list --json: roles and ministries",
      by["tanaka"]["roles"] == ["editor"] and by["tanaka"]["ministries"] == ["mext", "meti"]
      and by["sato"]["roles"] == ["secretariat", "reviewer"] and by["tanaka"]["display"] == "田中 太郎"
      and by["tanaka"]["email"] == "tanaka@example.go.jp" and by["tanaka"]["disabled"] is False, users)
check("user list --json has no password hash", "argon2" not in p.stdout and "pwhash" not in p.stdout)
p = user(db, "list")
check("user list (text)", p.returncode == 0 and "tanaka" in p.stdout and "文、経" in p.stdout, p.stdout)

# ---- changes ----
p = user(db, "passwd", "tanaka", "--password-file", other)
check("user passwd", p.returncode == 0, p.stderr)
new_hash = sql(db, "SELECT pwhash FROM account WHERE name = 'tanaka';").strip()
check("user passwd changed the hash", new_hash not in hashes and new_hash.startswith("$argon2id$"))
p = user(db, "roles", "tanaka", "--role", "editor", "--role", "reviewer", "--ministry", "厚")
check("user roles", p.returncode == 0 and "editor,reviewer (厚)" in p.stdout, p.stdout, p.stderr)
p = user(db, "disable", "tanaka")
check("user disable", p.returncode == 0, p.stderr)
by = {u["name"]: u for u in json.loads(user(db, "list", "--json").stdout)}
check("disabled, with the new roles", by["tanaka"]["disabled"] is True
      and by["tanaka"]["roles"] == ["editor", "reviewer"] and by["tanaka"]["ministries"] == ["mhlw"], by["tanaka"])
p = user(db, "enable", "tanaka")
check("user enable", p.returncode == 0, p.stderr)

# ---- sessions (made here the way a login stores them: only a hash) ----
now = int(time.time())
sql(db, f"""INSERT INTO session(token_hash, account_id, csrf, created, last_seen, expires, address, user_agent)
 SELECT '{"a" * 64}', id, 'csrf-x', {now - 60}, {now - 30}, {now + 3600}, '192.0.2.5', 'Firefox' FROM account WHERE name = 'tanaka';
 INSERT INTO session(token_hash, account_id, csrf, created, last_seen, expires, address, user_agent)
 SELECT '{"b" * 64}', id, 'csrf-y', {now - 50}, {now - 20}, {now + 3600}, '192.0.2.6', 'Chromium' FROM account WHERE name = 'tanaka';
 INSERT INTO session(token_hash, account_id, csrf, created, last_seen, expires, address, user_agent)
 SELECT '{"c" * 64}', id, 'csrf-z', {now - 50}, {now - 20}, {now + 3600}, '192.0.2.7', 'curl' FROM account WHERE name = 'sato';""")
ids = sql(db, "SELECT id FROM session ORDER BY id;").split()
p = user(db, "sessions", "tanaka", "--json")
ss = json.loads(p.stdout) if p.returncode == 0 else []
check("user sessions --json lists the account's sessions, newest first",
      [s["id"] for s in ss] == [int(ids[1]), int(ids[0])] and all(s["live"] for s in ss)
      and ss[0]["address"] == "192.0.2.6", p.stdout, p.stderr)
check("user sessions shows no token or CSRF token", "csrf" not in p.stdout and "aaaa" not in p.stdout)
before = dump(db)
p = user(db, "sessions", "tanaka", "--revoke", ids[2])
check("another account's session cannot be revoked through this one", p.returncode == 1)
check("... and nothing changed", dump(db) == before)
p = user(db, "sessions", "tanaka", "--revoke", ids[0])
check("user sessions --revoke ID", p.returncode == 0, p.stderr)
p = user(db, "sessions", "tanaka", "--revoke", ids[0])
check("revoking it again: exit 1", p.returncode == 1)
p = user(db, "sessions", "tanaka", "--revoke-all")
check("user sessions --revoke-all", p.returncode == 0 and "1 session of tanaka ended" in p.stdout, p.stdout)
ss = json.loads(user(db, "sessions", "tanaka", "--json").stdout)
check("revoked sessions are no longer live", not any(s["live"] for s in ss)
      and all(s["reason"] == "revoked" for s in ss), ss)
check("sato's session is untouched",
      sql(db, "SELECT revoked IS NULL FROM session WHERE account_id = (SELECT id FROM account WHERE name='sato');").strip() == "1")

# ---- the audit trail ----
p = audit(db, "--json")
entries = json.loads(p.stdout) if p.returncode == 0 else []
check("audit --json is an array of objects with time, actor, action, target, address",
      isinstance(entries, list) and entries and all(
          all(k in e for k in ("time", "actor", "action", "target", "address")) for e in entries), p.stdout[:500])
actions = [e["action"] for e in entries]
want = ["user.add", "user.add", "user.add", "user.passwd", "user.roles", "user.disable",
        "user.enable", "session.revoke", "session.revoke"]
check("every change is audited, in order, and no refusal is", actions == want, actions)
check("audit entries name the command-line user", all(e["actor"].startswith("cli:") for e in entries))
check("audit entries have their seq and a chain of hashes",
      [e["seq"] for e in entries] == list(range(1, len(want) + 1))
      and all(len(e["hash"]) == 64 for e in entries))
roles = [e for e in entries if e["action"] == "user.roles"][0]
check("user.roles has before and after", roles["before"] == "roles=editor\nministries=mext,meti"
      and roles["after"] == "roles=editor,reviewer\nministries=mhlw", roles)
check("times are ISO 8601 UTC", all(len(e["time"]) == 20 and e["time"].endswith("Z") for e in entries))
p = audit(db, "--json", "--action", "user")
check("--action user takes user.*", [e["action"] for e in json.loads(p.stdout)] == want[:7], p.stdout[:300])
p = audit(db, "--json", "--action", "session.revoke")
check("--action session.revoke", len(json.loads(p.stdout)) == 2)
p = audit(db, "--json", "--action", "use")
check("--action use is not a prefix of user.add", json.loads(p.stdout) == [])
p = audit(db, "--json", "--user", "sato")
check("--user sato", [e["target"] for e in json.loads(p.stdout)] == ["user:sato"], p.stdout[:300])
p = audit(db, "--json", "--since", "2999-01-01")
check("--since in the future: nothing", p.returncode == 0 and json.loads(p.stdout) == [])
p = audit(db, "--json", "--since", entries[0]["time"][:10])
check("--since today: everything", len(json.loads(p.stdout)) == len(want))
p = audit(db, "--since", "yesterday")
check("--since with a bad date: exit 2", p.returncode == 2)
p = audit(db, "--csv")
rows = list(csv.reader(io.StringIO(p.stdout.lstrip("\ufeff"))))
check("audit --csv: header and one row an entry", rows[0][:6] == ["seq", "time", "actor", "address", "action", "target"]
      and len(rows) == len(want) + 1 and p.stdout.startswith("\ufeff"), rows[:2])
p = audit(db)
check("audit (text)", p.returncode == 0 and "user.roles" in p.stdout and "before: roles=editor" in p.stdout, p.stdout[:300])

p = audit(db, "verify")
check("audit verify: intact after all of it", p.returncode == 0 and f"intact: {len(want)} entries" in p.stdout,
      p.stdout, p.stderr)

# the sqlite3 shell: the triggers refuse a plain edit ...
p = subprocess.run(["sqlite3", db, "UPDATE audit SET actor = 'cli:nobody' WHERE seq = 4;"],
                   capture_output=True, text=True)
check("the audit table refuses UPDATE", p.returncode != 0 and "append-only" in p.stderr, p.stderr)
p = subprocess.run(["sqlite3", db, "DELETE FROM audit WHERE seq = 4;"], capture_output=True, text=True)
check("the audit table refuses DELETE", p.returncode != 0 and "append-only" in p.stderr, p.stderr)
check("audit verify: still intact", audit(db, "verify").returncode == 0)


def tampered(script):
    t = "tampered.db"
    fresh_db(t)
    shutil.copy(db, t)
    sql(t, "DROP TRIGGER audit_no_UPDATE; DROP TRIGGER audit_no_DELETE;\n" + script)
    return audit(t, "verify")


p = tampered("UPDATE audit SET after_text = 'sessions ended=7' WHERE seq = 4;")
check("an edited entry: exit 1, named", p.returncode == 1 and "entry 4" in p.stderr
      and "BROKEN at entry 4" in p.stdout, p.stdout, p.stderr)
p = tampered("UPDATE audit SET actor = 'cli:someone-else' WHERE seq = 2;")
check("an edited actor: entry 2 named", p.returncode == 1 and "broken at entry 2" in p.stderr, p.stderr)
p = tampered("DELETE FROM audit WHERE seq = 5;")
check("a deleted entry: exit 1, named", p.returncode == 1 and "entry 5 is missing" in p.stderr, p.stderr)
p = tampered(f"DELETE FROM audit WHERE seq = {len(want)};")
check("the newest entry deleted: exit 1, named", p.returncode == 1 and f"entry {len(want)}" in p.stderr, p.stderr)
p = tampered("UPDATE audit SET seq = -1 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4;"
             " UPDATE audit SET seq = 4 WHERE seq = -1;")
check("two entries swapped: exit 1, the first named", p.returncode == 1 and "broken at entry 3" in p.stderr, p.stderr)
p = tampered("DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 WHERE seq > 3;")
check("deleted and renumbered: exit 1, named", p.returncode == 1 and "broken at entry 3" in p.stderr, p.stderr)
check("audit verify of the original: intact", audit(db, "verify").returncode == 0)

summary()
