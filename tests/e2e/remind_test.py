#!/usr/bin/env python3
"""The round's reminder mail (issue 14) delivered to a local SMTP sink on
loopback (tests/data/smtp-sink.py, whose Python email decoder reads each
message back):

`mdplan round remind 2026 --smtp URL --today D` at each step of the
schedule (--remind-days 14,7,1, then overdue): one message per editor whose
entries are not all submitted, to their address, with an RFC 2047 subject
that decodes to the step's Japanese text, listing exactly their
unsubmitted entries; none to an editor whose entries are all submitted,
none to a reviewer; never a second message for the same step (the same
day again, another day of the step, another run); a relay that cannot be
reached is recorded as failed and sends nothing; an editor may not run
the schedule. The record (`round reminders --json`, the audit trail)
matches what the sink received. The round's own reminder days (`round
remind-days`, schema 16) decide over --remind-days, which applies again
once they are taken away; bad days are refused with nothing written.
Then `mdplan serve --smtp` runs the schedule itself, keeping to the
round's days, and after a restart sends nothing twice."""
import datetime
import json
import os
import signal
import subprocess
import time

from tap import MDPLAN, Server, Session, add_user, check, fresh_db, mdplan, summary

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PLAN = os.path.join(top, "data", "plan-2nd.txt")
FU = os.path.join(top, "data", "followup-r7.tsv")
PW = "Kx7-harbour-Lantern-92"
db = "remind.db"


