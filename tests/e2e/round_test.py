"""The yearly follow-up round (issue 14) through the command line, acting as
web accounts with --as (their roles decide, as on the web):

FY2025 as imported is published as edition 1; the FY2026 round opens with
an empty entry per action item and ministry (a consolidated one for a
shared item) showing FY2025's 取組予定 as the commitment. Editors of 経 and
厚 save and submit, the secretariat returns one with a reason, it is
resubmitted, the lead ministry writes the consolidated text of a shared
item, the secretariat accepts and publishes. A stale version and every
forbidden combination (another ministry's entry, an editor accepting, a
reviewer editing, a co-owner consolidating) are refused with the database
unchanged. The audit trail holds every step and verifies. The official
table of the edition re-imports into a fresh database to the same entries
(the same SHA-256), and a second edition lists what changed while edition
1 stays readable."""
import json
import os
import sqlite3
import subprocess

from tap import MDPLAN, check, fresh_db, summary

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PLAN = os.path.join(top, "data", "plan-2nd.txt")
FU = os.path.join(top, "data", "followup-r7.tsv")
PW = "Kx7-harbour-Lantern-92"


def run(db, *args):
    return subprocess.run([MDPLAN, "--db", db, *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


def ok(db, *args):
    p = run(db, *args)
    if p.returncode != 0:
        raise SystemExit(f"mdplan {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def dump(db):
    """Every row of every table, the search index's too (the sqlite3 shell)."""
    p = subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"sqlite3: {p.stderr}")
    return p.stdout


def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)
    return name


def entries(db):
    """(item, ministry) -> (state, version, flagged)"""
    out = {}
    for line in ok(db, "round", "entries", "2026").stdout.splitlines():
        item, mini, state, version, flagged, _ = line.split("\t")
        out[(item, mini)] = (state, int(version), flagged == "flagged")
    return out


def version(db, item, mini):
    return str(entries(db)[(item, mini)][1])


def step(db, user, item, mini, *args, ver=None):
    v = ["--version", ver if ver is not None else version(db, item, mini)]
    return run(db, "round", "entry", "2026", item, mini, *args, *v, "--as", user)


db = "round.db"
fresh_db(db)
ok(db, "import", "plan", PLAN)
ok(db, "import", "followup", FU)
pw = write("pw", PW + "\n")
for name, role, mins in (("sec", "secretariat", []), ("meti1", "editor", ["経"]),
                         ("mhlw1", "editor", ["厚"]), ("rev", "reviewer", [])):
    args = ["user", "add", name, "--role", role, "--password-file", pw]
    for m in mins:
        args += ["--ministry", m]
    ok(db, *args)

# ---- FY2025 as imported: edition 1 ----
p = run(db, "round", "publish", "2025", "--as", "meti1")
check("an editor may not publish", p.returncode != 0 and "may not publish" in p.stderr, p.stderr)
p = ok(db, "round", "publish", "2025", "--as", "sec")
check("the imported FY2025 table is published as edition 1", "FY2025 edition 1 published" in
      p.stdout, p.stdout)
sha1_2025 = p.stdout.split()[-1]

# ---- opening ----
before = dump(db)
p = run(db, "round", "open", "2026", "--deadline", "2027-01-31", "--as", "meti1")
check("an editor may not open a round", p.returncode != 0, p.stdout)
p = run(db, "round", "open", "2026", "--deadline", "2027-02-30", "--as", "sec")
check("a deadline that is no day is refused", p.returncode != 0 and "deadline" in p.stderr)
check("... and neither wrote anything", dump(db) == before)
p = ok(db, "round", "open", "2026", "--deadline", "2027-01-31", "--as", "sec")
check("the secretariat opens the FY2026 round", "entries" in p.stdout, p.stdout)
p = run(db, "round", "open", "2026", "--deadline", "2027-01-31", "--as", "sec")
check("a second open is refused", p.returncode != 0 and "reopen" in p.stderr, p.stderr)
e = entries(db)
check("every entry starts as an empty draft", all(s == ("draft", 1, False) for s in e.values()))
check("A1 has an entry for 厚 only", ("A1", "mhlw") in e and ("A1", "consolidated") not in e)
check("shared A6 (◎厚、◎経) has entries for both and a consolidated one",
      all(("A6", m) in e for m in ("mhlw", "meti", "consolidated")))
c = sqlite3.connect(db)
n_items = c.execute("SELECT count(*) FROM action_item WHERE retired IS NULL AND EXISTS"
                    " (SELECT 1 FROM action_ministry am WHERE am.item_id = action_item.id)"
                    ).fetchone()[0]
n_pairs = c.execute("SELECT count(*) FROM action_ministry am JOIN action_item i"
                    " ON i.id = am.item_id WHERE i.retired IS NULL").fetchone()[0]
n_shared = c.execute("SELECT count(*) FROM action_item i WHERE i.retired IS NULL AND"
                     " (SELECT count(*) FROM action_ministry am WHERE am.item_id = i.id) > 1"
                     ).fetchone()[0]
check("one entry per item and ministry, one more per shared item",
      len(e) == n_pairs + n_shared and n_items > 50, len(e), n_pairs, n_shared)
commit = c.execute("SELECT group_concat(text, '|') FROM text_block WHERE owner = 'round_entry'"
                   " AND field = 'commitment' AND owner_id = (SELECT e.id FROM round_entry e"
                   " JOIN action_item i ON i.id = e.action_item_id WHERE i.no = 1)").fetchone()[0]
plans25 = c.execute("SELECT group_concat(b.text, '|') FROM text_block b JOIN followup f"
                    " ON b.owner = 'followup' AND b.owner_id = f.id AND b.field = 'plans'"
                    " JOIN action_item i ON i.id = f.action_item_id WHERE i.no = 1"
                    " AND f.fiscal_year = 2025").fetchone()[0]
check("A1's commitment is FY2025's 取組予定", commit and commit == plans25, commit, plans25)
results = c.execute("SELECT count(*) FROM round_entry WHERE results <> '' OR plans <> ''"
                    ).fetchone()[0]
check("no fabricated results: every FY2026 entry is empty", results == 0)
c.close()
st = json.loads(ok(db, "round", "status", "2026", "--json").stdout)
check("status --json: all drafts, per ministry and goal",
      st["states"]["draft"] == len(e) and st["consolidated"]["draft"] == n_shared
      and any(m["code"] == "meti" for m in st["ministries"]) and len(st["goals"]) == 11,
      st["states"])

# ---- drafts and submissions ----
r_meti = write("r_meti.txt", "経済産業省の実績。\n・拠点を整備した\n・伴走支援を行った\n")
p_meti = write("p_meti.txt", "引き続き支援する。\n")
r_mhlw = write("r_mhlw.txt", "厚生労働省の実績。\n- 研修を実施した\n")
r_a1 = write("r_a1.txt", "育成事業を実施した。\n")
p = step(db, "meti1", "A6", "meti", "--save", "--results-file", r_meti, "--plans-file", p_meti)
check("the 経 editor saves a draft of A6", p.returncode == 0 and "version 2" in p.stdout, p.stderr)
c = sqlite3.connect(db)
blocks = c.execute("SELECT b.kind, b.text FROM text_block b JOIN round_entry e ON b.owner ="
                   " 'round_entry' AND b.owner_id = e.id AND b.field = 'results' JOIN"
                   " action_item i ON i.id = e.action_item_id JOIN ministry m ON m.id ="
                   " e.ministry_id WHERE i.no = 6 AND m.code = 'meti' ORDER BY b.seq").fetchall()
c.close()
check("typed text is stored as blocks (・ lines are list items)",
      blocks == [("p", "経済産業省の実績。"), ("li", "拠点を整備した"), ("li", "伴走支援を行った")],
      blocks)
p = step(db, "meti1", "A6", "meti", "--submit")
check("... and submits it", p.returncode == 0 and entries(db)[("A6", "meti")][0] == "submitted",
      p.stderr)
p = step(db, "mhlw1", "A6", "mhlw", "--submit", "--results-file", r_mhlw)
check("the 厚 editor saves and submits its A6 entry in one step", p.returncode == 0, p.stderr)
p = step(db, "mhlw1", "A1", "mhlw", "--submit", "--results-file", r_a1)
check("the 厚 editor submits A1", p.returncode == 0, p.stderr)

# ---- stale and forbidden steps change nothing ----
before = dump(db)
p = step(db, "mhlw1", "A1", "mhlw", "--save", "--results-file", r_mhlw, ver="1")
check("a stale version is refused (exit 4)", p.returncode == 4 and "version" in p.stderr, p.stderr)
forbidden = [
    ("an editor writing another ministry's entry", "meti1", "A1", "mhlw",
     ["--save", "--results-file", r_meti]),
    ("an editor accepting", "mhlw1", "A1", "mhlw", ["--accept"]),
    ("an editor returning", "meti1", "A6", "meti", ["--return", "no"]),
    ("a reviewer editing", "rev", "A1", "mhlw", ["--save", "--results-file", r_meti]),
    ("a reviewer accepting", "rev", "A1", "mhlw", ["--accept"]),
    ("a co-owner (文) of A4 writing the consolidated text: not a lead", "mhlw1", "A4",
     "consolidated", ["--save", "--results-file", r_meti]),
    ("an editor commenting", "meti1", "A6", "meti", ["--text-file", r_meti]),
    ("an unknown account", "nobody", "A1", "mhlw", ["--accept"]),
]
for name, user, item, mini, args in forbidden:
    p = step(db, user, item, mini, *args)
    check(f"refused: {name}", p.returncode != 0 and "may not" in p.stderr, p.stdout, p.stderr)
p = step(db, "sec", "A1", "mhlw", "--return", "")
check("a return without a reason is refused", p.returncode != 0 and "reason" in p.stderr)
p = step(db, "sec", "A6", "consolidated", "--accept")
check("a draft is not accepted", p.returncode != 0 and "draft" in p.stderr, p.stderr)
check("the database is unchanged after every refusal", dump(db) == before)

# ---- review: return, resubmit, consolidate, accept ----
p = step(db, "sec", "A1", "mhlw", "--return", "数値を記載してください", "--field", "results")
check("the secretariat returns A1 with a reason about the results",
      p.returncode == 0 and entries(db)[("A1", "mhlw")][0] == "returned", p.stderr)
c = sqlite3.connect(db)
rr = c.execute("SELECT return_reason, return_field FROM round_entry e JOIN action_item i"
               " ON i.id = e.action_item_id WHERE i.no = 1").fetchone()
c.close()
check("... the reason and its field are kept", rr == ("数値を記載してください", "results"), rr)
p = step(db, "rev", "A1", "mhlw", "--text-file", write("cm.txt", "研修の受講者数は?\n"))
check("a reviewer comments on A1", p.returncode == 0 and "comment" in p.stdout, p.stderr)
p = step(db, "mhlw1", "A1", "mhlw", "--submit",
         "--results-file", write("r_a1b.txt", "育成事業を実施した(受講者120名)。\n"))
check("the 厚 editor resubmits A1", p.returncode == 0 and
      entries(db)[("A1", "mhlw")][0] == "submitted", p.stderr)
cons = write("cons.txt", "【厚生労働省】\n研修を実施した。\n【経済産業省】\n拠点を整備した。\n")
p = step(db, "meti1", "A6", "consolidated", "--submit", "--results-file", cons,
         "--plans-file", p_meti)
check("a lead (経, one of ◎厚、◎経) writes and submits A6's consolidated text",
      p.returncode == 0, p.stderr)
c = sqlite3.connect(db)
by = c.execute("SELECT consolidated_by FROM round_entry e JOIN action_item i ON i.id ="
               " e.action_item_id WHERE i.no = 6 AND e.consolidated = 1").fetchone()[0]
c.close()
check("the board can show who consolidated", by == "user:meti1", by)
for item, mini in (("A1", "mhlw"), ("A6", "consolidated"), ("A6", "meti"), ("A6", "mhlw")):
    p = step(db, "sec", item, mini, "--accept")
    check(f"the secretariat accepts {item} {mini}", p.returncode == 0, p.stderr)
st = json.loads(ok(db, "round", "status", "2026", "--json").stdout)
check("status counts the accepted entries", st["states"]["accepted"] == 4 and
      st["consolidated"]["accepted"] == 1, st["states"], st["consolidated"])

# ---- publication ----
p = ok(db, "round", "publish", "2026", "--as", "sec")
check("FY2026 edition 1 is published", "FY2026 edition 1 published" in p.stdout, p.stdout)
sha1 = p.stdout.split()[-1]
p = run(db, "round", "publish", "2026", "--as", "sec")
check("publishing again without a change is refused", p.returncode != 0 and
      "nothing changed" in p.stderr, p.stderr)
ok(db, "round", "export-tsv", "2026", "-o", "fy26-1.tsv")
with open("fy26-1.tsv", encoding="utf-8") as f:
    tsv = f.read()
check("the official table has the FY2025 layout: header, vision and goal rows",
      tsv.startswith("\t\t令和8年度の実績・状況\t令和9年度の取組予定\n") and "に向けて</b>" in tsv
      and "\t【" in tsv)
check("... the consolidated text of A6 with the ministries' parts marked",
      "<p>【厚生労働省】</p>" in tsv and "【◎厚、◎経】" in tsv)
check("... only accepted entries: A1 and A6", tsv.count("\n\t<p>") == 2, tsv.count("\n\t<p>"))
c = sqlite3.connect(db)
try:
    c.execute("UPDATE edition_row SET item_text = 'x'")
    frozen = False
except sqlite3.DatabaseError as ex:
    frozen = "cannot change" in str(ex)
try:
    c.execute("DELETE FROM text_block WHERE owner = 'edition_row'")
    frozen = frozen and False
except sqlite3.DatabaseError as ex:
    frozen = frozen and "cannot change" in str(ex)
c.close()
check("a published edition cannot be changed (rows and texts)", frozen)

# the official table re-imports into a fresh database to the same entries
fdb = "fresh.db"
fresh_db(fdb)
ok(fdb, "import", "plan", PLAN)
p = ok(fdb, "import", "followup", "fy26-1.tsv")
check("the generated table imports, every row matched", "2 rows: 2 matched exactly" in p.stdout,
      p.stdout)
p = ok(fdb, "round", "publish", "2026")
check("... and published there it has the same SHA-256 (the same entries)",
      p.stdout.split()[-1] == sha1, p.stdout, sha1)
ok(db, "round", "export-tsv", "2025", "-o", "fy25.tsv")
fdb2 = "fresh25.db"
fresh_db(fdb2)
ok(fdb2, "import", "plan", PLAN)
ok(fdb2, "import", "followup", "fy25.tsv")
p = ok(fdb2, "round", "publish", "2025")
check("FY2025's edition 1 round-trips through its official table too",
      p.stdout.split()[-1] == sha1_2025, p.stdout, sha1_2025)

# ---- a correction: reopened, changed, flagged, re-accepted, edition 2 ----
p = step(db, "mhlw1", "A1", "mhlw", "--save", "--results-file", r_a1)
check("an accepted entry changed again goes back to submitted, flagged",
      p.returncode == 0 and entries(db)[("A1", "mhlw")][0] == "submitted"
      and entries(db)[("A1", "mhlw")][2], p.stderr)
st = json.loads(ok(db, "round", "status", "2026", "--json").stdout)
check("status lists it for re-review", st["flagged"] == 1 and
      any(a["item"] == 1 and a["flagged"] for a in st["attention"]), st["attention"])
ok(db, "round", "close", "2026", "--as", "sec")
p = step(db, "mhlw1", "A1", "mhlw", "--save", "--results-file", r_meti)
check("a closed round takes no changes", p.returncode != 0 and "closed" in p.stderr, p.stderr)
p = step(db, "sec", "A1", "mhlw", "--accept")
check("the secretariat accepts the correction (flag cleared)", p.returncode == 0 and
      not entries(db)[("A1", "mhlw")][2], p.stderr)
p = ok(db, "round", "publish", "2026", "--as", "sec")
check("the correction is edition 2", "FY2026 edition 2 published" in p.stdout, p.stdout)
p = ok(db, "round", "editions", "2026")
check("edition 2 lists what changed since edition 1",
      "edition 2" in p.stdout and "changed A1 results" in p.stdout, p.stdout)
ok(db, "round", "export-tsv", "2026", "--edition", "1", "-o", "fy26-1b.tsv")
with open("fy26-1b.tsv", encoding="utf-8") as f:
    check("edition 1 is still readable, as it was", f.read() == tsv)

# ---- the audit trail ----
a = json.loads(ok(db, "audit", "--json").stdout)
acts = [x["action"] for x in a]
for act, n in (("round.open", 1), ("round.entry.save", 2), ("round.entry.submit", 5),
               ("round.entry.return", 1), ("round.entry.accept", 5),
               ("round.entry.comment", 1), ("round.publish", 3), ("round.close", 1)):
    check(f"the audit trail holds {n} {act}", acts.count(act) == n, acts.count(act))
ret = [x for x in a if x["action"] == "round.entry.return"][0]
check("... with actor, target and reason", ret["actor"] == "user:sec" and
      ret["target"].endswith("FY2026 A1 mhlw") and "reason=数値を記載してください" in ret["after"],
      ret)
check("no refused step is in the trail", not any(x["actor"] in ("user:rev", "user:nobody") and
                                                  x["action"] != "round.entry.comment" for x in a))
p = ok(db, "audit", "verify")
check("audit verify: the chain is intact", "intact" in p.stdout, p.stdout)
c = sqlite3.connect(db)
h = c.execute("SELECT count(*) FROM history WHERE tbl = 'round_entry' AND field = 'state'"
              " AND actor = 'user:sec'").fetchone()[0]
c.close()
check("history keeps every state change with its actor", h >= 6, h)
summary()
