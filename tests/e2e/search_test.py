#!/usr/bin/env python3
"""Search held to a ground truth.

For every query of tests/data/search-queries.txt (real terms from the
documents: 2-character kanji words, katakana in both widths, Latin in both
widths, full-width digits, terms that span a line break in the source,
1-character queries and FTS5 syntax characters), the documents
`mdplan search --batch` returns must be exactly the documents the brute-force
oracle (tests/search/oracle.c: text_normalize + a substring scan, no FTS)
finds, over the plan, the follow-up and the indicators. Then: highlights
fall on the original characters, snippets are escaped, the filters equal
the oracle intersected with what SQL says about each document, restricted
documents (the round's entries, kind "entry", written by
tests/search/hidden.c) are never counted or shown to the public or to a
viewer without their scope and are to those with it, and the index follows
every import and edit in the same transaction (including a failed one,
which changes nothing). Last, databases of schema versions 1, 3, 4 and 5 are
upgraded on first use.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import html
import json
import os
import re
import sqlite3
import subprocess
import urllib.error
import urllib.parse
import urllib.request

from tap import (SCHEMA, check, fresh_db, mdplan, summary, undo_schema_5, undo_schema_6,
                 undo_schema_12)

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
TOP = os.environ["top"]
UNITDIR = os.environ.get("UNITDIR", os.path.join(TOP, "build", "tests"))
ORACLE = os.path.join(UNITDIR, "search_oracle")
HIDDEN = os.path.join(UNITDIR, "search_hidden")
DEFS = os.path.join(TOP, "data", "indicator-defs.csv")
VALUES = os.path.join(TOP, "data", "indicators.csv")
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


def oracle(db, qfile, *scopes):
    p = subprocess.run([ORACLE, db, *scopes], stdin=open(qfile, encoding="utf-8"),
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


CHECK_OK = ("search index: 0 documents not indexed as they read, "
            "0 index rows without a document\n")


def index_ok(db, name):
    p = mdplan("--db", db, "search", "--check", check_rc=False)
    check(f"{name}: index matches the texts (search --check)",
          p.returncode == 0 and p.stdout == CHECK_OK, p.stdout, p.stderr)


def hits(db, q, *opts):
    return json.loads(mdplan("--db", db, "search", q, "--json", "--limit", "0", *opts).stdout)


def hidden(db, *args):
    """tests/search/hidden.c: restricted documents and searches by scope"""
    p = subprocess.run([HIDDEN, db, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"search_hidden {' '.join(args)} failed: {p.stderr}")
    return p.stdout


def hidden_batch(db, qfile, *opts):
    res = {}
    for line in hidden(db, "batch", qfile, "--limit", "0", *opts).splitlines():
        q, total, _us, ids = line.split("\t")
        res[q] = (int(total), ids.split())
    return res


with open(QUERIES, encoding="utf-8") as f:
    queries = [l.rstrip("\n") for l in f if l.strip()]

# ---- the ground truth on the real documents --------------------------------

fresh_db("real.db")
mdplan("--db", "real.db", "import", "plan", PLAN)
mdplan("--db", "real.db", "import", "followup", FOLLOWUP)
mdplan("--db", "real.db", "import", "indicator-defs", DEFS)
mdplan("--db", "real.db", "import", "indicators", VALUES)
index_ok("real.db", "after import")

got = batch("real.db", QUERIES)
want = oracle("real.db", QUERIES)
check("query set: at least 50 queries", len(queries) >= 50, len(queries))
check("query set: at least 50 of them find something",
      sum(1 for q in queries if want.get(q)) >= 50,
      sum(1 for q in queries if want.get(q)))
check("query set: at least 10 of them find indicators",
      sum(1 for q in queries if any(d.startswith("indicator:") for d in want.get(q, ()))) >= 10)
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


def involved(code):
    """documents a ministry is part of, straight from the tables"""
    ids = set()
    q = {"item": "SELECT am.item_id FROM action_ministry am JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?",
         "followup": "SELECT fm.followup_id FROM followup_ministry fm JOIN ministry m ON m.id = fm.ministry_id WHERE m.code = ?",
         "measure": "SELECT DISTINCT i.measure_id FROM action_item i JOIN action_ministry am ON am.item_id = i.id JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?",
         "goal": "SELECT DISTINCT me.goal_id FROM measure me JOIN action_item i ON i.measure_id = me.id JOIN action_ministry am ON am.item_id = i.id JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?",
         "vision": "SELECT DISTINCT gl.vision_id FROM goal_listing gl JOIN measure me ON me.goal_id = gl.goal_id JOIN action_item i ON i.measure_id = me.id JOIN action_ministry am ON am.item_id = i.id JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?"}
    q["indicator"] = ("SELECT DISTINCT n.id FROM indicator n JOIN measure me ON me.id = n.measure_id"
                      " OR (n.measure_id IS NULL AND me.goal_id = n.goal_id) JOIN action_item i"
                      " ON i.measure_id = me.id JOIN action_ministry am ON am.item_id = i.id"
                      " JOIN ministry m ON m.id = am.ministry_id WHERE m.code = ?")
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
for kind in ("item", "indicator"):
    res = batch("real.db", "filter-queries.txt", "--kind", kind)
    bad = [q for q in fq if set(res[q][1]) != {d for d in want[q] if d.startswith(kind + ":")}]
    check(f"--kind {kind}: = oracle ∩ {kind}s", not bad, bad[:5])
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

# ---- indicators: hits, JSON, links; the index follows their edits ---------

r = json.loads(mdplan("--db", "real.db", "search", "研修コース", "--json", "--kind", "indicator").stdout)
check("--kind indicator: indicator hits with kind, title, field and link",
      r["total"] >= 1 and all(x["kind"] == "indicator" and x["no"] is None and
                              x["fiscal_year"] is None for x in r["results"]) and
      {"title": "拠点で行われる研修コース数", "url": "indicators/HUB-COURSES/", "field": "title"}.items()
      <= next(x for x in r["results"] if x["url"] == "indicators/HUB-COURSES/").items(), r)
r = json.loads(mdplan("--db", "real.db", "search", "MEDISO-CASES-FY", "--json").stdout)
check("an indicator's code finds it, title first",
      r["results"][0]["url"] == "indicators/MEDISO-CASES-FY/" and
      "<mark>MEDISO-CASES-FY</mark>" in r["results"][0]["snippet"], r["results"][:1])
r = json.loads(mdplan("--db", "real.db", "search", "consultations", "--json", "--kind", "indicator").stdout)
check("English names are indexed", r["total"] >= 3, r["total"])
r = json.loads(mdplan("--db", "real.db", "search", "暦年の", "--json").stdout)
check("notes are indexed, snippet labelled notes",
      r["total"] == 1 and r["results"][0]["field"] == "notes", r)
t = mdplan("--db", "real.db", "search", "研修コース数", "--kind", "indicator").stdout
check("text output names the indicator by its code", "[指標 HUB-COURSES] 拠点で行われる研修コース数" in t, t)
mdplan("--db", "real.db", "indicator", "define", "ZZ-NEW", "--name", "新設された独自指標",
       "--unit", "団体", "--direction", "up", "--years", "fiscal", "--goal", "3", "--source", "test")
check("indicator define: the new indicator is found",
      hits("real.db", "新設された独自指標", "--kind", "indicator")["total"] == 1)
mdplan("--db", "real.db", "indicator", "define", "ZZ-NEW", "--name", "改名された独自指標")
check("indicator define: a new name replaces the old one in the index",
      hits("real.db", "新設された独自指標")["total"] == 0 and
      hits("real.db", "改名された独自指標")["results"][0]["url"] == "indicators/ZZ-NEW/")
with open(DEFS, encoding="utf-8") as f:
    defs = f.read()
assert "暦年の MEDISO-CASES とは集計期間が異なる" in defs
with open("defs-edited.csv", "w", encoding="utf-8") as f:
    f.write(defs.replace("暦年の MEDISO-CASES とは集計期間が異なる", "年度で数えた件数の備考"))
mdplan("--db", "real.db", "import", "indicator-defs", "defs-edited.csv")
check("indicator-defs import: edited notes are searchable at once, the old ones gone",
      hits("real.db", "年度で数えた件数の備考")["total"] == 1 and hits("real.db", "暦年の")["total"] == 0)
m3 = hits("real.db", "改名された独自指標", "--ministry", "meti")["total"]
check("--ministry: an indicator belongs to the ministries of its goal's items",
      m3 == ("indicator:%d" % db.execute("SELECT id FROM indicator WHERE code = 'ZZ-NEW'").fetchone()[0]
             in involved("meti")), m3)
index_ok("real.db", "after the indicator edits")

# ---- restricted documents: never counted or shown without their scope -----

SECRET = "経産省草案秘匿語"
fu_text = [r[0] for r in db.execute("SELECT group_concat(text, ' ') FROM text_block"
                                    " WHERE owner = 'followup' GROUP BY owner_id LIMIT 6")]
check_before = mdplan("--db", "real.db", "search", "--check").stdout
public_before = batch("real.db", QUERIES)
json_before = mdplan("--db", "real.db", "search", "治験", "--json", "--limit", "0").stdout
# the FY2026 round's entries, drafts of 経 and 厚 (the round's own kind,
# "entry"): real follow-up text (so common queries match them too), and in
# 経's one word no public document has
hidden("real.db", "open", "2026")
check("a round just opened adds no document (empty entries are none)",
      batch("real.db", QUERIES) == public_before and
      mdplan("--db", "real.db", "search", "--check").stdout == CHECK_OK)
own = {m: [l.split("\t")[0] for l in hidden("real.db", "ids", "2026", m).splitlines()][:3]
       for m in ("meti", "mhlw")}
drafts = []   # (A-number, ministry)
with open("drafts.tsv", "w", encoding="utf-8") as f:
    for i, t in enumerate(fu_text):
        m = ("meti", "mhlw")[i % 2]
        drafts.append((own[m][i // 2], m))
        f.write("\t".join(["2026", own[m][i // 2], m, "save",
                           (SECRET + " " if m == "meti" else "") +
                           t.replace("\t", " ").replace("\n", "\\n")]) + "\n")
hidden("real.db", "write", "drafts.tsv")
public_after = batch("real.db", QUERIES)
check("public: every query's total and hits are exactly as before the drafts existed",
      public_after == public_before,
      [q for q in queries if public_after[q] != public_before[q]][:5])
check("public: the query set still equals the (public) oracle",
      all(set(public_after[q][1]) == set(oracle("real.db", QUERIES)[q]) for q in queries))
r = hits("real.db", SECRET)
check("public: the drafts' own word finds nothing (count, hits)", r["total"] == 0 and r["results"] == [], r)
t = mdplan("--db", "real.db", "search", SECRET).stdout
check("public: text output has no hit and no snippet", t == f"「{SECRET}」の検索結果 0件\n", t)
check("public: JSON of a common query byte-identical with the drafts present",
      mdplan("--db", "real.db", "search", "治験", "--json", "--limit", "0").stdout == json_before)
check("search --check: the same report with the drafts present",
      mdplan("--db", "real.db", "search", "--check").stdout == check_before == CHECK_OK)
with open("secret.txt", "w", encoding="utf-8") as f:
    f.write(SECRET + "\n下書き\n")
check("public: the oracle agrees it sees no draft",
      oracle("real.db", "secret.txt") == {SECRET: set(), "下書き": set()})
r = hits("real.db", SECRET, "--kind", "entry")
check("--kind entry: the public may ask and finds none", r["total"] == 0 and r["results"] == [], r)
for scope, sees in (("ministry:meti", 3), ("role:secretariat", 3), ("ministry:mhlw", 0),
                    ("role:reviewer", 0), ("desk:mediso", 0)):
    res = hidden_batch("real.db", QUERIES, "--scope", scope)
    orc = oracle("real.db", QUERIES, scope)
    bad = [q for q in queries if set(res[q][1]) != orc[q] or res[q][0] != len(orc[q])]
    check(f"scope {scope}: all {len(queries)} queries equal the oracle with that scope",
          not bad, bad[:5])
    check(f"scope {scope}: the drafts' word finds {sees}",
          hidden_batch("real.db", "secret.txt", "--scope", scope)[SECRET][0] == sees)
own = json.loads(hidden("real.db", "json", SECRET, "--scope", "ministry:meti"))
check("the owner sees the snippet with the hit marked, labelled a draft of 経 with its link",
      own["total"] == 3 and all(r["kind"] == "entry" and r["fiscal_year"] == 2026 and
                                r["state"] == "draft" and r["ministry"] == "meti" and
                                r["url"] == f"rounds/2026/items/{r['no']}/meti/" and
                                f"<mark>{SECRET}</mark>" in r["snippet"] for r in own["results"]), own)
both = hidden_batch("real.db", QUERIES, "--scope", "ministry:mhlw", "--scope", "ministry:meti")
orc = oracle("real.db", QUERIES, "ministry:mhlw", "ministry:meti")
one = oracle("real.db", QUERIES, "ministry:mhlw")
check("two scopes: the union of what each may read",
      all(set(both[q][1]) == orc[q] for q in queries) and any(orc[q] > one[q] for q in queries))
r = hidden_batch("real.db", "secret.txt", "--scope", "role:secretariat", "--ministry", "meti", "--year", "2026")
check("filters apply to restricted documents: ministry and year",
      r[SECRET][0] == 3 and
      hidden_batch("real.db", "secret.txt", "--scope", "role:secretariat", "--ministry", "mhlw")[SECRET][0] == 0
      and hidden_batch("real.db", "secret.txt", "--scope", "role:secretariat", "--year", "2025")[SECRET][0] == 0)
# submitted: the reviewers may read the first one now
with open("submitted.tsv", "w", encoding="utf-8") as f:
    f.write(f"2026\t{drafts[0][0]}\tmeti\tsubmit\t\n")
hidden("real.db", "write", "submitted.tsv")
check("visibility follows the entry: submitted, the reviewers see it",
      hidden_batch("real.db", "secret.txt", "--scope", "role:reviewer")[SECRET][0] == 1 and
      hits("real.db", SECRET)["total"] == 0)
index_ok("real.db", "with restricted documents")
# the check notices a restricted document's readers changed behind its back
tamper = sqlite3.connect("real.db")
tamper.execute("DELETE FROM search_reader WHERE scope = 'role:reviewer'")
tamper.commit()
tamper.close()
p = mdplan("--db", "real.db", "search", "--check", check_rc=False)
check("search --check: a reader list that differs from the document is reported",
      p.returncode != 0 and "1 documents not indexed" in p.stdout, p.stdout)
mdplan("--db", "real.db", "search", "--rebuild")
index_ok("real.db", "rebuilt")
check("rebuild: the reviewers see the submitted entry again",
      hidden_batch("real.db", "secret.txt", "--scope", "role:reviewer")[SECRET][0] == 1)
with open("returned.tsv", "w", encoding="utf-8") as f:
    f.write(f"2026\t{drafts[0][0]}\tmeti\treturn\t\n")
hidden("real.db", "write", "returned.tsv")
check("returned to its ministry: the reviewers no longer see it, the secretariat does",
      hidden_batch("real.db", "secret.txt", "--scope", "role:reviewer")[SECRET][0] == 0 and
      hidden_batch("real.db", "secret.txt", "--scope", "role:secretariat")[SECRET][0] == 3)
with open("emptied.tsv", "w", encoding="utf-8") as f:
    for no, m in drafts:
        f.write(f"2026\t{no}\t{m}\tsave\t\n")
hidden("real.db", "write", "emptied.tsv")
check("emptied: nobody finds them", hidden_batch("real.db", "secret.txt", "--scope",
                                                 "ministry:meti")[SECRET][0] == 0)
check("emptied: the public results are as before", batch("real.db", QUERIES) == public_after)
index_ok("real.db", "after the entries were emptied")

# ---- the web: kind=indicator on the page and the API ----------------------

srv = subprocess.Popen([os.environ["MDPLAN"], "--db", "real.db", "serve", "--port", "0", "--no-log"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
base = re.search(r"(http://\S+)", srv.stdout.readline()).group(1).rstrip("/") + "/"


def get(path):
    try:
        with urllib.request.urlopen(base + path) as f:
            return f.status, f.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


qq = urllib.parse.quote("研修")
st, page = get(f"search/?q={qq}&kind=indicator")
st2, api = get(f"api/v1/search?q={qq}&kind=indicator&limit=100")
api = json.loads(api)
check("web: /search/?kind=indicator lists indicator hits linking to their pages",
      st == 200 and 'href="../indicators/HUB-COURSES/"' in page and '<option value="indicator" selected>' in page
      and f"{api['total']}件" in page and 'class="hit hit-indicator"' in page, st)
check("web: /api/v1/search?kind=indicator gives the same hits as the CLI",
      st2 == 200 and api["results"] and all(r["kind"] == "indicator" for r in api["results"]) and
      api == json.loads(mdplan("--db", "real.db", "search", "研修", "--json", "--kind", "indicator",
                               "--limit", "100").stdout), api)
st3, _ = get("api/v1/search?q=" + urllib.parse.quote("治験") + "&kind=table")
check("web: an unknown kind is refused (400)", st3 == 400, st3)
srv.terminate()
srv.wait()

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

# ---- databases of older schemas are upgraded on first use -----------------

def to_old_schema(path, version):
    """Takes what came after schema `version` out of a database: the search
    accounts and audit trail of version 7 (undo_schema_6 takes them), the search
    objects of version 6 (the FTS5 table `search` stays for 2 to 5, which
    had the same one, with the objects they made), plan identity (5), the
    versions and actors (4), the indicators (3)."""
    con = sqlite3.connect(path, isolation_level=None)
    undo_schema_12(con)
    con.execute("DROP TABLE IF EXISTS document")   # schema 11
    undo_schema_6(con, keep_fts=version >= 2)
    if version < 5:
        undo_schema_5(con)
    if version < 4:
        for t in ("source", "plan", "vision", "goal", "goal_listing", "measure",
                  "action_item", "area", "fiscal_year", "followup", "indicator",
                  "indicator_value"):
            con.execute(f"ALTER TABLE {t} DROP COLUMN version")
        con.execute("ALTER TABLE history DROP COLUMN version")
        con.execute("ALTER TABLE history DROP COLUMN actor")
        con.execute("ALTER TABLE import_run DROP COLUMN actor")
    if version < 3:
        con.execute("DROP TABLE indicator_value")
        con.execute("DROP TABLE indicator")
    con.execute(f"PRAGMA user_version = {version}")
    con.close()


INDICATORS = (("indicator-defs", DEFS), ("indicators", VALUES))
for version, extra in ((1, ()), (3, INDICATORS), (4, INDICATORS), (5, INDICATORS)):
    old, new = f"v{version}.db", f"v{version}-fresh.db"
    for d in (old, new):
        fresh_db(d)
        mdplan("--db", d, "import", "plan", PLAN)
        mdplan("--db", d, "import", "followup", FOLLOWUP)
        for what, path in extra:
            mdplan("--db", d, "import", what, path)
    to_old_schema(old, version)
    check(f"version {version}: the database says so",
          sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == version)
    r = hits(old, "治験")
    check(f"a version-{version} database is upgraded on first read and finds 治験",
          r["total"] == len([d for d in want["治験"] if extra or not d.startswith("indicator")]),
          r["total"])
    up = batch(old, QUERIES)
    fresh = batch(new, QUERIES)
    check(f"version {version} upgraded: every query as on a database made new (order included)",
          up == fresh, [q for q in queries if up[q] != fresh[q]][:3])
    want_up = oracle(old, QUERIES)
    check(f"version {version} upgraded: every query equals the oracle",
          all(set(up[q][1]) == want_up[q] for q in queries))
    index_ok(old, f"version {version} upgraded")
    check(f"version {version} upgraded: schema version {SCHEMA}",
          sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == SCHEMA)

summary()
