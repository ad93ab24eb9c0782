"""Published editions only (issue 14, publication): the public site, the API,
the downloads and `mdplan publish` show a year's published edition and never
a round entry that was not published.

FY2025 (the imported table) is published as edition 1 and the FY2026 round
opens. A draft, a submitted entry and an accepted entry each carry a word of
their own; a crawl of the whole site (both languages), the API, every
download and a published folder finds none of them before FY2026 is
published. After publication the accepted entry's word is on the year page,
the item page, the API, the downloads, search and the published folder; the
draft's and the submitted entry's are still nowhere. A correction saved
after publication stays unseen until it is accepted and published again as
edition 2, which lists what changed (word diff) while edition 1 stays
readable as it was. The year-over-year page compares the published texts.
The official table as XLSX holds the TSV's cells one for one (python's
zipfile reads it). The TSV of FY2025's edition and of a round edition
imports into a fresh database to the same entries, re-listed goals (再掲)
and all, and publishes there to the same SHA-256."""
import html.parser
import io
import json
import os
import re
import sqlite3
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

from tap import MDPLAN, Server, check, fresh_db, summary

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
PW = "Kx7-harbour-Lantern-92"
DRAFT = "QXDRAFTONLY"          # a draft that is never submitted
SUBMITTED = "QXSUBMITONLY"     # submitted, never accepted
PUB1 = "QXPUBLISHEDONE"        # accepted, published in edition 1
PUB2 = "QXCORRECTIONTWO"       # the correction, edition 2
WORDS = (DRAFT, SUBMITTED, PUB1, PUB2)


