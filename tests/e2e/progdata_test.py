#!/usr/bin/env python3
"""The programme, budget, result and hub data for the demo (data/programmes.csv,
data/budgets.csv, data/programme-results.csv, data/programme-indicators.csv,
data/hubs.csv) checked against the documents they cite.

Every citation is "FILE:LINE quote": the quote must be on that line of the
document (it may run on into the next non-empty lines, as names broken by the
PDF extraction do), and the row's figure or name must be inside the quote.
Spacing and the follow-up table's HTML tags are not significant ("7.7 億円",
"1 0 1 0", "National  Center", "</li> <li>"), but
characters are: full-width and half-width digits, 約 and the units must be
as the document writes them. The checks are run once more on deliberately
wrong copies of the rows, which must be caught (a checker that passes
everything would pass the real data too)."""
import copy
import io
import csv
import os
import re
import unicodedata
from decimal import Decimal

from tap import check, summary

top = os.environ["top"]
DATA = os.path.join(top, "data")
seeds = os.environ.get("SEEDS", "")
SEEDED = all(os.path.exists(os.path.join(seeds, f)) for f in (
    "000_6f8e9a04738d3045.txt", "002_208b96f187c3fabc.txt", "003_be5ddb96f8cc36cb.txt",
    "004_539cb13413abb889.txt"))
# Without shared/seeds: data/docs holds 000, 002 and 004, and 003 is
# data/followup-r7.tsv (byte-for-byte copies; data/SOURCES.md).
FALLBACK = {"003_be5ddb96f8cc36cb.txt": os.path.join(DATA, "followup-r7.tsv")}

MINISTRIES = {"厚", "経", "文", "内", "内官", "総"}
KINDS = {"initial", "initial_draft", "supplementary", "supplementary_draft", "request"}
PREFECTURES = ("北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 "
               "神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 "
               "大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 "
               "福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県").split()
CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")

HEADERS = {
    "programmes.csv": ["code", "name_ja", "name_en", "ministry", "division", "parent", "predecessor",
                       "successor", "first_year", "last_year", "body", "funding", "rate", "selection",
                       "purpose", "scheme", "notes", "source", "evidence"],
    "budgets.csv": ["code", "fiscal_year", "kind", "kind_as_written", "amount", "amount_yen",
                    "share_of_larger", "of_code", "multi_year", "fund", "note", "source"],
    "programme-results.csv": ["code", "year", "year_kind", "period", "what", "value", "number", "bound",
                              "unit", "as_of", "note", "source"],
    "programme-indicators.csv": ["code", "indicator", "note"],
    "hubs.csv": ["programme", "kind", "stage", "institution", "category", "count", "budget_per_hub",
                 "budget_per_hub_yen", "fiscal_years", "as_of", "prefecture", "prefecture_basis",
                 "results", "note", "source"],
}


