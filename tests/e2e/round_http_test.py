"""The yearly follow-up round (issue 14) over HTTP with real sessions:
accounts like the demo's (a secretariat user, an editor of 経, an editor of
厚, a reviewer; an editor of 文 too) sign in through /login/ and take every
step through the entry pages /rounds/2026/items/{n}/{code}/ and the API.

Drafts, submit, return with a reason attached to a field, resubmit, the
consolidated text of a shared item (A6 ［◎厚、◎経］) written by a lead
ministry beside the co-owners' entries, accept. A stale save is refused
with both texts on the 409 page. Every forbidden combination (another
ministry's entry by URL, by form field and by API; an editor accepting or
returning; a reviewer editing or reading a draft; the secretariat saving or
submitting; a co-owner that is not a lead writing the consolidated text;
anonymous; no or a wrong CSRF token) is refused and `sqlite3 .dump` is
unchanged. Comments are visible to the entry's ministry, the secretariat
and reviewers, never to the public or another ministry's editor. The audit
trail holds every step with the request's address and id. Publishing is
round_test.py's."""
import hashlib
import json
import os
import re
import sqlite3
import threading
import time

from tap import (Server, Session, add_users, check, db_dump, fresh_db, mdplan, sign_in, signed_in,
                 summary)

top = os.environ.get("top") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PLAN = os.environ.get("PLAN") or os.path.join(top, "data", "plan-2nd.txt")
FU = os.environ.get("FOLLOWUP") or os.path.join(top, "data", "followup-r7.tsv")
PW = "Kx7-harbour-Lantern-92"
E = "/rounds/2026/items/"

db = "round_http.db"
fresh_db(db)
mdplan("--db", db, "import", "plan", PLAN)
mdplan("--db", db, "import", "followup", FU)
add_users(db, PW, (("sec", "secretariat", []), ("meti1", "editor", ["経"]),
                   ("mhlw1", "editor", ["厚"]), ("mext1", "editor", ["文"]),
                   ("rev", "reviewer", []), ("pw1", "reviewer", []), ("pw2", "reviewer", []),
                   ("pw3", "reviewer", []), ("pw4", "reviewer", [])))
mdplan("--db", db, "round", "publish", "2025", "--as", "sec")
mdplan("--db", db, "round", "open", "2026", "--deadline", "2027-01-31", "--as", "sec")

srv = Server(db)
S = signed_in(srv, PW, ("sec", "meti1", "mhlw1", "mext1", "rev"))
anon = Session(srv)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def version_in(html):
    m = re.search(r'name="version" value="(\d+)"', html)
    return m.group(1) if m else None


def entry(who, item, mini):
    """The entry as the API shows it to who."""
    st, h, t = S[who].get(f"/api/v1/rounds/2026/items/{item}/{mini}")
    return json.loads(t) if st == 200 else None


def ver(item, mini):
    return str(entry("sec", item, mini)["version"])


def post(who, item, mini, **fields):
    fields.setdefault("version", ver(item, mini))
    return S[who].post(f"{E}{item}/{mini}/", fields)


def blocks(item, mini, field):
    c = sqlite3.connect(db)
    q = ("SELECT b.kind, b.text FROM text_block b JOIN round_entry e ON b.owner = 'round_entry'"
         " AND b.owner_id = e.id AND b.field = ? JOIN action_item i ON i.id = e.action_item_id"
         " LEFT JOIN ministry m ON m.id = e.ministry_id WHERE i.no = ? AND "
         + ("e.consolidated = 1" if mini == "consolidated" else "m.code = ?") + " ORDER BY b.seq")
    args = (field, item) if mini == "consolidated" else (field, item, mini)
    r = c.execute(q, args).fetchall()
    c.close()
    return r


# ---- reading ----
st, h, t = S["meti1"].get(E + "6/meti/")
check("the 経 editor opens its A6 entry: a form with both fields",
      st == 200 and 'name="results"' in t and 'name="plans"' in t and
      'name="op" value="submit"' in t, st)