def run(db, *args):
    return subprocess.run([MDPLAN, "--db", db, *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


def ok(db, *args):
    p = run(db, *args)
    if p.returncode != 0:
        raise SystemExit(f"mdplan {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)
    return name


def version(db, item, mini):
    for line in ok(db, "round", "entries", "2026").stdout.splitlines():
        i, m, _state, v, _flag, _ = line.split("\t")
        if (i, m) == (item, mini):
            return v
    raise SystemExit(f"no entry {item} {mini}")


def step(db, user, item, mini, *args):
    return ok(db, "round", "entry", "2026", item, mini, *args,
              "--version", version(db, item, mini), "--as", user)


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v:
                self.links.append(v)


def crawl(srv):
    """Every same-site page, download and API answer reachable from / and
    /en/ and the API index: {path: body text}."""
    seen, todo, bodies = set(), ["/", "/en/", "/api/v1/"], {}
    while todo and len(seen) < 4000:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        status, hdrs, data = srv.get(path)
        if status != 200:
            continue
        ctype = hdrs.get("content-type", "")
        if "xlsx" in path or "spreadsheet" in ctype:
            text = xlsx_text(data)
        else:
            text = data.decode("utf-8", "replace")
        bodies[path] = text
        if "text/html" in ctype:
            p = Links()
            p.feed(text)
            for link in p.links:
                u = urllib.parse.urljoin(path, link)
                u = urllib.parse.urldefrag(u)[0]
                if u.startswith("/") and not u.startswith("//") and "?" not in u:
                    todo.append(u)
        elif path == "/api/v1/":
            for e in json.loads(text)["endpoints"]:
                p = e["path"]
                if "{" not in p:
                    todo += [p, p + "?year=2026"]
                for fy in (2025, 2026):
                    todo.append(p.replace("{n}", str(fy)))
                    todo.append(p.replace("{n}", "1"))
    return bodies


def xlsx_text(data):
    """Every string of a workbook (shared and inline)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                         if n.endswith(".xml"))


def found(bodies, word):
    return sorted(p for p, t in bodies.items() if word in t)


def tree_has(folder, word):
    hits = []
    for d, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                data = fh.read()
            text = xlsx_text(data) if f.endswith(".xlsx") else data.decode("utf-8", "replace")
            if word in text:
                hits.append(p)
    return hits


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def xlsx_cells(path):
    """{(row, col): text} of the first sheet (0-based)."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    cells = {}
    for c in sheet.iter(f"{{{NS['m']}}}c"):
        ref = c.get("r")
        m = re.match(r"([A-Z]+)(\d+)", ref)
        col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(m.group(1)))) - 1
        row = int(m.group(2)) - 1
        v = c.find("m:v", NS)
        if c.get("t") == "s":
            cells[(row, col)] = shared[int(v.text)]
        elif c.get("t") == "inlineStr":
            cells[(row, col)] = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
        elif v is not None:
            cells[(row, col)] = v.text
    return cells


def plain(cell):
    """A TSV cell (an HTML fragment) as the XLSX cell writes it: a line a
    block, list items after ・, entities decoded."""
    lines = []
    for m in re.finditer(r"<li>(.*?)</li>|<p>(.*?)</p>|^<b>(.*)</b>$", cell, re.S):
        if m.group(1) is not None:
            lines.append("・" + m.group(1))
        else:
            lines.append(m.group(2) if m.group(2) is not None else m.group(3))
    if not lines:
        lines = [cell]
    out = "\n".join(re.sub(r"</?b>", "", t) for t in lines)
    return html_unescape(out)


def html_unescape(s):
    import html
    return html.unescape(s)


def entries(db, fy):
    """The year's follow-up entries of db by item (number, or the text of a
    row matched to none): ministries, results and plans blocks."""
    c = sqlite3.connect(db)
    out = {}
    for fid, no, text in c.execute(
            "SELECT f.id, i.no, f.item_norm FROM followup f LEFT JOIN action_item i"
            " ON i.id = f.action_item_id WHERE f.fiscal_year = ?", (fy,)):
        mins = c.execute("SELECT group_concat(CASE WHEN fm.lead THEN '◎' ELSE '' END"
                         " || mi.abbrev, '、') FROM (SELECT * FROM followup_ministry"
                         " WHERE followup_id = ? ORDER BY pos) fm JOIN ministry mi"
                         " ON mi.id = fm.ministry_id", (fid,)).fetchone()[0]
        blocks = {}
        for field in ("results", "plans"):
            blocks[field] = c.execute("SELECT kind, text FROM text_block WHERE owner ="
                                      " 'followup' AND owner_id = ? AND field = ?"
                                      " ORDER BY seq", (fid, field)).fetchall()
        out[no if no is not None else text] = (mins, blocks["results"], blocks["plans"])
    c.close()
    return out


def relisted(tsv):
    """The re-listed goal rows of a table: (vision heading, goal heading,
    the next row) per 再掲 goal row."""
    rows = tsv.split("\n")
    vision, out = None, []
    for i, r in enumerate(rows):
        cells = r.split("\t")
        if cells[0].startswith("<b>"):
            vision = re.sub(r"</?b>", "", cells[0])
        if len(cells) > 1 and cells[1].startswith("【") and cells[1].endswith("(再掲)"):
            nxt = rows[i + 1].split("\t")[1] if i + 1 < len(rows) else ""
            out.append((vision[:4] if vision else None, cells[1], nxt))
    return out


db = "editions.db"
fresh_db(db)
ok(db, "import", "plan", PLAN)
ok(db, "import", "followup", FOLLOWUP)
pw = write("pw", PW + "\n")
for name, role, mins in (("sec", "secretariat", []), ("meti1", "editor", ["経"]),
                         ("mhlw1", "editor", ["厚"])):
    args = ["user", "add", name, "--role", role, "--password-file", pw]
    for m in mins:
        args += ["--ministry", m]
    ok(db, *args)
p = ok(db, "round", "publish", "2025", "--as", "sec")
sha25 = p.stdout.split()[-1]
ok(db, "round", "open", "2026", "--deadline", "2027-01-31", "--as", "sec")

step(db, "meti1", "A6", "meti", "--save", "--results-file",
     write("d.txt", f"経済産業省の下書き {DRAFT}。\n"))
step(db, "mhlw1", "A6", "mhlw", "--submit", "--results-file",
     write("s.txt", f"厚生労働省の提出 {SUBMITTED}。\n"))
step(db, "mhlw1", "A1", "mhlw", "--submit", "--results-file",
     write("a1.txt", f"育成事業を実施した {PUB1}。\n・研修を3回行った\n"),
     "--plans-file", write("a1p.txt", "引き続き育成する。\n"))
step(db, "sec", "A1", "mhlw", "--accept")

p = run(db, "import", "followup", write("fy26.tsv", "\t\t令和8年度の実績・状況\t令和9年度の取組予定\n"
                                        "\t<p>x【◎厚】</p>\t<p>y</p>\t<p>z</p>\n"))
check("a table for a round's year is not imported (the round publishes it)",
      p.returncode != 0 and "round" in p.stderr, p.stderr)

# ---- before FY2026 is published: nothing of the round anywhere ----
srv = Server(db)
before = crawl(srv)
check("the crawl reached the site, the API and the downloads",
      len(before) > 300 and "/api/v1/followups" in before and
      "/downloads/followup-2025-edition-1.tsv" in before and
      "/downloads/followup-2025-edition-1.xlsx" in before, len(before))
for w in WORDS:
    check(f"before publication {w} is on no page, API answer or download",
          not found(before, w), found(before, w)[:5])
status, _, _ = srv.get("/followups/2026/")
check("FY2026 has no public year page before its first edition", status == 404, status)
status, _, body = srv.get("/api/v1/search?q=" + PUB1)
check("... and search finds no round text", status == 200 and
      json.loads(body)["total"] == 0, body[:200])
ok(db, "publish", "pub-before")
for w in WORDS:
    check(f"mdplan publish: {w} is in no published file", not tree_has("pub-before", w))

# ---- edition 1 of FY2026 ----
p = ok(db, "round", "publish", "2026", "--as", "sec")
sha26_1 = p.stdout.split()[-1]
status, _, body = srv.get("/followups/2026/")
page = body.decode()
check("after publication the year page shows the accepted entry",
      status == 200 and PUB1 in page, status)
check("... and says which edition it is: number, publisher, SHA-256",
      "第1版" in page and "sec" in page and sha26_1 in page and
      "editions/1/" in page)
status, _, body = srv.get("/en/followups/2026/")
check("... in English too", status == 200 and "Published edition 1" in body.decode() and
      sha26_1 in body.decode())
status, _, body = srv.get("/followups/2025/")
check("FY2025's year page names its edition 1 (the imported table) and its SHA-256",
      status == 200 and sha25 in body.decode() and "取り込んだ公式の表" in body.decode())
after = crawl(srv)
for w in (DRAFT, SUBMITTED, PUB2):
    check(f"after publication {w} is still nowhere", not found(after, w),
          found(after, w)[:5])
hits = found(after, PUB1)
for path in ("/followups/2026/", "/en/followups/2026/", "/items/1/",
             "/followups/2026/editions/1/", "/api/v1/followups?year=2026",
             "/downloads/followup-2026.csv", "/downloads/followup-2026.json",
             "/downloads/followup-2026.xlsx", "/downloads/followup-2026-edition-1.tsv",
             "/downloads/followup-2026-edition-1.xlsx", "/api/v1/action-items/1"):
    check(f"{PUB1} is on {path}", path in hits, sorted(hits)[:8])
status, _, body = srv.get("/api/v1/search?q=" + PUB1)
check("search finds the published text", status == 200 and json.loads(body)["total"] >= 1,
      body[:200])
status, _, body = srv.get("/api/v1/reporting?year=2026")
rep = json.loads(body)
check("the reporting status of FY2026 counts the published entry only",
      status == 200 and sum(r["with_results"] for r in rep["reporting"]) == 1, body[:300])
ok(db, "publish", "pub-after")
check("mdplan publish: the published text is in the folder",
      any(p.endswith("followups/2026/index.html") for p in tree_has("pub-after", PUB1)))
for w in (DRAFT, SUBMITTED):
    check(f"mdplan publish: {w} is still in no file", not tree_has("pub-after", w))
check("the published folder holds the edition pages and the official tables",
      all(os.path.exists(os.path.join("pub-after", p)) for p in (
          "followups/2026/editions/index.html", "followups/2026/editions/1/index.html",
          "en/followups/2026/editions/1/index.html", "downloads/followup-2026-edition-1.tsv",
          "downloads/followup-2026-edition-1.xlsx", "downloads/followup-2025-edition-1.tsv")))

# ---- a correction: unseen until accepted and published as edition 2 ----
step(db, "mhlw1", "A1", "mhlw", "--save", "--results-file",
     write("a1b.txt", f"育成事業を実施した {PUB2}。\n・研修を4回行った\n"))
status, _, body = srv.get("/followups/2026/")
check("a correction saved after publication is not public (still edition 1's text)",
      PUB1 in body.decode() and PUB2 not in body.decode())
status, _, body = srv.get("/items/1/")
check("... on the item page neither", PUB2 not in body.decode())
step(db, "sec", "A1", "mhlw", "--accept")
status, _, body = srv.get("/api/v1/followups?year=2026")
check("... nor once accepted, before it is published", PUB2 not in body.decode())
p = ok(db, "round", "publish", "2026", "--as", "sec")
sha26_2 = p.stdout.split()[-1]
check("the correction is edition 2", "FY2026 edition 2 published" in p.stdout, p.stdout)
status, _, body = srv.get("/followups/2026/")
page = body.decode()
check("the year page shows edition 2's text and names edition 2",
      PUB2 in page and PUB1 not in page and "第2版" in page and sha26_2 in page)
status, _, body = srv.get("/followups/2026/editions/")
page = body.decode()
check("the editions list has both, newest first, with digests and changes",
      status == 200 and page.index("第2版") < page.index("第1版") and sha26_1 in page
      and sha26_2 in page)
status, _, body = srv.get("/followups/2026/editions/2/")
page = body.decode()
check("edition 2 lists what changed since edition 1 as a word diff",
      status == 200 and "第1版からの変更" in page and re.search(r"<del>[^<]*" + PUB1, page)
      and re.search(r"<ins>[^<]*" + PUB2, page), page[:200])
status, _, body = srv.get("/followups/2026/editions/1/")
page = body.decode()
check("edition 1 stays readable as it was, marked as an earlier edition",
      status == 200 and PUB1 in page and PUB2 not in page and "以前の版" in page)
status, _, body = srv.get("/downloads/followup-2026-edition-1.tsv")
check("edition 1's official table still has its text", PUB1 in body.decode() and
      PUB2 not in body.decode())
status, _, body = srv.get("/api/v1/followups/2026/editions")
api = json.loads(body)
check("the API lists the editions newest first with their changes",
      status == 200 and api["count"] == 2 and api["editions"][0]["no"] == 2 and
      api["editions"][0]["sha256"] == sha26_2 and api["editions"][0]["latest"] and
      api["editions"][0]["change_list"][0]["action_item_no"] == 1 and
      "results" in api["editions"][0]["change_list"][0]["fields"] and
      api["editions"][1]["changes"] == 0, body[:400])
status, _, body = srv.get("/api/v1/followups/2024/editions")
check("a year without an edition has an empty list", status == 200 and
      json.loads(body)["count"] == 0, status, body[:100])
status, _, body = srv.get("/api/v1/openapi.json")
check("the OpenAPI description documents the editions endpoint",
      "/api/v1/followups/{n}/editions" in json.loads(body)["paths"])
for bad in ("/followups/2026/editions/3/", "/downloads/followup-2026-edition-3.tsv",
            "/downloads/followup-2026-edition-01.tsv", "/downloads/followup-2026-edition-1.csv",
            "/followups/2024/editions/"):
    status, _, _ = srv.get(bad)
    check(f"{bad} is 404", status == 404, status)
status, _, body = srv.get("/items/1/changes/")
page = body.decode()
check("the year-over-year page compares the published editions (FY2025 → FY2026)",
      status == 200 and PUB2 in page and PUB1 not in page and DRAFT not in page)
srv.stop()

# ---- the official table: XLSX cell for cell against the TSV ----
for fy, no in (("2025", "1"), ("2026", "2")):
    ok(db, "round", "export-tsv", fy, "--edition", no, "-o", f"t{fy}.tsv")
    ok(db, "round", "export-xlsx", fy, "--edition", no, "-o", f"t{fy}.xlsx")
    with open(f"t{fy}.tsv", encoding="utf-8") as f:
        rows = f.read().rstrip("\n").split("\n")
    cells = xlsx_cells(f"t{fy}.xlsx")
    bad = []
    for r, line in enumerate(rows):
        for c, cell in enumerate(line.split("\t")):
            want = plain(cell) if cell else None
            if cells.get((r, c)) != want:
                bad.append((r, c, want, cells.get((r, c))))
    extra = [k for k in cells if k[0] >= len(rows) or k[1] > 3]
    check(f"FY{fy} edition {no}: the XLSX holds the TSV's {len(rows)} rows cell for cell",
          not bad and not extra and len(rows) > 3, bad[:3], extra[:3])

# ---- re-import: the same entries in a fresh database ----
with open("t2025.tsv", encoding="utf-8") as f:
    t25 = f.read()
with open(FOLLOWUP, encoding="utf-8") as f:
    seed = f.read()
check("the FY2025 table's re-listed goals (再掲) with (上記参照) rows are in the generated "
      "table, under the same vision", relisted(t25) == relisted(seed) and
      len(relisted(seed)) == 2 and all(x[2] == "(上記参照)" for x in relisted(t25)),
      relisted(t25), relisted(seed))
for fy, sha, src in (("2025", sha25, "t2025.tsv"), ("2026", sha26_2, "t2026.tsv")):
    fdb = f"fresh{fy}.db"
    fresh_db(fdb)
    ok(fdb, "import", "plan", PLAN)
    p = ok(fdb, "import", "followup", src)
    a, b = entries(db, int(fy)), entries(fdb, int(fy))
    diff = [k for k in set(a) | set(b) if a.get(k) != b.get(k)]
    check(f"FY{fy}: the re-imported table has the same entries, one for one "
          f"({len(a)} entries: item, ministries, results and plans blocks)",
          a and not diff, diff[:3], [(a.get(k), b.get(k)) for k in diff[:1]])
    p = ok(fdb, "round", "publish", fy)
    check(f"FY{fy}: published there it has the same SHA-256", p.stdout.split()[-1] == sha,
          p.stdout, sha)
summary()