def read(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as f:
        text = f.read()
    rows = list(csv.reader(text.splitlines(keepends=True)))
    return text, rows


_docs = {}


def doc(name):
    if name not in _docs:
        path = os.path.join(seeds, name) if SEEDED else FALLBACK.get(name, os.path.join(DATA, "docs", name))
        with open(path, encoding="utf-8") as f:
            _docs[name] = f.read().split("\n")
    return _docs[name]


def squeeze(s):
    """Spacing and markup out: HTML tags of the follow-up table's cells go
    (the cells are read as text), single digits spread by the extraction are
    joined ("1 0 1 0" -> "1010"), other whitespace goes unless it separates
    two numbers ("1296 1356" stays two numbers)."""
    s = re.sub(r"<[^<>]*>", " ", s)
    s = re.sub(r"(?<!\d)\d(?:[ \u3000]\d(?!\d))+", lambda m: re.sub(r"\s", "", m.group(0)), s)
    return re.sub(r"\s+", lambda m: " " if (m.start() > 0 and m.end() < len(s) and s[m.start() - 1].isdigit()
                                            and s[m.end()].isdigit()) else "", s)


def find(hay, needle, limit=None):
    """Index of needle in hay (both squeezed), not glued to other digits;
    with limit, the match must start before it. -1 if absent."""
    if not needle:
        return -1
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0 or (limit is not None and i >= limit):
            return -1
        j = i + len(needle)
        if not (needle[0].isdigit() and i > 0 and hay[i - 1].isdigit()) and \
                not (needle[-1].isdigit() and j < len(hay) and hay[j].isdigit()):
            return i
        start = i + 1


CITE = re.compile(r"^(\d{3}_[0-9a-f]{16}\.txt):(\d+) (.+)$")


def cite(source):
    """(file, line, quote) if the quote starts on the cited line, else an error string."""
    m = CITE.match(source)
    if not m:
        return "not FILE:LINE quote: %r" % source
    name, n, quote = m.group(1), int(m.group(2)), m.group(3)
    try:
        lines = doc(name)
    except OSError:
        return "no such document: %s" % name
    if not 1 <= n <= len(lines):
        return "%s has no line %d" % (name, n)
    first = squeeze(lines[n - 1])
    more = [squeeze(x) for x in lines[n:n + 12] if x.strip()][:3]
    if find(first + "".join(more), squeeze(quote), limit=max(len(first), 1)) < 0:
        return "%s:%d does not hold %r (line: %r)" % (name, n, quote, lines[n - 1][:120])
    return name, n, quote


def within(needle, quote):
    return find(squeeze(quote), squeeze(needle)) >= 0


def near(name, n, text, before=3, after=1):
    lines = doc(name)
    window = "".join(squeeze(x) for x in lines[max(0, n - 1 - before):n + after])
    return find(window, squeeze(text)) >= 0


ERA = {"令和": 2018, "平成": 1988}


def year_of(text):
    """Western year of the first era or western year in text, or None."""
    t = unicodedata.normalize("NFKC", text)
    m = re.search(r"(令和|平成)(\d+)", t)
    if m:
        return ERA[m.group(1)] + int(m.group(2))
    m = re.search(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", t)
    return int(m.group(1)) if m else None


UNIT = {"億": 100000000, "百万": 1000000, "千": 1000, "万": 10000}


def yen(amount):
    """Yen of an amount as the documents write it, or None."""
    t = unicodedata.normalize("NFKC", amount).replace(" ", "").replace(",", "")
    m = re.fullmatch(r"約?(\d+(?:\.\d+)?)(?:\(-)?(億|百万|千|万)円\)?(?:程度)?", t)
    if not m:
        return None
    v = Decimal(m.group(1)) * UNIT[m.group(2)]
    return int(v) if v == int(v) else None


def number(value):
    t = unicodedata.normalize("NFKC", value).replace(" ", "").replace(",", "")
    m = re.fullmatch(r"約?(\d+)(万)?", t)
    if not m:
        return None
    return int(m.group(1)) * (10000 if m.group(2) else 1)


def kind_of(written):
    if "概算要求" in written:
        return "request"
    if "補正" in written:
        return "supplementary_draft" if "案" in written else "supplementary"
    return "initial_draft" if "案" in written else "initial"


def evidence(row):
    """{field: [(file, line, quote)]} and a list of errors."""
    out, errs = {}, []
    if not row["evidence"]:
        return out, errs
    for part in row["evidence"].split(" | "):
        field, _, src = part.partition("=")
        got = cite(src)
        if isinstance(got, str):
            errs.append("%s evidence %s: %s" % (row["code"], field, got))
        else:
            out.setdefault(field, []).append(got)
    return out, errs


# ---- the checks, as functions of the rows so that broken copies can be fed in ----
def check_programmes(progs):
    errs = []
    codes = [p["code"] for p in progs]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        errs.append("duplicate codes: %s" % sorted(dup))
    known = set(codes)
    for p in progs:
        c = p["code"]
        if not CODE.match(c):
            errs.append("%s: code is not upper-case ASCII words joined by -" % c)
        if p["ministry"] and p["ministry"] not in MINISTRIES:
            errs.append("%s: ministry %r" % (c, p["ministry"]))
        if not p["ministry"] and "所管" not in p["notes"]:
            errs.append("%s: no ministry and no note saying why" % c)
        for f in ("parent", "predecessor", "successor"):
            if p[f] and (p[f] not in known or p[f] == c):
                errs.append("%s: %s %r is not another programme" % (c, f, p[f]))
        if p["funding"] and not set(p["funding"].split("・")) <= {"補助", "委託"}:
            errs.append("%s: funding %r" % (c, p["funding"]))
        got = cite(p["source"])
        if isinstance(got, str):
            errs.append("%s source: %s" % (c, got))
        elif not within(p["name_ja"], got[2]):
            errs.append("%s: name %r is not in the quote %r" % (c, p["name_ja"], got[2]))
        ev, e = evidence(p)
        errs += e
        quotes = lambda f: [q for _, _, q in ev.get(f, [])]
        if p["name_en"] and not any(within(p["name_en"], q) for q in quotes("name_en") + [p["source"]]):
            errs.append("%s: name_en %r is not in a quote" % (c, p["name_en"]))
        for f in ("division", "body", "rate", "selection"):
            for part in filter(None, p[f].split("；")):
                if not any(within(part, q) for q in quotes(f)):
                    errs.append("%s: %s %r is not in its evidence" % (c, f, part))
        for part in filter(None, p["funding"].split("・")):
            if not any(within(part, q) for q in quotes("funding")):
                errs.append("%s: funding %r is not in its evidence" % (c, part))
        for f in ("first_year", "last_year"):
            if p[f]:
                y = year_of(p[f])
                if y is None or not any(y in {year_of(q), year_of(q[q.find("～"):]) if "～" in q else None}
                                        for q in quotes(f)):
                    errs.append("%s: %s %r is not in its evidence" % (c, f, p[f]))
        for f in ("parent", "predecessor", "successor"):
            if p[f] and not quotes(f):
                errs.append("%s: %s without evidence" % (c, f))
    # successor and predecessor agree, and parents do not loop
    by = {p["code"]: p for p in progs}
    for p in progs:
        if p["successor"] in by and by[p["successor"]]["predecessor"] not in ("", p["code"]):
            errs.append("%s: successor %s names another predecessor" % (p["code"], p["successor"]))
        seen, q = set(), p
        while q["parent"] in by:
            if q["code"] in seen:
                errs.append("%s: parents loop" % p["code"])
                break
            seen.add(q["code"])
            q = by[q["parent"]]
    return errs


def check_budgets(buds, known):
    errs = []
    keys = set()
    for b in buds:
        c = b["code"]
        where = "%s %s %s" % (c, b["fiscal_year"], b["amount"])
        if c not in known:
            errs.append("%s: no such programme" % where)
        if b["kind"] not in KINDS:
            errs.append("%s: kind %r" % (where, b["kind"]))
        elif kind_of(b["kind_as_written"]) != b["kind"]:
            errs.append("%s: kind %s but the document writes %r" % (where, b["kind"], b["kind_as_written"]))
        if not re.fullmatch(r"20\d\d", b["fiscal_year"]):
            errs.append("%s: fiscal_year %r" % (where, b["fiscal_year"]))
        y = year_of(b["kind_as_written"])
        if y is not None and str(y) != b["fiscal_year"]:
            errs.append("%s: %r is fiscal year %d" % (where, b["kind_as_written"], y))
        if yen(b["amount"]) is None or str(yen(b["amount"])) != b["amount_yen"]:
            errs.append("%s: amount_yen %s, the amount reads %s" % (where, b["amount_yen"], yen(b["amount"])))
        for f in ("share_of_larger", "multi_year", "fund"):
            if b[f] not in ("", "1"):
                errs.append("%s: %s %r" % (where, f, b[f]))
        if b["of_code"] and (b["of_code"] not in known or not b["share_of_larger"]):
            errs.append("%s: of_code %r" % (where, b["of_code"]))
        got = cite(b["source"])
        if isinstance(got, str):
            errs.append("%s: %s" % (where, got))
            continue
        name, n, quote = got
        if not within(b["amount"], quote):
            errs.append("%s: the amount is not in the quote %r" % (where, quote))
        if b["share_of_larger"] and "内数" not in quote and "内数" not in b["note"]:
            errs.append("%s: share_of_larger without 内数" % where)
        if not near(name, n, b["kind_as_written"]):
            errs.append("%s: %r is not written near %s:%d" % (where, b["kind_as_written"], name, n))
        key = (c, b["fiscal_year"], b["kind"], b["amount"], name)
        if key in keys:
            errs.append("%s: the same figure twice from one document" % where)
        keys.add(key)
    return errs


def check_results(res, known):
    errs = []
    for r in res:
        where = "%s %s %s" % (r["code"], r["what"], r["value"])
        if r["code"] not in known:
            errs.append("%s: no such programme" % where)
        if r["year_kind"] not in ("fiscal", "calendar", "") or bool(r["year"]) != bool(r["year_kind"]):
            errs.append("%s: year %r / year_kind %r" % (where, r["year"], r["year_kind"]))
        if r["year"] and year_of(r["year"]) is None:
            errs.append("%s: year %r" % (where, r["year"]))
        if r["bound"] not in ("", "about", "at_least", "more_than"):
            errs.append("%s: bound %r" % (where, r["bound"]))
        if number(r["value"]) is None or str(number(r["value"])) != r["number"]:
            errs.append("%s: number %s, the value reads %s" % (where, r["number"], number(r["value"])))
        if not r["unit"]:
            errs.append("%s: no unit" % where)
        if r["as_of"] and not re.fullmatch(r"20\d\d-\d\d(-\d\d)?", r["as_of"]):
            errs.append("%s: as_of %r" % (where, r["as_of"]))
        got = cite(r["source"])
        if isinstance(got, str):
            errs.append("%s: %s" % (where, got))
        elif not within(r["value"], got[2]):
            errs.append("%s: the value is not in the quote %r" % (where, got[2]))
        elif r["year"] and year_of(r["year"]) != year_of(got[2]) and "令和7年度の実績" not in r["note"]:
            errs.append("%s: the year is not in the quote %r" % (where, got[2]))
    return errs


def check_hubs(hubs, known):
    errs = []
    for h in hubs:
        where = "%s %s %s" % (h["programme"], h["institution"] or h["category"], h["prefecture"])
        if h["programme"] not in known:
            errs.append("%s: no such programme" % where)
        if h["kind"] not in ("hub", "member", "category", "network") or \
                h["stage"] not in ("adopted", "planned", "counted"):
            errs.append("%s: kind %r / stage %r" % (where, h["kind"], h["stage"]))
        if not h["category"]:
            errs.append("%s: no category (write unknown)" % where)
        if (h["kind"] in ("hub", "member")) != bool(h["institution"]):
            errs.append("%s: a %s row %s an institution" % (where, h["kind"], "without" if h["institution"] else "with"))
        if h["count"] and not re.fullmatch(r"\d+", h["count"]):
            errs.append("%s: count %r" % (where, h["count"]))
        if h["budget_per_hub"] and str(yen(h["budget_per_hub"])) != h["budget_per_hub_yen"]:
            errs.append("%s: budget_per_hub_yen %s" % (where, h["budget_per_hub_yen"]))
        for y in filter(None, h["fiscal_years"].split(";")):
            if not re.fullmatch(r"20\d\d", y):
                errs.append("%s: fiscal year %r" % (where, y))
        if h["prefecture"] and h["prefecture"] not in PREFECTURES:
            errs.append("%s: not a prefecture" % where)
        if bool(h["prefecture"]) != bool(h["prefecture_basis"]) or h["prefecture_basis"] not in ("", "stated", "name"):
            errs.append("%s: prefecture_basis %r" % (where, h["prefecture_basis"]))
        got = cite(h["source"])
        if isinstance(got, str):
            errs.append("%s: %s" % (where, got))
            continue
        quote = got[2]
        if h["institution"] and not within(h["institution"], quote):
            errs.append("%s: the institution is not in the quote %r" % (where, quote))
        if h["count"] and find(unicodedata.normalize("NFKC", squeeze(quote)), h["count"]) < 0:
            errs.append("%s: the count %s is not in the quote %r" % (where, h["count"], quote))
        if h["budget_per_hub"] and not within(h["budget_per_hub"], quote):
            errs.append("%s: the budget is not in the quote %r" % (where, quote))
        if h["prefecture_basis"] == "stated" and not within(h["prefecture"], quote):
            errs.append("%s: the prefecture is not in the quote %r" % (where, quote))
        if h["prefecture_basis"] == "name":
            stems = [p for p in PREFECTURES if (p if p == "北海道" else p[:-1]) in h["institution"]]
            if stems != [h["prefecture"]]:
                errs.append("%s: the institution's name names %s" % (where, stems))
    return errs


# ---- load ----
tables = {}
for name, header in HEADERS.items():
    text, rows = read(name)
    check("%s: UTF-8 with the header %s..." % (name, ",".join(header[:4])),
          rows and rows[0] == header and not text.startswith("\ufeff"), rows[0] if rows else None)
    widths = {len(r) for r in rows}
    check("%s: every row has the header's %d fields" % (name, len(header)), widths == {len(header)}, widths)
    tables[name] = [dict(zip(header, r)) for r in rows[1:]]
    # RFC 4180: what the csv module writes back is what is there

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    check("%s: RFC 4180 quoting (re-writing the rows gives the same bytes)" % name, out.getvalue() == text)

progs = tables["programmes.csv"]
buds = tables["budgets.csv"]
res = tables["programme-results.csv"]
links = tables["programme-indicators.csv"]
hubs = tables["hubs.csv"]
known = {p["code"] for p in progs}
by = {p["code"]: p for p in progs}

# ---- the real rows ----
e = check_programmes(progs)
check("programmes: %d rows, every name on its cited line, every field with evidence on its line" % len(progs),
      not e, *e[:8])
counted = [p for p in progs if p["ministry"] in ("厚", "経", "文", "内")]
check("programmes: at least 25 of 厚, 経, 文 and 内, each ministry present (%d)" % len(counted),
      len(counted) >= 25 and {p["ministry"] for p in counted} == {"厚", "経", "文", "内"})
e = check_budgets(buds, known)
check("budgets: %d rows, every amount on its cited line, kinds and fiscal years as written, yen as read" % len(buds),
      not e, *e[:8])
e = check_results(res, known)
check("results: %d rows, every value on its cited line" % len(res), not e, *e[:8])
e = check_hubs(hubs, known)
check("hubs: %d rows, every institution and count on its cited line" % len(hubs), not e, *e[:8])
with open(os.path.join(DATA, "indicator-defs.csv"), encoding="utf-8") as f:
    indicators = {r["code"] for r in csv.DictReader(f)}
bad = [(l["code"], l["indicator"]) for l in links if l["code"] not in known or l["indicator"] not in indicators]
check("programme-indicators: every link joins a programme and a demo indicator", not bad and links, bad)
check("programme-indicators: every demo indicator belongs to a programme",
      indicators == {l["indicator"] for l in links}, indicators - {l["indicator"] for l in links})

# ---- what the documents say, as numbers ----
def rows(programme, **kw):
    return [h for h in hubs if h["programme"] == programme and all(h[k] == v for k, v in kw.items())]


adopted = rows("MHLW-HUB", kind="hub", fiscal_years="2024")
check("hubs: the hub programme's 13 adopted hubs of FY2024, category unknown",
      len(adopted) == 13 and {h["category"] for h in adopted} == {"unknown"}
      and len({h["institution"] for h in adopted}) == 13, len(adopted))
for stage, fy, total in (("adopted", "2024", 13), ("planned", "2024", 15), ("planned", "2026", 13)):
    cats = rows("MHLW-HUB", kind="category", stage=stage, fiscal_years=fy)
    tot = rows("MHLW-HUB", kind="network", stage=stage, fiscal_years=fy)
    check("hubs: FY%s %s: three categories adding up to the stated %d hubs" % (fy, stage, total),
          len(cats) == 3 and sum(int(h["count"]) for h in cats) == total
          and [h["count"] for h in tot] == [str(total)], [(h["category"], h["count"]) for h in cats])
redesign = rows("MHLW-HUB", kind="category", stage="planned", fiscal_years="2026")
check("hubs: the FY2026 redesign prices each category (165, 65, 約21 百万円 per hub)",
      sorted(int(h["budget_per_hub_yen"]) for h in redesign) == [21000000, 65000000, 165000000])
reg = rows("METI-REGIONAL", kind="hub")
check("hubs: METI's regional hubs, 5 adopted in FY2021 and 2 in FY2022",
      sorted(h["fiscal_years"] for h in reg) == ["2021"] * 5 + ["2022"] * 2)
check("hubs: MEDIC's network counts 79 regional support bodies",
      [h["count"] for h in rows("METI-MEDIC", kind="network")] == ["79"])
check("hubs: 15 core clinical research hospitals (2024-04-01)",
      [(h["count"], h["as_of"]) for h in rows("MHLW-MEDTECH", category="臨床研究中核病院")] == [("15", "2024-04-01")])
per = [h for h in rows("CAO-NGMI-CERT", kind="network") if h["prefecture"]]
tot = [h for h in rows("CAO-NGMI-CERT", kind="network") if not h["prefecture"]]
check("hubs: the 147 cooperating medical institutions, by prefecture for all 47, add up",
      len(per) == 47 and {h["prefecture"] for h in per} == set(PREFECTURES)
      and sum(int(h["count"]) for h in per) == 147 and [h["count"] for h in tot] == ["147"])

# two documents that disagree are both there
def figures(code, fy):
    return sorted((b["kind"], b["amount"], b["source"][:3]) for b in buds if b["code"] == code and b["fiscal_year"] == fy)


check("budgets: FY2025 of 医療技術実用化総合促進事業: the draft (27億円, 002) and the budget (26億円, 003) both kept",
      figures("MHLW-MEDTECH", "2025") == [("initial", "26億円", "003"), ("initial_draft", "27億円", "002")],
      figures("MHLW-MEDTECH", "2025"))
check("budgets: FY2025 of 医療機器等研究成果展開事業: 11億円 (002) and 11.2億円 (003) both kept",
      figures("MEXT-RESULTS", "2025") == [("initial", "11.2億円", "003"), ("initial_draft", "11億円", "002")])
shares = [b for b in buds if b["share_of_larger"]]
check("budgets: 内数 rows are marked and point at the budget they are part of where it is recorded",
      all(b["of_code"] or b["code"] == "METI-STD" for b in shares) and
      {b["code"] for b in shares} >= {"METI-MEDIC", "METI-GLOBAL-HUBS", "METI-MEDTECH-ROUND", "METI-GUIDANCE"})
check("budgets: the fund of FY2023 (152億円, five years) is flagged multi-year and fund",
      [(b["multi_year"], b["fund"]) for b in buds if b["code"] == "MEXT-STARTUP"] == [("1", "1")])
check("budgets: no programme's budget is invented (the METI slides without amounts have no rows)",
      not [b for b in buds if b["code"] in ("METI-MEDTECH-INNOV", "METI-YOUNG", "METI-ADV-RD", "METI-HC-INTL")])


# ---- the checker catches wrong citations ----
def broken(table, i, **change):
    t = copy.deepcopy(table)
    t[i].update(change)
    return t


def shift(source, by=1):
    m = CITE.match(source)
    return "%s:%d %s" % (m.group(1), int(m.group(2)) + by, m.group(3))


bi = next(i for i, b in enumerate(buds) if b["amount"] == "442,607千円")
ri = next(i for i, r in enumerate(res) if r["value"] == "19")
hi = next(i for i, h in enumerate(hubs) if h["institution"] == "神戸大学")
pi = next(i for i, p in enumerate(progs) if p["code"] == "MHLW-CIN")
cases = [
    ("a budget cited one line off", check_budgets(broken(buds, bi, source=shift(buds[bi]["source"])), known)),
    ("a budget with another amount", check_budgets(broken(buds, bi, amount="442,608千円", amount_yen="442608000"), known)),
    ("a budget quote that is not in the document",
     check_budgets(broken(buds, bi, source=buds[bi]["source"].replace("442,607", "442,670")), known)),
    ("a budget of the wrong kind", check_budgets(broken(buds, bi, kind="supplementary"), known)),
    ("a budget of the wrong year", check_budgets(broken(buds, bi, fiscal_year="2025"), known)),
    ("a budget whose yen are not its amount", check_budgets(broken(buds, bi, amount_yen="44260700"), known)),
    ("a budget cited in another document",
     check_budgets(broken(buds, bi, source=buds[bi]["source"].replace("002_", "000_")), known)),
    ("a result with another value", check_results(broken(res, ri, value="18", number="18"), known)),
    ("a result cited one line off", check_results(broken(res, ri, source=shift(res[ri]["source"], -1)), known)),
    ("a hub cited on the next hub's line", check_hubs(broken(hubs, hi, source=shift(hubs[hi]["source"], -2)), known)),
    ("a hub given a prefecture its name does not name",
     check_hubs(broken(hubs, hi, prefecture="兵庫県", prefecture_basis="name"), known)),
    ("a programme named otherwise", check_programmes(broken(progs, pi, name_ja="クリニカル・イノベーション推進支援事業"))),
    ("a programme with a subsidy rate it does not have", check_programmes(broken(progs, pi, rate="１／３"))),
    ("a programme with evidence cited one line off",
     check_programmes(broken(progs, pi, evidence=progs[pi]["evidence"].replace(":1255 ", ":1256 ")))),
    ("a programme whose parent does not exist", check_programmes(broken(progs, pi, parent="NOPE"))),
    ("a programme code used twice", check_programmes(progs + [dict(progs[pi])])),
    ("a digit glued to the figure (1 for 19)", check_results(broken(res, ri, value="1", number="1"), known)),
]
for what, errs in cases:
    check("the checker rejects %s" % what, errs, "no error reported")

summary()
