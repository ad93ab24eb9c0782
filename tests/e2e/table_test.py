#!/usr/bin/env python3
"""The official table, right: the fiscal-year table on the web and in the
XLSX against the plan and the source table.

The expected layout is worked out here from the documents, by other means
than the C code: the plan's order of visions and goals from the API, the
source table (FOLLOWUP) read with Python's csv module, and the store's
match of each stored row (the JSON export: line -> item, goal, measure).
A row the source table lists twice (a re-listing) is expected under its
plan goal at the listing whose section heading is most like that goal's
title; a row that matches no item right after the row before it in the
source table; a re-listed goal (再掲) with its （上記参照） row.

The XLSX is read with zipfile and xml.etree (no spreadsheet library).
Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import csv
import difflib
import html
import html.parser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

from tap import Server, check, fresh_db, mdplan

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
UNMATCHED = "（計画の取組と未照合）"

fresh_db("table.db")
mdplan("--db", "table.db", "import", "plan", PLAN)
mdplan("--db", "table.db", "import", "followup", FOLLOWUP)
stored = json.loads(mdplan("--db", "table.db", "export", "json", "--year", "R7").stdout)["followups"]
by_line = {r["source_line"]: r for r in stored}

srv = Server("table.db")
st, _, body = srv.get("/api/v1/visions")
visions = json.loads(body)["visions"]
goal_title = {g["no"]: g["title"] for v in visions for g in v["goals"]}


# ---- the source table, read here ------------------------------------------

def plain(cell):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", " ", cell))).strip()


def filled(cell):
    return plain(cell) not in ("", "-", "－")


def heading_key(t):
    return re.sub(r"[【】\[\]()（）<>＜＞\s]|再掲|上記参照", "", t)


with open(FOLLOWUP, encoding="utf-8", newline="") as f:
    src = list(csv.reader(f, delimiter="\t"))
vision_no = section = res = None
occurrences = {}       # stored line -> [(line, section heading)]
relistings = []        # (vision no, heading) of 【…】(再掲) rows followed by (上記参照)
action_lines = []
for i, row in enumerate(src):
    line = i + 1
    if not any(c.strip() for c in row):
        continue
    hdr = next((k for k in range(1, len(row) - 1) if "実績" in row[k] and "予定" in row[k + 1]
                and not any(filled(c) for c in row[:k])), None)
    if hdr is not None:
        res = hdr   # a header row: where the columns are (3 or 4 of them)
        continue
    cells = row[res:res + 2]
    lead = next((plain(c) for c in row[:res] if plain(c)), "")
    if line not in by_line and not any(filled(c) for c in cells):
        m = re.match(r"[(（]([0-9０-９])[)）]", lead)
        if m and "に向け" in lead:
            vision_no = int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        elif lead.startswith("【"):
            section = lead
        elif "上記参照" in lead and section and "再掲" in section:
            relistings.append((vision_no, section))
        continue
    if line in by_line:
        occurrences.setdefault(line, []).append((line, section))
    else:
        # an action row the store holds once: the same results and plans
        # as an earlier row
        orig = next((l for l, c in action_lines if c == cells), None)
        check(f"source line {line}: a re-listing of an earlier row", orig is not None, row[1][:80])
        if orig:
            occurrences[orig].append((line, section))
    action_lines.append((line, cells))
check("every stored row is an action row of the source table",
      set(by_line) <= {l for l, _ in action_lines}, sorted(set(by_line) - {l for l, _ in action_lines}))
check("the source table re-lists two goals under vision 3 with (上記参照)",
      [v for v, _ in relistings] == [3, 3], relistings)

# each stored row at one place: its goal's, in the source table's order
place = {}             # stored line -> (goal no, source line it stands at)
for line, occ in occurrences.items():
    r = by_line[line]
    if r["goal_no"] is None:
        continue
    best = max(occ, key=lambda o: difflib.SequenceMatcher(
        None, heading_key(o[1] or ""), heading_key(goal_title[r["goal_no"]])).ratio())
    place[line] = (r["goal_no"], best[0])
goal_rows = {}
for line, (g, at) in sorted(place.items(), key=lambda kv: kv[1][1]):
    goal_rows.setdefault(g, []).append(line)
for line in sorted(l for l in by_line if by_line[l]["goal_no"] is None):
    prev = max((l for g in goal_rows for l in goal_rows[g] if l < line), default=None)
    g = next(g for g in goal_rows if prev in goal_rows[g])
    goal_rows[g].insert(goal_rows[g].index(prev) + 1, line)
check("the unmatched rows of the source table are expected under goals 5 and 6",
      sorted(g for g in goal_rows for l in goal_rows[g] if by_line[l]["goal_no"] is None) == [5, 6],
      goal_rows)
check("A60 is expected last under goal 11, where the source table re-lists it",
      by_line[goal_rows[11][-1]]["action_item_no"] == 60, goal_rows.get(11))

# the expected table: ("vision"|"goal"|"relisted"|"see"|"row", text or line)
expected = []
for v in visions:
    expected.append(("vision", f"ビジョン{v['no']} {v['title']}"))
    for g in v["goals"]:
        if g["relisted"]:
            expected += [("relisted", f"ゴール{g['no']} {g['title']}（再掲）"), ("see", "（上記参照）")]
        else:
            expected.append(("goal", f"ゴール{g['no']} {g['title']}"))
            expected += [("row", l) for l in goal_rows.get(g["no"], [])]
check("every stored row is expected once",
      sorted(x for k, x in expected if k == "row") == sorted(by_line), len(by_line))
for v, sec in relistings:
    g = max(goal_title, key=lambda n: difflib.SequenceMatcher(
        None, heading_key(sec), heading_key(goal_title[n])).ratio())
    want = ("relisted", f"ゴール{g} {goal_title[g]}（再掲）")
    at = expected.index(("vision", f"ビジョン{v} {visions[v - 1]['title']}"))
    check(f"the plan re-lists goal {g} under vision {v} as the source table does",
          want in expected[at:] and expected[expected.index(want) + 1] == ("see", "（上記参照）"))


# ---- the web table ---------------------------------------------------------

class YearTable(html.parser.HTMLParser):
    """The lines of table.fy's body: headings (vision/goal/relisted),
    see-above rows and rows (item no, or the text of an unmatched row);
    the table of contents; every id of the page."""

    def __init__(self):
        super().__init__()
        self.lines, self.ids, self.toc = [], set(), []
        self.where = None      # "tbody", "toc"
        self.cls = None        # the class of the open tr in tbody
        self.cell = 0
        self.text = ""
        self.href = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "nav" and "toc" in (a.get("class") or "").split():
            self.where = "toc"
        elif tag == "tbody":
            self.where = "tbody"
        elif self.where == "toc" and tag == "a":
            self.href, self.text = a.get("href"), ""
        elif self.where == "tbody" and tag == "tr":
            self.cls, self.text, self.cell, self.href = a.get("class") or "row", "", 0, None
        elif self.where == "tbody" and tag == "td":
            self.cell += 1
        elif self.where == "tbody" and tag == "a" and self.cls == "see-above":
            self.href = a.get("href")

    def handle_endtag(self, tag):
        if tag in ("nav", "tbody"):
            self.where = None
        elif self.where == "toc" and tag == "a":
            self.toc.append((self.href, self.text.strip()))
        elif self.where == "tbody" and tag == "tr":
            t = self.text.strip()
            kind = {"vision": "vision", "goal": "goal", "goal relisted": "relisted",
                    "see-above": "see"}.get(self.cls, "row")
            if kind == "row":
                m = re.search(r"(?:取組|Action item )A(\d+) ", t)
                t = int(m.group(1)) if m else t
            self.lines.append((kind, t, self.href))
            self.cls = None

    def handle_data(self, d):
        if self.where == "toc" or (self.where == "tbody" and self.cls and
                                   (self.cls != "row" or self.cell == 1)):
            self.text += d


def year_page(path):
    st, _, body = srv.get(path)
    p = YearTable()
    p.feed(body.decode("utf-8"))
    return st, p.lines, p


def row_key(line):
    r = by_line[line]
    if r["action_item_no"] is not None:
        return r["action_item_no"]
    return None


st, lines, parsed = year_page("/followups/2025/")
check("GET /followups/2025/: 200", st == 200, st)
headings = [(k, t) for k, t, _ in lines if k in ("vision", "goal", "relisted")]
want_headings = [(k, t) for k, t in expected if k in ("vision", "goal", "relisted")]
check("web: the headings follow the plan, each once", headings == want_headings,
      [h for h in headings if h not in want_headings][:3],
      [h for h in want_headings if h not in headings][:3], headings[:20])
got = []
for k, t, href in lines:
    if k == "row":
        got.append(("row", t if isinstance(t, int) else "unmatched"))
    elif k == "see":
        got.append(("see", href))
    else:
        got.append((k, t))
want = []
for k, x in expected:
    if k == "row":
        n = row_key(x)
        want.append(("row", n if n is not None else "unmatched"))
    elif k == "see":
        want.append(("see", "#g" + re.match(r"ゴール(\d+)", prev[1]).group(1)))
    else:
        want.append((k, x))
    prev = (k, x)
check("web: every row under its goal in the expected order", got == want,
      next(((i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w), None), len(got), len(want))
check("web: the unmatched rows are marked", sum(1 for k, t, _ in lines
      if k == "row" and isinstance(t, str) and t.startswith(UNMATCHED)) == 2,
      [t for k, t, _ in lines if k == "row" and isinstance(t, str)])
see = [h for k, _, h in lines if k == "see"]
check("web: （上記参照） links to the goal's heading on the page",
      len(see) == 2 and all(h[1:] in parsed.ids for h in see), see)
toc = parsed.toc
check("web: a table of contents lists every heading, linked to it",
      [t.strip() for _, t in toc] == [t for _, t in want_headings] and
      all(h.startswith("#") and h[1:] in parsed.ids for h, _ in toc), toc[:5])
page = body = srv.get("/followups/2025/")[2].decode("utf-8")
for code in ("cas", "cao", "mic", "mext", "mhlw", "meti"):
    check(f"web: the year table links to the {code} table",
          f'href="../../followups/2025/{code}/"' in page)

# a ministry's table: the same order, its rows only, headings once
full_rows = [t for k, t, _ in lines if k == "row"]
for code, abbrev in (("mext", "文"), ("meti", "経"), ("mhlw", "厚")):
    st, ml, _ = year_page(f"/followups/2025/{code}/")
    rows = [t for k, t, _ in ml if k == "row"]
    it = iter(full_rows)
    heads = [(k, t) for k, t, _ in ml if k in ("vision", "goal", "relisted")]
    mine = [r["action_item_no"] for r in stored if abbrev in r["ministries"].replace("◎", "").split("、")
            and r["action_item_no"] is not None]
    check(f"web /followups/2025/{code}/: its rows in the full table's order",
          st == 200 and all(r in it for r in rows) and sorted(r for r in rows if isinstance(r, int)) == sorted(mine),
          rows[:10], sorted(mine)[:10])
    check(f"web /followups/2025/{code}/: headings once, in the plan's order",
          len(heads) == len(set(heads)) and heads == [h for h in want_headings if h in heads], heads)

st, lines_en, _ = year_page("/en/followups/2025/")
check("web (English): the same headings in the same order",
      [k for k, t, _ in lines_en if k != "row"] == [k for k, t, _ in lines if k != "row"] and
      [t for k, t, _ in lines_en if k == "row" and isinstance(t, int)] ==
      [t for k, t, _ in lines if k == "row" and isinstance(t, int)])


# ---- the XLSX ----------------------------------------------------------------

def col_no(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n


def read_sheet(path):
    with zipfile.ZipFile(path) as z:
        strings = [
            "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)
        ]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    cells = {}
    for c in sheet.iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        if v is not None:
            r = int(re.search(r"\d+", c.get("r")).group(0))
            cells[(r, col_no(c.get("r")))] = strings[int(v.text)] if c.get("t") == "s" else v.text
    merges = [m.get("ref") for m in sheet.iter("{%s}mergeCell" % NS["m"])]
    hf = sheet.find("m:headerFooter", NS)
    header = hf.findtext("m:oddHeader", "", NS) if hf is not None else ""
    footer = hf.findtext("m:oddFooter", "", NS) if hf is not None else ""
    last = max(r for r, _ in cells)
    return cells, merges, header, footer, last


p = mdplan("--db", "table.db", "export", "xlsx", "--year", "R7", "-o", "fu.xlsx")
cells, merges, header, footer, last = read_sheet("fu.xlsx")
plan_name = "第2期医療機器基本計画"
check("xlsx: the title names the plan and the year",
      cells.get((1, 1), "").startswith(plan_name) and "令和7年度" in cells.get((1, 1), ""), cells.get((1, 1)))
check("xlsx: the printed header names the plan", plan_name in header, header)
check("xlsx: the printed footer numbers the pages", "&P" in footer and "&N" in footer, footer)
check("xlsx: the header row", [cells.get((3, c)) for c in range(1, 6)][:3] == ["施策", "取組", "担当府省"],
      [cells.get((3, c)) for c in range(1, 6)])
bands = {int(re.search(r"\d+", m).group(0)) for m in merges if re.fullmatch(r"A(\d+):E\1", m)}
xl = []
for r in range(4, last + 1):
    if r in bands:
        t = cells.get((r, 1), "")
        kind = "vision" if t.startswith("ビジョン") else "see" if t == "（上記参照）" else \
            "relisted" if t.endswith("（再掲）") else "goal"
        xl.append((kind, t, r))
    else:
        xl.append(("row", cells.get((r, 2), ""), r))
want_xl = []
for k, x in expected:
    if k == "row":
        rr = by_line[x]
        want_xl.append(("row", (UNMATCHED if rr["action_item_no"] is None else "") + rr["action_item"]))
    else:
        want_xl.append((k, x))
check("xlsx: visions, goals, re-listings and rows in the expected order",
      [(k, t) for k, t, _ in xl] == want_xl,
      next(((i, g[:2], w) for i, (g, w) in enumerate(zip(xl, want_xl)) if g[:2] != w), None),
      len(xl), len(want_xl))

# the measure once per run of its rows, in a cell merged down over them
vmerge = {}
for m in merges:
    mm = re.fullmatch(r"A(\d+):A(\d+)", m)
    if mm:
        vmerge[int(mm.group(1))] = int(mm.group(2))
runs, bad = [], []
row_of = [(r, by_line[x]) for (k, x), (_, _, r) in zip(expected, xl) if k == "row"]
i = 0
while i < len(row_of):
    r0, rec = row_of[i]
    j = i
    while (j + 1 < len(row_of) and row_of[j + 1][0] == row_of[j][0] + 1 and rec["measure_no"] is not None
           and row_of[j + 1][1]["measure_no"] == rec["measure_no"]):
        j += 1
    r1 = row_of[j][0]
    runs.append((r0, r1))
    if cells.get((r0, 1)) != rec["measure"] or any((r, 1) in cells for r in range(r0 + 1, r1 + 1)):
        bad.append((r0, r1, cells.get((r0, 1)), rec["measure"]))
    if (r1 > r0) != (vmerge.get(r0) == r1):
        bad.append(("merge", r0, r1, vmerge.get(r0)))
    i = j + 1
check(f"xlsx: each measure written once and merged over its rows ({len(runs)} runs)",
      not bad and any(r1 > r0 for r0, r1 in runs), bad[:5])
check("xlsx: no merge other than the bands and the measure runs",
      len(merges) == len(bands) + sum(1 for r0, r1 in runs if r1 > r0), len(merges))

p = mdplan("--db", "table.db", "export", "xlsx", "--year", "R7", "--ministry", "文", "-o", "mext.xlsx")
mc, _, _, _, mlast = read_sheet("mext.xlsx")
mrows = [mc.get((r, 2)) for r in range(4, mlast + 1) if (r, 2) in mc]
full = [t for k, t, _ in xl if k == "row"]
it = iter(full)
check("xlsx --ministry 文: its rows in the full table's order", mrows and all(t in it for t in mrows),
      mrows[:3])

rc, out, err = srv.stop()
check("server stopped", rc == 0, err)
sys.exit(0)
