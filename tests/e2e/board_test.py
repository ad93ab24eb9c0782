"""The follow-up round's board over HTTP with real sessions (issue 14):
/rounds/ and /rounds/{fy}/ for the secretariat, an editor and a reviewer.

The board's counts per ministry and state, per goal, overdue and flagged
match `mdplan round status --json`; its filters and pages list exactly the
entries `mdplan round entries` names; an editor sees only the entries of
their ministry (also when the query names another); a reviewer only the
submitted and accepted ones; anonymous visitors are sent to the sign-in
page. The secretariat opens, closes and reopens rounds from the web (the
state changes, the audit trail holds it); an editor's or reviewer's POST,
a POST without the CSRF token, a stale version, a bad year or deadline
change nothing (`store dump` before and after)."""
import html
import json
import os
import re
from html.parser import HTMLParser

from tap import Server, Session, add_user, check, db_dump, fresh_db, mdplan, signed_in, summary

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PLAN = os.path.join(top, "data", "plan-2nd.txt")
FU = os.path.join(top, "data", "followup-r7.tsv")
DB = "board.db"
PW = "Kawasemi-Lantern-4821"
NAMES = {"cas": "内閣官房", "cao": "内閣府", "mic": "総務省", "mext": "文部科学省",
         "mhlw": "厚生労働省", "meti": "経済産業省"}
ABBREV = {"内官": "cas", "内": "cao", "総": "mic", "文": "mext", "厚": "mhlw", "経": "meti"}
STATES = ["draft", "submitted", "returned", "accepted"]


def cli(*args, check_rc=True):
    return mdplan("--db", DB, *args, check_rc=check_rc)


def entries(fy=2026, ministry=None):
    """[(item, code or 'consolidated', state, version, flagged)] in the plan's order"""
    args = ["round", "entries", str(fy)] + (["--ministry", ministry] if ministry else [])
    out = []
    for line in cli(*args).stdout.splitlines():
        f = line.split("\t")
        out.append((int(f[0][1:]), f[1], f[2], int(f[3]), f[4] == "flagged"))
    return out


def version(item, code):
    return [e for e in entries() if e[0] == item and e[1] == code][0][3]


def step(user, item, code, *args, text="実績の記載。\n・一つ目\n"):
    with open("board.txt", "w", encoding="utf-8") as f:
        f.write(text)
    return cli("round", "entry", "2026", f"A{item}", code, *args, "--results-file", "board.txt",
               "--plans-file", "board.txt", "--version", str(version(item, code)), "--as", user)


def status(fy=2026):
    return json.loads(cli("round", "status", str(fy), "--json").stdout)


