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
            out.extend(repr(r) for r in c.execute(f'SELECT * FROM "{t}" ORDER BY rowid'))
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

summary()
