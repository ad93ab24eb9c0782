#!/usr/bin/env python3
"""What the public sees and what belongs to staff (issue 15), over HTTP and
in the published site.

On a database of the real documents with the demo indicators and the
sources list: the secretariat's metadata (matching method and score, the
table's wording, file:line) only inside the collapsed "details for staff"
disclosure (until accounts exist every reader gets it there, collapsed;
the page code has one switch, pg_staff()); readers' sources naming the
document by title, publisher and date; the attribution of the Standard
Terms of Use on every page and every download except the indicator CSVs,
which keep the import layout (said on the help page and in the README);
when the data were last updated, on every page; the Content-Security-
Policy as <meta> in every published page; the help page; one numbering;
indicator pages without a target; the reporting status on /ministries/,
the ministry pages, the home page and in the API; the API index and its
OpenAPI description, validated by @apidevtools/swagger-parser and
compared with the route table of src/web/routes.c; CSV headers in one
language; the access log's bytes for a cached answer.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import csv
import html.parser
import io
import json
import os
import re
import sqlite3
import subprocess
import urllib.parse
import zipfile

from tap import Server, check, fresh_db, mdplan, sign_in, summary

TOP = os.environ["top"]
DATA = os.path.join(TOP, "data")
PLAN, FOLLOWUP = os.environ["PLAN"], os.environ["FOLLOWUP"]
ATTR_JA = "出典：厚生労働省「医療機器基本計画（第2期）」及び同フォローアップ資料（加工して作成）"
ATTR_EN = "Source: Ministry of Health, Labour and Welfare, the 2nd Medical Device Basic Plan"
TERMS_JA = "政府標準利用規約（第2.0版）"
TERMS_EN = "Government of Japan Standard Terms of Use (version 2.0)"
FILE_LINE = re.compile(r"[\w.-]+\.(?:txt|tsv|csv):\d+")

db = "public.db"
fresh_db(db)
for kind, path in (("plan", PLAN), ("followup", FOLLOWUP),
                   ("indicator-defs", os.path.join(DATA, "indicator-defs.csv")),
                   ("indicators", os.path.join(DATA, "indicators.csv")),
                   ("programmes", os.path.join(DATA, "programmes.csv")),
                   ("budgets", os.path.join(DATA, "budgets.csv")),
                   ("hubs", os.path.join(DATA, "hubs.csv")),
                   ("sources", os.path.join(DATA, "sources.csv"))):
    mdplan("--db", db, "import", kind, path)
# a fixed "last update" (when public content last changed), so that what is
# stale does not depend on the clock
with sqlite3.connect(db) as c:
    c.execute("UPDATE public_state SET at = '2026-03-02T09:00:00Z'")


def strip_staff(page):
    """The page without its "details for staff" disclosures."""
    return re.sub(r'<details class="staff">.*?</details>', "", page, flags=re.S)


def text_of(body):
    return body.decode("utf-8")


# staff (the secretariat) see the details for staff; anonymous readers and
# the published site do not
with open("public.pw", "w") as f:
    f.write("Kirin-Tanuki-2024x\n")
mdplan("--db", db, "user", "add", "sato", "--role", "secretariat", "--password-file", "public.pw")
srv = Server(db)


def get(path):
    st, h, body = srv.req(path)
    return st, h, body


STAFF = sign_in(srv, "sato", "Kirin-Tanuki-2024x")[2] or ""


def sget(path):
    """As signed-in staff."""
    return srv.req(path, headers={"Cookie": STAFF})


st, h, body = get("/items/40/")
check("anonymous item page: no details for staff, no file:line",
      st == 200 and 'class="staff"' not in text_of(body) and not FILE_LINE.search(text_of(body)))


# ---- the item page: staff metadata only in the disclosure ----------------
st, h, body = sget("/items/40/")
item = text_of(body)
public = strip_staff(item)
check("item: the disclosure is there, collapsed, at the end of the page",
      '<details class="staff"><summary>事務局向けの詳細</summary>' in item
      and "open" not in item.split('<details class="staff"')[1].split(">")[0]
      and item.index('<details class="staff">') > item.index('id="fu"'))
check("item: matching method and score only inside the disclosure",
      "一致度" in item and "一致度" not in public and "計画との照合" not in public, public[-2000:])
fu_wording = "個社の自動努力"   # how the FY2025 table quotes A40 (the plan: 自助努力)
check("item: the table's wording of the item only inside the disclosure",
      fu_wording in item and fu_wording not in public)
check("item: file:line only inside the disclosure",
      re.search(r":69</code>", item) and not FILE_LINE.search(public), FILE_LINE.findall(public))
check("item: 出典：フォローアップ表 行 69 is gone",
      "出典：フォローアップ表 行" not in item)
check("item: a readable source for the follow-up: publisher, title, table row",
      "出典：厚生労働省（関係府省の報告を取りまとめ）「第2期医療機器基本計画 フォローアップ"
      "（令和7年度の実績・状況、令和8年度の取組予定）」、表の69行目" in public, public[-3000:])
check("item: a readable source for the plan's text: publisher, title, date",
      "出典：厚生労働省「国民が受ける医療の質の向上のための医療機器の研究開発及び普及の促進に関する"
      "基本計画（第2期）」（2022年5月31日）" in public)
st, h, body = sget("/en/items/40/")
en_item = text_of(body)
check("item (en): the disclosure and an English source",
      "<summary>Details for staff</summary>" in en_item and
      "Source: Ministry of Health, Labour and Welfare, compiling the reports of the ministries"
      " concerned, “Follow-up of the 2nd Medical Device Basic Plan" in strip_staff(en_item)
      and ", table row 69" in en_item, strip_staff(en_item)[-1500:])

# ---- every published page: no file:line outside the disclosure -----------
p = mdplan("--db", db, "publish", "site", "--base-url", "https://example.go.jp/mdplan/")
pages = []
for d, _, fs in os.walk("site"):
    pages += [os.path.join(d, f) for f in fs if f.endswith(".html")]
check("publish: both languages, help included", os.path.exists("site/help/index.html")
      and os.path.exists("site/en/help/index.html") and len(pages) > 300, len(pages))
leaks, no_attr, no_updated, no_csp = [], [], [], []
csp = None
for f in pages:
    t = open(f, encoding="utf-8").read()
    if FILE_LINE.search(strip_staff(t)) or re.search(r"[0-9a-f]{16}\.txt", strip_staff(t)):
        leaks.append(f)
    en = "/en/" in f.replace("site/", "/", 1)
    foot = t.split('<footer class="site">')[-1]
    if not ((ATTR_EN if en else ATTR_JA) in foot and (TERMS_EN if en else TERMS_JA) in foot):
        no_attr.append(f)
    if ("Data last updated: 2026-03-02 09:00 UTC" if en else
            "データの最終更新：2026年3月2日 18:00（日本時間）") not in foot:
        no_updated.append(f)
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', t)
    if not m or t.index(m.group(0)) > t.index("<title>"):
        no_csp.append(f)
    elif csp is None:
        csp = m.group(1)
    elif csp != m.group(1):
        no_csp.append(f)
check("published pages: no file:line or hashed file name outside the staff disclosure",
      not leaks, leaks[:5])
check("published pages: every footer carries the attribution with the publisher's name",
      not no_attr, no_attr[:5])
check("published pages: every footer says when the data were last updated (the last run, JST)",
      not no_updated, no_updated[:5])
st, h, body = get("/")
header_csp = h.get("content-security-policy", "")
check("published pages: the server's Content-Security-Policy as <meta> in the head of every page",
      not no_csp and csp and header_csp == csp + "; frame-ancestors 'none'", no_csp[:5], csp,
      header_csp)
check("server pages: no <meta> policy (the header carries it)",
      "http-equiv" not in text_of(body))
st, h, body = get("/ministries/meti/")
foot = text_of(body).split('<footer class="site">')[-1]
check("server pages: attribution, last update and the help page in the footer",
      ATTR_JA in foot and "データの最終更新：2026年3月2日 18:00（日本時間）" in foot
      and 'href="../../help/"' in foot, foot)

# ---- downloads: the attribution in every one but the import layout --------
def dl(path):
    st, h, body = get(path)
    return st, body


for lang, prefix, attr, head in (("ja", "", ATTR_JA, "年度,年度（西暦）,ビジョン"),
                                  ("en", "/en", ATTR_EN, "Fiscal year,Fiscal year (number),Vision")):
    st, body = dl(prefix + "/downloads/followup-2025.csv")
    rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"), newline="")))
    check(f"CSV ({lang}): header in one language", st == 200 and ",".join(rows[0]).startswith(head)
          and (lang == "ja" or not re.search(r"[ぁ-んァ-ン一-龥]", ",".join(rows[0]))), rows[0])
    check(f"CSV ({lang}): the last line is the attribution, then the legend",
          rows[-2][0].startswith(attr) and len(rows[-2]) == 1 and len(rows[-1]) == 1, rows[-2:])
    col = rows[0].index("計画との照合" if lang == "ja" else "Matched to the plan")
    vals = {r[col] for r in rows[1:-2]}
    check(f"CSV ({lang}): the match column in words (no exact/similar/position/none codes)",
          vals == ({"完全一致", "類似", "位置", "未照合"} if lang == "ja" else
                   {"exact", "similar", "position", "not matched"}), vals)
    check(f"CSV ({lang}): file:line kept for staff", all(FILE_LINE.fullmatch(r[-1]) for r in rows[1:-2]),
          rows[1][-1])
    st, body = dl(prefix + "/downloads/followup-2025.json")
    j = json.loads(body)
    check(f"JSON ({lang}): attribution, terms and the legend of match", j["attribution"].startswith(attr)
          and set(j["match_legend"]) == {"exact", "similar", "position", "none"}
          and j["count"] == len(j["followups"]) == 60, list(j)[:6])
    st, body = dl(prefix + "/downloads/followup-2025-meti.xlsx")
    z = zipfile.ZipFile(io.BytesIO(body))
    wb = z.read("xl/workbook.xml").decode("utf-8")
    shared = z.read("xl/sharedStrings.xml").decode("utf-8")
    check(f"XLSX ({lang}): a last sheet with the attribution and the documents",
          re.findall(r'<sheet name="([^"]+)"', wb)[-1] == ("出典" if lang == "ja" else "Sources")
          and attr in shared and ("国民が受ける医療の質の向上" in shared or lang == "en"),
          re.findall(r'<sheet name="([^"]+)"', wb))
st, body = dl("/downloads/programmes.xlsx")
z = zipfile.ZipFile(io.BytesIO(body))
check("programmes XLSX: a last sheet with the attribution",
      re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())[-1] == "出典"
      and ATTR_JA in z.read("xl/sharedStrings.xml").decode("utf-8"))
st, body = dl("/downloads/followup-2025.csv?lang=en")
check("CSV ?lang=en: the English file", body[3:].startswith(b"Fiscal year,"))
check("published: the English downloads under en/downloads/",
      open("site/en/downloads/followup-2025.csv", encoding="utf-8-sig").read().startswith("Fiscal year,")
      and open("site/downloads/followup-2025.csv", encoding="utf-8-sig").read().startswith("年度,"))
import urllib.parse
for page in ("/en/followups/2025/", "/en/ministries/meti/", "/followups/2025/?lang=en"):
    st, h, body = get(page)
    links = {urllib.parse.urljoin(page, u) for u in
             re.findall(r'href="([^"]*followup-2025[^"]*\.csv)"', text_of(body))}
    check(f"{page} links the English CSV", links and all(l.startswith("/en/downloads/") for l in links),
          links)
st, body = dl("/downloads/indicators.csv")
check("indicator CSV: the import layout, no attribution line (round trip)",
      body.decode("utf-8-sig").startswith("code,year,value") and ATTR_JA.encode() not in body)

# ---- help page -------------------------------------------------------------
st, h, body = sget("/help/")
hp = text_of(body)
check("help: what the M/A numbers are", st == 200 and "施策番号（M1、M2…）" in hp and
      "公式の番号ではありません" in hp)
check("help: the sources with title, publisher, date and the official URL where known",
      "参考資料4-2 医療機器基本計画に関する各省における取り組みの状況について" in hp
      and "2025年3月17日" in hp and 'href="https://www.mhlw.go.jp/stf/newpage_54795.html"' in hp
      and "経済産業省における今後の取組の方向性" in hp and "未確認" in hp)
check("help: the file names of the documents only for staff",
      "003_be5ddb96f8cc36cb.txt" in hp and "003_be5ddb96f8cc36cb.txt" not in strip_staff(hp))
check("help: the attribution to quote, and the legend of the downloads",
      f"<blockquote><p>{ATTR_JA}</p></blockquote>" in hp and "完全一致 <code>exact</code>" in hp)
st, h, body = get("/en/help/")
check("help (en)", st == 200 and "What the numbers mean" in text_of(body) and
      "are its own" in text_of(body))

# ---- one numbering ----------------------------------------------------------
st, h, body = get("/search/?q=%E6%B2%BB%E9%A8%93")
sp = text_of(body)
check("search page: numbered as the pages are (施策M9, 取組A22)",
      "施策M9：" in sp and "取組A22" in sp and not re.search(r"(施策|取組) \d", sp),
      re.findall(r"(?:施策|取組)\s?[MA]?\d+", sp)[:8])
st, h, body = get("/en/search/?q=%E6%B2%BB%E9%A8%93")
check("search page (en): Measure M9", "Measure M9:" in text_of(body))
p = mdplan("--db", db, "search", "治験", "--limit", "5")
check("search text: [施策M9], not [施策 9]", "[施策M9]" in p.stdout and "[施策 9]" not in p.stdout,
      p.stdout[:300])
st, h, body = get("/indicators/HUBS-SUPPORTED/")
check("indicator page: its measure as 施策M… like every page",
      not re.search(r"施策\d", text_of(body)))

# ---- indicators without targets --------------------------------------------
st, h, body = sget("/indicators/HUB-COURSES/")
ip = text_of(body)
cap = re.search(r"<figcaption>(.*?)</figcaption>", ip, re.S).group(1)
check("indicator without a target: the caption describes no target line",
      "破線" not in cap and "目標値は設定されていません" in cap, cap)
check("indicator: the data table cites the document, the quote and a list of sources",
      '<a href="#ref-1">[1]</a> 「研修コースの総数」' in ip and
      '<li id="ref-1">厚生労働省「医療機器基本計画に関する資料' in ip)
check("indicator: the stored source (file:line) only for staff",
      "000_6f8e9a04738d3045.txt:364" in ip and "000_6f8e9a04738d3045.txt" not in strip_staff(ip))
check("indicator: the latest value (2024) is not stale in March 2026", "古い値" not in strip_staff(ip))
st, h, body = get("/indicators/MEDIC-CASES/")
check("indicator: a latest value from 2021 is flagged stale in March 2026",
      '<span class="stale">古い値</span>' in text_of(body))
st, h, body = get("/indicators/")
sc = text_of(body)
check("scorecard without targets: says so plainly, no grid of zeros",
      "目標値はまだ設定されていません" in sc and 'class="scorecard"' not in sc and
      'class="n zero"' not in sc)
ov = sc.split('<table class="overview stack">')[1].split("</table>")[0]
check("scorecard without targets: latest value, trend and years for every indicator",
      ov.count("<tr><th scope=\"row\">") == 18 and "69コース（2024年）" in ov and
      "増加（+18.7%／年）" in ov and "2022年〜2024年（3年分）" in ov, ov[:600])
check("scorecard: MEDIC's 2021 value flagged stale", re.search(
    r"MEDIC-CASES</code></th><td data-label=\"最新値\">1,900件（2021年） <span class=\"stale\">古い値</span>", ov))
srv.stop()
with sqlite3.connect(db) as c:
    c.execute("UPDATE public_state SET at = '2023-06-01T00:00:00Z'")
srv = Server(db)
st, h, body = get("/indicators/MEDIC-CASES/")
check("indicator: the same 2021 value is not stale as of June 2023",
      "古い値" not in text_of(body))
srv.stop()
mdplan("--db", db, "indicator", "define", "HUB-COURSES", "--target", "2026:100")
with sqlite3.connect(db) as c:
    c.execute("UPDATE public_state SET at = '2026-03-02T09:00:00Z'")
srv = Server(db)
st, h, body = get("/indicators/HUB-COURSES/")
cap = re.search(r"<figcaption>(.*?)</figcaption>", text_of(body), re.S).group(1)
check("indicator with a target: the caption describes the target line", "破線は目標値" in cap, cap)
st, h, body = get("/indicators/")
check("scorecard once a target is set: the goal x status grid",
      'class="scorecard"' in text_of(body) and "目標値はまだ設定されていません" not in text_of(body))

# ---- reporting status -------------------------------------------------------
st, h, j = srv.req("/api/v1/reporting?year=2025")
rep = json.loads(j)
by = {r["ministry"]: r for r in rep["reporting"]}
check("API reporting: per ministry, items with results and which have none",
      st == 200 and by["mhlw"]["not_reported"] == [23, 42] and by["mhlw"]["results_empty"] == [51]
      and by["mhlw"]["with_results"] + 3 == by["mhlw"]["action_items"]
      and by[None]["results_empty"] == [31] and by["mext"]["not_reported"] == [], by.get("mhlw"))
check("API reporting: A23 and A31 have no results in FY2025",
      23 in sum((r["not_reported"] + r["results_empty"] for r in rep["reporting"]), []) and
      31 in sum((r["not_reported"] + r["results_empty"] for r in rep["reporting"]), []))
st, h, j = srv.req("/api/v1/reporting?ministry=meti")
check("API reporting ?ministry=meti: one row", json.loads(j)["count"] == 1 and
      json.loads(j)["reporting"][0]["not_reported"] == [42])
for path, what in (("/ministries/", "the ministries page"), ("/", "the home page")):
    st, h, body = get(path)
    t = text_of(body)
    check(f"reporting status on {what}: 42／45 for MHLW, A23 without a report, A31 without results",
          "報告の状況（令和7年度（FY2025））" in t and "42／45" in t and
          re.search(r'<a href="[./]*items/23/">A23</a>（報告なし）', t) and
          re.search(r'<a href="[./]*items/31/">A31</a>（実績未記入）', t), t[-3000:])
st, h, body = get("/ministries/mhlw/")
t = text_of(body)
check("reporting status on the ministry page: its own row only",
      "42／45" in t and "37／38" not in t and "A51</a>（実績未記入）" in t)
st, h, body = get("/en/ministries/")
check("reporting status (en)", "Reporting status (FY2025)" in text_of(body) and
      "A23</a> (no report)" in text_of(body))

# ---- the API's index and its OpenAPI description ---------------------------
routes_c = open(os.path.join(TOP, "src", "web", "routes.c"), encoding="utf-8").read()
table = set(re.findall(r'\{ "GET", "(/api/v1/[^"]*)"', routes_c))
st, h, j = srv.req("/api/v1/")
index = json.loads(j)
check("/api/v1/ answers with an index of the endpoints",
      st == 200 and index["openapi"] == "/api/v1/openapi.json" and
      {e["path"] for e in index["endpoints"]} == table and
      all(e["summary"] for e in index["endpoints"]), [e for e in index["endpoints"] if not e["summary"]])
st, h, body = srv.req("/api/v1/openapi.json")
with open("openapi.json", "wb") as f:
    f.write(body)
doc = json.loads(body)
check("OpenAPI: covers every route of the route table (and no other)",
      st == 200 and set(doc["paths"]) == table, sorted(table ^ set(doc["paths"])))
v = subprocess.run(["node", os.path.join(TOP, "tests", "browser", "openapi.mjs"), "openapi.json"],
                   capture_output=True, text=True)
check("OpenAPI: valid for @apidevtools/swagger-parser (OpenAPI 3.0 schema, $refs)",
      v.returncode == 0 and v.stdout.startswith("valid: "), v.stdout, v.stderr[-500:])
bad = []
for path in sorted(table):
    real = (path.replace("{n}", "1").replace("{code}", "meti")
            .replace("programmes/{ind}", "programmes/MHLW-HUB").replace("{ind}", "HUB-COURSES"))
    if real.endswith("/search"):
        real += "?q=%E6%B2%BB%E9%A8%93"
    real = real.replace("{fy}", "2026")
    if "security" in doc["paths"][path]["get"]:
        # signed-in endpoints (the round's entries): 401 without a session
        st, h, body = srv.req(real)
        if st != 401 or json.loads(body)["error"]["status"] != 401:
            bad.append((path, "anonymous", st))
        continue
    st, h, body = srv.req(real)
    want = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    j = json.loads(body)
    if st != 200:
        bad.append((path, st))
    elif "properties" in want and want["properties"].get("count") and \
            not (isinstance(j.get("count"), int) and want["required"][1] in j):
        bad.append((path, "not the documented list", list(j)[:3]))
check("OpenAPI: every documented path answers 200 in the documented form", not bad, bad)

# ---- the access log: bytes of a cached answer -------------------------------
srv.stop()
srv = Server(db)
st1, h1, b1 = get("/goals/3/")
st2, h2, b2 = get("/goals/3/")
srv.stop()
lines = [l.split() for l in open(srv.log, encoding="utf-8") if " /goals/3/ " in l]
check("access log: the bytes sent, for the cached answer too",
      len(lines) == 2 and lines[0][5] == lines[1][5] == str(len(b1)) and b1 == b2, lines)
summary()