def run(*args):
    return subprocess.run([MDPLAN, "--db", db, *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


class Sink:
    def __init__(self, d):
        self.d = d
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        self.proc = subprocess.Popen(["python3", os.path.join(top, "tests", "data",
                                                              "smtp-sink.py"), d])
        for _ in range(400):
            if os.path.exists(os.path.join(d, "port")):
                break
            time.sleep(0.05)
        self.url = "smtp://127.0.0.1:" + open(os.path.join(d, "port")).read().strip()

    def count(self):
        return len([f for f in os.listdir(self.d) if f.endswith(".done")])

    def msg(self, n):
        rd = lambda ext: open(os.path.join(self.d, f"{n}.{ext}"), encoding="utf-8",
                              errors="replace").read()
        env = rd("env")
        rcpt = [l.split("<", 1)[1].rstrip(">") for l in env.splitlines() if l.startswith("RCPT")]
        return {"to": rcpt, "subject": rd("subject"), "body": rd("body"), "eml": rd("eml")}

    def wait(self, n, timeout=30):
        end = time.time() + timeout
        while time.time() < end and self.count() < n:
            time.sleep(0.1)
        return self.count()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)


def unsubmitted(mini_code, lead_abbrev):
    """The entries an editor of that ministry writes that are not submitted:
    its own, and the consolidated entries of items it leads (◎)."""
    out = set()
    for line in run("round", "entries", "2026").stdout.splitlines():
        item, m, state, _, _, tag = line.split("\t")
        if state not in ("draft", "returned"):
            continue
        if m == mini_code or (m == "consolidated" and "◎" + lead_abbrev in tag):
            out.add(f"{item} {m}")
    return out


def setup(deadline):
    fresh_db(db)
    mdplan("--db", db, "import", "plan", PLAN)
    mdplan("--db", db, "import", "followup", FU)
    mdplan("--db", db, "round", "publish", "2025")
    mdplan("--db", db, "round", "open", "2026", "--deadline", deadline)
    add_user(db, "meti1", PW, "--role", "editor", "--ministry", "経",
             "--email", "meti1@example.go.jp", "--display", "経産 一郎")
    add_user(db, "mhlw1", PW, "--role", "editor", "--ministry", "厚",
             "--email", "mhlw1@example.go.jp")
    add_user(db, "mext1", PW, "--role", "editor", "--ministry", "文",
             "--email", "mext1@example.go.jp")
    add_user(db, "noaddr", PW, "--role", "editor", "--ministry", "内")
    add_user(db, "rev", PW, "--role", "reviewer", "--email", "rev@example.go.jp")
    add_user(db, "sec", PW, "--role", "secretariat", "--email", "sec@example.go.jp")


setup("2027-01-31")
# 文's editor hands in everything they write
with open("r.txt", "w", encoding="utf-8") as f:
    f.write("・実施した。\n")
for item in sorted(unsubmitted("mext", "文")):
    no, m = item.split()
    v = [l.split("\t")[3] for l in run("round", "entries", "2026").stdout.splitlines()
         if l.split("\t")[0] == no and l.split("\t")[1] == m][0]
    p = run("round", "entry", "2026", no, m, "--submit", "--results-file", "r.txt",
            "--version", v, "--as", "mext1")
    if p.returncode:
        raise SystemExit(p.stderr)
check("文's editor has nothing left to submit", not unsubmitted("mext", "文"))

sink = Sink("sink")
want = {"meti1@example.go.jp": unsubmitted("meti", "経"),
        "mhlw1@example.go.jp": unsubmitted("mhlw", "厚")}


def remind(today, *extra, smtp=None):
    return run("round", "remind", "2026", "--smtp", smtp or sink.url, "--today", today,
               "--remind-days", "14,7,1", "--site", "https://mdplan.example.go.jp/", *extra)


p = remind("2027-01-10")
check("21 days before: no step due, nothing sent", p.returncode == 0 and
      "no reminder due" in p.stdout and sink.count() == 0, p.stdout, p.stderr)
p = run("round", "remind", "2026", "--smtp", sink.url, "--today", "2027-01-24",
        "--as", "meti1")
check("an editor may not run the schedule; nothing sent", p.returncode != 0 and
      sink.count() == 0 and "[]" in run("round", "reminders", "2026", "--json").stdout,
      p.stdout, p.stderr)
p = remind("2027-01-20", "--dry-run")
check("--dry-run: composes, sends and records nothing", p.returncode == 0 and
      "dry run" in p.stdout and sink.count() == 0 and
      json.loads(run("round", "reminders", "2026", "--json").stdout) == [], p.stdout)
p = remind("2027-01-20", smtp="smtp://127.0.0.1:1")
rec = json.loads(run("round", "reminders", "2026", "--json").stdout)
check("an unreachable relay: exit 1, each message recorded as failed, none delivered",
      p.returncode == 1 and sink.count() == 0 and len(rec) == 2 and
      all(r["status"] == "failed" and r["error"] and r["step"] == "d14" for r in rec),
      p.stdout, rec)

p = remind("2027-01-24", "--as", "sec")
check("7 days before, as the secretariat: step d7, two messages", p.returncode == 0 and
      "step d7: 2 sent" in p.stdout and sink.wait(2) == 2, p.stdout, p.stderr)
got = {}
for n in (1, 2):
    m = sink.msg(n)
    got[m["to"][0]] = m
check("the recipients are the two editors with entries left (not 文, not the reviewer, "
      "not the secretariat)", sorted(got) == sorted(want), sorted(got))
check("the subjects are RFC 2047 encoded words that decode to the step's text",
      all("=?UTF-8?" in m["eml"].split("\r\n\r\n")[0] and
          m["subject"] == "【医療機器基本計画】令和8年度フォローアップ：提出期限まであと7日（2027-01-31）"
          " / FY2026 follow-up reminder" for m in got.values()),
      [m["subject"] for m in got.values()])


def listed(body):
    import re
    return {f"{a} {b}" for a, b in re.findall(r"^- (A\d+) \S+ \(\w+\) https://mdplan\.example"
                                              r"\.go\.jp/rounds/2026/items/\d+/(\w+)/$",
                                              body, re.M)}


check("each message lists exactly that editor's unsubmitted entries, with links",
      all(listed(got[a]["body"]) == want[a] for a in want),
      {a: (len(listed(got[a]["body"])), len(want[a])) for a in want})
check("the message greets the editor by name", got["meti1@example.go.jp"]["body"].startswith(
    "経産 一郎 様"), got["meti1@example.go.jp"]["body"][:40])

p = remind("2027-01-24")
p2 = remind("2027-01-26")
check("the same step again (that day, another day of it): nothing more sent",
      p.returncode == 0 and "0 sent" in p.stdout and "2 sent before" in p.stdout and
      p2.returncode == 0 and "0 sent" in p2.stdout and sink.count() == 2, p.stdout, p2.stdout)

rec = json.loads(run("round", "reminders", "2026", "--json").stdout)
ok = [r for r in rec if r["status"] == "ok"]
check("the record: one ok row per message, matching what the sink received",
      len(ok) == 2 and all(r["step"] == "d7" and r["day"] == "2027-01-24" and
                           r["address"] in got and r["subject"] == got[r["address"]]["subject"] and
                           set(r["entries"]) == want[r["address"]] and
                           r["message_id"] and r["message_id"] in got[r["address"]]["eml"]
                           for r in ok), ok)
aud = run("audit", "--action", "round.remind").stdout
check("each message is in the audit trail", aud.count("round.remind") == 4 and
      "reminder:" in aud and "status=ok" in aud and "status=failed" in aud, aud[:800])
txt = run("round", "reminders", "2026").stdout
check("round reminders lists them", txt.count("\td7\t") == 2 and "meti1" in txt, txt[:300])

# meti1 submits one entry: the next step lists one fewer
one = sorted(want["meti1@example.go.jp"], key=lambda s: int(s.split()[0][1:]))[0]
no, m = one.split()
v = [l.split("\t")[3] for l in run("round", "entries", "2026").stdout.splitlines()
     if l.split("\t")[0] == no and l.split("\t")[1] == m][0]
run("round", "entry", "2026", no, m, "--submit", "--results-file", "r.txt", "--version", v,
    "--as", "meti1")
p = remind("2027-01-31")
check("the deadline day: step d1, two more messages", p.returncode == 0 and
      "step d1: 2 sent" in p.stdout and sink.wait(4) == 4, p.stdout)
m3 = [sink.msg(n) for n in (3, 4)]
m_meti = [m for m in m3 if m["to"] == ["meti1@example.go.jp"]][0]
check("an entry submitted since is no longer listed",
      listed(m_meti["body"]) == want["meti1@example.go.jp"] - {one} and
      "本日が提出期限です" in m_meti["subject"], m_meti["subject"])
p = remind("2027-02-01")
check("overdue: step overdue+1, two more", "step overdue+1: 2 sent" in p.stdout and
      sink.wait(6) == 6 and "提出期限を1日過ぎています" in sink.msg(5)["subject"], p.stdout)
p = remind("2027-02-05")
check("overdue again within the week: nothing more", "0 sent" in p.stdout and
      sink.count() == 6, p.stdout)
run("round", "close", "2026")
p = remind("2027-02-08")
check("a closed round sends nothing", "no reminder due" in p.stdout and sink.count() == 6,
      p.stdout)

# ---- the round's own reminder days (schema 16) decide ----
setup("2027-01-31")
dump = lambda: subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True).stdout
before = dump()
for bad, why in (("x", "x: not a whole number of days"), ("-3", "cannot come after the deadline"),
                 ("367", "further ahead than a round lasts"), ("7,,1", "an empty day")):
    p = run("round", "remind-days", "2026", bad)
    check(f"round remind-days {bad}: refused with the reason, nothing written",
          p.returncode != 0 and why in p.stderr and dump() == before, p.returncode, p.stderr)