fy25 = blocks(6, "meti", "commitment")
check("... last year's 取組予定 beside this year's 実績・状況",
      fy25 and all(x[1] in t for x in fy25[:2]) and "前年度の取組予定" in t, fy25[:1])
check("... labelled fields in a fieldset with a legend, help tied by aria-describedby",
      "<fieldset><legend>" in t and '<label for="results">' in t and
      'aria-describedby="results-help"' in t)
st, h, t = S["meti1"].get("/en" + E + "6/meti/")
check("... and in English", st == 200 and "Results and status" in t and "Save draft" in t)
st, h, t = S["meti1"].get(E + "6/mhlw/")
check("a co-owner reads the other ministry's entry of a shared item, read only",
      st == 200 and 'name="results"' not in t and "閲覧のみ" in t, st)
st, h, t = S["meti1"].get(E + "1/mhlw/")
check("an editor may not read another ministry's entry of an item it has no part in", st == 403, st)
st, h, t = S["rev"].get(E + "1/mhlw/")
check("a reviewer does not read a draft", st == 403, st)
st, h, t = S["sec"].get(E + "1/mhlw/")
check("the secretariat reads it, with return and accept and no text fields",
      st == 200 and 'value="return"' in t and 'value="accept"' in t and
      'name="results"' not in t, st)
st, h, t = anon.get(E + "1/mhlw/")
check("anonymous: sent to sign in", st == 303 and h.get("location", "").endswith("login/"), st)
st, h, t = anon.get("/api/v1/rounds/2026/entries")
check("anonymous API: 401 as JSON", st == 401 and json.loads(t)["error"]["status"] == 401, st)
st, h, t = S["meti1"].get(E + "999/meti/")
check("an entry that does not exist: 404", st == 404, st)

# ---- drafts and submissions ----
st, h, t = post("meti1", 6, "meti", op="save", results="経済産業省の実績。\n・拠点を整備した\n・伴走支援を行った",
                plans="引き続き支援する。")
check("the 経 editor saves a draft: 303 back to the entry (POST-redirect-GET)",
      st == 303 and h.get("location", "").endswith(E + "6/meti/"), st, t[:300])
check("... stored as blocks (・ lines are list items)",
      blocks(6, "meti", "results") == [("p", "経済産業省の実績。"), ("li", "拠点を整備した"),
                                       ("li", "伴走支援を行った")], blocks(6, "meti", "results"))
st, h, t = S["meti1"].get(E + "6/meti/")
check("... the page shows the draft", "伴走支援を行った" in t and "下書き" in t)
st, h, t = post("meti1", 6, "meti", op="submit", results="経済産業省の実績。\n・拠点を整備した\n・伴走支援を行った",
                plans="引き続き支援する。")
check("... and submits it", st == 303 and entry("sec", 6, "meti")["state"] == "submitted", st, t[:300])
st, h, t = post("mhlw1", 6, "mhlw", op="submit", results="厚生労働省の実績。\n- 研修を実施した", plans="")
check("the 厚 editor saves and submits its A6 entry in one step",
      st == 303 and entry("sec", 6, "mhlw")["state"] == "submitted", st, t[:300])
st, h, t = post("mhlw1", 1, "mhlw", op="submit", results="育成事業を実施した。", plans="継続する。")
check("the 厚 editor submits A1", st == 303, st, t[:300])
st, h, t = post("mhlw1", 3, "mhlw", op="submit", results="", plans="")
check("submitting empty results: 400 with the message beside the field, nothing lost",
      st == 400 and 'id="results-error"' in t and "実績・状況が空です" in t, st)

# ---- stale, forbidden and forged steps change nothing ----
before = db_dump(db)
st, h, t = post("mhlw1", 1, "mhlw", op="save", results="古い版からの変更。", plans="継続する。", version="1")
check("a stale version: 409 with the stored text beside the typed one",
      st == 409 and "育成事業を実施した。" in t and "古い版からの変更。" in t and
      "保存されている文" in t and "あなたの入力" in t, st)
