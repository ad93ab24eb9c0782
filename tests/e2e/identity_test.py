#!/usr/bin/env python3
"""Plan entities keep their identity across re-imports (issue 12).

The real plan and the real FY2025 follow-up are imported; then the plan is
re-imported with one action item inserted, removed, moved to another
measure or reworded, each time from the same start. After each re-import,
every FY2025 follow-up result must still hang on the item it was reported
for: by the stored identity (the follow-up row's action item id, and that
item's text) and as the public output shows it (the export's item text ->
results). The summary and the history must say what happened in those
words, and re-importing the original must restore the numbering with
nothing lost (the export byte-identical to the one before)."""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import urllib.error
import urllib.request

from tap import MDPLAN, check, fresh_db, mdplan, summary, undo_schema_5

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
BULLET = "\uf0fc"


def run(*args):
    return mdplan(*args, check_rc=False)


with open(PLAN, encoding="utf-8") as f:
    plan_text = f.read()


def item_span(anchor):
    """Start and end of the action item whose text starts with anchor: from
    the start of its line to after its ministry tag's line and the blank
    line after it."""
    at = plan_text.index(anchor)
    start = plan_text.rindex("\n", 0, at) + 1
    end = plan_text.index("］", at)
    end = plan_text.index("\n", end) + 1
    while plan_text.startswith("\n", end):
        end += 1
    return start, end


def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)
    return name


def base_db(name):
    fresh_db(name)
    run("--db", name, "import", "plan", PLAN)
    p = run("--db", name, "import", "followup", FOLLOWUP)
    assert p.returncode == 0, p.stderr
    return name


def copy_db(src, dst):
    fresh_db(dst)
    shutil.copy(src, dst)
    return dst


def ids(db):
    """followup id -> (action item id, that item's text), and the item
    texts by id, read from the store itself."""
    c = sqlite3.connect(db)
    fu = {r[0]: (r[1], r[2]) for r in c.execute(
        "SELECT f.id, f.action_item_id, i.text FROM followup f"
        " LEFT JOIN action_item i ON i.id = f.action_item_id WHERE f.fiscal_year = 2025")}
    items = {r[0]: r[1] for r in c.execute("SELECT id, text FROM action_item")}
    c.close()
    return fu, items


def export(db):
    return run("--db", db, "export", "json", "--year", "R7").stdout


def by_text(exp):
    """The export as the public sees it: item text -> (results, plans)."""
    return {r["action_item"]: (r["results"], r["plans"]) for r in json.loads(exp)["followups"]}


def plan_items(db):
    return run("--db", db, "plan", "--items").stdout


def show(db, ident):
    return run("--db", db, "show", ident).stdout


def history(db):
    return json.loads(run("--db", db, "history", "--json").stdout)


def summary_line(out):
    m = re.search(r"outline: (\d+) inserted, (\d+) reworded, (\d+) moved, "
                  r"(\d+) retired, (\d+) restored, (\d+) unchanged; (\d+) renumbered", out)
    return tuple(int(x) for x in m.groups()) if m else None


def item_texts(db):
    """A-number -> text of the items in the current plan."""
    c = sqlite3.connect(db)
    cols = [r[1] for r in c.execute("PRAGMA table_info(action_item)")]
    r = dict(c.execute("SELECT no, text FROM action_item" +
                       (" WHERE retired IS NULL" if "retired" in cols else "")))
    c.close()
    return r


base = base_db("base.db")
base_export = export(base)
base_map = by_text(base_export)
base_fu, base_items = ids(base)
base_tree = plan_items(base)
base_numbers = item_texts(base)
check("base: every matched FY2025 row is in the export",
      len(base_map) >= 55, len(base_map))

# the items the scenarios use, with their FY2025 results
A2 = "特に医師養成を行う大学において既に実施している医療機器の研究開発に関する"
A16 = "医工連携イノベーション推進事業における地域連携拠点の自立化のための支援に"
A5_END = "む。［◎厚、◎文］ \n"
A7 = "今後、AI を用いた医療機器の研究開発が増えることを考慮して"


def full_text(anchor):
    for t in base_map:
        if t.startswith(anchor.replace(" ", "")) or t.startswith(anchor):
            return t
    raise SystemExit("no exported item starts with " + anchor)


