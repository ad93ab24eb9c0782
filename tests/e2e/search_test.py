#!/usr/bin/env python3
"""Search held to a ground truth.

For every query of tests/data/search-queries.txt (real terms from the
documents: 2-character kanji words, katakana in both widths, Latin in both
widths, full-width digits, terms that span a line break in the source,
1-character queries and FTS5 syntax characters), the documents
`mdplan search --batch` returns must be exactly the documents the brute-force
oracle (tests/search/oracle.c: text_normalize + a substring scan, no FTS)
finds. Then: highlights fall on the original characters, snippets are
escaped, the filters equal the oracle intersected with what SQL says about
each document, and the index follows every import in the same transaction
(including a failed one, which changes nothing).

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import html
import json
import os
import re
import sqlite3
import subprocess

from tap import check, fresh_db, mdplan, summary, undo_schema_5

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
TOP = os.environ["top"]
UNITDIR = os.environ.get("UNITDIR", os.path.join(TOP, "build", "tests"))
ORACLE = os.path.join(UNITDIR, "search_oracle")
GOLDEN = os.environ.get("GOLDEN", os.path.join(UNITDIR, "golden_driver"))
QUERIES = os.path.join(TOP, "tests", "data", "search-queries.txt")

def batch(db, qfile, *opts):
    """query -> (total, [kind:id ...]) from mdplan search --batch."""
    out = mdplan("--db", db, "search", "--batch", qfile, "--limit", "0", *opts).stdout
    res = {}
    for line in out.splitlines():
        q, total, _us, ids = line.split("\t")
        res[q] = (int(total), ids.split())
    return res


def oracle(db, qfile):
    p = subprocess.run([ORACLE, db], stdin=open(qfile, encoding="utf-8"),
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("oracle failed: " + p.stderr)
    res = {}
    for line in p.stdout.splitlines():
        q, ids = line.split("\t")
        res[q] = set(ids.split())
    return res


def skeys(strings):
    p = subprocess.run([GOLDEN, "skey"], input="".join(s.replace("\\", "\\\\")
                       .replace("\n", "\\n") + "\n" for s in strings),
                       capture_output=True, text=True)
    return p.stdout.split("\n")[:len(strings)]


def index_ok(db, name):
    p = mdplan("--db", db, "search", "--check", check_rc=False)
    check(f"{name}: index matches the texts (search --check)",
          p.returncode == 0 and " 0 documents not indexed" in p.stdout
          and " 0 index rows" in p.stdout, p.stdout, p.stderr)


with open(QUERIES, encoding="utf-8") as f:
    queries = [l.rstrip("\n") for l in f if l.strip()]

# ---- the ground truth on the real documents --------------------------------

fresh_db("real.db")
mdplan("--db", "real.db", "import", "plan", PLAN)
mdplan("--db", "real.db", "import", "followup", FOLLOWUP)
index_ok("real.db", "after import")

got = batch("real.db", QUERIES)
want = oracle("real.db", QUERIES)
check("query set: at least 50 queries", len(queries) >= 50, len(queries))
check("query set: at least 50 of them find something",
      sum(1 for q in queries if want.get(q)) >= 50,
      sum(1 for q in queries if want.get(q)))
check("every query answered (none raised an error)",
      sorted(got) == sorted(set(queries)), set(queries) - set(got))
for q in queries:
    g = set(got.get(q, (0, []))[1])
    w = want.get(q, set())
    check(f"oracle: {q!r} ({len(w)} documents)", g == w and got[q][0] == len(w),
          f"only mdplan: {sorted(g - w)[:8]}", f"only oracle: {sorted(w - g)[:8]}")

# the widths and word boundaries the issue names
for a, b in (("ＳａＭＤ", "SaMD"), ("５分野", "5分野"), ("ＡＩ", "AI"), ("ﾍﾞﾝﾁｬｰ", "ベンチャー"),
             ("ｽﾀｰﾄｱｯﾌﾟ", "スタートアップ")):
    check(f"{a} finds what {b} finds", got[a][1] and sorted(got[a][1]) == sorted(got[b][1]),
          got[a], got[b])
check("AI研究 finds fewer than AI, and some", 0 < got["AI研究"][0] < got["AI"][0])
check("CT does not match inside ICT", set(got["CT"][1]) < set(got["ICT"][1]) or
      (not got["CT"][1] and got["ICT"][1]), got["CT"], got["ICT"])
check("1-character query 薬 finds more than 薬事",
      got["薬"][0] > got["薬事"][0] > 0, got["薬"][0], got["薬事"][0])
for q in ('"', "*", "-", "(", "NOT", "AI OR IoT", "title:治験", "NEAR(医療 機器)"):
    p = mdplan("--db", "real.db", "search", q, check_rc=False)
    check(f"FTS5 syntax taken literally: {q!r} exits 0", p.returncode == 0, p.stderr)

# ---- snippets: highlight on the original characters, rest escaped --------

hl_queries = ["ＳａＭＤ", "5分野", "ｶﾙﾃ", "AI", "治験", "国際展開", "サイバーセキュリティ",
              "ｴｺｼｽﾃﾑ", "First in Human", "臨床研究・治験", "令和７年度", "薬"]
marks = []
for q in hl_queries:
    doc = json.loads(mdplan("--db", "real.db", "search", q, "--json", "--limit", "0").stdout)
    check(f"json {q!r}: query, total, results", doc["query"] == q and
          doc["total"] == len(want[q]) == len(doc["results"]) and
          all(set(r) >= {"kind", "id", "fiscal_year", "title", "snippet"} for r in doc["results"]))
    bad = [r for r in doc["results"] if "<mark>" not in r["snippet"]]
    check(f"json {q!r}: every result highlights its hit", not bad, bad[:2])
    stripped = [re.sub(r"</?mark>", "", r["snippet"]) for r in doc["results"]]
    check(f"json {q!r}: snippets escaped (no other tags)",
          not any("<" in s or ">" in s for s in stripped))
    for r in doc["results"]:
        for m in re.findall(r"<mark>(.*?)</mark>", r["snippet"]):
            marks.append((q, html.unescape(m)))
qk = dict(zip(hl_queries, skeys(hl_queries)))
mk = skeys([m for _, m in marks])
bad = [(q, m, k) for (q, m), k in zip(marks, mk) if k != qk[q]]
check(f"every highlight ({len(marks)}) is exactly the query's characters", marks and not bad,
      bad[:5])
orig = {m for q, m in marks if q == "ＳａＭＤ"}
check("the highlight shows the original text (SaMD for ＳａＭＤ)", orig == {"SaMD"}, orig)

# ---- filters: the oracle intersected with what SQL says -------------------

db = sqlite3.connect("real.db")
KIND = {"vision": 1, "goal": 2, "measure": 3, "item": 4, "followup": 5}


def involved(code):
    """documents a ministry is part of, straight from the tables"""
    ids = set()
    q = {"item": "SELECT am.item_id FROM action_ministry am JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?",
         "followup": "SELECT fm.followup_id FROM followup_ministry fm JOIN ministry m ON m.id = fm.ministry_id WHERE m.code = ?",
         "measure": "SELECT DISTINCT i.measure_id FROM action_item i JOIN action_ministry am ON am.item_id = i.id JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?",
         "goal": "SELECT DISTINCT me.goal_id FROM measure me JOIN action_item i ON i.measure_id = me.id JOIN action_ministry am ON am.item_id = i.id JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?",
         "vision": "SELECT DISTINCT gl.vision_id FROM goal_listing gl JOIN measure me ON me.goal_id = gl.goal_id JOIN action_item i ON i.measure_id = me.id JOIN action_ministry am ON am.item_id = i.id JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?"}
    for kind, sql in q.items():
        ids |= {f"{kind}:{r[0]}" for r in db.execute(sql, (code,))}
    return ids


def of_year(y):
    return {f"followup:{r[0]}" for r in db.execute("SELECT id FROM followup WHERE fiscal_year = ?", (y,))}


fq = [q for q in queries if want.get(q)][:40]
with open("filter-queries.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(fq) + "\n")
for code in ("meti", "mhlw", "mext"):
    res = batch("real.db", "filter-queries.txt", "--ministry", code)
    inv = involved(code)
    bad = [q for q in fq if set(res[q][1]) != want[q] & inv]
    check(f"--ministry {code}: = oracle ∩ documents {code} is part of ({len(fq)} queries)",
          not bad, bad[:5])
res = batch("real.db", "filter-queries.txt", "--kind", "item")
bad = [q for q in fq if set(res[q][1]) != {d for d in want[q] if d.startswith("item:")}]
check("--kind item: = oracle ∩ items", not bad, bad[:5])
res = batch("real.db", "filter-queries.txt", "--year", "令和7年度")
bad = [q for q in fq if set(res[q][1]) != want[q] & of_year(2025)]
check("--year 令和7年度: = oracle ∩ FY2025 follow-up rows", not bad, bad[:5])
p = mdplan("--db", "real.db", "search", "治験", "--kind", "table", check_rc=False)
check("--kind with an unknown kind: usage error", p.returncode == 2 and "--kind" in p.stderr)
p = mdplan("--db", "real.db", "search", "治験", "--ministry", "外務", check_rc=False)
check("--ministry with an unknown ministry: usage error", p.returncode == 2)
page1 = json.loads(mdplan("--db", "real.db", "search", "医療", "--json", "--limit", "5").stdout)
page2 = json.loads(mdplan("--db", "real.db", "search", "医療", "--json", "--limit", "5",
                          "--offset", "5").stdout)
allr = json.loads(mdplan("--db", "real.db", "search", "医療", "--json", "--limit", "10").stdout)
key = lambda r: (r["kind"], r["id"])
check("--offset pages through the same ranking",
      [key(r) for r in page1["results"] + page2["results"]] == [key(r) for r in allr["results"]]
      and page1["total"] == allr["total"] > 10)
titles = json.loads(mdplan("--db", "real.db", "search", "国際展開", "--json", "--limit", "3").stdout)
check("titles rank first: 国際展開 starts with measures/goals titled with it",
      all("国際展開" in r["title"] and r["field"] == "title" or r["kind"] == "goal"
          for r in titles["results"]), [(r["kind"], r["title"]) for r in titles["results"]])

# ---- the index follows the data, in the same transaction ------------------

with open(FOLLOWUP, encoding="utf-8") as f:
    fu = f.read()
fy24 = fu.replace("令和7年度", "令和6年度").replace("令和8年度", "令和7年度")
UNIQUE = "海外展開に関する個別相談に対応した"
fy24 = fy24.replace("海外スタートアップへのMEDISO広報を実施し海外での周知を行った", UNIQUE)
assert UNIQUE in fy24
with open("followup-r6.tsv", "w", encoding="utf-8") as f:
    f.write(fy24)
with open("fresh.txt", "w", encoding="utf-8") as f:
    f.write(UNIQUE + "\n個別相談\nMEDISO広報\n")


def hits(db, q, *opts):
    return json.loads(mdplan("--db", db, "search", q, "--json", "--limit", "0", *opts).stdout)


check("before the FY2024 import the new sentence is not found", hits("real.db", UNIQUE)["total"] == 0)
mdplan("--db", "real.db", "import", "followup", "followup-r6.tsv")
r = hits("real.db", UNIQUE)
check("after the import it is found, as FY2024 follow-up",
      r["total"] == 1 and r["results"][0]["kind"] == "followup" and
      r["results"][0]["fiscal_year"] == 2024, r)
check("--year 2024 finds it; --year 2025 does not",
      hits("real.db", UNIQUE, "--year", "2024")["total"] == 1 and
      hits("real.db", UNIQUE, "--year", "2025")["total"] == 0)
index_ok("real.db", "after the FY2024 import")
before = batch("real.db", QUERIES)
# a broken table: the import fails and the index must not move
with open("broken.tsv", "w", encoding="utf-8") as f:
    f.write(fy24.replace("令和6年度", "令和5年度").replace(UNIQUE, "壊れた行の新しい文") + "\n\xff\n")
with open("broken.tsv", "ab") as f:
    f.write(b"\xff\xfe broken bytes\n")
p = mdplan("--db", "real.db", "import", "followup", "broken.tsv", check_rc=False)
check("a broken import fails", p.returncode != 0, p.stderr)
check("... and leaves the search results exactly as they were",
      batch("real.db", QUERIES) == before)
check("... and its text is not searchable", hits("real.db", "壊れた行の新しい文")["total"] == 0)
# the sentence reworded again in a re-import of FY2024
fy24b = fy24.replace(UNIQUE, "海外の展示会で個別に説明した")
with open("followup-r6.tsv", "w", encoding="utf-8") as f:
    f.write(fy24b)
mdplan("--db", "real.db", "import", "followup", "followup-r6.tsv")
check("re-import: the old sentence is gone from the index", hits("real.db", UNIQUE)["total"] == 0)
check("re-import: the new one is found", hits("real.db", "海外の展示会で個別に説明")["total"] == 1)
index_ok("real.db", "after the re-import")
# a plan edit: the item's new wording is searchable at once
edited = open(PLAN, encoding="utf-8").read()
assert "治験実施等における経済的な支援" in edited
with open("plan-edited.txt", "w", encoding="utf-8") as f:
    f.write(edited.replace("治験実施等における経済的な支援", "治験実施等に<script>x</script>おける経済的な支援"))
mdplan("--db", "real.db", "import", "plan", "plan-edited.txt")
r = hits("real.db", "<script>")
check("plan edit: hostile text is found literally", r["total"] == 1 and r["results"][0]["kind"] == "measure", r)
check("plan edit: and its snippet escapes it around the mark",
      "<mark>&lt;script&gt;</mark>x&lt;/script&gt;" in r["results"][0]["snippet"], r["results"][0]["snippet"])
index_ok("real.db", "after the plan edit")
# the whole query set again on two fiscal years, against the oracle
got2 = batch("real.db", QUERIES)
want2 = oracle("real.db", QUERIES)
bad = [q for q in queries if set(got2[q][1]) != want2[q]]
check(f"two fiscal years: all {len(queries)} queries equal the oracle", not bad, bad[:5])

# ---- an index built on upgrade from a database without one ---------------

fresh_db("v1.db")
mdplan("--db", "v1.db", "import", "plan", PLAN)
mdplan("--db", "v1.db", "import", "followup", FOLLOWUP)
v1 = sqlite3.connect("v1.db", isolation_level=None)
for (t,) in v1.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'").fetchall():
    v1.execute(f"DROP TRIGGER {t}")
v1.execute("DROP VIEW search_doc")
v1.execute("DROP TABLE search_dirty")
v1.execute("PRAGMA writable_schema = 1")
v1.execute("DELETE FROM sqlite_master WHERE name = 'search'")
v1.execute("PRAGMA writable_schema = 0")
v1.close()
v1 = sqlite3.connect("v1.db", isolation_level=None)
for t in ("data", "idx", "content", "docsize", "config"):
    v1.execute(f"DROP TABLE search_{t}")
v1.execute("DROP TABLE indicator_value")   # version 3
v1.execute("DROP TABLE indicator")
undo_schema_5(v1)
for t in ("source", "plan", "vision", "goal", "goal_listing", "measure",   # version 4
          "action_item", "area", "fiscal_year", "followup"):
    v1.execute(f"ALTER TABLE {t} DROP COLUMN version")
v1.execute("ALTER TABLE history DROP COLUMN version")
v1.execute("ALTER TABLE history DROP COLUMN actor")
v1.execute("ALTER TABLE import_run DROP COLUMN actor")
v1.execute("PRAGMA user_version = 1")
v1.close()
r = hits("v1.db", "治験")
check("a version-1 database is upgraded on first read and finds 治験",
      r["total"] == len(want["治験"]), r["total"])
index_ok("v1.db", "upgraded database")

summary()