check("... the typed text is kept in the form, at the stored version",
      re.search(r'<textarea id="results"[^>]*>\s*古い版からの変更。', t) and
      version_in(t) == ver(1, "mhlw"), version_in(t))
v1 = ver(1, "mhlw")
tok = S["meti1"].csrf
forbidden = [
    ("another ministry's entry by URL", "meti1", E + "1/mhlw/",
     {"op": "save", "results": "x", "plans": "", "version": v1}),
    ("another ministry's entry by form field", "meti1", E + "1/mhlw/",
     {"op": "save", "results": "x", "plans": "", "version": v1, "ministry": "meti", "code": "meti"}),
    ("an editor accepting", "mhlw1", E + "1/mhlw/", {"op": "accept", "version": v1}),
    ("an editor returning", "meti1", E + "6/meti/",
     {"op": "return", "reason": "x", "version": ver(6, "meti")}),
    ("a reviewer editing", "rev", E + "1/mhlw/",
     {"op": "save", "results": "x", "plans": "", "version": v1}),
    ("a reviewer accepting", "rev", E + "1/mhlw/", {"op": "accept", "version": v1}),
    ("the secretariat saving", "sec", E + "1/mhlw/",
     {"op": "save", "results": "x", "plans": "", "version": v1}),
    ("the secretariat submitting", "sec", E + "6/consolidated/",
     {"op": "submit", "results": "x", "plans": "", "version": ver(6, "consolidated")}),
    ("a co-owner that is not a lead (文 on A4 ［文、◎経］) writing the consolidated text", "mext1",
     E + "4/consolidated/", {"op": "save", "results": "x", "plans": "",
                             "version": ver(4, "consolidated")}),
    ("an editor commenting", "meti1", E + "6/meti/comments/", {"text": "x"}),
    ("another ministry's editor commenting", "mext1", E + "6/meti/comments/", {"text": "x"}),
]
for name, who, path, fields in forbidden:
    st, h, t = S[who].post(path, fields)
    check(f"refused (403): {name}", st == 403, st, text_of(t)[-300:])
st, h, t = S["meti1"].post("/api/v1/rounds/2026/items/1/mhlw",
                           {"op": "save", "results": "x", "plans": "", "version": v1},
                           csrf=False, headers={"X-CSRF-Token": tok})
check("refused (403): another ministry's entry by API, as JSON",
      st == 403 and json.loads(t)["error"]["status"] == 403, st, t[:200])
st, h, t = S["meti1"].post("/api/v1/rounds/2026/items/6/meti",
                           {"op": "accept", "version": ver(6, "meti")}, csrf=False,
                           headers={"X-CSRF-Token": tok})
check("refused (403): an editor accepting by API", st == 403, st, t[:200])
st, h, t = S["meti1"].post(E + "6/meti/", {"op": "save", "results": "x", "plans": "",
                                           "version": ver(6, "meti")}, csrf=False)
check("refused (403): a post without the CSRF token", st == 403, st)
st, h, t = S["meti1"].post(E + "6/meti/", {"op": "save", "results": "x", "plans": "",
                                           "version": ver(6, "meti"), "csrf": "x" * 43})
check("refused (403): a post with a wrong CSRF token", st == 403, st)
st, h, t = S["meti1"].post("/api/v1/rounds/2026/items/6/meti",
                           {"op": "save", "results": "x", "version": ver(6, "meti")}, csrf=False)
check("refused (403): an API post without X-CSRF-Token or csrf", st == 403, st)
st, h, t = anon.post(E + "6/meti/", {"op": "save", "results": "x", "version": "2",
                                     "csrf": tok})
check("refused (403): anonymous", st == 403, st)
st, h, t = anon.post("/api/v1/rounds/2026/items/6/meti", {"op": "save", "results": "x",
                                                          "version": "2", "csrf": tok})
check("refused (401): anonymous by API", st == 401, st)
st, h, t = post("meti1", 6, "meti", op="delete")
check("an op the entry does not know: 403", st == 403, st)
st, h, t = post("sec", 1, "mhlw", op="return", reason="", field="results")
check("a return without a reason: 400, the message beside the reason",
      st == 400 and 'id="reason-error"' in t, st)