class Tables(HTMLParser):
    """Every <table> of a page: its class and its rows, each a list of
    (cell text, [hrefs]) with the visually hidden texts kept."""

    def __init__(self, text):
        super().__init__()
        self.tables, self.cur, self.row, self.cell = [], None, None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.cur = {"class": a.get("class", ""), "rows": []}
            self.tables.append(self.cur)
        elif tag == "tr" and self.cur is not None:
            self.row = []
            self.cur["rows"].append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ["", []]
            self.row.append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.cell[1].append(a.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "table":
            self.cur = None
        elif tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data

    def table(self, cls):
        for t in self.tables:
            if cls in t["class"].split():
                return [[(c[0].strip(), c[1]) for c in r] for r in t["rows"]]
        return None


def listed(s, path):
    """The entries the board's list shows on every page from path on:
    [(item, code or 'consolidated', state)]"""
    out = []
    while path:
        st, h, text = s.get(path)
        if st != 200:
            return None
        rows = Tables(text).table("entries") or []
        for r in rows[1:]:
            m = re.search(r"items/(\d+)/", r[0][1][0])
            who = r[0][0].split()[1]     # the link's hidden text: 経, 取りまとめ（◎）
            code = "consolidated" if who.startswith("取りまとめ") else ABBREV[who]
            state = next(k for k, lab in zip(STATES, ["下書き", "提出済み", "差戻し", "受理"])
                         if r[3][0].startswith(lab))
            out.append((int(m.group(1)), code, state))
        nxt = re.search(r'<a rel="next" href="([^"]+)"', text)
        path = None
        if nxt:
            path = "/rounds/2026/" + html.unescape(nxt.group(1)).split("/rounds/2026/")[-1] \
                if "rounds/2026/" in nxt.group(1) else None
    return out


fresh_db(DB)
cli("import", "plan", PLAN)
cli("import", "followup", FU)
cli("round", "publish", "2025")
cli("round", "open", "2026", "--deadline", "2027-01-31")
for name, args in (("sec", ("--role", "secretariat")), ("meti1", ("--role", "editor", "--ministry", "経")),
                   ("mhlw1", ("--role", "editor", "--ministry", "厚")),
                   ("rev", ("--role", "reviewer")), ("adm", ("--role", "admin"))):
    add_user(DB, name, PW, *args)

# some entries in every state: A1 (厚) accepted, then changed: flagged;
# a 経 entry submitted and returned; a 厚 entry submitted
e0 = entries()
meti_item = next(e[0] for e in e0 if e[1] == "meti")
mhlw_items = [e[0] for e in e0 if e[1] == "mhlw"]
step("mhlw1", 1, "mhlw", "--save")
step("mhlw1", 1, "mhlw", "--submit")
cli("round", "entry", "2026", "A1", "mhlw", "--accept", "--version", str(version(1, "mhlw")),
    "--as", "sec")
step("mhlw1", 1, "mhlw", "--save", text="受理の後に書き直した実績。\n")
step("mhlw1", mhlw_items[1], "mhlw", "--submit")
step("meti1", meti_item, "meti", "--submit")
cli("round", "entry", "2026", f"A{meti_item}", "meti", "--return", "根拠を追記してください",
    "--field", "results", "--version", str(version(meti_item, "meti")), "--as", "sec")
step("mhlw1", mhlw_items[2], "mhlw", "--submit")
cli("round", "entry", "2026", f"A{mhlw_items[2]}", "mhlw", "--accept", "--version",
    str(version(mhlw_items[2], "mhlw")), "--as", "sec")

srv = Server(DB)
try:
    anon = Session(srv)
    for path in ("/rounds/", "/rounds/2026/", "/en/rounds/2026/?state=draft"):
        st, h, _ = anon.get(path)
        check(f"anonymous {path}: 303 to the sign-in page",
              st == 303 and h.get("location", "").endswith("login/"), st, h.get("location"))
    st, h, _ = anon.post("/rounds/2026/", {"op": "close"}, csrf=False)
    check("anonymous POST: 403", st == 403, st)

    sess = signed_in(srv, PW, ("sec", "meti1", "mhlw1", "rev", "adm"))
    st, _, _ = sess["adm"].get("/rounds/2026/")
    check("an admin without a staff role gets 403", st == 403, st)

    # ---- the secretariat's board: counts as round status --json says ----
    sec = sess["sec"]
    st, h, text = sec.get("/rounds/2026/")
    check("the board answers the secretariat", st == 200, st)
    check("signed-in pages are never cached", "no-store" in h.get("cache-control", "") and
          "private" in h.get("cache-control", ""), h.get("cache-control"))
    check("the board's title names the year", "令和8年度（FY2026）のフォローアップ調査" in text)
    js = status()
    t = Tables(text)
    counts = t.table("counts")
    check("the counts table has a caption and header cells with scope",
          re.search(r'<table class="board counts"><caption[^>]*>府省別・状態別の件数</caption>', text)
          and 'th scope="col"' in text and 'th scope="row"' in text)
    got = {}
    for r in counts[1:]:
        got[r[0][0]] = [int(c[0]) for c in r[1:]]
    want = {}
    for m in js["ministries"]:
        want[NAMES[m["code"]]] = [m["states"][s] for s in STATES] + \
            [m["entries"], m["overdue"], m["flagged"]]
    cons = [js["consolidated"][s] for s in STATES]
    want["取りまとめ（◎）"] = cons + [sum(cons), got.get("取りまとめ（◎）", [0] * 7)[5],
                                   got.get("取りまとめ（◎）", [0] * 7)[6]]
    want["計"] = [js["states"][s] for s in STATES] + [js["entries"], js["overdue"], js["flagged"]]
    check("counts per ministry and state match round status --json", got == want, got, want)
    check("... and not trivially: every state occurs",
          all(want["計"][k] > 0 for k in range(4)) and want["計"][6] == 1, want["計"])
    goals = t.table("goals")
    got_g = {int(re.match(r"ゴール(\d+)", r[0][0]).group(1)):
             (int(r[1][0]), int(r[2][0].split("件")[0]), int(r[3][0].split("件")[0]))
             for r in goals[1:]}
    want_g = {g["goal"]: (g["entries"], g["submitted"], g["accepted"]) for g in js["goals"]}
    check("completeness per goal matches round status --json", got_g == want_g, got_g, want_g)
    flagged = [a for a in js["attention"] if a["flagged"]]
    m = re.search(r'<section aria-labelledby="flagged">(.*?)</section>', text, re.S)
    check("the flagged entry is listed for re-review",
          m and len(flagged) == 1 and f'items/{flagged[0]["item"]}/mhlw/' in m.group(1), flagged)
    check("the reminders section is there (none sent yet)", "督促メール" in text and
          "まだ送信していません。" in text)
    check("no script on the board", "<script" not in text)

    # ---- the list, its pages and filters ----
    all_e = entries()
    got_l = listed(sec, "/rounds/2026/")
    check("the list over all its pages is every entry in the plan's order",
          got_l == [(e[0], e[1], e[2]) for e in all_e], len(got_l or []), len(all_e))
    st, _, text = sec.get("/rounds/2026/?page=2")
    check("page 2 says which entries it shows", "51〜100件目（全" in text, text[:0])
    for q, pred in (("state=returned", lambda e: e[2] == "returned"),
                    ("state=submitted", lambda e: e[2] == "submitted"),
                    ("flagged=1", lambda e: e[4]),
                    ("goal=1", None)):
        got_f = listed(sec, "/rounds/2026/?" + q)
        if pred is None:
            n1 = [g for g in js["goals"] if g["goal"] == 1][0]["entries"]
            check(f"filter {q}: the goal's entries", got_f is not None and len(got_f) == n1,
                  len(got_f or []), n1)
        else:
            want_f = [(e[0], e[1], e[2]) for e in all_e if pred(e)]
            check(f"filter {q}: exactly those entries", got_f == want_f and want_f, got_f, want_f)
    got_f = listed(sec, "/rounds/2026/?ministry=meti&state=draft")
    want_f = [(e[0], e[1], e[2]) for e in entries(ministry="経") if e[2] == "draft"]
    check("filter ministry=meti&state=draft: 経's drafts and the consolidated ones it leads",
          got_f == want_f and any(e[1] == "consolidated" for e in want_f), got_f, want_f)
    got_f = listed(sec, "/rounds/2026/?ministry=経&state=&goal=")
    check("a ministry by abbreviation and empty fields of the form", got_f is not None and
          len(got_f) == len(entries(ministry="経")), len(got_f or []))
    st, _, text = sec.get("/rounds/2026/?overdue=1")
    check("nothing is overdue before the deadline", st == 200 and "該当する取組はありません。" in text)
    for bad in ("state=deleted", "goal=x", "ministry=nasa", "page=0", "overdue=maybe"):
        st, _, _ = sec.get("/rounds/2026/?" + bad)
        check(f"a bad filter ({bad}) is 400", st == 400, st)
    st, _, _ = sec.get("/rounds/2031/")
    check("a year without a round is 404", st == 404, st)
    st, _, text = sec.get("/en/rounds/2026/")
    check("the board in English", st == 200 and "FY2026 follow-up round" in text and
          "Entries by ministry and state" in text and 'lang="en"' in text)

    # ---- an editor: only their ministry ----
    meti = sess["meti1"]
    got_m = listed(meti, "/rounds/2026/")
    want_m = [(e[0], e[1], e[2]) for e in entries(ministry="経")]
    check("an editor's list is their ministry's entries (and the consolidated ones it leads)",
          got_m == want_m and len(want_m) < len(all_e), len(got_m or []), len(want_m))
    check("... no other ministry's entry", got_m and all(c in ("meti", "consolidated")
                                                          for _, c, _ in got_m))
    st, _, text = meti.get("/rounds/2026/")
    check("an editor's entry links are their own or consolidated ones on their page",
          not re.search(r"items/\d+/(?!meti/)[a-z]+/", text), re.findall(r"items/\d+/[a-z]+/", text)[:5])
    check("an editor's board has no forms to close or open", 'name="op"' not in text)
    rows = Tables(text).table("counts")
    check("an editor's counts show only their ministry",
          rows and [r[0][0] for r in rows[1:]] == ["経済産業省", "取りまとめ（◎）", "計"],
          [r[0][0] for r in rows or []])
    st, _, text = meti.get("/rounds/2026/?ministry=mhlw")
    check("a crafted ?ministry=mhlw shows nothing of 厚's",
          st == 200 and "担当外" in text and "items/" not in text.split('id="list"')[1] and
          not re.search(r'<table class="board entries', text))
    st, _, text = meti.get("/rounds/2026/?ministry=mhlw&state=submitted")
    check("... with a state either", st == 200 and not re.search(r"items/\d+/mhlw/", text))
    st, _, text = meti.get("/rounds/")
    check("an editor's list of rounds counts their ministry's entries",
          st == 200 and f'<td class="n">{len(want_m)}</td>' in text and 'name="op"' not in text)

    # ---- a reviewer: submitted and accepted ----
    rev = sess["rev"]
    got_r = listed(rev, "/rounds/2026/")
    want_r = [(e[0], e[1], e[2]) for e in all_e if e[2] in ("submitted", "accepted")]
    check("a reviewer sees the submitted and accepted entries", got_r == want_r and want_r,
          got_r, want_r)
    st, _, text = rev.get("/rounds/2026/?state=draft")
    check("... never a draft, also when asked", st == 200 and "該当する取組はありません。" in text)
    check("a reviewer's board has no counts and no forms",
          Tables(text).table("counts") is None and 'name="op"' not in text)

    # ---- the secretariat's changes ----
    st, _, text = sec.get("/rounds/2026/")
    ver = re.search(r'name="version" value="(\d+)"', text).group(1)
    before = db_dump(DB)
    for who in ("meti1", "rev"):
        st, _, _ = sess[who].post("/rounds/2026/", {"op": "close", "version": ver})
        check(f"{who} may not close the round (403)", st == 403, st)
        st, _, _ = sess[who].post("/rounds/", {"op": "open", "year": "2027",
                                                "deadline": "2028-01-31"})
        check(f"{who} may not open a round (403)", st == 403, st)
    st, _, _ = sec.post("/rounds/2026/", {"op": "close", "version": ver}, csrf=False)
    check("a POST without the CSRF token is 403", st == 403, st)
    st, _, _ = sec.post("/rounds/2026/", {"op": "close", "version": ver, "csrf": "x" * 43},
                        csrf=False)
    check("a POST with a wrong CSRF token is 403", st == 403, st)
    st, _, text = sec.post("/rounds/2026/", {"op": "close", "version": str(int(ver) + 5)})
    check("a stale version is 409 with the board", st == 409 and "他の人が更新しました" in text, st)
    for fields, what in (({"op": "open", "year": "abc", "deadline": "2028-01-31"}, "year abc"),
                         ({"op": "open", "year": "1999", "deadline": "2000-01-31"}, "year 1999"),
                         ({"op": "open", "year": "2027", "deadline": "2028-02-30"}, "deadline 2-30"),
                         ({"op": "open", "year": "2027", "deadline": ""}, "no deadline"),
                         ({"op": "shut", "year": "2027"}, "an unknown op")):
        st, _, text = sec.post("/rounds/", fields)
        check(f"open with a bad {what}: 400 with the form and the message",
              st == 400 and 'role="alert"' in text and 'name="deadline"' in text, st)
    st, _, _ = sec.post("/rounds/2026/", {"op": "reopen", "version": ver, "deadline": "2027-13-01"})
    check("reopen with a bad deadline: 400", st == 400, st)
    st, _, _ = sec.post("/rounds/2026/", {"op": "delete", "version": ver})
    check("an unknown op on the board: 400", st == 400, st)
    st, _, _ = sec.post("/rounds/", {"op": "open", "year": "2026", "deadline": "2027-01-31"})
    check("opening a round that exists: 409", st == 409, st)
    # the round's reminder days (schema 16): bad ones refused with the reason
    for days, why in (("x", "x: not a whole number of days"),
                      ("-3", "-3: a reminder cannot come after the deadline"),
                      ("400", "400: further ahead than a round lasts"),
                      ("7,,1", "an empty day between commas")):
        st, _, text = sec.post("/rounds/?lang=en", {"op": "open", "year": "2027",
                                                    "deadline": "2028-01-31", "remind_days": days})
        check(f"open with reminder days {days!r}: 400 with the reason, the days typed back",
              st == 400 and html.escape(why, quote=False) in text and
              f'value="{html.escape(days)}"' in text, st)
        st, _, text = sec.post("/rounds/2026/?lang=en", {"op": "remind-days", "version": ver,
                                                         "remind_days": days})
        check(f"the board's reminder days {days!r}: 400 with the reason", st == 400 and
              html.escape(why, quote=False) in text, st)
        st, _, text = sec.post("/rounds/2026/", {"op": "remind-days", "version": ver,
                                                 "remind_days": days})
        check(f"... in Japanese on the Japanese page ({days!r})", st == 400 and
              "督促日は提出期限の何日前かを0～366の整数で" in text and why not in text, st)
    st, _, text = sec.post("/rounds/2026/", {"op": "remind-days", "version": ver,
                                             "remind_days": '7"><script>x</script>'})
    check("markup typed as reminder days comes back escaped (400)", st == 400 and
          "<script>x" not in text and "&lt;script&gt;x" in text, st)
    st, _, text = sec.post("/rounds/2026/", {"op": "remind-days", "version": ver})
    check("op=remind-days without the field: 400", st == 400, st)
    for who in ("meti1", "rev"):
        st, _, _ = sess[who].post("/rounds/2026/", {"op": "remind-days", "version": ver,
                                                    "remind_days": "14,7,1"})
        check(f"{who} may not set the reminder days (403)", st == 403, st)
    st, _, _ = sec.post("/rounds/2026/", {"op": "remind-days", "version": ver,
                                          "remind_days": "14,7,1"}, csrf=False)
    check("reminder days without the CSRF token: 403", st == 403, st)
    st, _, _ = sec.post("/rounds/2026/", {"op": "remind-days", "version": str(int(ver) + 5),
                                          "remind_days": "14,7,1"})
    check("reminder days from a stale version: 409", st == 409, st)
    # the refusals in the page's language
    for path, fields, ja, en in (
            ("/rounds/", {"op": "open", "year": "2027", "deadline": "2028-02-30"},
             "日付は 2027-01-31 のように年-月-日で入力してください。",
             "Give the date as year-month-day, such as 2027-01-31."),
            ("/rounds/", {"op": "open", "year": "1999", "deadline": "2000-01-31"},
             "年度は2000年度から2200年度までです。", "A fiscal year is 2000 to 2200."),
            ("/rounds/", {"op": "shut", "year": "2027"},
             "選択肢にない値です。", "Not one of the choices"),
            ("/rounds/2026/", {"op": "reopen", "version": ver, "deadline": "2027-13-01"},
             "日付は 2027-01-31 のように", "Give the date as year-month-day"),
            ("/rounds/2026/", {"op": "reopen", "version": ver},
             "調査はすでにその状態です。", "The round is in that state already.")):
        for lang, want, other in (("", ja, en), ("?lang=en", en, ja)):
            st, _, text = sec.post(path + lang, fields)
            check(f"{path} {fields['op']} {'en' if lang else 'ja'}: 400 and the message in the "
                  "page's language", st == 400 and want in text and other not in text, st, want)
    check("... and none of the refused requests changed anything", db_dump(DB) == before)
    check("a round opened without reminder days has none (status --json: [])",
          status()["remind_days"] == [] and
          "reminder days: not set" in cli("round", "status", "2026").stdout)

    st, h, _ = sec.post("/rounds/", {"op": "open", "year": "令和9年度", "deadline": "2028-01-31",
                                     "remind_days": "7, 21"})
    check("the secretariat opens FY2027 from the web (303 to its board)",
          st == 303 and h.get("location", "").endswith("rounds/2027/"), st, h.get("location"))
    js27 = status(2027)
    check("... the round exists with its entries, deadline and reminder days (largest first)",
          js27["state"] == "open" and js27["deadline"] == "2028-01-31" and js27["entries"] > 50
          and js27["remind_days"] == [21, 7], js27.get("remind_days"))
    st, _, text = sec.get("/rounds/2027/")
    check("... the board shows the reminder days and offers them in its form",
          "期限の21・7日前" in text and 'name="remind_days"' in text and 'value="21,7"' in text)
    st, _, text = sec.get("/en/rounds/2027/")
    check("... in English too", "21, 7 days before the deadline" in text)
    st, _, text = meti.get("/rounds/2027/")
    check("... an editor sees them, without the form",
          "期限の21・7日前" in text and 'name="remind_days"' not in text)
    st, h, _ = sec.post("/rounds/2026/", {"op": "close", "version": ver})
    check("the secretariat closes FY2026", st == 303 and status()["state"] == "closed", st)
    st, _, text = sec.get("/rounds/2026/")
    check("the closed board offers to reopen", "締切済み" in text and 'value="reopen"' in text
          and 'value="close"' not in text)
    ver = re.search(r'name="version" value="(\d+)"', text).group(1)
    st, _, _ = sec.post("/rounds/2026/", {"op": "reopen", "version": ver, "deadline": "2026-06-30"})
    js = status()
    check("the secretariat reopens it with a deadline that has passed",
          st == 303 and js["state"] == "open" and js["deadline"] == "2026-06-30", st, js["state"])
    overdue = [(a["item"], a["ministry"] or "consolidated") for a in js["attention"]
               if a["overdue"]]
    got_o = [(i, c) for i, c, _ in listed(sec, "/rounds/2026/?overdue=1")]
    check("overdue=1 lists exactly the overdue entries", got_o == overdue and len(overdue) > 50,
          len(got_o), len(overdue))
    st, _, text = sec.get("/rounds/2026/")
    counts = Tables(text).table("counts")
    check("the counts' total says how many are overdue",
          int(counts[-1][6][0]) == js["overdue"], counts[-1], js["overdue"])
    ver = re.search(r'name="version" value="(\d+)"', text).group(1)
    st, h, _ = sec.post("/rounds/2026/", {"op": "remind-days", "version": ver,
                                          "remind_days": "1,14,7,14"})
    check("the secretariat sets FY2026's reminder days on the board (303)",
          st == 303 and status()["remind_days"] == [14, 7, 1], st, status()["remind_days"])
    st, _, text = sec.get("/rounds/2026/")
    check("... the board says so", "期限の14・7・1日前" in text)
    ver = re.search(r'name="version" value="(\d+)"', text).group(1)
    st, _, text = sec.post("/rounds/2026/", {"op": "remind-days", "version": ver,
                                             "remind_days": "14,7,1"})
    check("the same days again: 400 (nothing to change)", st == 400, st)
    st, h, _ = sec.post("/rounds/2026/", {"op": "remind-days", "version": ver,
                                          "remind_days": ""})
    st2, _, text = sec.get("/rounds/2026/")
    check("an empty field takes them away again: the server's default applies",
          st == 303 and status()["remind_days"] == [] and "未設定" in text, st)
    audit = json.loads(cli("audit", "--json", "--user", "sec").stdout)
    rd = [a for a in audit if a["action"] == "round.remind_days"]
    check("both changes of the days are audited with before and after",
          len(rd) == 2 and "remind_days=14,7,1" in json.dumps(rd, ensure_ascii=False), rd)
    acts = [(a["action"], a["target"]) for a in audit if a["actor"] == "user:sec"]
    check("the audit trail holds the web's open, close and reopen as user:sec",
          ("round.open", "round:2027") in acts and ("round.close", "round:2026") in acts and
          ("round.reopen", "round:2026") in acts, acts)
    check("... and the trail verifies", cli("audit", "verify", check_rc=False).returncode == 0)
    st, _, text = sec.get("/rounds/")
    check("the list of rounds shows both years, newest first, with the open form",
          st == 200 and text.find("令和9年度") < text.find("令和8年度") and 'value="open"' in text)
    st, _, text = sec.get("/en/rounds/")
    check("the list of rounds in English", st == 200 and "Follow-up rounds" in text and
          "FY2027" in text)
finally:
    srv.stop()
summary()
