#!/usr/bin/env python3
"""Hostile text in every text field of every entity, checked in every output.

The real plan, the real FY2025 follow-up table (and a FY2024 copy of it, so
the item change pages diff hostile text) and the demo indicator CSVs are
rewritten so that each text field carries a payload with its own marker
(HZ01, HZ02, ...): <script>, an attribute break-out with <img onerror>,
'onmouseover=', </textarea>, a tag whose name is the marker, &amp;-style
entity text, ]]> and <!-- for the XML, two C0 controls and DEL, Japanese
around it, and javascript:/JaVaScRiPt: at the start of the fields that could
become links (sources, notes). Follow-up cells carry it in both forms the
importer reads: plain text and HTML cells (entity-escaped, and raw markup
that libxml2 parses).

After importing with the real binary the test reads the database (sqlite3)
to prove every payload landed in the field it names, then fetches every
page of the server in both languages (crawled from / and /en/, plus search
pages, the API and the downloads) and every file `mdplan publish` writes,
and checks:
  - HTML: parsed with html.parser, no element or attribute the payloads
    carry (script, img, iframe, b, textarea, x-hzNN, on*), no comment, no
    javascript:/data:/vbscript: in a URL attribute, and the payload shown
    whole as text (each marker's text, inside its block, is the payload as
    imported, with the controls dropped) -- the item change pages once with
    <del> and once with <ins> taken out, search snippets with <mark> only;
  - SVG and XML (charts, sitemap, the XLSX parts): well-formed (ET), the
    same element and attribute checks, the names and units whole as text;
  - JSON: valid, the payloads whole as strings (snippets checked as HTML);
  - CSV: the payloads whole as cell data;
and that each format shows every payload it carries (named per format), so
nothing passes by dropping text. Also: every crawled link answers 200, the
follow-up rows match the items they match in the real table, search finds
the hostile documents, import messages are UTF-8, and the sitemap stays
well-formed with a hostile --base-url.
"""
import csv
import html
import html.parser
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

from tap import (MDPLAN, Server, Session, add_user, check, db_dump, fresh_db, mdplan, sign_in,
                 summary)

top = os.environ["top"]
PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
DEFS = os.path.join(top, "data", "indicator-defs.csv")
VALUES = os.path.join(top, "data", "indicators.csv")

# ---- payloads -------------------------------------------------------------

FIELDS = {}     # marker -> "table.column (where in the input)"
SHOWN = {}      # marker -> the text a reader must see (controls dropped)
CONTROLS = "\x01\x1f\x7f"


def strip_controls(s):
    return "".join(c for c in s if c not in CONTROLS)


def payload(marker, field, tags=True, link=False, controls=CONTROLS):
    """The hostile text for one field. tags=False leaves out the tags the
    follow-up importer takes as HTML (a plain cell with <b> is an HTML
    cell); link=True starts with javascript: as a source or note might;
    controls="" where the importer refuses them (a CSV header)."""
    assert marker not in FIELDS
    m = marker
    s = ("治験" + m + f'<script>alert("{m}")</script>"><img src=x onerror=alert(\'{m}\')>'
         + f"'onmouseover='{m}' </textarea>" + (f"<b>{m}</b>" if tags else "")
         + f"<x-{m.lower()} onclick=alert(1)>{m}<iframe src=javascript:alert('{m}')>"
         + f"&amp;&lt;&#x3c;]]><!--{m}-->" + controls + "承認")
    if link:
        s = f'javascript:alert("{m}")//JaVaScRiPt:alert(1) ' + s
    FIELDS[m] = field
    SHOWN[m] = strip_controls(s)
    return s


def marker_no(i):
    return f"HZ{i:02d}"


_next = [0]


def new(field, **kw):
    _next[0] += 1
    m = marker_no(_next[0])
    return m, payload(m, field, **kw)


def edit(text, old, new_text, count=1):
    n = text.count(old)
    if n != count:
        raise SystemExit(f"hostile_test: expected {count} of {old!r} in the input, found {n}")
    return text.replace(old, new_text)


# ---- the plan -------------------------------------------------------------

with open(PLAN, encoding="utf-8") as f:
    plan = f.read()
M = {}   # role -> marker

M["vision"], p = new("vision.title (section 2 heading 「…」)")
plan = edit(plan, "(１) 「医療機器研究開発の中心地としての我が国の地位の確立」",
            "(１) 「医療機器研究開発の中心地としての" + p + "我が国の地位の確立」")
# One goal only: two goals that share a long payload would be one goal to
# the importer's similarity match. This one is listed under two visions.
M["goal"], p = new("goal.title (section 2 bullets and section 3 【…】, listed twice, （再掲）)")
plan = edit(plan, "国際展開に積極的に取り組む", "国際展開に" + p + "積極的に取り組む", 4)
M["issues"], p = new("goal.issues / text_block goal (○ 現状と課題)")
plan = edit(plan, " 医療機器研究開発を積極的に行う人材を増やしていく",
            " 医療機器研究開発を" + p + "積極的に行う人材を増やしていく")
M["measure"], p = new("measure.title (＜…＞)")
plan = edit(plan, "＜医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成＞",
            "＜医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成" + p + "＞")
# Without <b>: the follow-up's plain cell quoting this item carries it too.
M["item"], p = new("action_item.text", tags=False)
item_payload = p
plan = edit(plan, "真に臨床現場で必要とされる医療機器を創出", "真に臨床現場で" + p + "必要とされる医療機器を創出")
M["tag"], p = new("action_item.text next to its ministry tag ［◎文］")
plan = edit(plan, "講義等をモデルとして他の教育機関にも横展開する。［◎文］",
            "講義等をモデルとして他の教育機関にも横展開する。" + p + "［◎文］")
