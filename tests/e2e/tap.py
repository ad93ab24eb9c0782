"""What the Python end-to-end tests share: TAP-style "ok N - name" /
"not ok N - name" lines for tests/run.sh, running the binary under test,
fresh database files, and `mdplan serve` on a loopback port."""
import http.client
import io
import os
import re
import signal
import subprocess
import urllib.parse
import uuid

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


def write_fy2024(followup, path):
    """The FY2025 table shifted back a year, with A40's results reworded
    the way a ministry's text changes between years, written to path."""
    with open(followup, encoding="utf-8") as f:
        fu = f.read()
    fy24 = fu.replace("令和7年度", "令和6年度").replace("令和8年度", "令和7年度")
    fy24 = fy24.replace("海外スタートアップへのMEDISO広報を実施し海外での周知を行った",
                        "海外展開に関する個別相談に対応した")
    assert fy24 != fu
    with open(path, "w", encoding="utf-8") as f:
        f.write(fy24)


def summary():
    print(f"# {n} checks, {failures} failed")


def undo_schema_13(c):
    """Takes what migration 13 (the board's index on round entries) added
    (and first what 14 added)."""
    undo_schema_14(c)
    c.execute("DROP INDEX IF EXISTS round_entry_state")


def undo_schema_12(c):
    """Takes what migration 12 (the reminder mail's record) added out of an
    open sqlite3 connection (and first what 13 added)."""
    undo_schema_13(c)
    c.execute("DROP TABLE IF EXISTS reminder")


# the schema version this mdplan makes (src/store/schema.h, store_migrations)
SCHEMA = 18


def undo_schema_18(c):
    """Takes what migration 18 (the board's covering index) added out of an
    open sqlite3 connection."""
    c.execute("DROP INDEX IF EXISTS round_entry_board")


def undo_schema_17(c):
    """Takes what migration 17 (history by version) changed out of an open
    sqlite3 connection: its index goes, history_row comes back (and first
    what 18 added)."""
    undo_schema_18(c)
    c.execute("DROP INDEX IF EXISTS history_version")
    c.execute("CREATE INDEX IF NOT EXISTS history_row ON history(tbl, row_id)")


def undo_schema_16(c):
    """Takes what migration 16 (the round's reminder days) added out of an
    open sqlite3 connection: the column remind_days of round (and first
    what 17 changed)."""
    undo_schema_17(c)
    cols = [r[1] for r in c.execute("PRAGMA table_info(round)").fetchall()]
    if "remind_days" in cols:
        c.execute("ALTER TABLE round DROP COLUMN remind_days")


def undo_schema_15(c):
    """Takes what migration 15 (the public generation) added out of an open
    sqlite3 connection: the triggers that raise it, and its table (and
    first what 16 added)."""
    undo_schema_16(c)
    for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                          " AND name LIKE 'public\\_%' ESCAPE '\\'").fetchall():
        c.execute(f"DROP TRIGGER {t}")
    c.execute("DROP TABLE IF EXISTS public_state")


def undo_schema_14(c):
    """Takes what migration 14 (the round's entries in the search index)
    added out of an open sqlite3 connection: its triggers, and kind 7 in the
    action_ministry triggers (the test kind's table it dropped is not put
    back: nothing reads it); and first what 15 added."""
    undo_schema_15(c)
    for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                          " AND name LIKE 'search_round_entry_%'").fetchall():
        c.execute(f"DROP TRIGGER {t}")
    # the documents of kind 7 stay (the FTS5 tables need mdplan's tokenizer):
    # migrating again marks every entry and re-indexes it in place
    if c.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_map'").fetchone():
        for op in ("INSERT", "UPDATE", "DELETE"):
            name = f"search_action_ministry_{op[:3].lower()}"
            c.execute(f"DROP TRIGGER IF EXISTS {name}")
            c.execute(f"CREATE TRIGGER {name} AFTER {op} ON action_ministry BEGIN"
                      " INSERT OR IGNORE INTO search_stale VALUES (1), (2), (3), (4), (6); END")


def undo_schema_10(c):
    """Takes what migration 10 (the follow-up round, published editions) added
    out of an open sqlite3 connection: its triggers, tables and blocks; what
    came after (12, 13 and 14; 11's table is dropped by its callers) goes first."""
    undo_schema_12(c)
    for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND"
                          " (name LIKE 'edition%' OR name LIKE 'text_block_no_%')").fetchall():
        c.execute(f"DROP TRIGGER {t}")
    if c.execute("SELECT 1 FROM sqlite_master WHERE name = 'round_entry'").fetchone():
        c.execute("DELETE FROM text_block WHERE owner IN ('round_entry', 'edition_row')")
        c.execute("DELETE FROM history WHERE tbl IN ('round', 'round_entry')")
    for t in ("edition_change", "edition_row", "edition", "round_comment", "round_entry",
              "round"):
        c.execute(f"DROP TABLE IF EXISTS {t}")