check("the database is unchanged after every refusal (sqlite3 .dump)", db_dump(db) == before)

# ---- review: return with a reason, comments, resubmit ----
st, h, t = post("sec", 1, "mhlw", op="return", reason="数値を記載してください", field="results")
check("the secretariat returns A1 with a reason about the results",
      st == 303 and entry("sec", 1, "mhlw")["state"] == "returned", st, t[:300])
st, h, t = S["mhlw1"].get(E + "1/mhlw/")
check("... the editor sees the reason beside the results field (aria-describedby)",
      re.search(r'<p class="error" id="results-error">[^<]*数値を記載してください', t) and
      re.search(r'<textarea id="results"[^>]*aria-describedby="[^"]*results-error', t))
st, h, t = S["rev"].post(E + "1/mhlw/comments/", {"text": "研修の受講者数は?"})
check("a reviewer comments on A1", st == 303, st, t[:300])
st, h, t = S["rev"].post(E + "6/mhlw/comments/", {"text": "厚生労働省への質問です"})
check("... and on 厚's A6 entry", st == 303, st)
st, h, t = S["sec"].post(E + "6/mhlw/comments/", {"text": ""})
check("an empty comment: 400 beside the field", st == 400 and 'id="comment-error"' in t, st)
for who, path, see in (("mhlw1", "1/mhlw/", True), ("sec", "1/mhlw/", True),
                       ("rev", "1/mhlw/", True), ("mhlw1", "6/mhlw/", True),
                       ("meti1", "6/mhlw/", False)):
    st, h, t = S[who].get(E + path)
    want = "研修の受講者数は?" if path == "1/mhlw/" else "厚生労働省への質問です"
    check(f"the comment on {path} is {'visible' if see else 'not visible'} to {who}",
          st == 200 and (want in t) == see, st)
j = entry("meti1", 6, "mhlw")
check("... nor in the API for the other ministry's editor",
      j and j["comments"] == [] and "厚生労働省への質問です" not in json.dumps(j, ensure_ascii=False), j)
j = entry("mhlw1", 6, "mhlw")
check("... which gives it to the ministry's own editor",
      j and [c["text"] for c in j["comments"]] == ["厚生労働省への質問です"], j and j["comments"])
for path in ("/items/1/", "/items/6/", "/followups/", "/search/?q=%E5%8F%97%E8%AC%9B%E8%80%85",
             "/api/v1/search?q=%E5%8F%97%E8%AC%9B%E8%80%85"):
    st, h, t = anon.get(path)
    check(f"the public never sees a comment: {path}", "受講者数" not in t and "質問です" not in t, st)
st, h, t = post("mhlw1", 1, "mhlw", op="submit", results="育成事業を実施した(受講者120名)。",
                plans="継続する。")
check("the 厚 editor resubmits A1", st == 303 and entry("sec", 1, "mhlw")["state"] == "submitted",
      st, t[:300])

# ---- consolidation by a lead ministry ----
st, h, t = S["mhlw1"].get(E + "6/mhlw/")
check("the lead's page shows the co-owners' entries beside its own and the consolidated text",
      "共同担当府省の報告" in t and "伴走支援を行った" in t and "取りまとめを書く" in t)
st, h, t = S["meti1"].get(E + "6/consolidated/")
check("the consolidated form starts from the ministries' parts marked 【省名】",
      st == 200 and re.search(r"<textarea id=\"results\"[^>]*>\s*【厚生労働省】\n厚生労働省の実績。", t) and
      "【経済産業省】" in t, st)
st, h, t = S["mext1"].get(E + "4/consolidated/")
check("a co-owner that is not a lead reads the consolidated entry without a form",
      st == 200 and 'name="results"' not in t, st)
cons = "【厚生労働省】\n研修を実施した。\n【経済産業省】\n拠点を整備した。"
st, h, t = post("meti1", 6, "consolidated", op="submit", results=cons, plans="引き続き支援する。")
check("a lead (経, one of ◎厚、◎経) writes and submits A6's consolidated text",
      st == 303 and entry("sec", 6, "consolidated")["state"] == "submitted", st, t[:300])