M["untagged"], p = new("action_item.text of the untagged lead-in")
untagged_payload = p
plan = edit(plan, "重点 5 分野の研究開発を支えるために以下の３つの基盤整備に取り組む。",
            "重点 5 分野の研究開発を支えるために" + p + "以下の３つの基盤整備に取り組む。")
M["area"], p = new("area.title (① priority area)")
plan = edit(plan, "① 日常生活における健康無関心層", "① 日常生活における" + p + "健康無関心層")
M["area_desc"], p = new("area.description")
plan = edit(plan, " 日常生活において、日々変動するリスク因子", " 日常生活において、" + p + "日々変動するリスク因子")
with open("hostile-plan.txt", "w", encoding="utf-8") as f:
    f.write(plan)

# ---- the follow-up tables -------------------------------------------------

with open(FOLLOWUP, encoding="utf-8") as f:
    fu = f.read()


def hcell(p):
    """The payload as an HTML cell writes it: entity-escaped text."""
    return html.escape(p, quote=False)


M["fu_vision"], p = new("followup.vision_text (HTML vision row)")
fu = edit(fu, "<b>(1)「医療機器の研究開発の中心地としての我が国の地位の確立」に向けて</b>",
          "<b>(1)「医療機器の研究開発の中心地としての" + hcell(p) + "我が国の地位の確立」に向けて</b>")
M["fu_goal"], p = new("followup.goal_text (plain goal row)", tags=False)
fu = edit(fu, "【臨床ニーズを見出し、研究開発から事業化まで", "【臨床ニーズを見出し、" + p + "研究開発から事業化まで")
M["fu_goal_html"], p = new("followup.goal_text (HTML goal row)")
fu = edit(fu, "<b>【早期実用化に向けた薬事承認", "<b>【早期実用化に" + hcell(p) + "向けた薬事承認")
M["fu_measure"], p = new("followup.measure_text (plain measure heading row)", tags=False)
fu = edit(fu, "\t医療機器の研究開発の伴走支援\t", "\t医療機器の研究開発の" + p + "伴走支援\t")
# The row quoting the plan's hostile item quotes its payload too.
fu = edit(fu, "・真に臨床現場で必要とされる医療機器を創出", "・真に臨床現場で" + item_payload + "必要とされる医療機器を創出")
fu = edit(fu, "<li>重点5分野の研究開発を支えるために", "<li>重点5分野の研究開発を支えるために" + hcell(untagged_payload))
M["fu_item"], p = new("followup.item_text (plain cell)", tags=False)
fu = edit(fu, "・医療機器の研究開発に当たっては、企業の研究開発人材が",
          "・医療機器の研究開発に当たっては、" + p + "企業の研究開発人材が")
M["fu_tag"], p = new("followup.item_text next to its tag 【◎文】 (plain cell)", tags=False)
fu = edit(fu, "講義等をモデルとして他の教育機関にも横展開する。【◎文】",
          "講義等をモデルとして他の教育機関にも横展開する。" + p + "【◎文】")
M["fu_results"], p = new("followup.results / text_block results (plain cell)", tags=False)
fu = edit(fu, "\t・優れた医療機器の創出に係る産業振興拠点強化事業」において",
          "\t・優れた医療機器の" + p + "創出に係る産業振興拠点強化事業」において")
M["fu_plans"], p = new("followup.plans / text_block plans (plain cell)", tags=False)
fu = edit(fu, "\t・令和7年度取組に加え、戦略的に推進すべき領域を定めた拠点を新設し、優れた医療機器を創出できるエコシステムの充実・強化を図る。\n\t・特に医師養成",
          "\t・令和7年度取組に加え、" + p + "戦略的に推進すべき領域を定めた拠点を新設し、優れた医療機器を創出できるエコシステムの充実・強化を図る。\n\t・特に医師養成")
M["fu_item_html"], p = new("followup.item_text (HTML cell)")
fu = edit(fu, "<p>・ベンチャー企業をはじめとする企業の研究開発の障壁",
          "<p>・ベンチャー企業をはじめとする" + hcell(p) + "企業の研究開発の障壁")
M["fu_results_html"], p = new("followup.results / text_block results (HTML cell)")
fu = edit(fu, "<p>医療機器開発ガイドンス事業において", "<p>医療機器開発" + hcell(p) + "ガイドンス事業において")
M["fu_plans_html"], p = new("followup.plans / text_block plans (HTML cell)")
fu = edit(fu, "<p>・引き続き、開発に際しての手引きとなる", "<p>・引き続き、" + hcell(p) + "開発に際しての手引きとなる")
# Raw markup inside an HTML cell: libxml2 parses it; whatever text the
# importer keeps must come out as text. Only the marker is required.
RAW = "HZ90"
FIELDS[RAW] = "followup.results (raw <script>/<img>/<a href=javascript:> in an HTML cell)"
fu = edit(fu, "取り組む。〔内、◎経〕</p>\t<p>・「医工連携グローバル展開事業",
          "取り組む。〔内、◎経〕</p>\t"
          f"<p>治験{RAW}<script>alert('{RAW}')</script><img src=x onerror=alert('{RAW}')>"
          f"<a href=\"javascript:alert('{RAW}')\" onclick=\"alert(1)\">{RAW}リンク</a>"
          f"<iframe src=\"javascript:alert('{RAW}')\"></iframe>承認</p>"
          "<p>・「医工連携グローバル展開事業")
M["fu_tag_html"], p = new("followup.item_text next to its tag 〔◎経〕 (HTML cell)")
fu = edit(fu, "に向けた取組について検討する。〔◎経〕</p>",
          "に向けた取組について検討する。" + hcell(p) + "〔◎経〕</p>")
