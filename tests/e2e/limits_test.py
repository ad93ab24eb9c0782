#!/usr/bin/env python3
"""Nothing silently lost, nothing poisoned (issue 12).

Every limit of the importers either stores everything or stops with an
error naming the file, line, column and the limit, and leaves the database
as it was: cells nested too deep, cells with many blocks, large plain and
huge cells, indicator files with many long errors, a re-import that would
remove most of a year's rows. Output cannot be turned against its reader:
cells that a spreadsheet would run as a formula are neutralized in every
CSV and XLSX (and the indicator CSV still round-trips), the sitemap is
well-formed XML whatever --base-url holds, and indicator dates are dates.
"""
import csv
import io
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

from tap import check, fresh_db, mdplan, summary

csv.field_size_limit(sys.maxsize)
PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]


def run(*args):
    return mdplan(*args, check_rc=False)


def write(path, text, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def state(db):
    """Everything an import could change, as one string."""
    return "\n".join(run("--db", db, *a).stdout for a in
                     (("export", "json"), ("stats", "--json"), ("history", "--json"),
                      ("export", "indicators"), ("export", "indicator-defs")))


def formula(c):
    """Would a spreadsheet take this cell for a formula?"""
    return c[:1] in ("=", "+", "-", "@", "\t", "\r")


def csv_rows(text):
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


with open(FOLLOWUP, encoding="utf-8") as f:
    real = f.read().split("\n")
# line 7 is an action row: "" | item | 実績・状況 | 取組予定
ROW = 7
fields = real[ROW - 1].split("\t")
assert len(fields) == 4 and fields[2], fields
RES_COL = len(fields[0]) + len(fields[1]) + 3      # 1-based character column of the results cell
item_no = None


def with_results(path, cell, row=ROW):
    lines = list(real)
    f = lines[row - 1].split("\t")
    f[2] = cell
    lines[row - 1] = "\t".join(f)
    write(path, "\n".join(lines))


base = "base.db"
fresh_db(base)
run("--db", base, "import", "plan", PLAN)
run("--db", base, "import", "followup", FOLLOWUP)
with open(base, "rb") as f:
    base_bytes = f.read()


def fresh(name):
    fresh_db(name)
    with open(name, "wb") as f:
        f.write(base_bytes)
    return name


def results_of(db):
    """The results cell of the row from line ROW, as export csv writes it."""
    rows = csv_rows(run("--db", db, "export", "csv").stdout)
    want = real[ROW - 1].split("\t")[1]
    for r in rows[1:]:
        if r[6] and r[6][:20] in want:
            return r[8]
    return None


# ---- nesting: refused with file:line:column and the limit ----
db = fresh("deep.db")
before = state(db)
with_results("deep.tsv", "<p>前</p>" + "<div>" * 300 + "<p>深い</p>" + "</div>" * 300 + "<p>後</p>")
p = run("--db", db, "import", "followup", "deep.tsv")
m = re.search(r"deep\.tsv:(\d+):(\d+): ", p.stderr)
check("nesting 300 deep: exit 1", p.returncode == 1, p.returncode, p.stderr[:300])
check("nesting 300 deep: names line and column inside the results cell",
      m and int(m.group(1)) == ROW and RES_COL < int(m.group(2)) <= RES_COL + 20 + 5 * 300,
      p.stderr[:300], RES_COL)
check("nesting 300 deep: names the column and the limit",
      "実績・状況" in p.stderr and "at most 255" in p.stderr, p.stderr[:300])
check("nesting 300 deep: database unchanged", state(db) == before)
with_results("deep2.tsv", "<p>前</p>" + "<div>" * 200 + "<p>深い</p>" + "</div>" * 200 + "<p>後</p>")
p = run("--db", db, "import", "followup", "deep2.tsv")
check("nesting 200 deep: imported whole (text before, inside and after)",
      p.returncode == 0 and results_of(db) == "前\n深い\n後", p.stderr[:300], results_of(db))

# deep nesting in a multi-line cell: the line is the file's line
cell = '"<p>一</p>\n<p>二</p>\n' + "<b>" * 300 + "x" + "</b>" * 300 + '"'
with_results("deep3.tsv", cell)
p = run("--db", fresh("deep3.db"), "import", "followup", "deep3.tsv")
m = re.search(r"deep3\.tsv:(\d+):(\d+): ", p.stderr)
check("nesting in a quoted multi-line cell: the file's line and column",
      p.returncode == 1 and m and int(m.group(1)) == ROW + 2 and 1 < int(m.group(2)) < 2000,
      p.stderr[:300])

# ---- many blocks: every one is stored ----
db = fresh("blocks.db")
with_results("blocks.tsv", "".join("<p>段落%d</p>" % i for i in range(300)))
p = run("--db", db, "import", "followup", "blocks.tsv")
got = results_of(db)
check("300 blocks in a cell: all 300 stored, in order",
      p.returncode == 0 and got is not None and got.split("\n") == ["段落%d" % i for i in range(300)],
      p.stderr[:300], (got or "")[-80:])

# ---- a plain-text cell over 1 MiB: stored whole ----
db = fresh("plain.db")
big = "".join("%06d文" % i for i in range(150000))      # 1.35 MB of UTF-8, no blanks
with_results("plain.tsv", big)
p = run("--db", db, "import", "followup", "plain.tsv")
got = results_of(db)
check("a 1.35 MB plain cell: stored whole", p.returncode == 0 and got == big,
      p.stderr[:300], len(got or ""), len(big))

# ---- a 17 MB cell: refused with file:line:column and the limit ----
db = fresh("huge.db")
before = state(db)
with_results("huge.tsv", "x" * (17 << 20))
p = run("--db", db, "import", "followup", "huge.tsv")
check("a 17 MiB cell: exit 1", p.returncode == 1, p.returncode)
check("a 17 MiB cell: names file:line:column, its size and the limit",
      f"huge.tsv:{ROW}:{RES_COL}: " in p.stderr and "17.0 MiB" in p.stderr
      and "16 MiB" in p.stderr and "out of memory" not in p.stderr, p.stderr[:300])
check("a 17 MiB cell: database unchanged", state(db) == before)

# ---- indicator files whose errors are long ----
db = fresh("ind.db")
run("--db", db, "indicator", "define", "X1", "--name", "x", "--unit", "件", "--direction", "up")
before = state(db)
write("long.csv", "code,year,value\n" + "".join("X1,%s,1\n" % ("年" * 1000) for _ in range(25)))
p = run("--db", db, "import", "indicators", "long.csv")
shown = re.findall(r"long\.csv:(\d+): column year: ", p.stderr)
check("25 long errors: exit 1", p.returncode == 1, p.returncode)
check("25 long errors: the first 20 are listed with their lines (not 'no error')",
      shown == [str(i) for i in range(2, 22)] and "no error" not in p.stderr,
      shown, p.stderr[:200])
check("25 long errors: the rest are counted, nothing imported",
      "5 more problems not shown" in p.stderr and "25 problems; nothing was imported" in p.stderr,
      p.stderr[-300:])
check("25 long errors: a long value is shortened visibly (…), not silently",
      "…" in p.stderr and len(p.stderr) < 64 << 10, len(p.stderr))
check("25 long errors: database unchanged", state(db) == before)

# ---- the removal guard ----
db = fresh("cut.db")
before = state(db)
cut = "\n".join(real[:40]) + "\n"          # cut off at a line boundary
write("cut.tsv", cut)
p = run("--db", db, "import", "followup", "cut.tsv")
m = re.search(r"would remove (\d+) of the 60 rows", p.stderr)
check("a cut-off file: refused (exit 1)", p.returncode == 1, p.returncode, p.stdout, p.stderr)
check("a cut-off file: says how many rows would go and how to allow it",
      m and int(m.group(1)) > 12 and "--allow-removals" in p.stderr and "20%" in p.stderr,
      p.stderr)
check("a cut-off file: nothing written", state(db) == before)
n_removed = int(m.group(1)) if m else -1
p = run("--db", db, "import", "followup", "cut.tsv", "--max-removals", "50")
check("a cut-off file: --max-removals 50 still refuses %d of 60" % n_removed,
      p.returncode == 1 and "50%" in p.stderr and state(db) == before, p.stderr)
p = run("--db", db, "import", "followup", "cut.tsv", "--allow-removals")
check("a cut-off file: --allow-removals removes them into history",
      p.returncode == 0 and f"{n_removed} removed" in p.stdout
      and run("--db", db, "history").stdout.count("(removed)") >= n_removed, p.stdout, p.stderr)
p = run("--db", db, "import", "followup", FOLLOWUP)
check("the whole file again: no removals, no question", p.returncode == 0 and " 0 removed" in p.stdout,
      p.stdout, p.stderr)
p = run("--db", db, "import", "followup", "cut.tsv", "--max-removals", "100")
check("--max-removals 100 allows any share", p.returncode == 0, p.stderr)
p = run("--db", db, "import", "followup", FOLLOWUP, "--max-removals", "abc")
check("--max-removals takes a percentage", p.returncode == 2, p.returncode, p.stderr)

# ---- CSV and XLSX formula injection ----
HOSTILE = ["=HYPERLINK(\"http://evil.example/\",\"x\")", "+1+1", "-2+3", "@SUM(A1)"]
db = fresh("inj.db")
lines = list(real)
for k, (row, res, pl) in enumerate(((6, HOSTILE[0], HOSTILE[1]), (7, HOSTILE[2], HOSTILE[3]))):
    f = lines[row - 1].split("\t")
    f[2], f[3] = res, pl
    lines[row - 1] = "\t".join(f)
write("inj.tsv", "\n".join(lines))
p = run("--db", db, "import", "followup", "inj.tsv")
check("hostile follow-up imports", p.returncode == 0, p.stderr[:300])
raw = run("--db", db, "export", "csv").stdout
cells = [c for r in csv_rows(raw) for c in r]
check("export csv: every hostile cell starts with a single quote",
      all("'" + h in cells for h in HOSTILE) and not any(h in cells for h in HOSTILE),
      [c for c in cells if formula(c) or c[:1] == "'"][:6])
check("export csv: they are quoted fields ('\"'=…\")",
      '"\'=HYPERLINK(""http://evil.example/"",""x"")"' in raw and '"\'+1+1"' in raw
      and '"\'@SUM(A1)"' in raw)
check("export csv: no field starts with a formula character",
      not [c for c in cells if formula(c)])
p = run("--db", db, "publish", "inj-site")
dl = open("inj-site/downloads/followup-2025.csv", encoding="utf-8").read()
dcells = [c for r in csv_rows(dl) for c in r]
check("download CSV: the same neutralized cells",
      all("'" + h in dcells for h in HOSTILE) and not [c for c in dcells if formula(c)])
dlm = open("inj-site/downloads/followup-2025-mext.csv", encoding="utf-8").read()
check("per-ministry download CSV: neutralized too", not [c for r in csv_rows(dlm) for c in r
                                                         if formula(c)])
js = json.loads(run("--db", db, "export", "json").stdout)
check("the stored text is unchanged (JSON has it as written)", HOSTILE[0] in json.dumps(js, ensure_ascii=False).replace('\\"', '"'))


def xlsx_cells(path):
    """(type, text) of every cell of every sheet, and the number of formulas."""
    z = zipfile.ZipFile(path)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    ss = [("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
          for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
    out, formulas = [], 0
    for name in z.namelist():
        if not name.startswith("xl/worksheets/sheet"):
            continue
        sheet = ET.fromstring(z.read(name))
        for c in sheet.iter("{%s}c" % ns["m"]):
            formulas += c.find("m:f", ns) is not None
            v = c.find("m:v", ns)
            if v is not None:
                out.append((c.get("t"), ss[int(v.text)] if c.get("t") == "s" else v.text))
    return out, formulas


# XLSX: a string cell is text however it starts, so the text stays as
# written (no quote); what must never happen is a formula cell.
run("--db", db, "export", "xlsx", "-o", "inj.xlsx")
xc, formulas = xlsx_cells("inj.xlsx")
hostile_cells = sorted(c for c in xc if c[1] in HOSTILE)
check("xlsx: no cell is a formula", formulas == 0, formulas)
check("xlsx: the hostile cells are shared strings, text as written",
      hostile_cells == sorted(("s", h) for h in HOSTILE), hostile_cells)
xc2, formulas2 = xlsx_cells("inj-site/downloads/followup-2025.xlsx")
check("download xlsx: the same", formulas2 == 0 and
      sorted(c for c in xc2 if c[1] in HOSTILE) == hostile_cells)

# indicator CSV: neutralized, negative numbers stay numbers, and it round-trips
db = fresh("indinj.db")
write("defs.csv", "code,name_ja,unit,direction,source,notes\n"
      "X1,=指標,件,up,@出典,-注\nX2,普通の指標,件,down,,\n")
write("vals.csv", "code,year,value,note,source,date,+地域\n"
      "X1,2023,-5,=1+1,@cmd,2024-03-31,-東\n"
      "X1,2024,\"-1,234.5\",'=already,+src,,\n"
      "X2,2024,7,\"''=two\",-,,=西\n"
      "X2,2023,-0.25,plain,出典,,\n")
p1 = run("--db", db, "import", "indicator-defs", "defs.csv")
p2 = run("--db", db, "import", "indicators", "vals.csv")
check("hostile indicator files import", p1.returncode == 0 and p2.returncode == 0, p1.stderr, p2.stderr)
x = {i["code"]: i for i in json.loads(run("--db", db, "indicators", "--json").stdout)}
v1 = {v["year"]: v for v in x["X1"]["values"]}
check("indicator: the stored text is as written ('= stays '=, a written '' loses one quote)",
      v1[2023]["note"] == "=1+1" and v1[2023]["source"] == "@cmd" and v1[2024]["note"] == "=already"
      and v1[2023]["breakdown"] == {"+地域": "-東"} and x["X1"]["name"] == "=指標",
      v1, x["X1"]["name"])
check("indicator: negative values are numbers", v1[2023]["value"] == -5 and v1[2024]["value"] == -1234.5,
      v1)
e1 = run("--db", db, "export", "indicators").stdout
f1 = run("--db", db, "export", "indicator-defs").stdout
rows = csv_rows(e1)
check("indicator export: text cells neutralized, numbers not",
      rows[0][6] == "'+地域" and ["X1", "2023", "-5", "'=1+1", "'@cmd", "2024-03-31", "'-東"] in rows
      and ["X1", "2024", "-1234.5", "'=already", "'+src", "", ""] in rows
      and ["X2", "2024", "7", "''=two", "'-", "", "'=西"] in rows
      and ["X2", "2023", "-0.25", "plain", "出典", "", ""] in rows, rows)
check("indicator-defs export: neutralized",
      [c for r in csv_rows(f1) for c in r if formula(c)] == [] and "'=指標" in f1 and "'@出典" in f1
      and "'-注" in f1, f1)
write("e1.csv", e1)
write("f1.csv", f1)
r = "indround.db"
fresh_db(r)
run("--db", r, "import", "plan", PLAN)
p1 = run("--db", r, "import", "indicator-defs", "f1.csv")
p2 = run("--db", r, "import", "indicators", "e1.csv")
check("indicator round trip: the exports import", p1.returncode == 0 and p2.returncode == 0,
      p1.stderr, p2.stderr)
check("indicator round trip: values export byte for byte the same",
      run("--db", r, "export", "indicators").stdout == e1)
check("indicator round trip: definitions export byte for byte the same",
      run("--db", r, "export", "indicator-defs").stdout == f1)
check("indicator round trip: the same JSON",
      json.loads(run("--db", r, "indicators", "--json").stdout) ==
      json.loads(run("--db", db, "indicators", "--json").stdout))
run("--db", db, "publish", "ind-site")
dl = open("ind-site/indicators/X1/data.csv", encoding="utf-8").read()
check("indicator data.csv download: neutralized", "'=1+1" in dl and
      not [c for r in csv_rows(dl) for c in r
           if formula(c) and not re.fullmatch(r"-[\d.]+", c)], dl)

# indicator breakdowns: an indicator with 20 dimensions keeps all 20 in
# every output (the report used to keep 16, the CSV export 64 in all)
db = fresh("dims.db")
run("--db", db, "indicator", "define", "X1", "--name", "x", "--unit", "件", "--direction", "up")
dims = ["次元%02d" % k for k in range(20)]
write("dims.csv", "code,year,value," + ",".join(dims) + "\n"
      "X1,2024,1," + ",".join("m%d" % k for k in range(20)) + "\n"
      "X1,2024,2," + ",".join("m%d" % k if k == 19 else "" for k in range(20)) + "\n")
p = run("--db", db, "import", "indicators", "dims.csv")
x = json.loads(run("--db", db, "indicators", "X1", "--json").stdout)
e1 = run("--db", db, "export", "indicators").stdout
check("20 breakdown dimensions: all in the JSON", p.returncode == 0 and x["breakdowns"] == dims
      and sorted(len(v["breakdown"]) for v in x["values"]) == [1, 20], p.stderr, x.get("breakdowns"))
check("20 breakdown dimensions: all in the CSV export, which round-trips",
      csv_rows(e1)[0][6:] == dims and len(csv_rows(e1)) == 3)
write("dims-e1.csv", e1)
d2 = fresh("dims2.db")
run("--db", d2, "indicator", "define", "X1", "--name", "x", "--unit", "件", "--direction", "up")
p = run("--db", d2, "import", "indicators", "dims-e1.csv")
check("20 breakdown dimensions: export -> import -> export byte-identical",
      p.returncode == 0 and run("--db", d2, "export", "indicators").stdout == e1, p.stderr)

# ---- sitemap.xml with a base URL that XML must escape ----
db = fresh("site.db")
url = "https://example.go.jp/a&b/<x>/'q\"/?k=1&l=2/"
p = run("--db", db, "publish", "amp-site", "--base-url", url)
check("publish with & < > ' \" in --base-url", p.returncode == 0, p.stderr)
try:
    root = ET.parse("amp-site/sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
except ET.ParseError as e:
    locs = ["not XML: %s" % e]
check("sitemap.xml parses as XML and every loc is the base URL + a page",
      len(locs) > 100 and all(l.startswith(url) for l in locs) and url in locs, locs[:2])

# ---- indicator dates ----
db = fresh("date.db")
run("--db", db, "indicator", "define", "X1", "--name", "x", "--unit", "件", "--direction", "up",
    "--years", "calendar")
before = state(db)
write("dates.csv", "code,year,value,date\n"
      "X1,2001,1,2025-13-45\n"
      "X1,2002,1,=1+1\n"
      "X1,2003,1,<script>\n"
      "X1,2004,1,2023-02-29\n"
      "X1,2005,1,2024-04-31\n"
      "X1,2006,1,2024-00\n"
      "X1,2007,1,令和6年度\n")
p = run("--db", db, "import", "indicators", "dates.csv")
check("bad dates: exit 1", p.returncode == 1, p.returncode)
for line, text in ((2, "2025-13-45"), (3, "=1+1"), (4, "<script>"), (5, "2023-02-29"),
                   (6, "2024-04-31"), (7, "2024-00"), (8, "令和6年度")):
    check(f"bad date on line {line} ({text}) is reported with its column",
          re.search(r"dates\.csv:%d: column date: \"%s\" is not a date" % (line, re.escape(text)),
                    p.stderr), p.stderr[:600])
check("bad dates: database unchanged", state(db) == before)
write("okdates.csv", "code,year,value,date\n"
      "X1,2001,1,2024-02-29\n"
      "X1,2002,1,2024-12\n"
      "X1,2003,1,2024/3/31\n"
      "X1,2004,1,２０２４－０３－３１\n"
      "X1,2005,1,2024年3月31日\n"
      "X1,2006,1,令和6年3月31日\n"
      "X1,2007,1,平成31年4月\n"
      "X1,2008,1,\n")
p = run("--db", db, "import", "indicators", "okdates.csv")
x = json.loads(run("--db", db, "indicators", "X1", "--json").stdout)
dates = [v["date"] for v in sorted(x["values"], key=lambda v: v["year"])]
check("good dates: stored as ISO dates", p.returncode == 0 and dates ==
      ["2024-02-29", "2024-12", "2024-03-31", "2024-03-31", "2024-03-31", "2024-03-31", "2019-04", ""],
      p.stderr, dates)
summary()
