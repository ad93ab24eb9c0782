#!/usr/bin/env python3
"""My account and the administration pages over HTTP on a loopback port,
with real sessions:
  - /account/: a wrong current password refused with the database's
    account unchanged, a weak new password refused (ja and en messages), a
    successful change (old password useless, new one works, the other
    sessions ended), wrong current passwords throttled (429 with
    Retry-After) like logins; the own sessions listed and one ended (its
    cookie is then worthless);
  - /admin/users/...: list, add, edit (display, e-mail, roles, ministries),
    disable, enable, set a password, end all sessions, each audited;
    anonymous (303 to login/ or 403) and non-admin (403) requests and a POST
    without CSRF change nothing (the dump is the same);
  - /admin/audit/ with its filters and paging, /admin/audit.csv with the
    same filters (and the export itself audited);
  - sign-in locked after repeated failures (429 with Retry-After), usable
    again once the lock is over (serve --login-lock 6 --login-lock-after 5:
    long enough that the locked check still falls inside the lock on a
    loaded machine under the sanitizers);
  - the frame header for signed-in users (name, account, role links, sign
    out) and for anonymous ones (sign-in link); staff details only for
    signed-in staff;
  - `audit verify` intact at the end.
Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import csv
import http.client
import io
import os
import re
import subprocess
import time
import urllib.parse

from tap import Server, check, fresh_db, mdplan, sign_in, summary

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
DB = "admin.db"
fresh_db(DB)
mdplan("--db", DB, "import", "plan", PLAN)
mdplan("--db", DB, "import", "followup", FOLLOWUP)
PW = "Kirin-Tanuki-2024x"
PW2 = "Hoshi-Tsuki-Umi-77"
with open("admin.pw", "w") as f:
    f.write(PW + "\n")
mdplan("--db", DB, "user", "add", "root", "--role", "admin", "--display", "管理 太郎",
       "--password-file", "admin.pw")
mdplan("--db", DB, "user", "add", "sato", "--role", "secretariat", "--display", "佐藤",
       "--password-file", "admin.pw")
mdplan("--db", DB, "user", "add", "kei", "--role", "editor", "--ministry", "経",
       "--password-file", "admin.pw")
srv = Server(DB, "--no-log", "--login-lock", "6", "--login-lock-after", "5")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def raw_req(path, method="GET", fields=None, cookie=None, headers=None):
    """One request; the headers as a dict, Set-Cookie values joined by
    newlines (a response may set two)."""
    hd = dict(headers or {})
    body = None
    if fields is not None:
        body = urllib.parse.urlencode(fields).encode()
        hd.update(FORM)
    if cookie:
        hd["Cookie"] = cookie
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    c.request(method, path, body=body, headers=hd)
    r = c.getresponse()
    data = r.read()
    h = {}
    for k, v in r.getheaders():
        k = k.lower()
        h[k] = h[k] + "\n" + v if k == "set-cookie" and k in h else v
    c.close()
    return r.status, h, data


def req(path, method="GET", fields=None, cookie=None, headers=None):
    st, h, data = raw_req(path, method, fields, cookie, headers)
    return st, h, data.decode("utf-8", "replace")


def set_cookies(h):
    return h.get("set-cookie", "")


def login(user, pw):
    return sign_in(srv, user, pw)


def csrf_of(body):
    m = re.search(r'name="csrf" value="([^"]+)"', body)
    return m.group(1) if m else None


def dump():
    return subprocess.run(["sqlite3", DB, ".dump"], capture_output=True, text=True,
                          check=True).stdout


def accounts():
    """The account rows and roles (what a refused admin change must leave)."""
    return subprocess.run(["sqlite3", DB, "SELECT * FROM account; SELECT * FROM account_role;"
                           " SELECT * FROM account_ministry;"],
                          capture_output=True, text=True, check=True).stdout


def errors(body):
    return re.findall(r'<p class="error"[^>]*>([^<]*)', body)


# ---- the frame header ----
st, h, anon = req("/goals/1/")
check("anonymous page: a sign-in link, no sign-out, no staff details",
      'href="../../login/"' in anon and "logout/" not in anon and 'class="staff"' not in anon,
      anon[:600])
st, h, root = login("root", PW)
check("admin signs in", st == 303 and root, st, h)
st, h, body = req("/goals/1/", cookie=root)
hdr = body[body.find("<header"):body.find("</header>")]
check("signed-in admin: the header has the name, account, admin and audit links, sign-out",
      "管理 太郎" in hdr and 'href="../../account/"' in hdr and 'href="../../admin/users/"' in hdr
      and 'href="../../admin/audit/"' in hdr and 'action="../../logout/"' in hdr
      and 'href="../../login/"' not in hdr and "rounds/" not in hdr, hdr)
check("signed-in admin (not staff): no staff details", 'class="staff"' not in body)
st, h, sato = login("sato", PW)
st, h, body = req("/items/40/", cookie=sato)
hdr = body[body.find("<header"):body.find("</header>")]
check("signed-in secretariat: rounds link, no admin links, staff details shown",
      'href="../../rounds/"' in hdr and "admin/users/" not in hdr and 'class="staff"' in body,
      hdr)
check("a signed-in page is private", h.get("cache-control") == "private, no-store", h)
st, h, anon2 = req("/items/40/")
check("the same page anonymous afterwards: no staff details, no user",
      'class="staff"' not in anon2 and "佐藤" not in anon2 and "logout/" not in anon2)
st, h, body = req("/en/items/40/", cookie=sato)
check("English header: Sign out, Rounds", ">Sign out<" in body and ">Rounds<" in body)

# ---- my account: password ----
st, h, kei = login("kei", PW)
st, h, body = req("/account/", cookie=kei)
tok = csrf_of(body)
check("GET /account/: the password form and this session listed",
      st == 200 and 'name="old"' in body and "このセッション" in body, st)
before = accounts()
st, h, body = req("/account/", "POST", {"op": "password", "old": "not-the-password-1",
                                        "new": PW2, "new2": PW2, "csrf": tok}, cookie=kei)
check("wrong current password: 403, the message beside the field, the account unchanged",
      st == 403 and "現在のパスワードが正しくありません。" in errors(body) and accounts() == before,
      st, errors(body))
st, h, body = req("/account/?lang=en", "POST", {"op": "password", "old": PW, "new": "password1234",
                                                "new2": "password1234", "csrf": tok}, cookie=kei)
check("weak new password (English): 400 with the reason, the account unchanged",
      st == 400 and any("common password" in e for e in errors(body)) and accounts() == before,
      st, errors(body))
st, h, body = req("/account/", "POST", {"op": "password", "old": PW, "new": "kei-kei-2025-abc",
                                        "new2": "kei-kei-2025-abc", "csrf": tok}, cookie=kei)
check("new password containing the user name: refused", st == 400 and
      "パスワードにユーザー名を含めないでください。" in errors(body) and accounts() == before,
      st, errors(body))
st, h, body = req("/account/", "POST", {"op": "password", "old": PW, "new": PW2,
                                        "new2": PW2 + "x", "csrf": tok}, cookie=kei)
check("new password and its repetition differ: refused", st == 400 and
      "新しいパスワードが確認用と一致しません。" in errors(body) and accounts() == before, st)
d0 = dump()
st, h, body = req("/account/", "POST", {"op": "password", "old": PW, "new": PW2, "new2": PW2},
                  cookie=kei)
check("password change without CSRF: 403, database unchanged", st == 403 and dump() == d0, st)
st, h, kei2 = login("kei", PW)     # a second session, ended by the change
st, h, body = req("/account/", "POST", {"op": "password", "old": PW, "new": PW2, "new2": PW2,
                                        "csrf": tok}, cookie=kei)
check("password changed: 303 to ?done=password", st == 303 and
      h.get("location", "").endswith("account/?done=password"), st, h)
st, h, body = req("/account/?done=password", cookie=kei)
check("the confirmation is shown, this session still works",
      st == 200 and "パスワードを変更しました" in body, st)
st, h, body = req("/account/", cookie=kei2)
check("the other session was ended by the change", st == 303, st)
st, h, c = login("kei", PW)
check("the old password no longer signs in", c is None, st)
st, h, c = login("kei", PW2)
check("the new password signs in", c is not None, st)

# wrong current passwords are throttled like logins
got = None
for i in range(8):
    st, h, body = req("/account/", "POST", {"op": "password", "old": "wrong-wrong-wrong",
                                            "new": PW, "new2": PW, "csrf": tok}, cookie=kei)
    if st == 429:
        got = (i, h.get("retry-after"), body)
        break
check("repeated wrong current passwords: 429 with Retry-After and the message",
      got and got[1] and int(got[1]) > 0 and "しばらく変更できません" in got[2], got and got[:2])
st, h, body = req("/account/", "POST", {"op": "password", "old": PW2, "new": PW, "new2": PW,
                                        "csrf": tok}, cookie=kei)
check("while throttled even the right current password is not tried", st == 429, st)
time.sleep(int(got[1]) + 1 if got else 3)

# ---- my account: sessions ----
st, h, k1 = login("kei", PW2)
st, h, k2 = login("kei", PW2)
st, h, body = req("/account/", cookie=k1)
tok1 = csrf_of(body)
ids = re.findall(r'name="session" value="(\d+)"', body)
this = re.search(r'<tr><td[^>]*>[^<]*<strong class="this">', body)
check("own sessions listed with an end button each, this one marked",
      st == 200 and len(ids) >= 3 and this, len(ids))
st, h, body2 = req("/account/", cookie=k2)
k2_id = re.search(r'<strong class="this">.*?name="session" value="(\d+)"', body2, re.S).group(1)
st, h, body = req("/account/", "POST", {"op": "end-session", "session": k2_id, "csrf": tok1},
                  cookie=k1)
check("end another of one's sessions: 303 ?done=session", st == 303 and
      h.get("location", "").endswith("account/?done=session"), st, h)
st, h, body = req("/account/", cookie=k2)
check("the ended session's cookie is worthless", st == 303 and
      h.get("location", "").endswith("login/"), st)
st, h, body = req("/account/", "POST", {"op": "end-session", "session": "1", "csrf": tok1},
                  cookie=k1)
check("ending a session of another account: refused (404), nothing ended",
      st == 404 and req("/account/", cookie=root)[0] == 200, st)

# ---- administration: refusals change nothing ----
d0 = dump()
for path in ("/admin/users/", "/admin/users/new/", "/admin/users/sato/", "/admin/audit/",
             "/admin/audit.csv"):
    st, h, body = req(path)
    check(f"anonymous GET {path}: 303 to login/", st == 303 and
          h.get("location", "").endswith("login/"), st)
    st, h, body = req(path, cookie=sato)
    check(f"secretariat GET {path}: 403", st == 403, st)
st, h, body = req("/account/", cookie=sato)
stok = csrf_of(body)
posts = [("/admin/users/new/", {"name": "evil", "role_admin": "1", "password": PW, "password2": PW}),
         ("/admin/users/sato/", {"op": "roles", "role_admin": "1"}),
         ("/admin/users/root/", {"op": "disable"}),
         ("/admin/users/root/", {"op": "passwd", "password": PW2, "password2": PW2}),
         ("/admin/users/root/", {"op": "end-sessions"})]
for path, f in posts:
    st, h, body = req(path, "POST", dict(f, csrf=stok), cookie=sato)
    check(f"secretariat POST {path} {f.get('op', 'add')}: 403", st == 403, st)
    st, h, body = req(path, "POST", f)
    check(f"anonymous POST {path} {f.get('op', 'add')}: 403", st == 403, st)
st, h, body = req("/admin/users/", cookie=root)
rtok = csrf_of(body)
for path, f in posts:
    st, h, body = req(path, "POST", f, cookie=root)
    check(f"admin POST {path} {f.get('op', 'add')} without CSRF: 403", st == 403, st)
    st, h, body = req(path, "POST", dict(f, csrf=rtok), cookie=root,
                      headers={"Origin": "https://evil.example"})
    check(f"admin POST {path} {f.get('op', 'add')} cross-site: 403", st == 403, st)
check("every refused administration request left the database as it was", dump() == d0)

# ---- administration: the changes ----
st, h, body = req("/admin/users/", cookie=root)
check("user list: names, display names, roles, ministries, state, last sign-in",
      st == 200 and all(x in body for x in ("root", "sato", "kei", "佐藤", "事務局", "経", "有効",
                                            "最終ログイン")), st)
new = {"name": "tanaka", "display": "田中 花子", "email": "tanaka@example.go.jp",
       "role_editor": "1", "ministry_meti": "1", "ministry_mext": "1",
       "password": "Sakura-Fuji-2031z", "password2": "Sakura-Fuji-2031z", "csrf": rtok}
bad = {k: v for k, v in new.items() if k not in ("role_editor", "ministry_meti", "ministry_mext")}
st, h, body = req("/admin/users/new/", "POST", dict(bad, role_reviewer="1", ministry_cao="1"),
                  cookie=root)
check("add with ministries but no editor role: 400, nothing added",
      st == 400 and "tanaka" not in accounts() and errors(body), st, errors(body))
st, h, body = req("/admin/users/new/", "POST", dict(new, password2="other-password-1x"),
                  cookie=root)
check("add with differing passwords: 400", st == 400 and "tanaka" not in accounts(), st)
st, h, body = req("/admin/users/new/", "POST", dict(new, name="Bad Name!"), cookie=root)
check("add with a bad name: 400 with the rule", st == 400 and "tanaka" not in accounts() and
      any("3〜64" in e for e in errors(body)), st, errors(body))
st, h, body = req("/admin/users/new/", "POST", dict(new, name="sato"), cookie=root)
check("add with a taken name: 409", st == 409 and "すでに使われています" in body, st)
a0 = accounts()
st, h, body = req("/admin/users/new/", "POST", dict(new, name="new"), cookie=root)
check("add an account called new (the form's own page name): 400, said beside the name",
      st == 400 and accounts() == a0 and
      any("ページの名前に使われているため" in e for e in errors(body)), st, errors(body))
st, h, body = req("/admin/users/new/?lang=en", "POST", dict(new, name="new"), cookie=root)
check("... and in English", st == 400 and accounts() == a0 and
      any("taken by a page of the site" in e for e in errors(body)), st, errors(body))
with open("pw-new.txt", "w") as f:
    f.write("Sakura-Fuji-2031z\n")
p = mdplan("--db", DB, "user", "add", "new", "--role", "editor", "--ministry", "経",
           "--password-file", "pw-new.txt", check_rc=False)
check("mdplan user add new: refused (exit 1) with the reason, no account",
      p.returncode == 1 and "reserved" in p.stderr and "/admin/users/new/" in p.stderr and
      accounts() == a0, p.returncode, p.stderr)
st, h, body = req("/admin/users/new/", "POST", new, cookie=root)
check("add: 303 to the new account's page", st == 303 and
      h.get("location", "").endswith("admin/users/tanaka/?done=add"), st, h)
st, h, body = req("/admin/users/tanaka/?done=add", cookie=root)
check("the new account: its roles and ministries ticked", st == 200 and
      'name="role_editor" value="1" checked' in body and 'name="ministry_meti" value="1" checked'
      in body and 'name="ministry_mext" value="1" checked' in body and "利用者を追加しました" in body,
      st)
st, h, c = login("tanaka", "Sakura-Fuji-2031z")
check("the new account signs in", c is not None, st)
u = mdplan("--db", DB, "user", "list", "--json").stdout
check("user list --json has the new account with its scope",
      '"tanaka"' in u and '"meti"' in u and '"mext"' in u, u[:400])

st, h, body = req("/admin/users/tanaka/", "POST", {"op": "roles", "display": "田中 花子（経）",
                                                    "email": "", "role_editor": "1",
                                                    "role_reviewer": "1", "ministry_meti": "1",
                                                    "csrf": rtok}, cookie=root)
check("edit display, e-mail, roles and ministries: 303 ?done=roles", st == 303 and
      h.get("location", "").endswith("?done=roles"), st, h)
u = mdplan("--db", DB, "user", "list", "--json").stdout
check("the edit is stored (reviewer added, mext removed, e-mail cleared)",
      "田中 花子（経）" in u and '"reviewer"' in u and '"mext"' not in u
      and "tanaka@example.go.jp" not in u, u[:600])
before = accounts()
st, h, body = req("/admin/users/tanaka/", "POST", {"op": "roles", "display": "x\u0001y",
                                                    "role_editor": "1", "ministry_meti": "1",
                                                    "csrf": rtok}, cookie=root)
check("edit with a control character in the display name: 400, nothing changed",
      st == 400 and accounts() == before, st)
for lang, f, want in (
        ("", {"display": "田中\u202e子花"}, "文字の表示順を入れ替える制御文字"),
        ("?lang=en", {"display": "田中\u2067花子"}, "Holds a bidirectional control character"),
        ("", {"display": "田中", "email": "tanaka\u202d@example.go.jp"}, "文字の表示順を入れ替える"),
        ("", {"display": "田中\u0085花子"}, "表示名は改行などの制御文字を含まない")):
    st, h, body = req("/admin/users/tanaka/" + lang, "POST",
                      dict(f, op="roles", role_editor="1", ministry_meti="1", csrf=rtok),
                      cookie=root)
    check(f"edit with {ascii(f)[:60]} ({lang or 'ja'}): 400 with the reason, nothing changed",
          st == 400 and any(want in e for e in errors(body)) and accounts() == before,
          st, errors(body))
st, h, body = req("/admin/users/root/", "POST", {"op": "roles", "display": "管理 太郎",
                                                  "role_secretariat": "1", "csrf": rtok},
                  cookie=root)
check("taking admin from the last admin: refused, nothing changed",
      st == 400 and accounts() == before and "最後の有効な管理者" in body, st, errors(body))
# the last enabled admin: refused with its own sentence in the page's
# language (an id from src/auth, not its English), the database unchanged
LAST_JA = "最後の有効な管理者からは管理者の役割を外せず、無効にもできません。"
LAST_EN = "The last enabled admin cannot lose the admin role or be disabled."
for lang, want, other in (("", LAST_JA, LAST_EN), ("?lang=en", LAST_EN, LAST_JA)):
    for what, f in (("disabling", {"op": "disable"}),
                    ("taking admin from", {"op": "roles", "display": "管理 太郎",
                                           "role_secretariat": "1"})):
        d0 = dump()
        st, h, body = req("/admin/users/root/" + lang, "POST", dict(f, csrf=rtok), cookie=root)
        check(f"{what} the last admin ({lang or 'ja'}): 400, its sentence, database unchanged",
              st == 400 and want in errors(body) and other not in body and dump() == d0,
              st, errors(body))
st, h, body = req("/account/", cookie=root)
check("... and the admin's session was not ended", st == 200, st)

st, h, body = req("/admin/users/tanaka/", "POST", {"op": "disable", "csrf": rtok}, cookie=root)
check("disable: 303", st == 303 and h.get("location", "").endswith("?done=disable"), st)
st, h, body = req("/account/", cookie=c)
check("disabling ended the account's session", st == 303, st)
st, h, c2 = login("tanaka", "Sakura-Fuji-2031z")
check("a disabled account cannot sign in", c2 is None, st)
st, h, body = req("/admin/users/", cookie=root)
check("the list shows it disabled", re.search(r"tanaka.*?無効", body, re.S) is not None)
st, h, body = req("/admin/users/tanaka/", "POST", {"op": "enable", "csrf": rtok}, cookie=root)
check("enable: 303", st == 303 and h.get("location", "").endswith("?done=enable"), st)
st, h, body = req("/admin/users/tanaka/", "POST", {"op": "passwd", "password": "Nami-Kaze-Sora-55",
                                                    "password2": "Nami-Kaze-Sora-55",
                                                    "csrf": rtok}, cookie=root)
check("set a password: 303", st == 303 and h.get("location", "").endswith("?done=passwd"), st)
st, h, c3 = login("tanaka", "Nami-Kaze-Sora-55")
check("the account signs in with the password the admin set", c3 is not None, st)
st, h, body = req("/admin/users/tanaka/", cookie=root)
check("the account page lists its live session", st == 200 and "127.0.0.1" in body, st)
st, h, body = req("/admin/users/tanaka/", "POST", {"op": "end-sessions", "csrf": rtok},
                  cookie=root)
check("end all sessions: 303", st == 303 and h.get("location", "").endswith("?done=end-sessions"),
      st)
st, h, body = req("/account/", cookie=c3)
check("its session is ended", st == 303, st)
st, h, body = req("/admin/users/nobody/", cookie=root)
check("an unknown account: 404", st == 404, st)
st, h, body = req("/admin/users/Bad%20Name/", cookie=root)
check("a path that cannot be an account name: 404", st == 404, st)

# ---- sign-in lock, wait, unlock ----
got = None
for i in range(20):
    st, h, c = login("sato", "wrong-wrong-wrong")
    if st == 429:
        got = (i, int(h.get("retry-after", "0")))
        if '"user:sato"' in mdplan("--db", DB, "audit", "--action", "login.lock",
                                   "--json").stdout:
            break
        time.sleep(got[1])     # a delay before the lock: wait it out, fail again
locks = mdplan("--db", DB, "audit", "--action", "login.lock", "--json").stdout
check("repeated failures: 429 with Retry-After, and the account locked (login.lock audited)",
      got and got[1] > 0 and '"user:sato"' in locks, got, locks[:300])
st, h, c = login("sato", PW)
check("while locked the right password gets 429 with Retry-After",
      st == 429 and int(h.get("retry-after", "0")) > 0, st, h)
time.sleep(int(h.get("retry-after", "2")) + 1)
st, h, c = login("sato", PW)
check("after the lock's delay the right password signs in", c is not None, st)

# ---- the audit page and its CSV ----
st, h, body = req("/admin/audit/", cookie=root)
check("audit page: 200, the chain intact, newest first", st == 200 and "ハッシュチェーンは正常です" in body
      and body.find("user.enable") < body.find("user.disable") and "login.lock" in body, st)
st, h, body = req("/admin/audit/?user=tanaka&action=user", cookie=root)
acts = re.findall(r"<td><code>([^<]+)</code></td>", body)
check("filtered by user and action: only tanaka's user.* entries",
      acts and all(a.startswith("user.") for a in acts) and
      {"user.add", "user.roles", "user.disable", "user.enable", "user.passwd"} <= set(acts), acts)
st, h, body = req("/admin/audit/?action=login.lock&since=2000-01-01&until=2999-12-31", cookie=root)
acts = set(re.findall(r"<td><code>([^<]+)</code></td>", body))
check("since/until/action: the locks", acts == {"login.lock"}, acts)
st, h, body = req("/admin/audit/?until=2000-01-01", cookie=root)
check("until before everything: no entries", "該当する記録はありません" in body)
st, h, body = req("/admin/audit/?since=yesterday", cookie=root)
check("a bad date: 400 with the shape it takes", st == 400 and "2026-12-01" in body, st)
for i in range(20):    # enough entries for a second page
    mdplan("--db", DB, "user", "disable" if i % 2 == 0 else "enable", "kei")
total = int(re.search(r"ハッシュチェーンは正常です（(\d+)件）", req("/admin/audit/", cookie=root)[2]).group(1))
st, h, body = req("/admin/audit/?page=2", cookie=root)
seqs = [int(x) for x in re.findall(r'<td class="n">(\d+)</td>', body)]
check("page 2: the next 50 older entries", total > 50 and seqs and max(seqs) <= total - 50
      and 'rel="prev"' in body, total, seqs[:3])
st, h, raw = raw_req("/admin/audit.csv?user=tanaka&action=user.disable", cookie=root)
text = raw.decode("utf-8-sig")
rows = list(csv.reader(io.StringIO(text)))
check("audit.csv: CSV with the filters applied", st == 200 and
      h.get("content-type", "").startswith("text/csv") and rows[0][:6] ==
      ["seq", "time", "actor", "address", "action", "target"] and len(rows) == 2 and
      rows[1][4] == "user.disable" and rows[1][5] == "user:tanaka", st, rows[:3])
ex = mdplan("--db", DB, "audit", "--action", "export", "--json").stdout
check("the CSV export is itself audited with its filters", '"audit.csv"' in ex and
      "user=tanaka" in ex and '"user:root"' in ex, ex[:400])
cli = mdplan("--db", DB, "audit", "--user", "tanaka", "--action", "user.disable", "--csv").stdout
check("the page's CSV is the command line's (same query)",
      [r[:9] for r in rows] == [r[:9] for r in csv.reader(io.StringIO(cli.lstrip("\ufeff")))],
      cli[:300])
st, h, body = req("/en/admin/audit/", cookie=root)
check("English audit page", st == 200 and "The hash chain is intact" in body, st)

rc, out, err = srv.stop()
check("server stops cleanly", rc == 0 and "Sanitizer" not in err, rc, err[-400:])
a = mdplan("--db", DB, "audit", "verify", check_rc=False)
check("audit verify: the chain is intact after all of it", a.returncode == 0, a.stdout, a.stderr)
j = mdplan("--db", DB, "audit", "--json").stdout
check("the trail has the password change, its failures and throttling, the session end",
      all(x in j for x in ('"user.passwd"', '"user.passwd.fail"', '"user.passwd.throttled"',
                           '"session.revoke"')), j[:300])
summary()