# A row that matches no item of the plan (stored and shown as unmatched),
# at the end so the other rows keep their line numbers.
M["fu_unmatched"], p = new("followup.item_text (a row matching no item)", tags=False)
fu += "" if fu.endswith("\n") else "\n"
UNMATCHED_LINE = fu.count("\n") + 1
# Its note quotes 90 bytes of it: "A" and 30 kanji put byte 90 inside one.
fu += "\tA新しい取組として医療機器の研究開発を支える仕組みを整備する" + p + "【◎厚】\t・実施した。\t・引き続き実施する。\n"
with open("hostile-followup-r7.tsv", "w", encoding="utf-8") as f:
    f.write(fu)

# FY2024: the same table a year earlier with other payloads in the cells
# that change, so /items/N/changes/ diffs hostile text on both sides.
fy24 = fu.replace("令和7年度", "令和6年度").replace("令和8年度", "令和7年度")
for role in ("fu_results", "fu_plans", "fu_results_html"):
    old = M[role]
    _next[0] += 1
    m = M[role + "_2024"] = marker_no(_next[0])
    FIELDS[m] = FIELDS[old] + ", FY2024"
    SHOWN[m] = SHOWN[old].replace(old, m).replace(old.lower(), m.lower())
    fy24 = fy24.replace(old, m).replace(old.lower(), m.lower())
with open("hostile-followup-r6.tsv", "w", encoding="utf-8") as f:
    f.write(fy24)

# ---- the indicators -------------------------------------------------------


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


defs = read_csv(DEFS)
dh = defs[0]
col = {k: dh.index(k) for k in dh}
byc = {r[0]: r for r in defs[1:]}
# HUB-COURSES: no target, so target_note is shown; every text field hostile.
r = byc["HUB-COURSES"]
for k, link in (("name_ja", False), ("name_en", False), ("unit", False), ("unit_en", False),
                ("target_note", False), ("source", True), ("notes", True)):
    M["ind_" + k], r[col[k]] = new(f"indicator.{k}", link=link)
# MEDISO-CASES: a baseline and a target, so the chart draws the target
# label with the (hostile) unit.
r = byc["MEDISO-CASES"]
for k in ("name_ja", "name_en", "unit", "unit_en"):
    M["ind2_" + k], r[col[k]] = new(f"indicator.{k} (with a target)")
r[col["baseline_year"]], r[col["baseline_value"]] = "2018", "151"
r[col["target_year"]], r[col["target_value"]] = "2026", "400"
write_csv("hostile-defs.csv", defs)

# The values importer refuses C0 controls in any field (tested in
# indicators_test.py); DEL it takes.
DEL = "\x7f"
vals = read_csv(VALUES)
vh = vals[0]
dim = vh.index("相談製品")
# A header with a control character is refused ("one line of text").
M["dim"], vh[dim] = new("indicator.breakdowns (a breakdown dimension's name)", controls="")
vcol = {k: vh.index(k) for k in ("code", "year", "value", "note", "source", "date")}
done = set()
for r in vals[1:]:
    if r[0] == "HUB-COURSES" and r[1] == "2022":
        M["val_note"], r[vcol["note"]] = new("indicator_value.note", link=True, controls=DEL)
        M["val_source"], r[vcol["source"]] = new("indicator_value.source", link=True, controls=DEL)
        # (the date is validated and stored as ISO: no free text)
        done.add("value")
    elif r[0] == "HUB-COURSES" and r[1] == "2023":
        r[vcol["value"]] = ""
        M["val_na"], r[vcol["note"]] = new("indicator_value.na_reason (a value not available)",
                                           link=True, controls=DEL)
        done.add("na")
    elif r[0] == "MEDISO-TOTAL" and r[dim] and "member" not in done:
        M["member"], r[dim] = new("indicator_value.breakdown (a breakdown member)", controls=DEL)
        done.add("member")
assert done == {"value", "na", "member"}, done
write_csv("hostile-values.csv", vals)

# ---- import ---------------------------------------------------------------

DB = "hostile.db"
fresh_db(DB)
for kind, path in (("plan", "hostile-plan.txt"), ("followup", "hostile-followup-r6.tsv"),
                   ("followup", "hostile-followup-r7.tsv"), ("indicator-defs", "hostile-defs.csv"),
                   ("indicators", "hostile-values.csv")):
    p = subprocess.run([MDPLAN, "--db", DB, "import", kind, path], capture_output=True)
    check(f"import {kind} {path}", p.returncode == 0, p.stdout, p.stderr)
    try:
        p.stderr.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as e:
        utf8 = e
    # its notes quote the start of a text (an unmatched row, an untagged
    # item): cut between characters, not inside one
    check(f"import {kind} {path}: messages are UTF-8", utf8 is True, utf8, p.stderr[-300:])
    if p.returncode:
        summary()
        sys.exit(1)

# ---- every payload is where it says it is ---------------------------------

con = sqlite3.connect(DB)


def column_texts(table, column):
    return [v for (v,) in con.execute(f"SELECT {column} FROM {table}") if isinstance(v, str)]


for m, field in sorted(FIELDS.items()):
    table, column = field.split(" ")[0].split(".")
    texts = column_texts(table, column)
    check(f"{m} stored in {field}", any(m in t for t in texts))

# The follow-up rows still match the plan's items as the real table does:
# the payloads move no row to another item.
fresh_db("clean.db")
mdplan("--db", "clean.db", "import", "plan", PLAN)
mdplan("--db", "clean.db", "import", "followup", FOLLOWUP)
MATCH = ("SELECT f.src_line, a.no FROM followup f LEFT JOIN action_item a ON a.id = f.action_item_id"
         " WHERE f.fiscal_year = ? ORDER BY f.src_line")