check("... the board can show who consolidated",
      entry("sec", 6, "consolidated")["consolidated_by"] == "user:meti1")
check("... stored in the structured form (【省名】 lines are paragraphs)",
      blocks(6, "consolidated", "results")[0] == ("p", "【厚生労働省】"),
      blocks(6, "consolidated", "results"))

# ---- accept ----
for item, mini in (("1", "mhlw"), ("6", "consolidated"), ("6", "meti")):
    st, h, t = post("sec", item, mini, op="accept")
    check(f"the secretariat accepts {item} {mini}", st == 303 and
          entry("sec", item, mini)["state"] == "accepted", st, t[:300])
st, h, t = S["sec"].post("/api/v1/rounds/2026/items/6/mhlw",
                         {"op": "accept", "version": ver(6, "mhlw")}, csrf=False,
                         headers={"X-CSRF-Token": S["sec"].csrf})
j = json.loads(t)
check("... and 6 mhlw through the API (X-CSRF-Token): the entry as JSON",
      st == 200 and j["state"] == "accepted" and "error" not in j, st, t[:300])
st, h, t = S["sec"].post("/api/v1/rounds/2026/items/6/mhlw",
                         {"op": "accept", "version": "1"}, csrf=False,
                         headers={"X-CSRF-Token": S["sec"].csrf})
j = json.loads(t)
check("a stale API post: 409 with the stored entry and an error",
      st == 409 and "error" in j and j["error"]["status"] == 409 and j["state"] == "accepted", st, t[:300])

# ---- history ----
st, h, t = S["mhlw1"].get(E + "1/mhlw/history/")
check("the history page shows every saved version as a word diff, with who and when",
      st == 200 and "<ins>" in t and "mhlw1" in t and "sec" in t and "版 4" in t and
      re.search(r"20\d\d-\d\d-\d\dT", t), st)
st, h, t = S["mhlw1"].get(E + "1/mhlw/")
check("the entry page lists the state's history with the return reason",
      "差戻し" in t and "数値を記載してください" in t and "受理" in t)
check("... spelt 差戻し as the board and search spell it (公用文), never 差し戻し",
      "差し戻し" not in t and "差し戻し" not in S["sec"].get(E + "1/mhlw/")[2])

# ---- the API scopes what each user reads ----
counts = {}
for who in ("sec", "meti1", "mhlw1", "rev"):
    st, h, t = S[who].get("/api/v1/rounds/2026/entries")
    counts[who] = json.loads(t)
c = sqlite3.connect(db)
n_all = c.execute("SELECT count(*) FROM round_entry").fetchone()[0]
n_meti = c.execute("SELECT count(*) FROM round_entry e WHERE EXISTS (SELECT 1 FROM round_entry o"
                   " JOIN ministry m ON m.id = o.ministry_id WHERE o.action_item_id ="
                   " e.action_item_id AND m.code = 'meti')").fetchone()[0]
n_sub = c.execute("SELECT count(*) FROM round_entry WHERE state <> 'draft'").fetchone()[0]
c.close()
check("API entries: the secretariat reads all", counts["sec"]["count"] == n_all)
check("... an editor the entries of its items", counts["meti1"]["count"] == n_meti and
      all(e["ministry"] in ("meti", "mhlw", "mext", "cao", "cas", "mic", None)
          for e in counts["meti1"]["entries"]), counts["meti1"]["count"], n_meti)
check("... a reviewer those no longer drafts", counts["rev"]["count"] == n_sub and
      all(e["state"] != "draft" for e in counts["rev"]["entries"]), counts["rev"]["count"], n_sub)

# ---- the entry page shows its last versions, the history page all ----
c = sqlite3.connect(db)
many = c.execute("SELECT i.no FROM round_entry e JOIN round r ON r.id = e.round_id"
                 " JOIN action_item i ON i.id = e.action_item_id JOIN ministry m ON m.id = e.ministry_id"
                 " WHERE r.fiscal_year = 2026 AND m.code = 'meti' AND e.version = 1 AND i.no <> 6"
                 " ORDER BY i.no LIMIT 1").fetchone()[0]