for a in (A2, A16, A7):
    t = full_text(a)
    check(f"base: {t[:12]}… has FY2025 results", base_map[t][0] != "", base_map[t])


def same_followups(name, db, changed_item=None):
    """Every FY2025 row still names the item it named before, and that
    item still says what it said (but the one reworded on purpose)."""
    fu, items = ids(db)
    moved = [k for k in base_fu if fu.get(k, (None,))[0] != base_fu[k][0]]
    check(f"{name}: every follow-up row keeps its action item id",
          not moved and set(fu) == set(base_fu), moved[:5])
    texts = [k for k, t in base_items.items() if k != changed_item and items.get(k) != t]
    check(f"{name}: every action item id keeps its text", not texts, texts[:5])


def public_same(name, db, reworded=None, retired=None):
    """The export still pairs each item's text with its own results (a
    retired item's row is shown with the text the follow-up table quotes)."""
    m = by_text(export(db))
    results = {v: k for k, v in m.items()}
    wrong = []
    for t, v in base_map.items():
        if t == retired:
            got = v if v in results and results[v] != t else None
        else:
            got = m.get(reworded[1] if reworded and t == reworded[0] else t)
        if got != v:
            wrong.append((t[:30], (got or ("",))[0][:40], v[0][:40]))
    check(f"{name}: the export pairs every item text with its own FY2025 results",
          not wrong, *wrong[:3])


def restores(name, db):
    """Re-importing the original puts back the numbering, losing nothing."""
    p = run("--db", db, "import", "plan", PLAN)
    chk = run("--db", db, "search", "--check")
    check(f"{name}: after restoring, the search index matches the texts",
          chk.returncode == 0, chk.stdout, chk.stderr)
    check(f"{name}: re-importing the original succeeds", p.returncode == 0, p.stderr)
    check(f"{name}: the original numbering is back", item_texts(db) == base_numbers,
          sorted(set(item_texts(db).items()) ^ set(base_numbers.items()))[:3])
    check(f"{name}: the plan tree is as before", plan_items(db) == base_tree)
    check(f"{name}: the FY2025 export is byte-identical to the one before",
          export(db) == base_export)
    same_followups(name + " (restored)", db)
    return p


# ---- a re-import that changes nothing ----
db = copy_db(base, "same.db")
p = run("--db", db, "import", "plan", PLAN)
check("same plan: nothing inserted, reworded, moved or retired",
      summary_line(p.stdout) == (0, 0, 0, 0, 0, 125, 0), p.stdout)
check("same plan: history stays empty", history(db) == [], history(db)[:2])

# ---- one item inserted before A2 ----
new_item = BULLET + " 医療機器の研究開発に関する新たな研修プログラムを全国の医療機関に展開する。［◎厚］ \n\n"
s, e = item_span(A2)
db = copy_db(base, "insert.db")
p = run("--db", db, "import", "plan", write("insert.txt", plan_text[:s] + new_item + plan_text[s:]))
check("insert: import succeeds", p.returncode == 0, p.stderr)
check("insert: reported as 1 inserted, 59 renumbered, nothing else",
      summary_line(p.stdout) == (1, 0, 0, 0, 0, 125, 59), p.stdout)
check("insert: the note names the new item", "inserted A2 「医療機器の研究開発に関する新たな" in p.stderr, p.stderr)
same_followups("insert", db)
public_same("insert", db)
out = show(db, "A2")
check("insert: A2 is the new item, with no follow-up",
      "新たな研修プログラム" in out and "令和7年度" not in out, out[:300])
out = show(db, "A3")
check("insert: A3 is the old A2 with its own FY2025 results",
      A2[:10] in out and base_map[full_text(A2)][0][:20] in out, out[:400])
h = history(db)
ins = [x for x in h if x["field"] == "inserted"]
check("insert: history records the insertion with its description",
      len(ins) == 1 and ins[0]["what"].startswith("A2 「医療機器の研究開発に関する新たな"), ins)