clean = sqlite3.connect("clean.db").execute(MATCH, (2025,)).fetchall()
for fy in (2024, 2025):
    got = [r for r in con.execute(MATCH, (fy,)).fetchall() if r[0] != UNMATCHED_LINE]
    check(f"FY{fy}: every follow-up row matches the item it matches in the real table",
          got == clean, [(a, b) for a, b in zip(got, clean) if a != b][:5])
con.close()

# ---- the checkers ---------------------------------------------------------

MARK = re.compile(r"HZ\d\d")
INJECTED_TAGS = {"script", "img", "iframe", "textarea", "b", "object", "embed", "base", "frame"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Elements whose text runs on through them (a snippet's <mark>, a diff's
# <del>/<ins>, a link in a sentence); every other tag ends a block of text.
INLINE = {"a", "mark", "del", "ins", "span", "strong", "em", "abbr", "small", "code", "time",
          "sup", "sub", "i", "u", "s", "q", "bdi", "data", "var", "kbd", "cite", "dfn"}
SEEN = {}       # output format -> marker -> where it was shown whole first
FMT = ["html"]  # the format being scanned
problems = {}   # check name -> list of findings, filled by the scanners


def problem(kind, where, what):
    problems.setdefault(kind, []).append(f"{where}: {what}")


def bad_url(v):
    v = "".join(c for c in v if c > " " and c != "\x7f").lower()
    return v.startswith(BAD_SCHEMES)


def bad_name(name):
    return name in INJECTED_TAGS or "hz" in name.lower()


def shown_whole(text, where, forms=None):
    """Every marker in text must stand in its whole payload. forms: other
    spellings the text may hold the payload in (an HTML cell as written)."""
    for m in set(MARK.findall(text)):
        if m not in SHOWN:
            SEEN.setdefault(FMT[0], {}).setdefault(m, where)   # raw markup: the marker only
            continue
        want = SHOWN[m]
        if want in text or (forms and any(f(want) in text for f in forms)):
            SEEN.setdefault(FMT[0], {}).setdefault(m, where)
        else:
            i = text.find(m)
            problem("payload shown whole", where, f"{m} ({FIELDS[m]}) cut or changed: "
                    f"{text[max(0, i - 60):i + 200]!r}")


class Page(html.parser.HTMLParser):
    """One HTML page (or snippet): injected elements and attributes, and the
    text of each block twice, without <del> and without <ins>."""

    def __init__(self, where, whole=True, allowed=None):
        super().__init__(convert_charrefs=True)
        self.where, self.whole, self.allowed = where, whole, allowed
        self.depth = {"del": 0, "ins": 0}
        self.text = {"del": [], "ins": []}   # block text without del / without ins

    def flush(self):
        for k in self.text:
            if self.whole:
                shown_whole("".join(self.text[k]), self.where)
            self.text[k] = []

    def data_(self, d):
        for k in self.text:
            if not self.depth[k]:
                self.text[k].append(d)

    def tag_(self, tag, attrs):
        if tag == "textarea" and dict(attrs).get("id") in OWN_TEXTAREAS:
            self.own_textarea = True   # the edit form's own (checked by id)
        elif bad_name(tag) or (self.allowed is not None and tag not in self.allowed):
            problem("no injected element", self.where, f"<{tag} {attrs}>")
        for k, v in attrs:
            if k.startswith("on") or bad_name(k):
                problem("no injected attribute", self.where, f"<{tag} {k}={v!r}>")
            if v is not None and k in URL_ATTRS and bad_url(v):
                problem("no javascript: URL", self.where, f"<{tag} {k}={v!r}>")
            if v is not None and self.whole and MARK.search(v):
                shown_whole(v, self.where + f" <{tag} {k}>")

    def handle_starttag(self, tag, attrs):
        self.tag_(tag, attrs)
        if tag in self.depth:
            self.depth[tag] += 1
        elif tag not in INLINE:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        self.tag_(tag, attrs)
        if tag not in INLINE:
            self.flush()

    def handle_endtag(self, tag):
        if tag == "textarea" and getattr(self, "own_textarea", False):
            self.own_textarea = False
        elif bad_name(tag):
            problem("no injected element", self.where, f"</{tag}>")
        if tag in self.depth:
            self.depth[tag] = max(0, self.depth[tag] - 1)
        elif tag not in INLINE:
            self.flush()

    def handle_data(self, d):
        self.data_(d)

    def handle_comment(self, d):
        problem("no comment", self.where, f"<!--{d[:80]}")

    def handle_pi(self, d):
        problem("no processing instruction", self.where, d[:80])

    def unknown_decl(self, d):
        problem("no CDATA or declaration", self.where, d[:80])

    def handle_decl(self, d):
        if d.lower() != "doctype html":
            problem("no CDATA or declaration", self.where, d[:80])

    def close(self):
        super().close()
        self.flush()


# the <textarea> elements of the indicator edit form (its id attributes);
# any other textarea is injected
OWN_TEXTAREAS = set()


def scan_html(body, where, whole=True, allowed=None):
    try:
        t = body.decode("utf-8") if isinstance(body, bytes) else body
    except UnicodeDecodeError as e:
        problem("UTF-8", where, str(e))
        return ""
    p = Page(where, whole, allowed)
    p.feed(t)
    p.close()
    return t


def xlsx_text(s):
    """A string as an XLSX part holds it: libxlsxwriter writes a control
    character as _xHHHH_."""
    return strip_controls(re.sub(r"_x[0-9A-Fa-f]{4}_", "", s))


def scan_xml(body, where, text_of=strip_controls):
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        problem("XML well-formed", where, str(e))
        return None
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if bad_name(tag):
            problem("no injected element", where, tag)
        for k, v in el.attrib.items():
            k = k.rsplit("}", 1)[-1]
            if k.startswith("on") or bad_name(k):
                problem("no injected attribute", where, f"<{tag} {k}={v!r}>")
            if k in URL_ATTRS and bad_url(v):
                problem("no javascript: URL", where, f"<{tag} {k}={v!r}>")
            shown_whole(text_of(v), where + f" <{tag} {k}>")
        for t in (el.text, el.tail):
            if t:
                shown_whole(text_of(t), where + f" <{tag}>")
    return root


def html_cell(s):
    return html.escape(s, quote=False)


def scan_json(body, where):
    try:
        doc = json.loads(body)
    except ValueError as e:
        problem("JSON valid", where, str(e))
        return None

    def walk(o, key):
        if isinstance(o, dict):
            for k, v in o.items():
                walk(v, k)
        elif isinstance(o, list):
            for v in o:
                walk(v, key)
        elif isinstance(o, str) and MARK.search(o) and key != "query":
            if key == "snippet":   # HTML: escaped text and <mark> only
                scan_html(o, where + " snippet", whole=False, allowed={"mark"})
            else:                  # the text as stored; an HTML cell as written
                shown_whole(strip_controls(o), where + f" {key!r}", forms=[html_cell])
    walk(doc, None)
    return doc


def scan_csv(body, where):
    try:
        t = body.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problem("UTF-8", where, str(e))
        return None
    rows = list(csv.reader(io.StringIO(t, newline="")))
    for r in rows:
        for c in r:
            shown_whole(strip_controls(c), where, forms=[html_cell])
    return rows


def scan_xlsx(body, where):
    try:
        z = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile as e:
        problem("XLSX container", where, str(e))
        return
    for name in z.namelist():
        if not name.endswith((".xml", ".rels")):
            continue
        try:
            root = ET.fromstring(z.read(name))
        except ET.ParseError as e:
            problem("XML well-formed", f"{where}:{name}", str(e))
            continue
        # not markup a browser renders: the text only
        for el in root.iter():
            if el.text:
                shown_whole(xlsx_text(el.text), f"{where}:{name}")


def scan(body, ctype, where):
    """One response or file, by its type."""
    FMT[0] = ctype.split(";")[0]
    if ctype.startswith("text/html"):
        return scan_html(body, where, whole="/search/" not in where)
    if ctype.startswith("image/svg+xml") or ctype.endswith("/xml"):
        return scan_xml(body, where)
    if ctype.startswith("application/json"):
        return scan_json(body, where)
    if ctype.startswith("text/csv"):
        return scan_csv(body, where)
    if "spreadsheetml" in ctype:
        return scan_xlsx(body, where)
    if not ctype.startswith("text/css"):
        problem("known content type", where, ctype)
    return None


def report(kind_prefix, names):
    for k in names:
        found = problems.pop(k, [])
        check(f"{kind_prefix}: {k}", not found, f"{len(found)} findings", *found[:8])


KINDS = ["UTF-8", "XML well-formed", "JSON valid", "XLSX container", "known content type",
         "no injected element", "no injected attribute", "no javascript: URL", "no comment",
         "no processing instruction", "no CDATA or declaration", "payload shown whole"]


def report_all(prefix):
    report(prefix, KINDS)
    for k in list(problems):
        report(prefix, [k])


# ---- the server: every page it links to, both languages ------------------

# An account whose display name and e-mail carry markup (what an admin can
# type): shown in the frame header, on the account page and on the
# administration pages.
HD, HE = marker_no(_next[0] + 1), marker_no(_next[0] + 2)
assert _next[0] + 2 < 100 and HD not in FIELDS and HE not in FIELDS
_next[0] += 2
ACCOUNT_DISPLAY = ("治験" + HD + f'<script>alert("{HD}")</script>"><img src=x onerror=alert(\'{HD}\')>'
                   + f"'onmouseover='{HD}' <b>{HD}</b>&amp;&lt;]]><!--{HD}-->承認")
ACCOUNT_EMAIL = (HE + f'<script>alert("{HE}")</script>"><img/src=x/onerror=alert(\'{HE}\')>'
                 + "&amp;]]><!--@hz.example")
for m, field, text in ((HD, "account.display (user add --display)", ACCOUNT_DISPLAY),
                       (HE, "account.email (user add --email)", ACCOUNT_EMAIL)):
    FIELDS[m] = field
    SHOWN[m] = text
HPW = "Hostile-Kirin-2024x"
with open("hostile.pw", "w") as fh:
    fh.write(HPW + "\n")
p = subprocess.run([MDPLAN, "--db", DB, "user", "add", "hzadmin", "--role", "admin", "--role",
                    "secretariat", "--display", ACCOUNT_DISPLAY, "--email", ACCOUNT_EMAIL,
                    "--password-file", "hostile.pw"], capture_output=True, text=True)
check("user add with a hostile display name and e-mail", p.returncode == 0, p.stderr)
srv = Server(DB, "--no-log")


def q(s):
    return urllib.parse.quote(s, safe="")


queries = [SHOWN[M["item"]][:40], M["issues"], "治験" + M["fu_results_html"], M["fu_plans"],
           f'<script>alert("{M["measure"]}")</script>', f"onerror=alert('{M['goal']}')",
           "javascript:alert(1)", "&amp;&lt;", "]]><!--", M["ind_name_ja"], M["fu_goal"], RAW]
start = ["/", "/en/", "/followups/2024/", "/api/v1/plans", "/api/v1/visions", "/api/v1/goals",
         "/api/v1/measures", "/api/v1/action-items", "/api/v1/ministries", "/api/v1/followups",
         "/api/v1/followups?year=2024", "/api/v1/indicators"]
start += [f"/api/v1/{kind}/{i}" for kind, n in (("visions", 3), ("goals", 11), ("measures", 43),
                                                ("action-items", 60)) for i in range(1, n + 1)]
for code in ("mhlw", "meti", "mext", "cao", "cas", "mic"):
    start.append(f"/api/v1/ministries/{code}")
for qq in queries:
    start += [f"/search/?q={q(qq)}", f"/en/search/?q={q(qq)}", f"/api/v1/search?q={q(qq)}&limit=100"]
start += [f"/search/?q={q(M['fu_results'])}&year=2025&ministry=mhlw&kind=followup",
          f"/search/?q={q('治験')}&page=2"]

fetched, todo, statuses, kinds, referrer = {}, list(start), {}, {}, {}
while todo and len(fetched) < 4000:
    path = todo.pop(0)
    if path in fetched:
        continue
    st, h, body = srv.get(path)
    ct = h.get("content-type", "")
    fetched[path] = (st, ct)
    statuses.setdefault(st, []).append(path)
    kind = re.sub(r"/\d+", "/N", path.split("?")[0]).replace("/api/v1/", "/api/vN/")
    kind = re.sub(r"-\d{4}", "-N", kind)
    kind = re.sub(r"/indicators/[^/]+(/|$)", r"/indicators/X\1", kind)
    kinds[kind] = kinds.get(kind, 0) + 1
    t = scan(body, ct, "GET " + path)
    if ct.startswith("text/html") and isinstance(t, str):
        for href in re.findall(r'href="([^"]*)"', t):
            href = html.unescape(href)
            if not href or href.startswith(("#", "http:", "https:", "mailto:")):
                continue
            u = urllib.parse.urljoin("http://x" + path, href)
            u = urllib.parse.urlsplit(u)
            nxt = urllib.parse.unquote(u.path) + ("?" + u.query if u.query else "")
            if nxt not in fetched and not nxt.startswith("/static/"):
                todo.append(nxt)
                referrer.setdefault(nxt, path)

# Search finds the hostile documents by their marker, also written next to
# Japanese text (a follow-up row is indexed by its cells, not the item text
# it quotes), and shows the query back as the value of its field.
SEARCHABLE = {"vision": "vision", "goal": "goal", "issues": "goal", "measure": "measure",
              "item": "item", "tag": "item", "untagged": "item", "fu_results": "followup",
              "fu_plans": "followup", "fu_results_html": "followup", "fu_plans_html": "followup"}
for role, kind in SEARCHABLE.items():
    for qq in (M[role], "治験" + M[role]):
        st, h, body = srv.get(f"/api/v1/search?q={q(qq)}&limit=100")
        res = scan(body, h.get("content-type", ""), "GET search " + qq) or {}
        kinds_found = {r["kind"] for r in res.get("results", [])}
        check(f"search {qq!r} ({FIELDS[M[role]]}) finds the {kind}", kind in kinds_found,
              res.get("total"), kinds_found)


class Field(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.value = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == "q":
            self.value = a.get("value")


for qq in queries:
    st, h, body = srv.get(f"/search/?q={q(qq)}")
    f = Field()
    f.feed(body.decode("utf-8"))
    check(f"search page: the query {qq!r} comes back whole as the field's value", f.value == qq, f.value)

# ---- signed in: the account's own texts on every page they appear on ----

st, h, sess = sign_in(srv, "hzadmin", HPW)
check("the hostile account signs in", st == 303 and sess, st, h)
if sess:
    cookie = {"Cookie": sess}
    crawl_seen = {k: dict(v) for k, v in SEEN.items()}   # kept for the checks below
    pages = {"/": {HD}, "/en/goals/1/": {HD}, "/account/": {HD}, "/en/account/": {HD},
             "/admin/users/": {HD}, "/en/admin/users/": {HD},
             "/admin/users/hzadmin/": {HD, HE}, "/en/admin/users/hzadmin/": {HD, HE},
             "/admin/audit/": {HD}}
    for path, want in pages.items():
        SEEN.clear()
        st, h, body = srv.req(path, headers=cookie)
        scan(body, h.get("content-type", ""), "GET (signed in) " + path)
        seen = set(SEEN.get("text/html", {}))
        check(f"signed in {path}: 200, the account's texts shown whole ({', '.join(sorted(want))})",
              st == 200 and want <= seen, st, sorted(seen))
    SEEN.clear()
    SEEN.update(crawl_seen)

rc, out, err = srv.stop()
check("server: clean exit, no sanitizer report", rc == 0 and "Sanitizer" not in err
      and "runtime error" not in err, rc, err[-1500:])
check(f"server: {len(fetched)} responses, every one 200",
      set(statuses) == {200}, *[f"{k}: {p} (linked from {referrer.get(p)})"
                                for k, v in statuses.items() if k != 200 for p in v[:5]])
need = ["/", "/visions/N/", "/goals/N/", "/measures/N/", "/items/N/", "/items/N/changes/",
        "/ministries/", "/ministries/meti/", "/followups/", "/followups/N/", "/followups/N/meti/",
        "/indicators/", "/indicators/X/", "/indicators/X/chart.svg", "/indicators/X/data.csv",
        "/search/", "/downloads/followup-N.csv", "/downloads/followup-N.xlsx",
        "/downloads/followup-N.json", "/downloads/indicators.csv", "/downloads/indicator-defs.csv",
        "/api/vN/search", "/api/vN/indicators/X"]
one_language = ("/api", "/downloads", "/indicators/X/chart.svg", "/indicators/X/data.csv")
missing = [k for k in need if k not in kinds
           or ("/en" + k not in kinds and not k.startswith(one_language))]
check("server: every page kind fetched in both languages", not missing, missing, sorted(kinds))
report_all("served")


# Every payload is shown: what a format does not carry is named here.
STORED_ONLY = {"area", "area_desc", "fu_vision", "fu_goal", "fu_goal_html", "fu_measure"}
FU_OWN_TEXT = {"fu_item", "fu_tag", "fu_item_html", "fu_tag_html"}   # tables quote the plan's
INDICATOR = {r for r in M if r.startswith(("ind", "dim", "val", "member"))}
FOLLOWUP_CELLS = {r for r in M if r.startswith(("fu_results", "fu_plans"))} | {"raw"}
M["raw"] = RAW
PLAN_TEXT = {"vision", "goal", "measure", "item", "tag", "untagged"}
expect = {
    # the table's own wording of an item is in the details for staff,
    # which anonymous readers and the published site do not get
    "text/html": set(M) - STORED_ONLY - FU_OWN_TEXT,
    "application/json": set(M) - STORED_ONLY - FU_OWN_TEXT,
    "text/csv": PLAN_TEXT | FOLLOWUP_CELLS | INDICATOR,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": PLAN_TEXT | FOLLOWUP_CELLS,
    "image/svg+xml": {"ind_name_ja", "ind_unit", "ind2_name_ja", "ind2_unit"},
}


def shown_everywhere(prefix, expect):
    for fmt, roles in expect.items():
        seen = SEEN.get(fmt, {})
        missing = sorted(f"{M[r]} {FIELDS[M[r]]}" for r in roles if M[r] not in seen)
        check(f"{prefix}: {fmt.split('/')[-1][:20]} shows every payload it carries, whole",
              not missing, *missing)
    SEEN.clear()


shown_everywhere("served", expect)

# ---- every file `mdplan publish` writes -----------------------------------

BY_EXT = {".html": "text/html", ".svg": "image/svg+xml", ".xml": "application/xml",
          ".json": "application/json", ".csv": "text/csv", ".css": "text/css",
          ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
p = mdplan("--db", DB, "publish", "site", "--base-url", "https://example.go.jp/<x-hz>/'\"",
           check_rc=False)
check("publish exits 0", p.returncode == 0, p.stderr)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk("site") for f in fs)
for path in files:
    with open(path, "rb") as fh:
        scan(fh.read(), BY_EXT.get(os.path.splitext(path)[1], "?"), path)
exts = {os.path.splitext(f)[1] for f in files}
check(f"publish: {len(files)} files of every kind read", exts == set(BY_EXT), exts)
report_all("published")
# the published JSON is the follow-up downloads (the API is not published)
shown_everywhere("published", dict(expect, **{"application/json": PLAN_TEXT | FOLLOWUP_CELLS}))

# ---- typed through the web forms: indicator editing (issue 13) -------------
#
# The secretariat types a payload into every text field of the indicator
# edit form and of a yearly value's form (the edit layer refuses control
# characters, so these carry none); each must come out escaped and whole on
# every page it appears on: the indicator page, the scorecard, the goal
# page, the edit page (as input values, in the textareas and in the change
# history), the chart, the data CSV and the API, in both languages, and on
# the 400 and 409 pages that send what was typed back.

OWN_TEXTAREAS.update({"target_note", "source", "notes"})
add_user(DB, "hz-sato", "Kirin-Tanuki-2024x", "--role", "secretariat")
srv = Server(DB, "--no-log")
web = Session(srv)
check("web forms: the secretariat signs in", web.login("hz-sato", "Kirin-Tanuki-2024x") == 303)
WEB = {}     # role -> marker, typed through the web
EDIT_URL, VALUES_URL = "/indicators/HUB-COURSES/edit/", "/indicators/HUB-COURSES/values/"
for k in ("name_ja", "name_en", "unit", "unit_en", "target_note", "source", "notes"):
    WEB["web_" + k], _ = new(f"indicator.{k} (typed in the web form)", controls="")
for k in ("note", "source", "na_reason"):
    WEB["web_val_" + k], _ = new(f"indicator_value.{k} (typed in the web form)", controls="")


def form_version(body, year=None):
    """The version of the definition form, or of the year's value form."""
    if year is None:
        m = re.search(r'action="[^"]*/edit/">\n<input type="hidden" name="csrf" value="[^"]*">\n'
                      r'<input type="hidden" name="version" value="(\d+)"', body)
    else:
        m = re.search(r'name="year" value="%d">\n<input type="hidden" name="version" value="(\d+)"'
                      % year, body)
    return m.group(1) if m else None


st, h, body = web.get(EDIT_URL)
v = form_version(body)
check("web forms: the edit page", st == 200 and v, st)
fields = {k: SHOWN[WEB["web_" + k]] for k in ("name_ja", "name_en", "unit", "unit_en",
                                              "target_note", "source", "notes")}
# a target, so the chart and the scorecard draw it with the hostile unit
fields.update({"version": v, "direction": "up", "year_kind": "calendar", "goal": "1",
               "measure": "", "baseline_year": "", "baseline_value": "", "target_year": "2026",
               "target_value": "100"})
st, h, _ = web.post(EDIT_URL, fields)
check("web forms: the hostile definition is saved (303)", st == 303, st)
st, h, body = web.get(EDIT_URL)
for year, op, extra in ((2022, "set", {"value": "49", "note": SHOWN[WEB["web_val_note"]],
                                       "source": SHOWN[WEB["web_val_source"]]}),
                        (2024, "clear", {"reason": SHOWN[WEB["web_val_na_reason"]]})):
    st, h, _ = web.post(VALUES_URL, dict(extra, year=str(year), op=op,
                                         version=form_version(body, year) or "x"))
    check(f"web forms: the hostile {year} value ({op}) is saved (303)", st == 303, st)
con = sqlite3.connect(DB)
for role, m in WEB.items():
    table, column = FIELDS[m].split(" ")[0].split(".")
    check(f"web forms: {m} stored in {FIELDS[m]}", any(m in t for t in column_texts(table, column)))
con.close()

# Typed bidirectional controls (Trojan Source: the text reads in another
# order than it is stored, so a reviewer approves what they did not read)
# and C1 controls: refused in every text field of both forms, beside the
# field, in the page's language, and nothing is written.
BAD_CHARS = {"U+202E RLO": "\u202e", "U+2066 LRI": "\u2066", "U+2069 PDI": "\u2069",
             "U+202A LRE": "\u202a", "U+0085 NEL": "\u0085", "U+009B CSI": "\u009b"}
REASON = {(True, ""): "文字の表示順を入れ替える制御文字", (True, "/en"): "Holds a bidirectional control",
          (False, ""): "使えない制御文字が含まれています", (False, "/en"): "Holds a control character"}


def refused_beside(body, field, want):
    return re.search(r'id="[^"]*' + field + r'[^"]*-error">' + re.escape(want), body)


st, h, body = web.get(EDIT_URL)
v_now = form_version(body)
for k in ("name_ja", "name_en", "unit", "unit_en", "target_note", "source", "notes"):
    d0 = db_dump(DB)
    for i, (name, ch) in enumerate(BAD_CHARS.items()):
        lang = "/en" if i % 2 else ""
        want = REASON[(name.startswith("U+20"), lang)]
        st, h, b = web.post(lang + EDIT_URL, dict(fields, version=v_now,
                                                  **{k: "治験" + ch + "承認のみ"}))
        check(f"web forms: {name} typed in the definition's {k} ({lang or 'ja'}): 400,"
              " the reason beside the field", st == 400 and refused_beside(b, k, want), st,
              re.findall(r'class="error"[^>]*>([^<]*)', b))
    check(f"web forms: ... and the refused {k} changed nothing", db_dump(DB) == d0)
for k, op, year in (("note", "set", 2022), ("source", "set", 2022), ("reason", "clear", 2024)):
    d0 = db_dump(DB)
    for i, (name, ch) in enumerate(BAD_CHARS.items()):
        lang = "/en" if i % 2 else ""
        want = REASON[(name.startswith("U+20"), lang)]
        st, h, b = web.post(lang + VALUES_URL, dict({"value": "49"} if op == "set" else {},
                                                    year=str(year), op=op,
                                                    version=form_version(body, year) or "x",
                                                    **{k: "出典" + ch + "令和6年"}))
        check(f"web forms: {name} typed in the {year} value's {k} ({lang or 'ja'}): 400,"
              " the reason beside the field", st == 400 and refused_beside(b, k, want), st,
              re.findall(r'class="error"[^>]*>([^<]*)', b))
    check(f"web forms: ... and the refused value {k} changed nothing", db_dump(DB) == d0)

# the 400 and 409 pages send what was typed back
st, h, body = web.get(EDIT_URL)
bad = dict(fields, version=form_version(body), target_value="百")
st, h, page400 = web.post(EDIT_URL, bad)
check("web forms: a bad number with hostile text typed: 400", st == 400, st)
# from the version before the save above, with more typed into the notes
stale = dict(fields, version=v, notes=fields["notes"] + " 私の追記")
st, h, page409 = web.post(EDIT_URL, stale)
check("web forms: a stale save with hostile text typed: 409", st == 409, st)
st, h, vbody = web.get(EDIT_URL)
st, h, vpage409 = web.post(VALUES_URL, {"year": "2022", "op": "set", "value": "50", "version": "1",
                                        "note": SHOWN[WEB["web_val_note"]] + "x"})
check("web forms: a stale value save with hostile text typed: 409", st == 409, st)
pages = {"400 page": page400, "409 page": page409, "409 page (value)": vpage409}
for lang in ("", "/en"):
    for path in ("/indicators/HUB-COURSES/", "/indicators/", "/goals/1/", EDIT_URL):
        st, h, b = web.get(lang + path)
        check(f"web forms: GET {lang}{path}", st == 200, st)
        pages[lang + path] = b
for path in ("/indicators/HUB-COURSES/chart.svg", "/indicators/HUB-COURSES/data.csv",
             "/api/v1/indicators/HUB-COURSES", "/downloads/indicators.csv",
             "/downloads/indicator-defs.csv"):
    st, h, b = srv.get(path)
    scan(b, h.get("content-type", ""), "GET " + path)
    check(f"web forms: GET {path}", st == 200, st)
for where, b in pages.items():
    FMT[0] = "text/html"
    scan_html(b, "web " + where)
rc, out, err = srv.stop()
check("web forms: server clean exit, no sanitizer report", rc == 0 and "Sanitizer" not in err
      and "runtime error" not in err, rc, err[-1500:])
report_all("web forms")
seen = SEEN.get("text/html", {})
check("web forms: every typed payload is shown whole in HTML",
      all(m in seen for m in WEB.values()), sorted(m for m in WEB.values() if m not in seen))
for where, want in (("409 page", ["web_name_ja", "web_unit", "web_target_note", "web_source",
                                  "web_notes"]),
                    ("400 page", ["web_name_ja", "web_notes"]),
                    ("409 page (value)", ["web_val_note"])):
    text = html.unescape(re.sub(r"<[^>]+>", " ", pages[where]))
    missing = [WEB[r] for r in want if SHOWN[WEB[r]] not in text]
    check(f"web forms: the {where} shows what was typed, escaped and whole", not missing, missing)
check("web forms: the 409 page shows the typed text beside the stored one",
      "このフォームを開いた後に" in page409 and page409.count(WEB["web_notes"]) >= 2)
SEEN.clear()
p = mdplan("--db", DB, "audit", "verify", check_rc=False)
check("web forms: audit verify after the hostile edits", p.returncode == 0, p.stdout, p.stderr)

summary()