c.close()
codes = []
for k in range(14):
    st, h, t = post("meti1", many, "meti", op="save", results=f"保存{k:02d}回目の実績。", plans="")
    codes.append(st)
st, h, t = S["meti1"].get(f"{E}{many}/meti/")
shown = [int(v) for v in re.findall(r"<tr><td>(\d+)</td><td><time datetime=\"20", t)]
check("an entry saved 14 times: its page lists only its last 10 versions (6-15), says so and "
      "links to the full history",
      codes == [303] * 14 and shown == list(range(6, 16)) and "最近の版だけを示しています" in t and
      "調査の開始時に作成" not in t and f'{many}/meti/history/"' in t, codes, shown)
st, h, t = S["meti1"].get(f"{E}{many}/meti/history/")
check("... and its history page every one of them (versions 2-15) with the first text",
      st == 200 and all(f"版 {v}" in t for v in range(2, 16)) and "保存00回目" in t, st)
st, h, t = S["meti1"].get(f"/en{E}{many}/meti/")
check("... in English too", "Only the latest versions are shown." in t)

# ---- a closed round ----
mdplan("--db", db, "round", "close", "2026", "--as", "sec")
before = db_dump(db)
st, h, t = post("mhlw1", 3, "mhlw", op="save", results="締切後の変更", plans="")
check("a closed round: 409 with a clear message, the typed text kept",
      st == 409 and "締め切られています" in t and "締切後の変更" in t, st)
check("... and nothing changed", db_dump(db) == before)

# ---- reopened: an accepted entry changed again, with a long text ----
mdplan("--db", db, "round", "reopen", "2026", "--as", "sec")
long_results = "経済産業省の実績(再提出)。\n" + "・拠点ごとの伴走支援を継続した\n" * 60
long_results = long_results.rstrip("\n")
st, h, t = post("meti1", 6, "meti", op="save", results=long_results, plans="引き続き支援する。")
check("reopened: the 経 editor changes its accepted A6 entry (back to submitted, flagged)",
      st == 303 and entry("sec", 6, "meti")["state"] == "submitted", st, t[:300])

# ---- refusals in the page's language (ja, and en through ?lang=en) ----
before = db_dump(db)
refusals = [
    ("a submit of an accepted entry", "mhlw1", 1, "mhlw",
     {"op": "submit", "results": "育成事業を実施した(受講者120名)。", "plans": "継続する。"},
     "この報告はすでに提出（または受理）されています。", "This entry is submitted (or accepted) already."),
    ("a return of a draft", "sec", 3, "mhlw", {"op": "return", "reason": "理由", "field": "results"},
     "差し戻せるのは提出済みまたは受理済みの報告だけです。", "Only a submitted or accepted entry goes back."),
    ("an accept of a draft", "sec", 3, "mhlw", {"op": "accept"},
     "受理できるのは提出済みの報告だけです。", "Only a submitted entry is accepted."),
    ("a control character in the results", "mhlw1", 3, "mhlw",
     {"op": "save", "results": "実績\x01です", "plans": ""},
     "使えない制御文字が含まれています", "Holds a control character"),
    ("a return about a field that does not exist", "sec", 6, "meti",
     {"op": "return", "reason": "理由", "field": "budget"},
     "選択肢にない値です。", "Not one of the choices"),
    ("a submit without results", "mhlw1", 3, "mhlw", {"op": "submit", "results": "", "plans": ""},
     "実績・状況が空です。", "The results are empty"),
]
for name, who, item, mini, fields, ja, en in refusals:
    for lang, want, other in (("", ja, en), ("?lang=en", en, ja)):
        f = dict(fields, version=ver(item, mini))
        st, h, t = S[who].post(f"{E}{item}/{mini}/{lang}", f)
        check(f"{name} ({'en' if lang else 'ja'}): 400 with the message in the page's language",
              st == 400 and want in t and other not in t, st, text_of(t)[:200], want)