def undo_schema_9(c):
    """Takes what migration 9 (programmes, budgets, results, hubs) added out
    of an open sqlite3 connection: its tables; what came after goes first."""
    undo_schema_10(c)
    for t in ("programme_link", "programme_indicator", "programme_result", "budget", "hub",
              "programme"):
        c.execute(f"DROP TABLE IF EXISTS {t}")


def undo_schema_8(c):
    """Migration 8 only adds indexes (IF NOT EXISTS, so they may stay);
    what came after it goes."""
    undo_schema_9(c)


def undo_schema_7(c):
    """Takes what migration 7 (accounts, sessions, login throttling, the
    audit trail) and the later ones added out of an open sqlite3
    connection."""
    undo_schema_8(c)
    for t in ("audit_head", "audit", "login_throttle", "session", "account_ministry",
              "account_role", "role", "account"):
        c.execute(f"DROP TABLE IF EXISTS {t}")


def undo_schema_6(c, keep_fts=True):
    """Takes what migration 6 (the search index with a document map) added
    out of an open sqlite3 connection (isolation_level=None) and puts back
    what schema 2 to 5 had for search (tests/data/search-schema-v2.sql);
    the FTS5 table `search` stays (the same definition), unless keep_fts
    is false (a database older than schema 2). Once done, a no-op. What
    came after (schema 7) goes first."""
    undo_schema_7(c)
    if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_map'").fetchone():
        return
    for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                          " AND name LIKE 'search%'").fetchall():
        c.execute(f"DROP TRIGGER {t}")
    for t in ("search_ministry", "search_reader", "search_map", "search_dirty", "search_stale",
              "search_test_doc"):
        c.execute(f"DROP TABLE IF EXISTS {t}")
    fts = ["search_private"] + ([] if keep_fts else ["search"])
    c.execute("PRAGMA writable_schema = 1")
    for t in fts:
        c.execute("DELETE FROM sqlite_master WHERE name = ?", (t,))
    c.execute("PRAGMA writable_schema = RESET")
    for t in fts:
        for shadow in ("data", "idx", "content", "docsize", "config"):
            c.execute(f"DROP TABLE {t}_{shadow}")
    if keep_fts:
        top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        with open(os.path.join(top, "tests", "data", "search-schema-v2.sql"),
                  encoding="utf-8") as f:
            c.executescript(f.read())


def undo_schema_5(c):
    """Takes what migrations 6 (above) and 5 (plan rows keep their
    identity) added out of an open sqlite3 connection (isolation_level=None),
    so that a test can make an older database from a current one: the
    retired columns, history's what and year, follow-up keys by item
    number."""
    undo_schema_6(c)
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


