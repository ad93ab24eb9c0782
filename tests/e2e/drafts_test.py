#!/usr/bin/env python3
"""Draft round entries through the web search, with real sessions (issue
14: "Draft entries are searchable by those who may read them (their
ministry, the secretariat, reviewers once submitted) ... and by nobody
else").

On a database with the plan and the FY2025 table, the FY2026 round open
and five accounts (an editor of 経, an editor of 厚, the secretariat, a
reviewer, an admin), 経's entry of A10 is written with a word no other
document has, and /search/ and /api/v1/search are asked for it by each
signed-in user and anonymously, through every step: a draft (its editor
and the secretariat find it; 厚's editor, the reviewer, the admin and the
public do not), submitted (the reviewer too), returned (the reviewer no
longer: a returned entry is back with its ministry until it is submitted
again), its text changed (the old word gone for everyone), accepted and
published (the public still never sees the entry). Where a viewer must not
find it, the page and the API answer exactly what they answer for a word
found nowhere (count, total, facets, the 'no results' text) - nothing
leaks. Signed-in search answers are private, never cached. The entry's
steps are taken with `mdplan round entry ... --as USER` (the round's web
form is another module's).

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import http.client
import json
import os
import re
import urllib.parse

from tap import Server, check, fresh_db, mdplan, sign_in, summary

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
DB = "drafts.db"
WORD, NOWHERE = "草案専用語ミズナラ", "草案専用語ブナノキ"   # the same shape; the second is nowhere
WORD2 = "書き直し語トチノキ"
PW = "Kirin-Tanuki-2024x"

fresh_db(DB)
mdplan("--db", DB, "import", "plan", PLAN)
mdplan("--db", DB, "import", "followup", FOLLOWUP)
with open("drafts.pw", "w") as f:
    f.write(PW + "\n")
USERS = {"keizai": ("--role", "editor", "--ministry", "経"),
         "kosei": ("--role", "editor", "--ministry", "厚"),
         "sec": ("--role", "secretariat"),
         "rev": ("--role", "reviewer"),
         "adm": ("--role", "admin")}
for name, args in USERS.items():
    mdplan("--db", DB, "user", "add", name, *args, "--password-file", "drafts.pw")
mdplan("--db", DB, "round", "open", "2026", "--deadline", "2027-01-31")
srv = Server(DB)


def req(path, method="GET", fields=None, cookie=None):
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    hd = {}
    body = None
    if fields is not None:
        body = urllib.parse.urlencode(fields).encode()
        hd["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        hd["Cookie"] = cookie
    c.request(method, path, body=body, headers=hd)
    r = c.getresponse()
    data = r.read().decode("utf-8", "replace")
    raw = r.getheaders()
    c.close()
    return (r.status, {k.lower(): v for k, v in raw},
            [v for k, v in raw if k.lower() == "set-cookie"], data)


def login(name):
    st, h, sess = sign_in(srv, name, PW)
    check(f"{name} signs in", st == 303 and sess, st, h)
    return sess


cookie = {name: login(name) for name in USERS}
cookie["anonymous"] = None
VIEWERS = ["keizai", "kosei", "sec", "rev", "adm", "anonymous"]
FACETS = ["", "&kind=entry", "&ministry=meti", "&year=2026", "&kind=followup"]


def api(who, q, extra=""):
    st, h, _, body = req("/api/v1/search?q=" + urllib.parse.quote(q) + extra, cookie=cookie[who])
    return st, h, body


def page(who, q, extra=""):
    st, h, _, body = req("/search/?q=" + urllib.parse.quote(q) + extra, cookie=cookie[who])
    return st, h, body


def entry(who, *args):
    mdplan("--db", DB, "round", "entry", "2026", "A10", "経", *args, "--as", who)


def finds(who, q, state):
    """who finds q in 経's entry of A10, in that state, on the API and the page"""
    st, h, body = api(who, q)
    j = json.loads(body) if st == 200 else {}
    r = j.get("results", [{}])[0] if j.get("results") else {}
    ok_api = (st == 200 and j.get("total") == 1 and r.get("kind") == "entry" and
              r.get("url") == "rounds/2026/items/10/meti/" and r.get("state") == state and
              r.get("draft") is True and r.get("ministry") == "meti" and
              f"<mark>{q}</mark>" in r.get("snippet", ""))
    check(f"{who} finds {q} ({state}) through the API", ok_api, st, body[:400])
    st2, h2, body2 = page(who, q)
    label = {"draft": "作成中", "submitted": "提出済み", "returned": "差戻し",
             "accepted": "受理済み"}[state]
    check(f"{who} finds {q} ({state}) on the page: 1件, labelled 下書き and {label}, linked",
          st2 == 200 and "1件" in body2 and 'class="hit hit-entry"' in body2 and
          "下書き 令和8年度・取組A10・経（" + label + "）" in body2 and
          'href="../rounds/2026/items/10/meti/"' in body2 and f"<mark>{q}</mark>" in body2,
          st2, re.findall(r'<li class="hit.*?</li>', body2, re.S)[:1])
    check(f"{who}'s answers are private and never cached",
          h.get("cache-control") == "private, no-store" and
          h2.get("cache-control") == "private, no-store", h.get("cache-control"),
          h2.get("cache-control"))