st, h, t = S["rev"].post(E + "1/mhlw/comments/?lang=en", {"text": " \n "})
check("an empty comment (en): 400, in English", st == 400 and "The comment is empty." in t and
      "コメントが空です。" not in t, st)
check("... and none of them changed anything", db_dump(db) == before)

# ---- the audit trail ----
a = json.loads(mdplan("--db", db, "audit", "--json").stdout)
acts = [x["action"] for x in a if x["actor"] != "cli:" + os.environ.get("USER", "")]
# (the saves: 2 of the round and 14 of the entry with many versions)
for act, n in (("round.entry.save", 16), ("round.entry.submit", 5), ("round.entry.return", 1),
               ("round.entry.accept", 4), ("round.entry.comment", 2)):
    got = sum(1 for x in a if x["action"] == act)
    check(f"the audit trail holds {n} {act}", got == n, got)
web = [x for x in a if x["action"].startswith("round.entry.")]
check("... each with the user, the address and the request id",
      all(x["actor"].startswith("user:") and x.get("address") == "127.0.0.1" and
          x.get("request_id") for x in web), web[:1])
ret = [x for x in a if x["action"] == "round.entry.return"][0]
check("... the return with its reason and field",
      "reason=数値を記載してください" in ret["after"] and "field=results" in ret["after"], ret)


def steps(act, ref):
    """The audit entries of action act on the entry named ref ("FY2026 A1 mhlw"), oldest first."""
    return [x for x in a if x["action"] == act and re.fullmatch(r"round_entry:\d+ " + ref, x["target"])]


def lines(text):
    return (text or "").split("\n")


sv = steps("round.entry.save", "FY2026 A6 meti")
check("the target names the entry, its year, item and ministry", len(sv) == 2, [x["target"] for x in a][-5:])
check("a draft save: before and after hold the state and the texts as typed",
      sv and lines(sv[0]["before"])[1:] == ["state=draft", "results=", "plans="] and
      sv[0]["after"].split("\n", 1)[1] == "state=draft\nresults=経済産業省の実績。\n・拠点を整備した\n"
      "・伴走支援を行った\nplans=引き続き支援する。", sv[:1])
sb = steps("round.entry.submit", "FY2026 A6 meti")
check("a submit of the saved text: the state draft -> submitted, no text repeated",
      len(sb) == 1 and lines(sb[0]["before"])[1:] == ["state=draft"] and
      lines(sb[0]["after"])[1:] == ["state=submitted"], sb)
sb = steps("round.entry.submit", "FY2026 A1 mhlw")
check("a first submit with its texts, and the resubmit after the return: returned -> submitted "
      "with the results before and after",
      len(sb) == 2 and sb[0]["after"].endswith("state=submitted\nresults=育成事業を実施した。\nplans=継続する。") and
      lines(sb[1]["before"])[1:] == ["state=returned", "results=育成事業を実施した。"] and
      lines(sb[1]["after"])[1:] == ["state=submitted", "results=育成事業を実施した(受講者120名)。"], sb)
rt = steps("round.entry.return", "FY2026 A1 mhlw")
check("the return: submitted -> returned with the reason and its field",
      len(rt) == 1 and lines(rt[0]["before"])[1:] == ["state=submitted", "reason="] and
      lines(rt[0]["after"])[1:] == ["state=returned", "reason=数値を記載してください", "field=results"], rt)
ac = steps("round.entry.accept", "FY2026 A1 mhlw")
check("the accept: submitted -> accepted, the reason cleared",
      len(ac) == 1 and lines(ac[0]["before"])[1:] == ["state=submitted", "reason=数値を記載してください",
                                                      "field=results"] and
      lines(ac[0]["after"])[1:] == ["state=accepted", "reason=", "field="], ac)