ren = [x for x in h if x["field"] == "no" and x["table"] == "action_item"]
check("insert: history records the 59 renumberings with the old number",
      len(ren) == 59 and any(x["what"].startswith("A2 「特に医師養成") and x["old"] == "2"
                             and x["new"] == "3" for x in ren), ren[:2])
outl = [x for x in h if x["field"] == "outline"]
check("insert: history holds the summary in the same words",
      len(outl) == 1 and outl[0]["new"].startswith("1 inserted, 0 reworded, 0 moved, 0 retired"), outl)
txt = run("--db", db, "history").stdout
check("insert: the text history is readable (A-numbers, not only row ids)",
      re.search(r"A2 「特に医師養成を行う大学において既に実施している医療機器の研究…」"
                r" \(action_item#\d+\) v\d+ no: \"2\" -> \"3\" by import:plan ", txt), txt[:600])
p = restores("insert", db)
check("insert: re-importing the original retires the inserted item",
      summary_line(p.stdout) == (0, 0, 0, 1, 0, 125, 59), p.stdout)

# ---- one item removed (A16) ----
s, e = item_span(A16)
db = copy_db(base, "remove.db")
p = run("--db", db, "import", "plan", write("remove.txt", plan_text[:s] + plan_text[e:]))
check("remove: import succeeds", p.returncode == 0, p.stderr)
check("remove: reported as 1 retired, 44 renumbered",
      summary_line(p.stdout) == (0, 0, 0, 1, 0, 124, 44), p.stdout)
same_followups("remove", db)
nums = item_texts(db)
check("remove: 59 items, all texts distinct (A59 and A60 differ)",
      len(nums) == 59 and len(set(nums.values())) == 59, len(nums))
check("remove: the removed text is in no current item",
      not any(t.startswith(A16[:20]) for t in nums.values()))
t16 = full_text(A16)
m = [r for r in json.loads(export(db))["followups"] if r["results"] == base_map[t16][0]]
check("remove: the retired item's FY2025 row is kept with its results, out of the plan structure",
      len(m) == 1 and m[0]["action_item_no"] is None and m[0]["measure_no"] is None and
      m[0]["action_item"].startswith(A16[:20]), m)
public_same("remove", db, retired=t16)
c = sqlite3.connect(db)
try:
    rid = c.execute("SELECT id FROM action_item WHERE retired IS NOT NULL").fetchall()
except sqlite3.OperationalError:
    rid = []
c.close()
check("remove: one retired item row, the same id as before", len(rid) == 1 and
      base_items.get(rid[0][0], "").startswith(A16[:20]), rid)
out = run("--db", db, "show", f"item#{rid[0][0]}", "--en").stdout if rid else ""
check("remove: show item#ID says the item is retired (was A16) and shows its FY2025 results",
      "retired" in out and "A16" in out and base_map[t16][0][:20] in out, out[:400])
p2 = run("--db", db, "show", "A60")
check("remove: there is no A60 any more", p2.returncode != 0, p2.stdout[:200])
stats = run("--db", db, "stats", "--json").stdout
check("remove: counts leave the retired item out", '"action_items": 59' in stats, stats[:300])
tree = plan_items(db)
check("remove: the plan tree leaves the retired item out", A16[:20] not in tree.replace("…", ""))
sr = json.loads(run("--db", db, "search", "地域連携拠点の自立化", "--json").stdout)
check("remove: search no longer finds the retired item", sr["total"] == 0, sr)
sr = json.loads(run("--db", db, "search", "地域における医療機器開発エコシステム形成を実施",
                    "--json").stdout)
check("remove: its follow-up is still found, under its year",
      sr["total"] == 1 and sr["results"][0]["kind"] == "followup" and
      sr["results"][0]["url"] == "followups/2025/", sr)
chk = run("--db", db, "search", "--check")
check("remove: the search index matches the texts", chk.returncode == 0 and
      "0 documents not indexed as they read, 0 index rows without a document" in chk.stdout,
      chk.stdout, chk.stderr)