def blind(who, q, why):
    """who gets for q exactly what a word found nowhere gets, page and API,
    with every facet"""
    bad = []
    for extra in FACETS:
        a = api(who, q, extra)
        b = api(who, NOWHERE, extra)
        if a[0] != b[0] or a[2] != b[2].replace(NOWHERE, q):
            bad.append(("api", extra, a[2][:300]))
        a = page(who, q, extra)
        b = page(who, NOWHERE, extra)
        if a[0] != b[0] or a[2] != b[2].replace(urllib.parse.quote(NOWHERE), urllib.parse.quote(q)) \
                .replace(NOWHERE, q):
            bad.append(("page", extra))
        if q in a[2].replace(f'value="{q}"', "").replace(f"「{q}」", ""):
            bad.append(("page shows the word outside the query", extra))
    j = json.loads(api(who, q)[2])
    check(f"{who} does not find {q} ({why}): total 0, page and API as for a word found nowhere"
          f" (facets {', '.join(f or 'none' for f in FACETS)})",
          not bad and j["total"] == 0 and j["results"] == [] and
          "0件" in page(who, q)[2], bad[:3])


# ---- nothing yet: the round's empty entries are no documents --------------

for who in VIEWERS:
    st, h, body = api(who, WORD)
    check(f"before the draft: {who} finds nothing", st == 200 and json.loads(body)["total"] == 0)
st, h, body = page("anonymous", WORD)
check("anonymous: the search form does not offer the round's entries",
      'value="entry"' not in body and st == 200)
st, h, body = page("kosei", WORD)
check("an editor: the search form offers the round's entries (下書き)",
      '<option value="entry">下書き</option>' in body, re.findall(r"<select id=\"kind\".*?</select>",
                                                                 body, re.S))
st, h, body = page("adm", WORD)
check("an admin (reads no drafts): the form does not offer them", 'value="entry"' not in body)

# ---- a draft -------------------------------------------------------------

with open("results.txt", "w", encoding="utf-8") as f:
    f.write(f"拠点を整備し、{WORD}を試行した。\n・伴走支援\n")
entry("keizai", "--save", "--results-file", "results.txt")
finds("keizai", WORD, "draft")
finds("sec", WORD, "draft")
for who in ("kosei", "rev", "adm", "anonymous"):
    blind(who, WORD, "a draft")
# a common word: 経's editor gets one more hit than 厚's, who get what the public gets
common = "拠点"
tot = {who: json.loads(api(who, common)[2])["total"] for who in VIEWERS}
check("a common word: the draft adds one hit for its readers only, the others as the public",
      tot["keizai"] == tot["sec"] == tot["anonymous"] + 1 and
      tot["kosei"] == tot["rev"] == tot["adm"] == tot["anonymous"] > 0, tot)
st, h, body = api("anonymous", WORD)
check("anonymous answers stay shareable (no-cache, not private)",
      "private" not in h.get("cache-control", ""), h.get("cache-control"))

# ---- submitted: the reviewers too -----------------------------------------

entry("keizai", "--submit")
finds("rev", WORD, "submitted")
finds("keizai", WORD, "submitted")
finds("sec", WORD, "submitted")
for who in ("kosei", "adm", "anonymous"):
    blind(who, WORD, "submitted")

# ---- returned: back with its ministry, not the reviewers' until resubmitted

entry("sec", "--return", "数値を入れてください", "--field", "results")
finds("keizai", WORD, "returned")
finds("sec", WORD, "returned")
for who in ("rev", "kosei", "adm", "anonymous"):
    blind(who, WORD, "returned")

# ---- the text changes: the old word is gone from the index ---------------

with open("results2.txt", "w", encoding="utf-8") as f:
    f.write(f"拠点を整備し、{WORD2}を試行した。\n")
entry("keizai", "--save", "--results-file", "results2.txt")
for who in VIEWERS:
    blind(who, WORD, "the text no longer has it")
finds("keizai", WORD2, "returned")
finds("sec", WORD2, "returned")

# ---- the command line: public unless --as --------------------------------

entry("keizai", "--submit")
r = json.loads(mdplan("--db", DB, "search", WORD2, "--json").stdout)
check("mdplan search: the public finds no entry", r["total"] == 0, r)
r = json.loads(mdplan("--db", DB, "search", WORD2, "--json", "--as", "keizai").stdout)
check("mdplan search --as keizai: 経's editor finds it", r["total"] == 1 and
      r["results"][0]["kind"] == "entry", r)
r = json.loads(mdplan("--db", DB, "search", WORD2, "--json", "--as", "kosei").stdout)
check("mdplan search --as kosei: 厚's editor does not", r["total"] == 0, r)
p = mdplan("--db", DB, "search", WORD2, "--as", "nobody", check_rc=False)
check("mdplan search --as an unknown account: refused", p.returncode != 0 and
      "nobody" in p.stderr, p.returncode, p.stderr)

# ---- accepted and published: the public reads the edition, never the entry

entry("sec", "--accept")
finds("rev", WORD2, "accepted")
mdplan("--db", DB, "round", "publish", "2026", "--as", "sec")
for who in ("anonymous", "kosei", "adm"):
    st, h, body = api(who, WORD2)
    j = json.loads(body) if st == 200 else {}
    kinds = [x.get("kind") for x in j.get("results", [])]
    check(f"{who} finds {WORD2} after publishing only as the published follow-up, never the entry",
          st == 200 and kinds == ["followup"] and "draft" not in body and
          "rounds/" not in body, st, body[:400])
st, h, body = api("keizai", WORD2)
kinds = sorted(x.get("kind") for x in json.loads(body).get("results", []))
check("経's editor finds both its entry and the published text", kinds == ["entry", "followup"],
      body[:400])
p = mdplan("--db", DB, "search", "--check", check_rc=False)
check("the index matches the texts after every step (search --check)", p.returncode == 0,
      p.stdout)

srv.stop()
summary()