cs = steps("round.entry.submit", "FY2026 A6 consolidated")
check("the consolidation: who consolidated and the consolidated text",
      len(cs) == 1 and "consolidated_by=\n" in cs[0]["before"] and
      cs[0]["after"].endswith("state=submitted\nconsolidated_by=user:meti1\nresults=" + cons +
                              "\nplans=引き続き支援する。"), cs)
digest = hashlib.sha256(long_results.encode()).hexdigest()
check("an accepted entry changed again: accepted -> submitted, flagged, the long text as its "
      "SHA-256 (and the state still readable)",
      len(sv) == 2 and lines(sv[1]["before"])[1] == "state=accepted" and
      lines(sv[1]["after"])[1:3] == ["state=submitted", "flagged=1"] and
      f"results=sha256:{digest} ({len(long_results.encode())} bytes)" in lines(sv[1]["after"]) and
      "results=経済産業省の実績。" in sv[1]["before"], sv[1:])
# A sign-in checks its password (tens of milliseconds of argon2id) off the
# writer's lock: a save made while six sign-ins are under way is answered
# before the last of them. Were the sign-ins run under the lock, first come
# first served, the save would wait for all of them.
done_at = {}


def sign_in_again(k):
    st, h, cookie = sign_in(Server.at(srv.port), "rev", PW)   # a client of its own
    done_at[k] = (time.monotonic(), st)


ths = [threading.Thread(target=sign_in_again, args=(k,)) for k in range(6)]
for th in ths:
    th.start()
time.sleep(0.05)
v6 = ver(6, "meti")
st, h, t = S["meti1"].post(E + "6/meti/", {"op": "save", "results": "サインインの間の保存",
                                          "plans": "", "version": v6})
saved_at = time.monotonic()
for th in ths:
    th.join()
check("six sign-ins at once all work", sorted(s for _, s in done_at.values()) == [303] * 6,
      done_at)
check("a save made while they check their passwords is answered before the last of them",
      st == 303 and saved_at < max(t for t, _ in done_at.values()),
      st, saved_at, sorted(t for t, _ in done_at.values()))
check("and it is saved", entry("meti1", 6, "meti")["results"] == "サインインの間の保存",
      entry("meti1", 6, "meti"))
# A password change (two argon2id runs: the current password's check, the
# new one's hash) lets go of the writer's lock the same way: a save made
# while four of them are under way is answered before the first of them
# ends. Were they to hash under the lock, the save would wait for one at
# least (the lock is not first come first served: it may get in after one).
PW_NEW = "Copper-meadow-Quiet-417"
SP = signed_in(srv, PW, ("pw1", "pw2", "pw3", "pw4"))
for s_ in SP.values():
    s_.get("/account/")           # the session's CSRF token
changed_at = {}


def change_password(k):
    st_, h_, t_ = SP[k].post("/account/", {"op": "password", "old": PW, "new": PW_NEW,
                                           "new2": PW_NEW})
    changed_at[k] = (time.monotonic(), st_)


ths = [threading.Thread(target=change_password, args=(k,)) for k in SP]
for th in ths:
    th.start()
time.sleep(0.05)
vm = ver(many, "meti")
st, h, t = S["meti1"].post(f"{E}{many}/meti/", {"op": "save", "results": "パスワード変更の間の保存",
                                               "plans": "", "version": vm})
saved_at = time.monotonic()
for th in ths:
    th.join()
check("four password changes at once all work", sorted(s_ for _, s_ in changed_at.values()) ==
      [303] * 4, changed_at)
check("a save made while they hash is answered before the first of them ends",
      st == 303 and saved_at < min(t_ for t_, _ in changed_at.values()),
      st, saved_at, sorted(t_ for t_, _ in changed_at.values()))
check("and it is saved", entry("meti1", many, "meti")["results"] == "パスワード変更の間の保存",
      entry("meti1", many, "meti"))
check("each new password signs in, no old one does",
      all(sign_in(srv, k, PW_NEW)[0] == 303 and sign_in(srv, k, PW)[0] == 200 for k in SP))
p = mdplan("--db", db, "audit", "verify")
check("audit verify: the chain is intact", "intact" in p.stdout, p.stdout)
srv.stop()
summary()