# the web: the item page and the JSON by identity, the year table's link
srv = subprocess.Popen([MDPLAN, "--db", db, "serve", "--port", "0", "--no-log"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
port = re.search(r"127\.0\.0\.1:(\d+)/", srv.stdout.readline()).group(1)


def get(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


rid16 = rid[0][0] if rid else 0
st, body = get(f"/api/v1/action-items/id/{rid16}")
j = json.loads(body) if st == 200 else {}
check("remove: the JSON by identity says retired (was A16), with its FY2025 results",
      j.get("id") == rid16 and j.get("retired") is True and j.get("retired_no") == 16 and
      j.get("no") is None and [f["results"] for f in j.get("followups", [])] ==
      [base_map[t16][0]], st, body[:300])
st, body = get(f"/api/v1/action-items/id/{rid16 - 1}")
check("remove: ... a current item by identity is not retired",
      st == 200 and json.loads(body)["retired"] is False and "retired_no" not in json.loads(body))
st, _ = get("/api/v1/action-items/id/999999")
check("remove: ... an unknown identity is 404", st == 404, st)
st, body = get(f"/items/id/{rid16}/")
check("remove: the item page by identity marks it retired and shows its results",
      st == 200 and "この取組は計画から削除されました" in body and "A16" in body and
      base_map[t16][0][2:30] in body, st, body[:300])
st, body = get(f"/en/items/id/{rid16}/")
check("remove: ... in English too", st == 200 and "no longer in the plan" in body, st)
st, body = get("/followups/2025/")
check("remove: the year table links the row to the retired item's page",
      st == 200 and f'href="../../items/id/{rid16}/"' in body, st)
srv.terminate()
srv.communicate(timeout=30)
shutil.rmtree("site", ignore_errors=True)
p = run("--db", db, "publish", "site", "--base-url", "https://example.org/")
check("remove: the published site has the retired item's page in both languages",
      p.returncode == 0 and os.path.exists(f"site/items/id/{rid16}/index.html") and
      os.path.exists(f"site/en/items/id/{rid16}/index.html"), p.stderr)

h = history(db)
ret = [x for x in h if x["field"] == "retired"]
check("remove: history records the retirement as A16",
      len(ret) == 1 and ret[0]["what"].startswith("A16 「医工連携イノベーション"), ret)
fuh = [x for x in h if x["table"] == "followup"]
check("remove: no follow-up row changed", fuh == [], fuh[:2])
p = restores("remove", db)
check("remove: re-importing the original restores the item",
      summary_line(p.stdout) == (0, 0, 0, 0, 1, 124, 44), p.stdout)
c = sqlite3.connect(db)
check("remove: the restored item has its old id and no retired mark",
      c.execute("SELECT count(*) FROM action_item WHERE id = ? AND retired IS NULL",
                (rid[0][0] if rid else 0,)).fetchone()[0] == 1)
c.close()

# ---- A2 moved to the end of M3 ----
s, e = item_span(A2)
block = plan_text[s:e]
moved_text = plan_text[:s] + plan_text[e:]
at = moved_text.index(A5_END) + len(A5_END)
db = copy_db(base, "move.db")
p = run("--db", db, "import", "plan", write("move.txt", moved_text[:at] + "\n" + block + moved_text[at:]))
check("move: import succeeds", p.returncode == 0, p.stderr)
check("move: reported as 1 moved, 4 renumbered",
      summary_line(p.stdout) == (0, 0, 1, 0, 0, 124, 4), p.stdout)
same_followups("move", db)
public_same("move", db)
out = show(db, "M3")
check("move: M3 lists the moved item with its own FY2025 results",
      A2[:10] in out and base_map[full_text(A2)][0][:20] in out, out[:500])
h = history(db)
mv = [x for x in h if x["field"] == "measure_id"]
check("move: history records the move in measure numbers (after its renumbering)",
      len(mv) == 1 and mv[0]["old"] == "M1" and mv[0]["new"] == "M3" and
      mv[0]["what"].startswith("A5 「特に医師養成"), mv)
check("move: and the renumbering A2 -> A5 before it",
      any(x["field"] == "no" and x["old"] == "2" and x["new"] == "5" and
          x["what"].startswith("A2 「特に医師養成") for x in h))
p = restores("move", db)
check("move: re-importing the original moves it back",
      summary_line(p.stdout) == (0, 0, 1, 0, 0, 124, 4), p.stdout)

# ---- A7 reworded ----
old7 = "企業等における諸課題"
db = copy_db(base, "reword.db")
p = run("--db", db, "import", "plan", write("reword.txt", plan_text.replace(old7, "企業や医療機関等における諸課題", 1)))
check("reword: import succeeds", p.returncode == 0, p.stderr)
check("reword: reported as 1 reworded, nothing renumbered",
      summary_line(p.stdout) == (0, 1, 0, 0, 0, 124, 0), p.stdout)
t7 = full_text(A7)
c = sqlite3.connect(db)
rid7 = c.execute("SELECT id, text FROM action_item WHERE no = 7").fetchone()
c.close()
same_followups("reword", db, changed_item=rid7[0])
public_same("reword", db, reworded=(t7, rid7[1]))
check("reword: the item keeps its id and number with the new text",
      base_items[rid7[0]] == t7 and "企業や医療機関等" in rid7[1], rid7)
h = history(db)
rw = [x for x in h if x["table"] == "action_item" and x["field"] == "text"]
check("reword: history has the old text under A7",
      len(rw) == 1 and rw[0]["old"] == t7 and rw[0]["what"].startswith("A7 「"), rw)
p = restores("reword", db)
check("reword: re-importing the original rewords it back",
      summary_line(p.stdout) == (0, 1, 0, 0, 0, 124, 0), p.stdout)

# ---- a re-imported follow-up after a renumbering changes nothing ----
db = copy_db(base, "fu.db")
s, e = item_span(A2)
run("--db", db, "import", "plan", write("insert2.txt", plan_text[:s] + new_item + plan_text[s:]))
p = run("--db", db, "import", "followup", FOLLOWUP)
check("follow-up re-import after renumbering changes nothing",
      "0 added, 0 changed, 60 unchanged, 0 removed" in p.stdout, p.stdout)
same_followups("follow-up re-import", db)

# ---- a failed re-import changes nothing ----
db = copy_db(base, "bad.db")
before = (export(db), plan_items(db), run("--db", db, "history").stdout)
bad = plan_text[:s] + new_item + plan_text[s:]
bad = bad[:bad.rindex("［", 0, bad.index("４．基本計画を推進"))]   # inside the last item's tag
p = run("--db", db, "import", "plan", write("bad.txt", bad))
check("bad re-import fails", p.returncode != 0, p.stdout)
check("bad re-import leaves the database as it was",
      (export(db), plan_items(db), run("--db", db, "history").stdout) == before)

# ---- a database of schema 3 is brought forward ----
db = copy_db(base, "v3.db")
fixed = open(FOLLOWUP, encoding="utf-8").read().replace("令和5年度に事業終了", "令和5年度に事業終了(訂正)", 1)
p = run("--db", db, "import", "followup", write("fixed.tsv", fixed))
check("v3: a corrected follow-up changes one row", "1 changed" in p.stdout, p.stdout)
c = sqlite3.connect(db, isolation_level=None)
undo_schema_5(c)
for t in ("source", "plan", "vision", "goal", "goal_listing", "measure", "action_item",
          "area", "fiscal_year", "followup", "indicator", "indicator_value"):   # schema 4
    c.execute(f"ALTER TABLE {t} DROP COLUMN version")
c.execute("ALTER TABLE history DROP COLUMN version")
c.execute("ALTER TABLE history DROP COLUMN actor")
c.execute("ALTER TABLE import_run DROP COLUMN actor")
c.execute("PRAGMA user_version = 3")
c.close()
h = history(db)
check("v3: upgraded history says what each row is, with its year",
      len(h) == 1 and h[0]["what"].startswith("FY2025 follow-up of A7 「") and h[0]["year"] == 2025, h)
p = run("--db", db, "import", "followup", FOLLOWUP)
check("v3: the follow-up rows keep their keys (the original changes one row back)",
      "0 added, 1 changed, 59 unchanged, 0 removed" in p.stdout, p.stdout)
s2, e2 = item_span(A2)
p = run("--db", db, "import", "plan", write("insert3.txt", plan_text[:s2] + new_item + plan_text[s2:]))
check("v3: then an inserted item is recognized",
      summary_line(p.stdout) == (1, 0, 0, 0, 0, 125, 59), p.stdout)
same_followups("v3", db)

summary()