class Server:
    """`mdplan serve --port 0` on db with extra options; the access log goes
    to log (default DB.access.log). Server.at(port): one started elsewhere
    (a benchmark's), for req() and Sessions only."""

    @classmethod
    def at(cls, port):
        srv = cls.__new__(cls)
        srv.proc, srv.log, srv.port, srv.requests = None, None, port, 0
        return srv

    def __init__(self, db, *extra, log=None):
        self.log = log or db + ".access.log"
        if os.path.exists(self.log):
            os.remove(self.log)
        self.proc = subprocess.Popen(
            [MDPLAN, "--db", db, "serve", "--port", "0", "--log", self.log, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise SystemExit("server did not start: " + line + self.proc.stderr.read())
        self.port = int(m.group(1))
        self.requests = 0

    def req(self, path, method="GET", body=None, headers=None, quote=True, timeout=30):
        """One request on a new connection. The path is sent as given when
        quote is false (it must then be ASCII)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        if quote:
            path = urllib.parse.quote(path, safe="/?&=%:\\.-_~")
        c.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            c.putheader(k, v)
        if body is not None:
            c.putheader("Content-Length", str(len(body)))
        c.endheaders()
        if body is not None:
            try:
                c.send(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        r = c.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        # every Set-Cookie of the last answer (hdrs keeps only one)
        self.set_cookies = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
        c.close()
        self.requests += 1
        return r.status, hdrs, data

    def get(self, path):
        return self.req(path)

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, out, err


def db_dump(db):
    """The whole database as SQL text (`sqlite3 DB .dump`): compare a dump
    taken before a refused request with one taken after."""
    return subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True,
                          check=True).stdout


def add_user(db, name, password, *args):
    """`mdplan user add NAME ARGS…` with the password given through a file."""
    pw = db + "." + name + ".pw"
    with open(pw, "w") as f:
        f.write(password + "\n")
    mdplan("--db", db, "user", "add", name, *args, "--password-file", pw)
    os.remove(pw)


def add_users(db, password, users):
    """add_user() for each (name, role, ministries) of users, ministries
    as `user add --ministry` takes them ("経", "mhlw")."""
    for name, role, ministries in users:
        args = ["--role", role]
        for m in ministries:
            args += ["--ministry", m]
        add_user(db, name, password, *args)


CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def multipart(fields, filename, data):
    """(body, Content-Type) of a multipart/form-data POST: fields, then
    data as the field "file" (a workbook) unless it is None."""
    b = "----mdplan" + uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    if data is not None:
        out.write(f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                  'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
                  '\r\n\r\n'.encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{b}--\r\n".encode())
    return out.getvalue(), "multipart/form-data; boundary=" + b


def sign_in(srv, user, password, headers=None):
    """Signs in to srv (a Server) through /login/ as a browser does: GET
    the form for its CSRF token and the pre-session cookie, POST the form
    with both. headers go with both requests (X-Forwarded-For, ...).
    Returns (status of the POST, its headers, the session cookie
    "mdplan_session=…" or None): 303 with a cookie when it worked, 200
    when refused, 429 (Retry-After in the headers) when throttled."""
    hd = dict(headers or {})
    st, h, data = srv.req("/login/", headers=hd)
    m = CSRF_RE.search(data.decode("utf-8", "replace"))
    pre = [c.split(";")[0] for c in srv.set_cookies if c.startswith("mdplan_pre=")]
    body = urllib.parse.urlencode({"user": user, "password": password,
                                   "csrf": m.group(1) if m else ""}).encode()
    hd.update({"Content-Type": "application/x-www-form-urlencoded",
               "Cookie": pre[0] if pre else ""})
    st, h, data = srv.req("/login/", "POST", body=body, headers=hd)
    sess = [c.split(";")[0] for c in srv.set_cookies if c.startswith("mdplan_session=")]
    return st, h, (sess[0] if st == 303 and sess else None)


class Session:
    """One browser-like client of srv (a Server): keeps the session cookie,
    knows the session's CSRF token (read from the last signed-in page that
    carried a form), sends forms urlencoded. login() signs in through
    /login/ as a browser does; anonymous until then."""

    def __init__(self, srv):
        self.srv = srv
        self.cookie = None     # "mdplan_session=…"
        self.csrf = None

    def req(self, path, method="GET", fields=None, headers=None, cookie=True):
        """(status, headers, body text). fields: a dict or a list of pairs,
        sent urlencoded; the session cookie unless cookie is false."""
        hd = dict(headers or {})
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            hd.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if cookie and self.cookie:
            hd["Cookie"] = self.cookie + ("; " + hd["Cookie"] if "Cookie" in hd else "")
        st, h, data = self.srv.req(path, method, body=body, headers=hd)
        text = data.decode("utf-8", "replace")
        m = CSRF_RE.search(text)
        if m and self.cookie and st == 200 and "login" not in path:
            self.csrf = m.group(1)
        return st, h, text

    def get(self, path):
        return self.req(path)

    def post(self, path, fields=None, csrf=True, headers=None):
        """A form POST; the session's CSRF token is added unless csrf is
        false (or fields already has one)."""
        f = list(fields.items()) if isinstance(fields, dict) else list(fields or [])
        if csrf and self.csrf and not any(k == "csrf" for k, _ in f):
            f.append(("csrf", self.csrf))
        return self.req(path, "POST", f, headers)

    def upload(self, path, data, csrf=True, extra=None, filename="meti.xlsx"):
        """A workbook posted as the offline upload's form does (multipart,
        field "file"; extra fields; the CSRF token unless csrf is false):
        (status, headers, body text)."""
        f = dict(extra or {})
        if csrf:
            f["csrf"] = self.csrf
        body, ct = multipart(f, filename, data)
        hd = {"Content-Type": ct}
        if self.cookie:
            hd["Cookie"] = self.cookie
        st, h, raw = self.srv.req(path, "POST", body=body, headers=hd)
        return st, h, raw.decode("utf-8", "replace")

    def login(self, user, password, headers=None):
        """Signs in (sign_in()); returns the status of the POST (303 when
        it worked)."""
        st, h, cookie = sign_in(self.srv, user, password, headers)
        if cookie:
            self.cookie = cookie
            self.get("/account/")   # reads the session's CSRF token
        return st

    def logout(self):
        st, h, text = self.post("/logout/")
        self.cookie = None
        self.csrf = None
        return st


def signed_in(srv, password, names):
    """{name: a Session of srv signed in as name} for each of names, each
    sign-in a check of its own ("NAME signs in")."""
    out = {}
    for name in names:
        out[name] = Session(srv)
        st = out[name].login(name, password)
        check(f"{name} signs in", st == 303 and out[name].csrf, st)
    return out
