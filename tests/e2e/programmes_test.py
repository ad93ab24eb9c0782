#!/usr/bin/env python3
"""Programmes end to end: the demo's programme files (data/programmes.csv,
budgets.csv, programme-results.csv, programme-indicators.csv, hubs.csv)
imported into a database that then holds every figure as the files state it
(progdata_test.py checks the files against the documents they cite), and CSV
files written here to test what the importer refuses and keeps."""
import csv
import os
import sqlite3

from tap import check, fresh_db, mdplan, summary

top = os.environ["top"]
DATA = os.path.join(top, "data")
FILES = ("programmes", "budgets", "programme-results", "programme-indicators", "hubs")


def run(*args):
    return mdplan(*args, check_rc=False)


def rows(name):
    with open(os.path.join(DATA, name + ".csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def dump(path):
    """Every row of every table but the search index's (its tokenizer lives
    in mdplan), as text: equal dumps, equal databases."""
    c = sqlite3.connect(path)
    try:
        out = []
        for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name NOT LIKE 'search%' ORDER BY name").fetchall():
            out.append(t)
            out.extend(sorted(repr(r) for r in c.execute(f'SELECT * FROM "{t}"')))
        return "\n".join(out)
    finally:
        c.close()


def programme_tables(text):
    keep, out = False, []
    for l in text.splitlines():
        if not l.startswith("("):
            keep = l in ("programme", "budget", "programme_result", "programme_indicator", "hub",
                         "history")
        if keep:
            out.append(l)
    return out


def query(path, sql, *args):
    c = sqlite3.connect(path)
    try:
        return c.execute(sql, args).fetchall()
    finally:
        c.close()


def lines(err):
    return [l[len("mdplan: "):] if l.startswith("mdplan: ") else l for l in err.splitlines()]


def write(path, text, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def demo(name):
    fresh_db(name)
    run("--db", name, "import", "plan", os.environ["PLAN"])
    run("--db", name, "import", "followup", os.environ["FOLLOWUP"])
    run("--db", name, "import", "indicator-defs", os.path.join(DATA, "indicator-defs.csv"))
    out = []
    for k in FILES:
        out.append(run("--db", name, "import", k, os.path.join(DATA, k + ".csv")))
    return out


# ---- the demo files, imported ----
d = "demo.db"
ps = demo(d)
for k, p in zip(FILES, ps):
    n = len(rows(k))
    check(f"demo {k} import ({n} rows)", p.returncode == 0 and f": {n} rows" in p.stdout,
          p.stdout, p.stderr)

stored = {(r[0], r[1], r[2], r[3]): r[4:] for r in query(
    d, "SELECT p.code, b.fiscal_year, b.kind, b.source, b.amount_yen, b.as_written,"
    " b.share_of_larger, b.of_code, b.multi_year, b.fund, b.kind_as_written"
    " FROM budget b JOIN programme p ON p.id = b.programme_id")}
missing = []
for r in rows("budgets"):
    key = (r["code"], int(r["fiscal_year"]), r["kind"], r["source"])
    want = (int(r["amount_yen"]), r["amount"], int(r["share_of_larger"] or 0), r["of_code"],
            int(r["multi_year"] or 0), int(r["fund"] or 0), r["kind_as_written"])
    if stored.get(key) != want:
        missing.append((key, want, stored.get(key)))
check("every demo budget figure is in the database with its yen, wording, flags and source",
      not missing and len(stored) == len(rows("budgets")), missing[:3])

groups = {}
for r in rows("budgets"):
    groups.setdefault((r["code"], r["fiscal_year"], r["kind"]), set()).add(r["source"])
multi = {k: v for k, v in groups.items() if len(v) > 1}
check("figures two documents state for the same programme, year and kind are both kept",
      multi and all(len([s for s in stored if s[:3] == (k[0], int(k[1]), k[2])]) == len(v)
                    for k, v in multi.items()), multi)

progs = {r[0]: r[1:] for r in query(
    d, "SELECT code, name_ja, ministry, parent, successor, first_year, last_year, source"
    " FROM programme")}
bad = [r["code"] for r in rows("programmes")
       if progs.get(r["code"], ("",))[0] != r["name_ja"] or progs[r["code"]][1] != r["ministry"]
       or progs[r["code"]][2] != r["parent"] or progs[r["code"]][3] != r["successor"]
       or progs[r["code"]][6] != r["source"]]
check("every demo programme is in the database with its name, ministry, parent, successor and source",
      not bad and len(progs) == len(rows("programmes")), bad[:5])
eras = progs["MEXT-RESULTS"][4:6]
check("programme years written in eras are stored as fiscal years (MEXT-RESULTS 令和４年度-令和11年度)",
      [(r["first_year"], r["last_year"]) for r in rows("programmes") if r["code"] == "MEXT-RESULTS"]
      == [("令和４年度", "令和11年度")] and eras == (2022, 2029), eras)

res = query(d, "SELECT p.code, r.what, r.value, r.number, r.source FROM programme_result r"
            " JOIN programme p ON p.id = r.programme_id")
want = [(r["code"], r["what"], r["value"], float(r["number"]) if r["number"] else None,
         r["source"]) for r in rows("programme-results")]
check("every demo result is in the database with its value as written, number and source",
      sorted(res, key=repr) == sorted(want, key=repr), len(res), len(want))
hubs = query(d, "SELECT p.code, h.kind, h.institution, h.count, h.budget_per_hub_yen, h.prefecture,"
             " h.source FROM hub h JOIN programme p ON p.id = h.programme_id")
want = [(r["programme"], r["kind"], r["institution"], int(r["count"]) if r["count"] else None,
         int(r["budget_per_hub_yen"]) if r["budget_per_hub_yen"] else None, r["prefecture"],
         r["source"]) for r in rows("hubs")]
check("every demo hub is in the database with its count, budget per hub, prefecture and source",
      sorted(hubs, key=repr) == sorted(want, key=repr), len(hubs), len(want))
pi = query(d, "SELECT p.code, i.code FROM programme_indicator x JOIN programme p ON"
           " p.id = x.programme_id JOIN indicator i ON i.id = x.indicator_id")
check("every demo programme-indicator link is stored",
      sorted(pi) == sorted((r["code"], r["indicator"]) for r in rows("programme-indicators")))

before = dump(d)
again = [run("--db", d, "import", k, os.path.join(DATA, k + ".csv")) for k in FILES]
check("re-importing the demo files changes nothing",
      all("0 added, 0 changed" in p.stdout for p in again) and programme_tables(dump(d))
      == programme_tables(before),
      [p.stdout for p in again])

# ---- validation: every problem, with its line; nothing written ----
t = "bad.db"
demo(t)
before = dump(t)
write("bad-budgets.csv",
      "code,fiscal_year,kind,amount,amount_yen,share_of_larger,source\n"
      "MHLW-HUB,令和6年度,initial,7.7億円,770000000,,ok line\n"
      "NO-SUCH,2024,initial,1億円,,,x\n"
      "MHLW-HUB,R6,当初予算,約億円,,,y\n"
      "MHLW-HUB,2024,initial,\"1億2,000万円\",,,z\n"
      "MHLW-HUB,2024,initial,7.7億円,77,,w\n"
      "MHLW-HUB,20xx,weird,-3億円,,2,v\n"
      "MHLW-HUB,令和6年度,initial,7.7億円,770000000,,ok line\n")
p = run("--db", t, "import", "budgets", "bad-budgets.csv")
err = p.stderr
check("a bad budgets file is refused", p.returncode != 0, p.stdout)
for line, what in ((3, "there is no programme NO-SUCH"), (4, "約 (about) without a number"),
                   (5, "mixed units"), (6, "77 disagrees with amount"),
                   (7, "is not a year"), (7, "column kind"), (7, "a negative amount"),
                   (7, "column share_of_larger"), (8, "repeats line 2")):
    check(f"budgets: line {line} is reported: {what}",
          any(l.startswith(f"bad-budgets.csv:{line}:") and what in l for l in lines(err)), err)
check("budgets: the error says nothing was imported", "nothing was imported" in err, err)
check("budgets: the database is unchanged", dump(t) == before)

write("bad-programmes.csv",
      "code,name_ja,ministry,parent,first_year,last_year,funding,bogus\n"
      "P-1,事業一,厚,,令和6年度,令和5年度,補助,\n"
      "-bad,,財,P-NONE,soon,,寄付,\n")
p = run("--db", t, "import", "programmes", "bad-programmes.csv")
check("programmes: an unknown column is reported on the header line and nothing else is read",
      p.returncode != 0 and "bad-programmes.csv:1: column bogus: unknown column" in p.stderr, p.stderr)
write("bad-programmes.csv",
      "code,name_ja,ministry,parent,first_year,last_year,funding\n"
      "P-1,事業一,厚,,令和6年度,令和5年度,補助\n"
      "-bad,,財,P-NONE,soon,,寄付\n")
p = run("--db", t, "import", "programmes", "bad-programmes.csv")
err = p.stderr
for line, what in ((2, "column last_year: 2023 is before first_year 2024"),
                   (3, "column code: \"-bad\" is not a code"), (3, "column name_ja: empty"),
                   (3, "column ministry: \"財\" is not a ministry"),
                   (3, "column parent: there is no programme P-NONE"),
                   (3, "column first_year: \"soon\" is not a year"),
                   (3, "column funding: \"寄付\"")):
    check(f"programmes: line {line}: {what}",
          any(l.startswith(f"bad-programmes.csv:{line}:") and what in l for l in lines(err)), err)
check("programmes: the database is unchanged", dump(t) == before)

write("bad-hubs.csv",
      "programme,kind,institution,count,budget_per_hub,budget_per_hub_yen,fiscal_years,prefecture\n"
      "MHLW-HUB,hub,A病院,x,65百万円,65000000,2024,東京都\n"
      "MHLW-HUB,place,B病院,,7.7億千円,,2026-2024,東京\n")
p = run("--db", t, "import", "hubs", "bad-hubs.csv")
err = p.stderr
for line, what in ((2, "column count: \"x\" is not a whole number"), (3, "column kind: \"place\""),
                   (3, "column budget_per_hub: \"7.7億千円\": mixed units"),
                   (3, "column fiscal_years: \"2026-2024\""),
                   (3, "column prefecture: \"東京\" is not a prefecture")):
    check(f"hubs: line {line}: {what}",
          any(l.startswith(f"bad-hubs.csv:{line}:") and what in l for l in lines(err)), err)
check("hubs: the database is unchanged", dump(t) == before)

# ---- Shift_JIS, Japanese headers, era years ----
s = "sjis.db"
fresh_db(s)
write("sjis-programmes.csv", "事業コード,事業名,府省,開始年度,実施主体\r\n"
      "SJ-1,医療機器開発推進事業,厚生労働省,令和５年度,国立研究開発法人\r\n", "cp932")
p = run("--db", s, "import", "programmes", "sjis-programmes.csv")
check("programmes: a Shift_JIS file with Japanese headers imports", p.returncode == 0
      and "Shift_JIS" in p.stdout, p.stdout, p.stderr)
check("programmes: 厚生労働省 is stored as 厚 and 令和５年度 as 2023",
      query(s, "SELECT ministry, first_year, body FROM programme WHERE code = 'SJ-1'")
      == [("厚", 2023, "国立研究開発法人")])
write("sjis-budgets.csv", "事業コード,年度,予算区分,予算額,出典\r\n"
      "SJ-1,令和６年度,当初予算,４４２，６０７千円,資料A:1\r\n"
      "SJ-1,令和６年度,当初予算,５億円,資料B:2\r\n", "cp932")
p = run("--db", s, "import", "budgets", "sjis-budgets.csv")
got = query(s, "SELECT amount_yen, as_written, source FROM budget ORDER BY source")
check("budgets: full-width 442,607千円 is 442,607,000 yen, and two documents' figures are both kept",
      p.returncode == 0 and got == [(442607000, "４４２，６０７千円", "資料A:1"), (500000000, "５億円", "資料B:2")],
      p.stdout, p.stderr, got)

# ---- corrections go to history ----
write("sjis-budgets.csv", "事業コード,年度,予算区分,予算額,出典\r\n"
      "SJ-1,令和６年度,当初予算,４４２，６０７千円,資料A:1\r\n"
      "SJ-1,令和６年度,当初予算,5.5億円,資料B:2\r\n", "cp932")
p = run("--db", s, "import", "budgets", "sjis-budgets.csv")
got = query(s, "SELECT amount_yen, version FROM budget WHERE source = '資料B:2'")
hist = query(s, "SELECT field, old_value, new_value, what FROM history WHERE tbl = 'budget'")
check("budgets: a corrected figure updates its row (version 2), the other source's is untouched",
      p.returncode == 0 and "1 changed, 1 unchanged" in p.stdout and got == [(550000000, 2)],
      p.stdout, got)
check("budgets: the old figure is in history, described as the programme's year and kind",
      ("amount_yen", "500000000", "550000000", "SJ-1 FY2024 initial") in hist
      and ("as_written", "５億円", "5.5億円", "SJ-1 FY2024 initial") in hist, hist)

# ---- the CLI: programmes, budgets, hubs ----
import json  # noqa: E402

p = run("--db", d, "programmes", "--json")
js = json.loads(p.stdout) if p.returncode == 0 else {}
check("programmes --json: count and one entry per programme", js.get("count") == len(rows("programmes"))
      == len(js.get("programmes", [])), p.stderr)
hub = [x for x in js.get("programmes", []) if x["code"] == "MHLW-HUB"]
check("programmes --json: the issue's shape", hub and set(hub[0]) == {
    "code", "name_ja", "ministry", "parent", "successor", "first_year", "last_year", "body",
    "budgets", "measures", "items"} and set(hub[0]["budgets"][0]) == {
    "fiscal_year", "kind", "amount_yen", "as_written", "share_of_larger", "source"}, hub)
check("programmes --json: MHLW-HUB's FY2024 supplementary figure from both documents",
      hub and len([b for b in hub[0]["budgets"] if b["fiscal_year"] == 2024 and
                   b["kind"] == "supplementary" and b["amount_yen"] == 770000000]) == 2, hub)
p = run("--db", d, "programmes", "--ministry", "経", "--json")
check("programmes --ministry 経: only METI's programmes",
      p.returncode == 0 and json.loads(p.stdout)["count"] == sum(
          1 for r in rows("programmes") if r["ministry"] == "経")
      and {x["ministry"] for x in json.loads(p.stdout)["programmes"]} == {"経"}, p.stdout[:300])
p = run("--db", d, "programmes", "--year", "2026", "--json")
y26 = {x["code"] for x in json.loads(p.stdout)["programmes"]} if p.returncode == 0 else set()
check("programmes --year 2026: the programmes with an FY2026 budget figure, with only those figures",
      {r["code"] for r in rows("budgets") if r["fiscal_year"] == "2026"} <= y26 and all(
          b["fiscal_year"] == 2026 for x in json.loads(p.stdout)["programmes"] for b in x["budgets"]),
      sorted(y26))

p = run("--db", d, "budgets", "--year", "2025", "--json")
tot = json.loads(p.stdout) if p.returncode == 0 else {}
ministry = {r["code"]: r["ministry"] for r in rows("programmes")}
ok = True
for t in tot.get("totals", []):
    figs = [r for r in rows("budgets") if r["fiscal_year"] == "2025" and r["kind"] == t["kind"]
            and ministry[r["code"]] == t["group"]]
    own = {}
    for r in figs:
        if not r["share_of_larger"]:
            own.setdefault(r["code"], []).append(int(r["amount_yen"]))
    shares = {(r["code"]) for r in figs if r["share_of_larger"]}
    if (t["total_yen"] != sum(min(v) for v in own.values())
            or t["total_yen_high"] != sum(max(v) for v in own.values())
            or t["programmes"] != len(own) or t["shares_of_larger"] != len(shares)):
        ok = False
check("budgets --year 2025: each total adds each programme's own figures once; 内数 are counted apart",
      tot.get("totals") and ok and "内数" in tot["rule"], tot)
meti = [t for t in tot.get("totals", []) if t["group"] == "経" and t["kind"] == "initial"]
check("budgets: METI's FY2025 initial total leaves out its five 内数 figures (4.4 billion, not 13.2)",
      meti and meti[0]["total_yen"] == 4400000000 and meti[0]["shares_of_larger"] == 5, meti)
p = run("--db", d, "budgets", "--year", "2025")
check("budgets (text): the rule is stated and 内数 shown", p.returncode == 0 and
      "内数" in p.stdout and "not added" in p.stdout, p.stdout)
p = run("--db", s, "budgets", "--json")
t = json.loads(p.stdout)["totals"] if p.returncode == 0 else []
check("budgets: two documents that disagree give a range (442,607,000 to 550,000,000 yen)",
      t and t[0]["total_yen"] == 442607000 and t[0]["total_yen_high"] == 550000000
      and t[0]["disagreeing"] == 1 and t[0]["programmes"] == 1, t)
p = run("--db", d, "hubs", "--json")
check("hubs --json: every hub row", p.returncode == 0 and json.loads(p.stdout)["count"] == len(rows("hubs")))
p = run("--db", d, "programme", "show", "MHLW-HUB")
check("programme show: budgets with their sources, indicators, hubs",
      p.returncode == 0 and "8.8（－億円）" in p.stdout and "HUB-COURSES" in p.stdout and "hubs" in p.stdout,
      p.stdout)
p = run("--db", d, "programme", "show", "NOPE")
check("programme show: an unknown code is an error", p.returncode == 1 and "NOPE" in p.stderr)

# ---- links: suggested from the follow-up texts, confirmed through the edit layer ----
hubname = [r["name_ja"] for r in rows("programmes") if r["code"] == "MHLW-HUB"][0]
naming = {n for (n,) in query(d, "SELECT i.no FROM followup f JOIN action_item i ON"
                              " i.id = f.action_item_id WHERE instr(f.results, ?) OR instr(f.plans, ?)",
                              hubname, hubname)}
p = run("--db", d, "programme", "suggest", "MHLW-HUB")
sugg = {}
for l in p.stdout.splitlines():
    if l.startswith("MHLW-HUB → A"):
        sugg[int(l.split("→ A")[1].split(" ")[0])] = l.split("): ", 1)[1]
check("suggest: the hub programme for every follow-up row that names it",
      p.returncode == 0 and naming and naming <= set(sugg), sorted(naming), sorted(sugg))
check("suggest: each suggestion with the sentence that names the programme",
      sugg and all(hubname in t for t in sugg.values()), sugg)
stored = query(d, "SELECT i.no, l.status, l.sentence FROM programme_link l JOIN action_item i"
               " ON i.id = l.item_id JOIN programme p ON p.id = l.programme_id WHERE p.code = 'MHLW-HUB'")
check("suggest: the suggestions are stored as suggested links with their sentences",
      {n for n, st_, _ in stored if st_ == "suggested"} == set(sugg)
      and all(hubname in t for _, _, t in stored), stored)
p = run("--db", d, "programme", "suggest", "MHLW-MEDISO")
med = [l for l in p.stdout.splitlines() if l.startswith("MHLW-MEDISO → A")]
naming = {n for (n,) in query(d, "SELECT i.no FROM followup f JOIN action_item i ON"
                              " i.id = f.action_item_id WHERE instr(f.results, 'MEDISO')"
                              " OR instr(f.plans, 'MEDISO')")}
check("suggest: a programme is also found by the short name its name ends with (MEDISO)",
      p.returncode == 0 and naming and naming <= {int(l.split("→ A")[1].split(" ")[0]) for l in med}
      and all("MEDISO" in l.split("): ", 1)[1] or "トータルサポート" in l for l in med),
      sorted(naming), med)
first = min(sugg)
p = run("--db", d, "programme", "link", "MHLW-HUB", "--item", str(first))
check("link: confirming a suggestion", p.returncode == 0 and "confirmed" in p.stdout, p.stdout, p.stderr)
p = run("--db", d, "programme", "suggest", "MHLW-HUB")
st_ = dict((n, x) for n, x, _ in query(d, "SELECT i.no, l.status, '' FROM programme_link l JOIN"
                                         " action_item i ON i.id = l.item_id"))
check("suggest again: a confirmed link stays confirmed", st_.get(first) == "confirmed", st_)
before = dump(d)
p = run("--db", d, "programme", "link", "MHLW-HUB", "--measure", "999")
check("link: a measure that is not in the plan is refused and changes nothing",
      p.returncode != 0 and dump(d) == before, p.stdout, p.stderr)
p = run("--db", d, "programme", "link", "MHLW-HUB", "--item", str(first), "--version", "7")
check("link: a stale version is refused (exit 4) and changes nothing",
      p.returncode == 4 and dump(d) == before, p.returncode, p.stderr)
p = run("--db", d, "programme", "link", "NOPE", "--measure", "1")
check("link: an unknown programme is refused and changes nothing",
      p.returncode != 0 and "NOPE" in p.stderr and dump(d) == before, p.stderr)
p = run("--db", d, "programme", "link", "MHLW-HUB", "--measure", "12")
goal = query(d, "SELECT g.no FROM measure m JOIN goal g ON g.id = m.goal_id WHERE m.no = 12")[0][0]
p = run("--db", d, "programmes", "--goal", str(goal), "--json")
g = json.loads(p.stdout)["programmes"] if p.returncode == 0 else []
check(f"programmes --goal {goal}: the programme linked to M12, with its measures and items",
      [x["code"] for x in g] == ["MHLW-HUB"] and g[0]["measures"] == [12] and g[0]["items"] == [first], g)
visions = {n for (n,) in query(
    d, "SELECT v.no FROM goal_listing gl JOIN vision v ON v.id = gl.vision_id"
    " WHERE gl.goal_id IN (SELECT coalesce(m.goal_id, m2.goal_id) FROM programme_link l"
    " LEFT JOIN measure m ON m.id = l.measure_id LEFT JOIN action_item i ON i.id = l.item_id"
    " LEFT JOIN measure m2 ON m2.id = i.measure_id WHERE l.status = 'confirmed')")}
vall = {n for (n,) in query(d, "SELECT no FROM vision WHERE no > 0")}
okv = True
for v in sorted(vall):
    p = run("--db", d, "programmes", "--vision", str(v), "--json")
    got = [x["code"] for x in json.loads(p.stdout)["programmes"]] if p.returncode == 0 else None
    okv = okv and got == (["MHLW-HUB"] if v in visions else [])
check(f"programmes --vision: MHLW-HUB under the visions that list its linked goals ({sorted(visions)}), nowhere else",
      visions and okv)
h = query(d, "SELECT actor FROM import_run WHERE id = (SELECT run_id FROM history"
          " WHERE tbl = 'programme_link' ORDER BY id DESC LIMIT 1)")
check("link: a change of status goes to history with the CLI's actor",
      h and h[0][0].startswith("cli:"), h)
p = run("--db", d, "budgets", "--by", "goal", "--json")
bg = json.loads(p.stdout)["totals"] if p.returncode == 0 else []
check(f"budgets --by goal: MHLW-HUB's figures count under G{goal}",
      any(t["group"] == f"G{goal}" and t["programmes"] == 1 for t in bg), bg[:4])

# ---- CSV downloads: export -> import -> export is the same file ----
rt = "roundtrip.db"
fresh_db(rt)
run("--db", rt, "import", "plan", os.environ["PLAN"])
for k in ("programmes", "budgets", "hubs"):
    a = run("--db", d, "export", k)
    write(f"rt-{k}.csv", a.stdout)
    imp = run("--db", rt, "import", k, f"rt-{k}.csv")
    b = run("--db", rt, "export", k)
    check(f"export {k} -> import -> export: the same file, every row",
          a.returncode == 0 and imp.returncode == 0 and a.stdout == b.stdout
          and a.stdout.count("\n") == len(rows(k)) + 1, imp.stderr)

import re as re_  # noqa: E402
import zipfile  # noqa: E402

p = run("--db", d, "export", "programmes-xlsx", "-o", "programmes.xlsx")
z = zipfile.ZipFile("programmes.xlsx") if p.returncode == 0 else None
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")] if z else []
wbx = z.read("xl/workbook.xml").decode() if z else ""
b2 = z.read("xl/worksheets/sheet2.xml").decode() if z else ""
check("export programmes-xlsx: a sheet each for programmes, budgets and hubs, then the sources",
      len(sheets) == 4 and all(f'name="{n}"' in wbx for n in ("programmes", "budgets", "hubs", "出典")),
      p.stderr)
check("programmes-xlsx: one budgets row per figure, amounts in yen as numbers",
      len(re_.findall(r"<row ", b2)) == len(rows("budgets")) + 1
      and re_.search(r'<c r="F\d+"[^>]*><v>770000000</v>', b2) is not None, b2[:300])

# ---- pages, API and publish ----
import html  # noqa: E402
import html.parser as html_parser  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

srv = subprocess.Popen([os.environ["MDPLAN"], "--db", d, "serve", "--port", "0", "--no-log"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
base = None
for _ in range(100):
    m = re.search(r"(http://\S+)", srv.stdout.readline())
    if m:
        base = m.group(1).rstrip("/") + "/"
        break
    time.sleep(0.05)


class HubGroups(html_parser.HTMLParser):
    """/hubs/ read back: programme (h2) -> fiscal year (h3, its FYnnnn or
    the whole heading) -> category (the row group's heading) -> the rows'
    (institution, source), in page order."""

    def __init__(self):
        super().__init__()
        self.groups, self.cur, self.text, self.row, self.inst_col = {}, [None, None, None], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("h2", "h3") or (tag == "th" and a.get("scope") in ("rowgroup", "col")) or tag == "td":
            self.text = ""
        if tag == "thead":
            self.heads = []
        if tag == "tr":
            self.row = []

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "tr" and self.row and self.cur[2] is not None:
            inst = self.row[self.heads.index("機関" if "機関" in self.heads else "Institution")] \
                if ("機関" in self.heads or "Institution" in self.heads) else ""
            self.groups[self.cur[0]][self.cur[1]][self.cur[2]].append((inst, self.row[-1]))
            self.row = None
        if self.text is None:
            return
        t = self.text.strip()
        if tag == "h2":
            self.cur = [t, None, None]
            self.text = None
        elif tag == "h3":
            m = re.search(r"FY\d{4}", t)
            self.cur[1:] = [m.group(0) if m else t, None]
            self.text = None
        elif tag == "th" and self.row is not None and self.cur[1] is not None:
            if t.startswith(("類型：", "Category: ")):
                self.cur[2] = t.split("：", 1)[1] if t.startswith("類型：") else t.split(": ", 1)[1]
                self.groups.setdefault(self.cur[0], {}).setdefault(self.cur[1], {}).setdefault(self.cur[2], [])
            else:
                self.heads.append(t)
            self.text = None
        elif tag == "td":
            self.row.append(t)
            self.text = None


def hub_groups(body):
    p = HubGroups()
    p.feed(body)
    return p.groups


def get(path):
    try:
        with urllib.request.urlopen(base + path) as f:
            return f.status, f.headers.get("Content-Type", ""), f.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


try:
    st_, ct, body = get("programmes/MHLW-HUB/")
    svg = re.search(r"<svg[^>]*class=\"chart\".*?</svg>", body, re.S)
    check("page /programmes/MHLW-HUB/: 200, every figure as written with its yen and source",
          st_ == 200 and all(b["amount"] in body and html.escape(b["source"], False) in body
                             for b in rows("budgets") if b["code"] == "MHLW-HUB")
          and "880,000,000" in body, st_)
    check("page /programmes/MHLW-HUB/: a server-drawn SVG budget chart that parses, one bar per year and kind",
          svg and len(ET.fromstring(svg.group(0)).findall("{http://www.w3.org/2000/svg}rect")) == 3,
          svg and svg.group(0)[:300])
    check("page /programmes/MHLW-HUB/: linked measure and the suggested items with their sentences",
          "measures/12/" in body and "items/%d/" % first in body and "<blockquote>" in body)
    st_, ct, body = get("measures/12/")
    check("measure page M12: the programme that serves it (confirmed link)",
          st_ == 200 and 'id="programmes"' in body and "programmes/MHLW-HUB/" in body)
    st_, ct, body = get(f"goals/{goal}/")
    check(f"goal page G{goal}: the programme that serves it",
          st_ == 200 and "programmes/MHLW-HUB/" in body)
    other = query(d, "SELECT no FROM measure m WHERE NOT EXISTS (SELECT 1 FROM programme_link l"
                  " LEFT JOIN action_item i ON i.id = l.item_id WHERE l.status = 'confirmed'"
                  " AND (l.measure_id = m.id OR i.measure_id = m.id)) AND m.no > 0"
                  " ORDER BY no LIMIT 1")[0][0]
    st_, ct, body = get(f"measures/{query(d, 'SELECT m.no FROM action_item i JOIN measure m ON m.id = i.measure_id WHERE i.no = ?', first)[0][0]}/")
    check(f"measure page of A{first}: the programme confirmed for that item",
          st_ == 200 and "programmes/MHLW-HUB/" in body)
    st_, ct, body = get(f"measures/{other}/")
    check(f"measure page M{other}: no programme section without a confirmed link",
          st_ == 200 and 'id="programmes"' not in body)
    st_, ct, body = get("en/programmes/MHLW-HUB/")
    check("page /en/programmes/MHLW-HUB/: English labels", st_ == 200 and "Budget by fiscal year" in body)
    st_, ct, body = get("programmes/?ministry=meti")
    check("page /programmes/?ministry=meti: only METI's programmes",
          st_ == 200 and "METI-MEDIC/" in body and "MHLW-HUB/" not in body)
    st_, ct, body = get(f"programmes/?vision={min(visions)}")
    check("page /programmes/?vision=N: the programme linked to a goal it lists",
          st_ == 200 and "programmes/MHLW-HUB/" in body and "METI-MEDIC/" not in body)
    st_, ct, body = get(f"api/v1/programmes?vision={min(visions)}")
    check("API /api/v1/programmes?vision=N", st_ == 200 and
          [x["code"] for x in json.loads(body)["programmes"]] == ["MHLW-HUB"], body[:200])
    st_, ct, body = get("programmes/?goal=x")
    check("page /programmes/?goal=x: 400", st_ == 400, st_)
    st_, ct, body = get("programmes/NOPE/")
    check("page /programmes/NOPE/: 404", st_ == 404, st_)
    st_, ct, body = get("budgets/")
    check("page /budgets/: the rule is stated and 内数 kept out of the totals",
          st_ == 200 and "合計には含めません" in body and "4,400,000,000" in body, st_)
    st_, ct, body = get("hubs/")
    tiles = re.search(r'<svg[^>]*aria-labelledby="map-t map-d".*?</svg>', body, re.S)
    check("page /hubs/: a tile map of the 47 prefectures that parses",
          st_ == 200 and tiles and len(ET.fromstring(tiles.group(0)).findall(
              ".//{http://www.w3.org/2000/svg}rect")) == 47, st_)
    check("page /hubs/: every hub row", body.count("<tr><td>") == len(rows("hubs")))
    for lang, pre, none in (("ja", "", "年度の記載なし"), ("en", "en/", "No fiscal year stated")):
        st_, ct, body = get(pre + "hubs/")
        got = hub_groups(body)
        want = {}
        for r in rows("hubs"):
            cat = r["category"]
            if cat == "unknown":
                cat = "不明（資料では色分けのみ）" if lang == "ja" else "unknown (only colour-coded in the slides)"
            want.setdefault(r["programme"], {}).setdefault(
                f"FY{r['fiscal_years']}" if r["fiscal_years"] else none, {}).setdefault(cat, []).append(
                (r["institution"], r["source"]))
        check(f"page /{pre}hubs/: by programme, fiscal year and category as data/hubs.csv has them",
              st_ == 200 and got == want and len(want["MHLW-HUB"]) == 2
              and len(want["MHLW-HUB"]["FY2024"]) == 8,
              st_, {k: {y: {c: len(v) for c, v in ys.items()} for y, ys in g.items()} for k, g in got.items()})
        check(f"page /{pre}hubs/: FY2024's 13 adopted hubs under the unknown category",
              len(got.get("MHLW-HUB", {}).get("FY2024", {}).get(
                  "不明（資料では色分けのみ）" if lang == "ja" else "unknown (only colour-coded in the slides)",
                  [])) == 13)
    st_, ct, body = get("api/v1/programmes/MHLW-HUB")
    check("API /api/v1/programmes/MHLW-HUB: JSON with its budgets",
          st_ == 200 and "json" in ct and len(json.loads(body)["programmes"][0]["budgets"]) == 4, st_, body[:200])
    st_, ct, body = get("api/v1/budgets?year=2025&by=ministry")
    check("API /api/v1/budgets: totals with the rule", st_ == 200 and json.loads(body)["totals"]
          and "内数" in json.loads(body)["rule"])
    st_, ct, body = get("api/v1/budgets?by=nonsense")
    check("API /api/v1/budgets?by=nonsense: 400", st_ == 400)
    st_, ct, body = get("downloads/budgets.csv")
    check("download /downloads/budgets.csv: the export", st_ == 200 and ct.startswith("text/csv")
          and "\r\n" in body and body.replace("\r\n", "\n") == run("--db", d, "export", "budgets").stdout)
    try:
        with urllib.request.urlopen(base + "downloads/programmes.xlsx") as f_:
            xl = (f_.status, f_.headers.get("Content-Type", ""), f_.read()[:2])
    except urllib.error.HTTPError as e:
        xl = (e.code, "", b"")
    check("download /downloads/programmes.xlsx", xl[0] == 200 and "spreadsheetml" in xl[1]
          and xl[2] == b"PK", xl)
    st_, ct, body = get("api/v1/hubs")
    check("API /api/v1/hubs: every hub", st_ == 200 and json.loads(body)["count"] == len(rows("hubs")))
finally:
    srv.terminate()
    srv.wait()

pub = "pub"
p = run("--db", d, "publish", pub)
check("publish writes the programme pages, budgets and hubs",
      p.returncode == 0 and os.path.exists(os.path.join(pub, "programmes", "MHLW-HUB", "index.html"))
      and os.path.exists(os.path.join(pub, "en", "hubs", "index.html"))
      and os.path.exists(os.path.join(pub, "budgets", "vision", "index.html")), p.stdout, p.stderr)
with open(os.path.join(pub, "programmes", "index.html"), encoding="utf-8") as f:
    listing = f.read()
check("published /programmes/: every programme, no filter form (it needs the server)",
      all(f'{r["code"]}/' in listing for r in rows("programmes")) and "<form" not in listing)

# ---- hostile text is escaped ----
x = "hostile.db"
fresh_db(x)
run("--db", x, "import", "plan", os.environ["PLAN"])
evil = '<script>alert("x")</script>&amp;"\'><img src=x onerror=alert(1)>'
write("evil-programmes.csv", "code,name_ja,body,notes,source\n"
      f'EVIL-1,"{evil.replace(chr(34), chr(34) * 2)}","{evil.replace(chr(34), chr(34) * 2)}",'
      f'"javascript:alert(1)","{evil.replace(chr(34), chr(34) * 2)}"\n')
write("evil-budgets.csv", "code,fiscal_year,kind,amount,note,source\n"
      f'EVIL-1,2025,initial,1億円,"{evil.replace(chr(34), chr(34) * 2)}","{evil.replace(chr(34), chr(34) * 2)}"\n')
write("evil-hubs.csv", "programme,kind,institution,category,results\n"
      f'EVIL-1,hub,"{evil.replace(chr(34), chr(34) * 2)}","{evil.replace(chr(34), chr(34) * 2)}",x\n')
ps_ = [run("--db", x, "import", k, f) for k, f in (("programmes", "evil-programmes.csv"),
                                                    ("budgets", "evil-budgets.csv"),
                                                    ("hubs", "evil-hubs.csv"))]
check("hostile programme files import (text is data)", all(q.returncode == 0 for q in ps_),
      [q.stderr for q in ps_])
p = run("--db", x, "publish", "evil-pub")
bad = []
for path in ("programmes/index.html", "programmes/EVIL-1/index.html", "budgets/index.html",
             "hubs/index.html", "en/programmes/EVIL-1/index.html"):
    with open(os.path.join("evil-pub", path), encoding="utf-8") as f:
        t = f.read()
    if "<script>alert" in t or "<img src=x" in t or "&lt;script&gt;" not in t and "programmes/EVIL" in path:
        bad.append(path)
check("hostile text is escaped on every programme page", p.returncode == 0 and not bad, bad, p.stderr)
p = run("--db", x, "programmes", "--json")
check("hostile text comes back intact in JSON", p.returncode == 0 and
      json.loads(p.stdout)["programmes"][0]["name_ja"] == evil)

summary()
