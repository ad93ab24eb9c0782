#!/usr/bin/env python3
"""Indicators end to end, on the demo files (data/indicator-defs.csv,
data/indicators.csv) and on CSV files written here in the same shapes.

The demo's values are checked against the documents they cite: each value's
source starts with FILE:LINE, and that line of the real document must hold
the number (the extraction spreads digits as "1 0 1 0" and writes 2,737;
both are read as written)."""
import csv
import io
import json
import os
import re
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET

from tap import check, fresh_db, mdplan, summary

top = os.environ["top"]
DEFS = os.path.join(top, "data", "indicator-defs.csv")
VALUES = os.path.join(top, "data", "indicators.csv")
seeds = os.environ.get("SEEDS", "")
DOCS = seeds if os.path.exists(os.path.join(seeds, "002_208b96f187c3fabc.txt")) \
    else os.path.join(top, "data", "docs")


def run(*args):
    return mdplan(*args, check_rc=False)


def db(name, plan=True):
    fresh_db(name)
    if plan:
        run("--db", name, "import", "plan", os.environ["PLAN"])
    return name


def write(path, text, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def ind_json(d, code=None):
    p = run("--db", d, "indicators", *([code] if code else []), "--json")
    return json.loads(p.stdout) if p.returncode == 0 else None


# ---- the demo ----
d = db("demo.db")
p = run("--db", d, "import", "indicator-defs", DEFS)
check("demo definitions import", p.returncode == 0 and "18 indicators" in p.stdout, p.stdout, p.stderr)
p = run("--db", d, "import", "indicators", VALUES)
check("demo values import", p.returncode == 0 and "53 values" in p.stdout, p.stdout, p.stderr)
inds = ind_json(d)
by = {i["code"]: i for i in inds}


def series(code, bd=None):
    return {v["year"]: v["value"] for v in by[code]["values"] if v["breakdown"] == (bd or {})}


check("demo: training courses 2022-2024 are 49, 58, 69",
      series("HUB-COURSES") == {2022: 49, 2023: 58, 2024: 69}, series("HUB-COURSES"))
check("demo: trainees 2022-2024 are 2,737, 2,783, 4,086",
      series("HUB-TRAINEES") == {2022: 2737, 2023: 2783, 2024: 4086}, series("HUB-TRAINEES"))
check("demo: MEDISO consultations per calendar year 2018-2024",
      series("MEDISO-CASES") == {2018: 151, 2019: 202, 2020: 201, 2021: 235, 2022: 249,
                                 2023: 294, 2024: 275}, series("MEDISO-CASES"))
check("demo: JHVS has 2017-2024 for visitors, exhibitors and matches",
      all(sorted(series(c)) == list(range(2017, 2025))
          for c in ("JHVS-VISITORS", "JHVS-EXHIBITORS", "JHVS-MATCHES")))
check("demo: JHVS 2024 as the summit page states it (18,003 visitors, 123 exhibitors)",
      series("JHVS-VISITORS")[2024] == 18003 and series("JHVS-EXHIBITORS")[2024] == 123)
prod = [v for v in by["MEDISO-TOTAL"]["values"] if v["breakdown"]]
check("demo: the MEDISO product breakdown adds up to the stated total (1,607)",
      sum(v["value"] for v in prod) == series("MEDISO-TOTAL")[2024] == 1607 and len(prod) == 4,
      prod)
check("demo: the hub programme's FY2024 results are fiscal-year values",
      all(by[c]["year_kind"] == "fiscal" and list(series(c)) == [2024]
          for c in by if c.startswith("HUBS-")))
check("demo: no target is invented (every target is null and says why)",
      all(i["target"] is None and i["target_note"] for i in inds))
check("demo: with no target every status is no_target",
      {i["status"] for i in inds} == {"no_target"}, {i["status"] for i in inds})

# every value against the line of the document it cites
bad = []
cited = 0
for i in inds:
    for v in i["values"]:
        m = re.match(r"(\d{3}_[0-9a-f]{16}\.txt):(\d+) ", v["source"])
        if not m:
            bad.append((i["code"], v["year"], "no FILE:LINE", v["source"]))
            continue
        with open(os.path.join(DOCS, m.group(1)), encoding="utf-8") as f:
            lines = f.read().split("\n")
        line = lines[int(m.group(2)) - 1]
        # "1 0 1 0" (spread single digits) -> 1010; "2,737" -> 2737
        digits = re.sub(r"(?<!\d)\d(?: \d(?!\d))+", lambda k: k.group(0).replace(" ", ""), line)
        digits = re.sub(r"(?<=\d),(?=\d{3})", "", digits)
        num = str(int(v["value"])) if v["value"] == int(v["value"]) else str(v["value"])
        if not re.search(r"(?<!\d)" + re.escape(num) + r"(?!\d)", digits):
            bad.append((i["code"], v["year"], num, line))
        cited += 1
check("demo: every value (%d) is on the document line it cites" % cited,
      not bad and cited == 53, *bad[:5])

# ---- progress with a target, computed through the CLI ----
p = run("--db", d, "indicator", "define", "HUB-COURSES", "--target", "2026:100",
        "--baseline", "2022:49")
check("define: adding a target to an existing indicator", p.returncode == 0 and
      "updated HUB-COURSES" in p.stdout, p.stdout, p.stderr)
x = ind_json(d, "HUB-COURSES")
pr = x["progress"]
# (69/49)^(1/2)-1 = 0.18665, (100/49)^(1/4)-1 = 0.19523, R = 0.9561
check("progress: HUB-COURSES with target 100 by 2026 is on_track, R = 0.956",
      x["status"] == "on_track" and abs(pr["ratio"] - 0.95607) < 1e-4
      and abs(pr["observed_rate"] - 0.186654) < 1e-5
      and abs(pr["required_rate"] - 0.195229) < 1e-5, pr)
check("define: the other fields are kept", x["name"] == "拠点で行われる研修コース数"
      and x["goal"] == 1 and x["unit"] == "コース", x)
h = run("--db", d, "history").stdout
check("define: the change is in the history", "target_value" in h and "100" in h, h[-400:])
p = run("--db", d, "indicator", "define", "HUB-COURSES", "--target", "2026:60")
x = ind_json(d, "HUB-COURSES")
check("progress: a target already reached is achieved", x["status"] == "achieved", x["progress"])
run("--db", d, "indicator", "define", "HUB-COURSES", "--target", "2026:0")
x = ind_json(d, "HUB-COURSES")
check("progress: a zero target is not_enough_data, not a guess",
      x["status"] == "achieved" or (x["status"] == "not_enough_data"
                                    and x["progress"]["reason"] == "target_not_positive"),
      x["progress"])
run("--db", d, "indicator", "define", "HUB-COURSES", "--target", "2026:100")

# ---- define: errors ----
t = db("define.db")
p = run("--db", t, "indicator", "define", "X1", "--name", "x", "--unit", "件")
check("define: no default direction (usage error)", p.returncode == 2 and "--direction" in p.stderr,
      p.returncode, p.stderr)
p = run("--db", t, "indicator", "define", "X1", "--name", "x", "--unit", "件",
        "--direction", "sideways")
check("define: a bad direction is refused", p.returncode == 2, p.stderr)
p = run("--db", t, "indicator", "define", "X1", "--name", "x", "--unit", "件",
        "--direction", "up", "--target", "2026:N/A")
check("define: a target that is not a number is refused", p.returncode == 2, p.stderr)
p = run("--db", t, "indicator", "define", "X1", "--name", "x", "--unit", "件",
        "--direction", "up", "--goal", "99")
check("define: a goal that is not in the plan", p.returncode == 1 and "goal 99" in p.stderr,
      p.returncode, p.stderr)
p = run("--db", t, "indicator", "define", "bad code", "--name", "x", "--unit", "件",
        "--direction", "up")
check("define: a code with a space is refused", p.returncode == 2, p.stderr)
p = run("--db", t, "indicator", "define", "--name", "x", "X1", "--unit", "件", "--direction", "up")
check("define: the code must come first (not taken from an option's value)",
      p.returncode == 2 and "define CODE first" in p.stderr, p.stderr)
check("define: nothing was stored by the failures", ind_json(t) == [], ind_json(t))
p = run("--db", t, "indicator", "define", "X1", "--name", "<script>alert(1)</script>",
        "--unit", "件", "--direction", "down", "--target", "令和8年度:10",
        "--baseline", "FY2022:40", "--goal", "3")
check("define: era years in --target and --baseline", p.returncode == 0 and
      ind_json(t, "X1")["target"] == {"year": 2026, "value": 10}
      and ind_json(t, "X1")["baseline"] == {"year": 2022, "value": 40}, p.stderr)

# ---- values: validation with row numbers; nothing written ----
bad_csv = ("code,year,value,note\n"
           "X1,2023,30,\n"
           "X1,2024,N/A,\n"
           "NOPE,2024,1,\n"
           "X1,2025,,\n"
           "X1,2024年,5,\n"
           "X1,2023,31,\n"
           "X1,二千,5,\n"
           "X1,2021,約1,900,\n")
write("bad.csv", bad_csv)
before = run("--db", t, "export", "indicators").stdout
p = run("--db", t, "import", "indicators", "bad.csv")
err = p.stderr
check("values: a bad file exits 1", p.returncode == 1, p.returncode)
for line, what in ((3, 'column value: "N/A" is not a number'),
                   (4, "column code: indicator NOPE is not defined"),
                   (5, "column value: empty"),
                   (6, "is a calendar year, but indicator X1 counts fiscal years"),
                   (7, "repeats line 2"),
                   (8, 'column year: "二千" is not a year'),
                   (9, "fields, but the header names 4 columns")):
    check(f"values: line {line} is reported ({what[:30]})", f"bad.csv:{line}: " in err
          and what in err.split(f"bad.csv:{line}: ", 1)[1].split("\n")[0], err)
check("values: the error says nothing was imported", "nothing was imported" in err, err)
check("values: the database is unchanged", run("--db", t, "export", "indicators").stdout == before)

write("nohdr.csv", "year,value\n2024,1\n")
p = run("--db", t, "import", "indicators", "nohdr.csv")
check("values: a header without code is refused", p.returncode == 1 and "no code column" in p.stderr,
      p.stderr)
write("quote.csv", 'code,year,value,note\nX1,2024,5,"open\n')
p = run("--db", t, "import", "indicators", "quote.csv")
check("values: an unclosed quote names its line", p.returncode == 1 and "quote.csv:2:" in p.stderr,
      p.stderr)

# ---- values: not available, breakdowns, Shift_JIS, re-import ----
good = ("コード,年度,値,備考,出典,時点,地域\r\n"
        "X1,令和4年度,40,,調査A,2023-03-31,\r\n"
        "X1,2023,\"35\",,調査A,2024-03-31,\r\n"
        "X1,FY2024,,調査が中止されたため,調査A,,\r\n"
        "X1,2023,20,,調査A,,東日本\r\n"
        "X1,2023,１５,,調査A,,西日本\r\n")
write("good.csv", good, "cp932")
p = run("--db", t, "import", "indicators", "good.csv")
check("values: a Shift_JIS file with Japanese headers imports",
      p.returncode == 0 and "5 values, 1 of them marked not available" in p.stdout
      and "Shift_JIS" in p.stdout, p.stdout, p.stderr)
x = ind_json(t, "X1")
na = [v for v in x["values"] if v["not_available"]]
check("values: the not-available value keeps its reason",
      len(na) == 1 and na[0]["value"] is None and na[0]["note"] == "調査が中止されたため", na)
check("values: full-width digits are numbers", any(v["value"] == 15 for v in x["values"]))
check("values: breakdowns are kept by dimension",
      sorted(v["breakdown"].get("地域", "") for v in x["values"]) == ["", "", "", "東日本", "西日本"],
      x["values"])
# down, base 40 (2022), target 10 (2026), latest 35 (2023; 2024 n/a)
# rate = 35/40 - 1 = -0.125; required = (10/40)^(1/4) - 1 = -0.29289; R = 0.4268
check("progress: lower-is-better with a gap after the latest is limited_progress",
      x["status"] == "limited_progress" and abs(x["progress"]["ratio"] - 0.42678) < 1e-4
      and x["progress"]["not_available_after_latest"] == 1, x["progress"])
write("again.csv", good.replace('"35"', '"36"'), "cp932")
p = run("--db", t, "import", "indicators", "again.csv")
check("values: a corrected value updates in place", p.returncode == 0 and
      "0 added, 1 changed, 4 unchanged" in p.stdout, p.stdout)
h = run("--db", t, "history").stdout
check("values: the old value is in the history, named by the indicator's code",
      re.search(r"X1 2023 v2 value: \"35(\.0)?\"", h) and "indicator_value#" not in h, h[-500:])

# ---- round trip: export -> import into a fresh database -> export ----
e1 = run("--db", d, "export", "indicators").stdout
f1 = run("--db", d, "export", "indicator-defs").stdout
write("e1.csv", e1)
write("f1.csv", f1)
r = db("round.db")
p1 = run("--db", r, "import", "indicator-defs", "f1.csv")
p2 = run("--db", r, "import", "indicators", "e1.csv")
check("round trip: the exports import", p1.returncode == 0 and p2.returncode == 0, p1.stderr, p2.stderr)
check("round trip: values export byte for byte the same", run("--db", r, "export", "indicators").stdout == e1)
check("round trip: definitions export byte for byte the same",
      run("--db", r, "export", "indicator-defs").stdout == f1)
check("round trip: the JSON is the same", ind_json(r) == ind_json(d))
rows = list(csv.reader(io.StringIO(e1.lstrip("\ufeff"))))
check("export: columns code,year,value,note,source,date then the breakdown",
      rows[0] == ["code", "year", "value", "note", "source", "date", "相談製品"], rows[0])
check("export: one row per indicator x year x breakdown", len(rows) == 1 + 53, len(rows))

# ---- the chart ----
svg = run("--db", d, "export", "indicators").stdout  # warm
srv = subprocess.Popen([os.environ["MDPLAN"], "--db", d, "serve", "--port", "0", "--no-log"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
base = None
for _ in range(100):
    line = srv.stdout.readline()
    m = re.search(r"(http://\S+)", line)
    if m:
        base = m.group(1).rstrip("/") + "/"
        break
    time.sleep(0.05)


def get(path):
    try:
        with urllib.request.urlopen(base + path) as f:
            return f.status, f.headers.get("Content-Type", ""), f.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


st, ct, body = get("indicators/HUB-COURSES/chart.svg")
root = ET.fromstring(body.split("?>", 1)[1])
ns = "{http://www.w3.org/2000/svg}"
texts = [t.text for t in root.iter(ns + "text")]
check("svg: served as image/svg+xml and well-formed", st == 200 and ct.startswith("image/svg+xml"))
check("svg: the values are written on the chart", all(v in texts for v in ("49", "58", "69")), texts)
check("svg: the target line is labelled with value and year",
      any(t and "目標 100コース" in t and "2026" in t for t in texts), texts)
check("svg: a title and a description with the values",
      root.find(ns + "title").text == "拠点で行われる研修コース数" and
      all(s in root.find(ns + "desc").text for s in ("2022年：49コース", "2024年：69コース", "目標：100コース")),
      root.find(ns + "desc").text)
check("svg: the target year is marked", len(root.findall(f"{ns}g/{ns}line")) == 2 and
      root.find(f"{ns}g/{ns}path") is not None)
st, ct, body = get("indicators/JHVS-VISITORS/chart.svg")
root = ET.fromstring(body.split("?>", 1)[1])
check("svg: without a target there is no target line and the description says so",
      root.find(ns + "g") is None and "目標は設定されていません" in root.find(ns + "desc").text)

# ---- pages and API ----
st, ct, page = get("indicators/")
api = json.loads(get("api/v1/indicators")[2])
check("api: the list has a count", api["count"] == 18 and len(api["indicators"]) == 18, api.get("count"))
counts = {}
for i in api["indicators"]:
    counts[i["status"]] = counts.get(i["status"], 0) + 1
foot = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S).group(1)
cells = [int(c) for c in re.findall(r'<td class="n">(\d+)</td>', foot)]
order = ["achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating",
         "no_target", "not_enough_data"]
check("scorecard: the totals equal the statuses of the API",
      cells == [counts.get(s, 0) for s in order] + [18], cells, counts)
check("scorecard: every goal of the plan has a row", all(f'goals/{g}/' in page for g in range(1, 12)))
st, ct, page = get("indicators/HUB-COURSES/")
check("page: the status is a class and a Japanese label",
      '<span class="status on_track">順調</span>' in page)
check("page: the inputs of the method are shown",
      all(s in page for s in ("+18.7%", "+19.5%", "0.956", "39.2%", "50.0%")), )
check("page: the chart is inline with a data table", "<svg" in page and 'table class="data"' in page)
st, ct, page = get("goals/1/")
check("goal page: lists its indicators with their status",
      'href="../../indicators/HUB-COURSES/"' in page and 'href="../../indicators/HUB-TRAINEES/"' in page
      and "JHVS-VISITORS" not in page and '<span class="status on_track">' in page)
st, ct, page = get("goals/4/")
check("goal page: a goal without indicators has no indicator section", 'id="kpi"' not in page)
st, ct, page = get("en/indicators/HUB-COURSES/")
check("page: English labels", "On track" in page and "Training courses run by the hubs" in page)
st, _, _ = get("indicators/NOPE/")
st2, _, _ = get("api/v1/indicators/NOPE")
check("404 for an unknown indicator (page and API)", st == 404 and st2 == 404, st, st2)
csvb = get("indicators/MEDISO-TOTAL/data.csv")[2]
check("download: one indicator's CSV in the import layout", csvb.startswith("\ufeffcode,year,value")
      and csvb.count("\r\n") == 6, csvb)
srv.terminate()
srv.wait()

st_ = t
srv = subprocess.Popen([os.environ["MDPLAN"], "--db", st_, "serve", "--port", "0", "--no-log"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
base = re.search(r"(http://\S+)", srv.stdout.readline()).group(1).rstrip("/") + "/"
page = get("indicators/X1/")[2]
score = get("indicators/")[2]
svg = get("indicators/X1/chart.svg")[2]
check("escaping: a hostile name is text on every page and in the SVG",
      "<script>alert" not in page + score + svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
      and "&lt;script&gt;" in score and "&lt;script&gt;" in svg)
srv.terminate()
srv.wait()

# ---- publish carries the indicator pages ----
p = run("--db", d, "publish", "site")
check("publish: the scorecard, each indicator page and its data are written",
      p.returncode == 0 and os.path.exists("site/indicators/index.html")
      and os.path.exists("site/en/indicators/HUB-COURSES/index.html")
      and os.path.exists("site/indicators/MEDISO-TOTAL/data.csv")
      and os.path.exists("site/indicators/JHVS-MATCHES/chart.svg")
      and os.path.exists("site/downloads/indicators.csv"), p.stderr)
summary()
