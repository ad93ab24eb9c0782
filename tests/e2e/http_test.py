#!/usr/bin/env python3
"""HTTP tests against the real server on a loopback port.

Builds databases from the real documents (and copies edited the way users
edit them), starts `mdplan serve --port 0`, and checks every route: status
codes, content types, JSON shapes, the CSV BOM, the XLSX container,
escaping of hostile text, bad parameters, limits, the access log, cache
invalidation after an import, and a graceful shutdown.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import zipfile

from tap import MDPLAN, Server, check, fresh_db, mdplan, write_fy2024

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]

def text(data):
    return data.decode("utf-8")


# ---- databases ----------------------------------------------------------

# FY2024: the FY2025 table shifted back a year, with A40's results reworded.
write_fy2024(FOLLOWUP, "followup-r6.tsv")
with open(FOLLOWUP, encoding="utf-8") as f:
    fu = f.read()

fresh_db("real.db")
mdplan("--db", "real.db", "import", "plan", PLAN)
mdplan("--db", "real.db", "import", "followup", FOLLOWUP)
stats = json.loads(mdplan("--db", "real.db", "stats", "--json").stdout)
export_doc = json.loads(mdplan("--db", "real.db", "export", "json").stdout)
export = export_doc["followups"]

srv = Server("real.db")

# ---- every page route, both languages ----------------------------------

pages = ["/", "/visions/1/", "/visions/3/", "/goals/1/", "/goals/7/", "/measures/12/",
         "/items/40/", "/items/40/changes/", "/ministries/", "/ministries/meti/",
         "/ministries/cas/", "/followups/", "/followups/2025/", "/followups/2025/mhlw/"]
for p in pages:
    for prefix in ("", "/en"):
        st, h, body = srv.get(prefix + p)
        t = text(body)
        check(f"GET {prefix}{p}: 200 text/html", st == 200 and
              h.get("content-type") == "text/html; charset=utf-8", st, h.get("content-type"))
        lang = "en" if prefix else "ja"
        check(f"GET {prefix}{p}: lang, title, landmarks",
              f'<html lang="{lang}">' in t and "<title>" in t and '<main id="main">' in t
              and "<header" in t and "<footer" in t, t[:300])
        check(f"GET {prefix}{p}: no script, no inline style attribute or handler",
              "<script" not in t and " style=" not in t and " onload=" not in t
              and " onclick=" not in t, re.findall(r".{30}(?:<script| style=| onload=| onclick=).{30}", t)[:3])

st, h, body = srv.get("/items/40/?lang=en")
check("?lang=en gives English labels", st == 200 and '<html lang="en">' in text(body)
      and "Results and status" in text(body))
check("?lang=en links stay in English", 'href="../../en/measures/' in text(body), text(body)[:800])

# ---- content against the store ------------------------------------------

st, h, body = srv.get("/")
home = text(body)
# Goal rows of the home tables, not re-listed: their item counts add up to
# the plan's action items.
rows = re.findall(r'<tr><th scope="row">(.*?)</th><td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n">(\d+) / (\d+)</td></tr>', home)
first = [r for r in rows if "再掲" not in r[0]]
check("home: 11 goals listed first-hand", len(first) == 11, len(first))
check("home: action items add up to the plan's", sum(int(r[2]) for r in first) == stats["action_items"],
      sum(int(r[2]) for r in first), stats["action_items"])
check("home: measures add up to the plan's", sum(int(r[1]) for r in first) == stats["measures"])
covered = stats["followups"][0]["action_items_covered"]
check("home: items reported for FY2025 add up to the follow-up's coverage",
      sum(int(r[3]) for r in first) == covered, sum(int(r[3]) for r in first), covered)
check("home: re-listed goals marked", sum(1 for r in rows if "再掲" in r[0]) == 2)
check("home: fiscal year in era form", "令和7年度（FY2025）" in home)

st, h, body = srv.get("/items/40/")
item = text(body)
a40 = [r for r in export if r["action_item_no"] == 40][0]
first_result = a40["results_blocks"][0]["text"]
check("item page shows the FY2025 results", first_result in item, first_result)
check("item page shows the FY2026 plans", a40["plans_blocks"][0]["text"] in item)
check("item page marks both lead ministries", item.count("主担当（フォローアップを取りまとめ）") == 2)
check("item page breadcrumbs: home > vision > goal > measure > item",
      re.search(r'aria-label="パンくずリスト"><ol><li><a href="../../">ホーム</a></li><li><a href="../../visions/\d/">.*goals/\d+/.*measures/\d+/.*aria-current="page">取組A40', item) is not None)
check("item page: no earlier year yet", "令和6年度（FY2024）のフォローアップはありません" in item)

st, h, body = srv.get("/followups/2025/")
year = text(body)
check("year table: one row per follow-up row", year.count('<td data-label="実績・状況">') == 60,
      year.count('<td data-label="実績・状況">'))
check("year table: official columns", "実績・状況（令和7年度（FY2025））" in year and
      "取組予定（令和8年度（FY2026））" in year)
check("year table: grouped by vision and goal, each heading once",
      year.count('<tr class="vision" id=') == 3 and year.count('<tr class="goal" id=') == 11 and
      year.count('<tr class="goal relisted" id=') == 2)
check("year table: unmatched rows shown as such", year.count("（計画の取組と未照合）") == 2)
check("year table: prints landscape", 'class="print-landscape"' in year)
st, h, body = srv.get("/static/mdplan.css")
css = text(body)
check("style sheet: A4 landscape page for the table", "@page landscape{size:A4 landscape" in css
      and "main:has(.print-landscape){page:landscape}" in css)
check("style sheet: text/css", h.get("content-type") == "text/css; charset=utf-8")

st, h, body = srv.get("/ministries/meti/")
meti = text(body)
lead_rows = meti.split("共同で担当する取組")[0].count('<tr><th scope="row">')
mi = {m["id"]: m for m in stats["ministries"]}
check("ministry page: METI leads as many items as the tag count says",
      lead_rows == mi["meti"]["lead"], lead_rows, mi["meti"]["lead"])
shared_rows = meti.split("共同で担当する取組")[1].split("</table>")[0].count('<tr><th scope="row">')
check("ministry page: METI shares the rest", lead_rows + shared_rows == mi["meti"]["involved"],
      lead_rows + shared_rows, mi["meti"]["involved"])
for code, want in (("cao", mi["cao"]), ("cas", mi["cas"])):
    st, h, body = srv.get(f"/ministries/{code}/")
    t = text(body)
    got = t.split("共同で担当する取組")[0].count('<tr><th scope="row">')
    check(f"ministry page {code}: lead count ({want['lead']})", got == want["lead"], got)
st, h, body = srv.get("/ministries/経/")
check("ministry by abbreviation", st == 200 and "経済産業省" in text(body))

# ---- redirects, not found, bad requests, methods -----------------------

st, h, body = srv.get("/goals/3")
check("page without its slash: 301 to it", st == 301 and h.get("location") == "/goals/3/", st, h)
st, h, body = srv.get("/en/goals/3")
check("English page without its slash: 301", st == 301 and h.get("location") == "/en/goals/3/")
for p in ("/nope/", "/goals/99/", "/goals/0/", "/goals/abc/", "/items/999/", "/measures/-1/",
          "/ministries/mof/", "/followups/2019/", "/followups/2025/mof/", "/downloads/x.csv",
          "/downloads/followup-2019.csv", "/downloads/followup-2025.exe",
          "/downloads/followup-2025-mof.csv"):
    st, h, body = srv.get(p)
    check(f"GET {p}: 404 page", st == 404 and h.get("content-type", "").startswith("text/html"), st)
for p in ("/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
          "/downloads/..%2f..%2fetc%2fpasswd", "/static/mdplan.css/../../../etc/passwd",
          "/static//etc/passwd", "/static/..\\..\\etc\\passwd"):
    st, h, body = srv.get(p)
    check(f"traversal {p}: 404", st == 404 and b"root:" not in body, st)

st, h, body = srv.get("/items/40/changes/?from=2025&to=2024")
check("changes with from after to: 400", st == 400)
st, h, body = srv.get("/items/40/changes/?from=abc&to=2025")
check("changes with a bad year: 400", st == 400)
st, h, body = srv.req("/goals/3/", method="POST", body=b"x=1")
check("POST to a page: 405 with Allow", st == 405 and h.get("allow") == "GET, HEAD", st, h)
st, h, body = srv.req("/api/v1/goals", method="DELETE")
check("DELETE on the API: 405 JSON", st == 405 and json.loads(body)["error"]["status"] == 405)
st, h, body = srv.req("/goals/3/", method="POST",
                      headers={"Content-Length": "200000", "Expect": "100-continue"})
check("a body over the limit: 413 before it is sent", st == 413, st)
st, h, body = srv.req("/goals/3/", method="HEAD")
check("HEAD: 200 without a body", st == 200 and body == b"", st, len(body))
st, h, body = srv.req("/goals/3/", headers={"X-Long": "a" * 100000})
check("headers over the limit are refused", st in (400, 413, 431), st)

# ---- security headers --------------------------------------------------

st, h, body = srv.get("/")
csp = h.get("content-security-policy", "")
check("CSP: no script at all, no inline", "default-src 'none'" in csp and "script-src" not in csp
      and "unsafe-inline" not in csp, csp)
check("X-Content-Type-Options: nosniff", h.get("x-content-type-options") == "nosniff")
check("Referrer-Policy set", h.get("referrer-policy") == "no-referrer")
check("framing refused", h.get("x-frame-options") == "DENY" and "frame-ancestors 'none'" in csp)

# ---- the JSON API -------------------------------------------------------


def api(path):
    st, h, body = srv.get(path)
    return st, h, json.loads(body)


st, h, j = api("/api/v1/plans")
check("api plans: 200 JSON", st == 200 and h["content-type"] == "application/json; charset=utf-8")
check("api plans: three editions, the 2nd loaded",
      [p["edition"] for p in j["plans"]] == [1, 2, 3] and j["plans"][1]["loaded"] is True)
st, h, j = api("/api/v1/visions")
check("api visions: 3 with their goals", j["count"] == 3 and
      sum(len(v["goals"]) for v in j["visions"]) == stats["goal_listings"])
st, h, j = api("/api/v1/visions/3")
check("api vision 3: re-listed goals flagged", sum(g["relisted"] for g in j["goals"]) == 2)
st, h, j = api("/api/v1/goals")
check("api goals: 11", st == 200 and j["count"] == 11 and len(j["goals"]) == 11)
check("api goals: measure counts add up", sum(g["measure_count"] for g in j["goals"]) == stats["measures"])
st, h, j = api("/api/v1/goals/3")
check("api goal 3: object with measures and items", st == 200 and j["no"] == 3 and
      all("action_items" in m for m in j["measures"]) and
      all(isinstance(i["ministries"], list) for m in j["measures"] for i in m["action_items"]))
st, h, j = api("/api/v1/goals/99")
check("api goal 99: 404 error object", st == 404 and j == {"error": {"status": 404, "message": "no such goal"}}, j)
st, h, j = api("/api/v1/action-items?ministry=%E7%B5%8C&lead=1")
check("api items ?ministry=経&lead=1: METI's lead count", st == 200 and j["count"] == mi["meti"]["lead"],
      j.get("count"))
check("api items: every one has METI as lead",
      all(any(m["code"] == "meti" and m["lead"] for m in i["ministries"]) for i in j["action_items"]))
st, h, j2 = api("/api/v1/action-items?ministry=meti&lead=true")
check("api ministry by code = by abbreviation", j2 == j)
st, h, j = api("/api/v1/action-items?ministry=mext")
check("api items ?ministry=mext: involved count", j["count"] == mi["mext"]["involved"])
st, h, j = api("/api/v1/action-items/40")
check("api item 40: its follow-up by year", st == 200 and j["no"] == 40 and
      [f["fiscal_year"] for f in j["followups"]] == [2025] and j["followups"][0]["results"].startswith("・"))
st, h, j = api("/api/v1/measures?goal=1")
check("api measures ?goal=1", st == 200 and j["count"] > 0 and all(m["goal_no"] == 1 for m in j["measures"]))
st, h, j = api("/api/v1/measures/12")
check("api measure 12", st == 200 and j["no"] == 12)
st, h, j = api("/api/v1/ministries")
check("api ministries: six", j["count"] == 6)
st, h, j = api("/api/v1/ministries/mhlw")
check("api ministry mhlw", st == 200 and j["lead"] == mi["mhlw"]["lead"])
st, h, j = api("/api/v1/followups?year=2025")
check("api followups ?year=2025: 60 rows", st == 200 and j["count"] == 60)
st, h, j2 = api("/api/v1/followups?year=R7")
check("api followups ?year=R7 = ?year=2025", j2 == j)
st, h, j = api("/api/v1/followups?goal=1")
check("api followups ?goal=1", j["count"] > 0 and all(r["goal_no"] == 1 for r in j["followups"]))
st, h, j = api("/api/v1/followups?ministry=cao&lead=1")
check("api followups ?ministry=cao&lead=1", all("◎内" in r["ministries"] for r in j["followups"]) and j["count"] > 0)
st, h, j = api("/api/v1/followups?year=2019")
check("api followups for a year without data: empty list", st == 200 and j["count"] == 0)
for q, field in (("year=abc", "year"), ("lead=2&ministry=meti", "lead"), ("ministry=財", "ministry"),
                 ("goal=x", "goal"), ("lead=1", "lead")):
    st, h, j = api("/api/v1/followups?" + q)
    check(f"api bad parameter {q}: 400 naming it", st == 400 and j["error"]["status"] == 400
          and j["error"]["message"].startswith(field), j)
st, h, j = api("/api/v1/nothing")
check("api unknown path: 404 JSON", st == 404 and j["error"]["status"] == 404)
st, h, body = srv.get("/api/v1/goals")
check("api: open to other origins", h.get("access-control-allow-origin") == "*")

# ---- downloads ---------------------------------------------------------

st, h, body = srv.get("/downloads/followup-2025.csv")
check("CSV: 200 text/csv with a BOM", st == 200 and h["content-type"] == "text/csv; charset=utf-8"
      and body.startswith(b"\xef\xbb\xbf"))
check("CSV: attachment", 'attachment; filename="followup-2025.csv"' == h.get("content-disposition"))
rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"), newline="")))
check("CSV: header, 60 rows, the attribution and the legend", len(rows) == 63 and
      rows[0][0] == "年度" and rows[-2][0].startswith("出典：厚生労働省") and
      rows[-1][0].startswith("計画との照合："), len(rows), rows[0][:3])
check("CSV: CRLF line ends", b"\r\n" in body and body.count(b"\r\n") >= 61)
st, h, body = srv.get("/downloads/followup-2025-meti.csv")
meti_rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"), newline="")))[1:-2]
check("CSV per ministry: only rows METI reports on", len(meti_rows) > 0 and len(meti_rows) < 60 and
      all("経" in r[rows[0].index("担当府省")] for r in meti_rows), len(meti_rows))
st, h, body = srv.get("/downloads/followup-2025.json")
check("JSON download = CLI export", st == 200 and json.loads(body) == export_doc)
st, h, body = srv.get("/downloads/followup-2025.xlsx")
check("XLSX: content type", h.get("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
try:
    z = zipfile.ZipFile(io.BytesIO(body))
    names = z.namelist()
    wb = z.read("xl/workbook.xml").decode("utf-8")
    shared = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in names else ""
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    check("XLSX: a valid zip", z.testzip() is None)
    check("XLSX: a sheet named 令和7年度, then the sources and attribution",
          re.findall(r'<sheet name="([^"]+)"', wb) == ["令和7年度", "出典"], wb[:400])
    check("XLSX: the official header", "実績・状況（令和7年度）" in shared and "取組予定（令和8年度）" in shared)
    check("XLSX: carries the results text", "Healthcare Innovation Hub" in shared)
    check("XLSX: landscape A4", 'orientation="landscape"' in sheet and 'paperSize="9"' in sheet)
    nrows = len(re.findall(r"<row ", sheet))
    check("XLSX: 60 item rows plus title, header and bands", nrows >= 63, nrows)
except Exception as e:  # noqa: BLE001
    check("XLSX: a valid zip with the expected sheet", False, repr(e))

# ---- year-over-year, and the cache following an import -----------------

st, h, before = srv.get("/followups/")
mdplan("--db", "real.db", "import", "followup", "followup-r6.tsv")
st, h, after = srv.get("/followups/")
check("a new import shows on the next request (cache dropped)",
      "令和6年度（FY2024）" not in text(before) and "令和6年度（FY2024）" in text(after))
st, h, body = srv.get("/items/40/")
item = text(body)
check("item page: last year's plans beside this year's results",
      "前年度の取組予定（令和6年度（FY2024）のフォローアップ）" in item and
      "令和6年度（FY2024）のフォローアップはありません" not in item)
st, h, body = srv.get("/items/40/changes/")
ch = text(body)
check("changes page: FY2024 → FY2025", "令和6年度（FY2024） → 令和7年度（FY2025）" in ch)
check("changes page: removed text struck out", "<del>" in ch and "個別相談に対応" in ch.split("<del>", 1)[1], ch[:2000])
check("changes page: added text marked", "<ins>" in ch and "MEDISO広報" in ch.split("<ins>", 1)[1])
dels = "".join(re.findall(r"<del>(.*?)</del>", ch))
inss = "".join(re.findall(r"<ins>(.*?)</ins>", ch))
check("changes page: the diff is the edit, not the whole text",
      len(dels) < 40 and len(inss) < 60, dels, inss)
check("changes page: plans unchanged", "変更はありません。" in ch)
st, h, body = srv.get("/items/40/changes/?from=2024&to=2025")
check("changes ?from=2024&to=2025: 200", st == 200 and "<del>" in text(body))

# ---- search ------------------------------------------------------------

q = urllib.parse.quote
st, h, body = srv.get("/search/")
t = text(body)
check("search page without a query: the form, no results", st == 200 and 'role="search"' in t
      and 'name="q"' in t and "ol class=\"hits\"" not in t)
st, h, body = srv.get("/search/?q=" + q("ＳａＭＤ") + "&year=&ministry=&kind=")
t = text(body)
api = json.loads(srv.get("/api/v1/search?limit=100&q=" + q("ＳａＭＤ"))[2])
check("search page: the count equals the API's total",
      st == 200 and f"{api['total']}件" in t and api["total"] > 5, api["total"])
check("search page: hits marked as written (SaMD)", "<mark>SaMD</mark>" in t and "<mark>ＳａＭＤ" not in t)
check("search page: the query stays in the box", 'value="ＳａＭＤ"' in t)
check("search page: each hit links to its page",
      all(f'href="../{r["url"]}"' in t for r in api["results"][:10]))
check("header links to search on served pages", 'href="../../search/"' in text(srv.get("/goals/1/")[2]))
st, h, body = srv.get("/search/?q=" + q("治験") + "&year=2024")
t = text(body)
fy24 = json.loads(srv.get("/api/v1/search?limit=100&year=R6&q=" + q("治験"))[2])
check("search page: the year filter narrows to that year's follow-up",
      st == 200 and f"{fy24['total']}件" in t and fy24["total"] > 0 and
      all(r["kind"] == "followup" and r["fiscal_year"] == 2024 for r in fy24["results"]),
      fy24["total"])
check("search page: the chosen year is selected", '<option value="2024" selected>' in t)
st, h, body = srv.get("/search/?q=" + q("医療") + "&page=2")
t = text(body)
check("search page 2: numbered from 21, with a previous link",
      st == 200 and '<ol class="hits" start="21">' in t and 'rel="prev"' in t)
st, h, body = srv.get("/en/search/?q=SaMD&kind=item")
t = text(body)
check("English search page", st == 200 and 'lang="en"' in t and "Action item" in t and
      'name="lang" value="en"' in t)
st, h, body = srv.get("/search/?q=" + q('<script>alert("x")</script>'))
t = text(body)
check("search page: the query is escaped where it is shown",
      st == 200 and "<script>alert" not in t and "&lt;script&gt;alert(&quot;x&quot;)" in t)
for bad, want in (("/search/?q=a&kind=table", 400), ("/search/?q=a&year=nope", 400),
                  ("/search/?q=a&ministry=xx", 400), ("/search/?q=a&page=0", 400),
                  ("/search/?q=%FF%FE", 400)):
    st, h, body = srv.get(bad)
    check(f"search page: {bad} -> {want}", st == want, st)
st, h, body = srv.get("/api/v1/search?q=" + q('"(-*'))
check("API search: FTS5 syntax characters are text, not errors",
      st == 200 and json.loads(body)["total"] == 0, body[:200])
for bad in ("/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=a&limit=0",
            "/api/v1/search?q=a&limit=101", "/api/v1/search?q=a&kind=x", "/api/v1/search?q=%FF"):
    st, h, body = srv.get(bad)
    check(f"API search: {bad} -> 400 with a message", st == 400 and
          json.loads(body)["error"]["message"], st, body[:200])
st, h, body = srv.get("/api/v1/search?q=" + q("国際展開") + "&ministry=meti&kind=item&limit=3&offset=1")
d = json.loads(body)
check("API search: filters, limit and offset", st == 200 and d["limit"] == 3 and d["offset"] == 1
      and len(d["results"]) == 3 and all(r["kind"] == "item" for r in d["results"]), d)

rc, out, err = srv.stop()
check("first server: clean exit, no sanitizer report", rc == 0 and "Sanitizer" not in err
      and "runtime error" not in err, rc, err[-1500:])

# ---- hostile text -------------------------------------------------------

with open(PLAN, encoding="utf-8") as f:
    plan = f.read()
evil_plan = plan.replace("個社の自助努力", '個社の<script>alert(1)</script>"onmouseover="alert(2)</td>自助努力', 1)
assert evil_plan != plan
with open("evil-plan.txt", "w", encoding="utf-8") as f:
    f.write(evil_plan)
evil_fu = fu.replace("海外スタートアップへのMEDISO広報を実施",
                     "&lt;script&gt;alert(3)&lt;/script&gt;\"onmouseover=alert(4) &lt;/td&gt;&lt;img src=x onerror=alert(5)&gt;", 1)
assert evil_fu != fu
with open("evil-followup.tsv", "w", encoding="utf-8") as f:
    f.write(evil_fu)
fresh_db("evil.db")
mdplan("--db", "evil.db", "import", "plan", "evil-plan.txt")
mdplan("--db", "evil.db", "import", "followup", "evil-followup.tsv")
srv = Server("evil.db")
for p in ("/items/40/", "/en/items/40/", "/measures/29/", "/goals/7/", "/followups/2025/",
          "/ministries/meti/", "/items/40/changes/"):
    st, h, body = srv.get(p)
    t = text(body)
    check(f"hostile text escaped on {p}", st == 200 and "<script" not in t and "<img" not in t
          and 'onmouseover="' not in t and "</td>自助" not in t, re.findall(r".{40}(?:<script|<img|onmouseover=\").{40}", t))
    if p in ("/items/40/", "/followups/2025/"):
        check(f"hostile text shown as text on {p}", "&lt;script&gt;alert(" in t and "&quot;onmouseover=" in t)
st, h, body = srv.get("/api/v1/action-items/40")
check("hostile text intact in JSON", '<script>alert(1)</script>"onmouseover="alert(2)</td>' in json.loads(body)["text"])

# ---- access log, graceful shutdown ------------------------------------

# Requests in flight when SIGTERM comes finish with their whole body.
results = []


def fetch():
    try:
        st, h, body = srv.get("/followups/2025/")
        results.append((st, len(body) == int(h.get("content-length", -1))))
    except Exception as e:  # noqa: BLE001  (refused after the stop: fine)
        results.append((None, repr(e)))


threads = [threading.Thread(target=fetch) for _ in range(16)]
for t in threads:
    t.start()
time.sleep(0.05)
rc, out, err = srv.stop()
for t in threads:
    t.join()
answered = [r for r in results if r[0] is not None]
check("SIGTERM: exit 0 and a message", rc == 0 and "stopped (SIGTERM)" in out, rc, out, err[-400:])
check("SIGTERM: requests in flight finished whole", len(answered) > 0 and all(r == (200, True) for r in answered), results)
with open(srv.log, encoding="utf-8") as f:
    lines = f.read().splitlines()
check("access log: one line per request", len(lines) == srv.requests - (len(results) - len(answered)),
      len(lines), srv.requests)
check("access log: time, client, method, path, status, bytes, duration",
      all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1 [A-Z]+ \S+ \d{3} \d+ \d+us( aborted)?", l) for l in lines),
      [l for l in lines if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1 [A-Z]+ \S+ \d{3} \d+ \d+us( aborted)?", l)][:3])
check("server stderr is clean (sanitizers)", "runtime error" not in err and "Sanitizer" not in err, err[-800:])

# ---- bad start-up -------------------------------------------------------

p = subprocess.run([MDPLAN, "--db", "missing.db", "serve", "--port", "0"], capture_output=True, text=True)
check("serve without a database: exit 3", p.returncode == 3, p.returncode, p.stderr)
p = subprocess.run([MDPLAN, "--db", "real.db", "serve", "--port", "99999"], capture_output=True, text=True)
check("serve --port 99999: exit 2", p.returncode == 2, p.returncode)
p = subprocess.run([MDPLAN, "--db", "real.db", "serve", "--bind", "nowhere"], capture_output=True, text=True)
check("serve --bind nowhere: exit 2", p.returncode == 2, p.returncode, p.stderr)

sys.exit(0)