p = run("round", "open", "2027", "--deadline", "2028-01-31", "--remind-days", "14,x")
check("round open --remind-days 14,x: refused, no FY2027 round", p.returncode != 0 and
      "x: not a whole number" in p.stderr and dump() == before, p.stderr)
p = run("round", "remind-days", "2026", "3,10")
st26 = json.loads(run("round", "status", "2026", "--json").stdout)
check("round remind-days 2026 3,10: stored largest first, in round status --json",
      p.returncode == 0 and st26["remind_days"] == [10, 3] and
      "reminder days: 10,3" in run("round", "status", "2026").stdout, p.stdout, p.stderr)
sink3 = Sink("sink3")
r3 = lambda today: run("round", "remind", "2026", "--smtp", sink3.url, "--today", today,
                       "--remind-days", "14,7,1")
p = r3("2027-01-18")
check("13 days before: --remind-days 14,7,1 would send d14, the round's 10,3 send nothing",
      p.returncode == 0 and "no reminder due" in p.stdout and "days 10,3: the round's" in p.stdout
      and sink3.count() == 0, p.stdout, p.stderr)
p = r3("2027-01-21")
check("10 days before: the round's step d10 goes to the three editors",
      p.returncode == 0 and "step d10: 3 sent" in p.stdout and sink3.wait(3) == 3 and
      all("あと10日" in sink3.msg(i)["subject"] for i in (1, 2, 3)), p.stdout)
p = r3("2027-01-24")
check("7 days before (a step of 14,7,1, not of the round's): still d10, nothing new",
      p.returncode == 0 and "step d10: 0 sent, 0 failed, 3 sent before" in p.stdout and
      sink3.count() == 3, p.stdout)
p = run("round", "remind-days", "2026", "none")
p2 = r3("2027-01-25")
check("round remind-days none: the command's --remind-days apply again (d7 is new)",
      p.returncode == 0 and json.loads(run("round", "status", "2026", "--json").stdout)
      ["remind_days"] == [] and "step d7: 3 sent" in p2.stdout and
      "days 14,7,1: --remind-days" in p2.stdout and sink3.wait(6) == 6, p.stdout, p2.stdout)
aud = run("audit", "--action", "round.remind_days").stdout
check("each change of the days is audited (before and after)", aud.count("round.remind_days") == 2
      and "remind_days=10,3" in aud, aud[:600])
sink3.stop()

# ---- the server runs the schedule ----
today = datetime.datetime.now(datetime.timezone.utc).date()
setup((today + datetime.timedelta(days=7)).isoformat())
run("round", "remind-days", "2026", "5")
sink2 = Sink("sink2")
srv = Server(db, "--smtp", sink2.url, "--remind-days", "14,7,1", "--remind-interval", "1",
             "--mail-from", "secretariat@example.go.jp")
time.sleep(2.5)                 # a few ticks
check("the server keeps to the round's days (5): 7 days before, nothing sent although its "
      "--remind-days 14,7,1 has a step d7", sink2.count() == 0 and
      json.loads(run("round", "reminders", "2026", "--json").stdout) == [], sink2.count())
p = run("round", "remind-days", "2026", "7,5")
n = sink2.wait(3, timeout=20)   # 経, 厚 and 文 (nothing submitted here)
time.sleep(2.5)                 # two more ticks
check("mdplan serve --smtp sends each editor the step due (d7), once",
      n == 3 and sink2.count() == 3 and
      sorted(sink2.msg(i)["to"][0] for i in (1, 2, 3)) ==
      ["meti1@example.go.jp", "mext1@example.go.jp", "mhlw1@example.go.jp"], n, sink2.count())
check("from the --mail-from address", "MAIL FROM:<secretariat@example.go.jp>" in
      open(os.path.join("sink2", "1.env")).read())
rc, _, err = srv.stop()
check("the server stops cleanly with the schedule running", rc == 0, err[-1500:])
srv = Server(db, "--smtp", sink2.url, "--remind-days", "14,7,1", "--remind-interval", "1")
time.sleep(3)
rc, _, err = srv.stop()
check("after a restart: nothing is sent twice", rc == 0 and sink2.count() == 3, sink2.count())
rec = json.loads(run("round", "reminders", "2026", "--json").stdout)
check("the server's messages are recorded", len(rec) == 3 and
      all(r["status"] == "ok" and r["step"] == "d7" for r in rec), rec)

# ---- the board shows the record to the secretariat ----
srv = Server(db)
sec = Session(srv)
sec.login("sec", PW)
st, h, board = sec.get("/rounds/2026/")
sect = board[board.find('class="reminders'):]
sect = sect[:sect.find("</section>")]
check("the board's reminders section lists every message sent (whom, step, sent)",
      st == 200 and all(a in sect for a in ("meti1", "mhlw1", "mext1")) and
      sect.count("送信済み") == 3 and "d7" in sect, st, sect[:600])
ed = Session(srv)
ed.login("meti1", PW)
st, h, eb = ed.get("/rounds/2026/")
check("an editor's board has no reminder record", st == 200 and 'class="reminders' not in eb
      and "mhlw1" not in eb, st)
srv.stop()
sink.stop()
sink2.stop()
summary()
