#!/usr/bin/env python3
"""Indicator editing over HTTP (issue 13), on a loopback server with real
sessions: the secretariat edits a definition, its target and its yearly
values through the forms at /indicators/{ind}/edit/ and
/indicators/{ind}/values/; the indicator's status changes with the target;
history and the audit trail name user:NAME; a stale version is 409 with
the stored text beside the typed one (nothing lost, saving again from the
409 page works); editors, reviewers, admins without the secretariat role
and anonymous visitors are refused with the database unchanged, as are a
missing or wrong CSRF token, a cross-site POST and bad input (400 with the
form again, an error tied to its field).

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import html
import html.parser
import json
import os
import re

from tap import Server, Session, add_user, check, db_dump, fresh_db, mdplan, signed_in, summary

top = os.environ["top"]
PLAN = os.environ["PLAN"]
DB = "indedit.db"
fresh_db(DB)
mdplan("--db", DB, "import", "plan", PLAN)
mdplan("--db", DB, "import", "indicator-defs", os.path.join(top, "data", "indicator-defs.csv"))
mdplan("--db", DB, "import", "indicators", os.path.join(top, "data", "indicators.csv"))
PW = "Kirin-Tanuki-2024x"
add_user(DB, "sato", PW, "--role", "secretariat", "--display", "佐藤")
add_user(DB, "ken", PW, "--role", "editor", "--ministry", "経")
add_user(DB, "rev", PW, "--role", "reviewer")
add_user(DB, "adm", PW, "--role", "admin")
srv = Server(DB, "--no-log")
IND = "HUB-COURSES"
EDIT = f"/indicators/{IND}/edit/"
VALUES = f"/indicators/{IND}/values/"
EDIT_LINK = r'<a href="[./]*indicators/HUB-COURSES/edit/">'


def data_dump():
    """The database without the sessions' bookkeeping (a request may note
    a session's last use): what a refused request must leave as it was."""
    return "\n".join(line for line in db_dump(DB).splitlines()
                     if not line.startswith(('INSERT INTO session ', 'INSERT INTO "session"')))


class Forms(html.parser.HTMLParser):
    """The POST forms of a page: action, fields (inputs, selects, textareas
    with their values) and the submit buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.cur = None
        self.sel = None
        self.area = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self.cur = {"action": a.get("action"), "fields": {}, "buttons": [], "attrs": {}}
            self.forms.append(self.cur)
        if self.cur is None:
            return
        if tag == "input" and a.get("name"):
            self.cur["fields"][a["name"]] = a.get("value", "")
            self.cur["attrs"][a["name"]] = a
        elif tag == "select":
            self.sel = a.get("name")
            self.cur["attrs"][self.sel] = a
        elif tag == "option" and self.sel and "selected" in a:
            self.cur["fields"][self.sel] = a.get("value")
        elif tag == "textarea":
            self.area = a.get("name")
            self.cur["fields"][self.area] = ""
            self.cur["attrs"][self.area] = a
        elif tag == "button" and a.get("name"):
            self.cur["buttons"].append((a["name"], a.get("value")))

    def handle_data(self, d):
        if self.cur is not None and self.area:
            self.cur["fields"][self.area] += d

    def handle_endtag(self, tag):
        if tag == "form":
            self.cur = None
        elif tag == "select":
            self.sel = None
        elif tag == "textarea":
            if self.cur is not None and self.area:
                v = self.cur["fields"][self.area]
                # the emitter writes one line break after <textarea>
                self.cur["fields"][self.area] = v[1:] if v.startswith("\n") else v
            self.area = None


def forms_of(text):
    p = Forms()
    p.feed(text)
    return p.forms


def def_form(text):
    fs = [f for f in forms_of(text) if f["action"] and f["action"].endswith("/edit/")]
    return fs[0] if fs else None


def value_form(text, year):
    for f in forms_of(text):
        if f["action"] and f["action"].endswith("/values/") and f["fields"].get("year") == str(year):
            return f
    return None


def status_of(text):
    m = re.search(r'<p class="lead-status">.*?<span class="status ([a-z_]+)">', text)
    return m.group(1) if m else None


def api(code=IND):
    st, h, data = srv.get(f"/api/v1/indicators/{code}")
    return json.loads(data)


# ---- the secretariat signs in and sees the edit link ----------------------

anon = Session(srv)
st, h, page = anon.get(f"/indicators/{IND}/")
check("anonymous: the indicator page has no edit link", st == 200 and not re.search(EDIT_LINK, page), st)
before_status = status_of(page)
check("before: HUB-COURSES has no target (status no_target)", before_status == "no_target",
      before_status)

sato = Session(srv)
check("secretariat signs in", sato.login("sato", PW) == 303)
st, h, page = sato.get(f"/indicators/{IND}/")
check("secretariat: the indicator page links to its edit page (編集)",
      st == 200 and re.search(EDIT_LINK + "編集</a>", page), st)
check("signed-in indicator page: Cache-Control private, no-store",
      h.get("cache-control") == "private, no-store", h)
st, h, page = sato.get(f"/en/indicators/{IND}/")
check("secretariat, English: the link says Edit", re.search(EDIT_LINK + "Edit</a>", page), st)
st, h, page = anon.get(f"/indicators/{IND}/")
check("anonymous after a signed-in view: still no edit link (no shared cache of signed-in pages)",
      not re.search(EDIT_LINK, page))

st, h, page = sato.get(EDIT)
f = def_form(page)
check("edit page: 200 with the definition form, its version and CSRF token",
      st == 200 and f and f["fields"].get("version", "").isdigit() and f["fields"].get("csrf"),
      st, page[:400])
check("edit page: the stored definition in the form",
      f and f["fields"].get("name_ja") == "拠点で行われる研修コース数" and
      f["fields"].get("direction") == "up" and f["fields"].get("year_kind") == "calendar" and
      f["fields"].get("target_year") == "", f and f["fields"])
check("edit page: a form per yearly value and an add-a-year form",
      all(value_form(page, y) for y in (2022, 2023, 2024)) and
      any(x["fields"].get("version") == "0" for x in forms_of(page)))
check("edit page: private, never cached", h.get("cache-control") == "private, no-store", h)
st, h, en_page = sato.get("/en" + EDIT)
check("edit page in English", st == 200 and "Target value" in en_page and "Save the definition" in en_page
      and 'lang="en"' in en_page, st)
st, h, _ = sato.get("/indicators/NO-SUCH/edit/")
check("edit page of an unknown indicator: 404", st == 404, st)

# ---- the target: the status changes --------------------------------------

v1 = int(f["fields"]["version"])
fields = dict(f["fields"])
fields.update({"target_year": "2026", "target_value": "60"})
del fields["csrf"]
st, h, _ = sato.post(EDIT, fields)
check("save the target: 303 to the indicator page", st == 303 and
      h.get("location", "").endswith(f"indicators/{IND}/"), st, h)
st, h, page = sato.get(f"/indicators/{IND}/")
after_status = status_of(page)
check("after: the status changed from no_target to achieved (69 >= 60)",
      after_status == "achieved" and before_status != after_status, after_status)
check("after: the page shows the target", "60コース（2026年）" in page)
st, h, apage = anon.get(f"/indicators/{IND}/")
check("anonymous sees the new status too (the cache was dropped)", status_of(apage) == "achieved",
      status_of(apage))
st, h, page = sato.get("/indicators/")
check("scorecard counts it as achieved", re.search(
    r'拠点で行われる研修コース数</a> <code>HUB-COURSES</code>.*?<span class="status achieved">',
    page, re.S) is not None)
j = api()
check("API: the target and the status", j.get("target", {}).get("value") == 60 or
      '"target_value": 60' in json.dumps(j) or "60" in json.dumps(j.get("target", "")), j)

hist = json.loads(mdplan("--db", DB, "history", "--json").stdout)
mine = [r for r in hist if r.get("actor") == "user:sato"]
check("history: the target change with actor user:sato",
      any(r.get("field") == "target_value" for r in mine) and
      any(r.get("field") == "target_year" for r in mine), mine[:3], hist[-3:])
check("history: only the fields that changed (the name is not in it)",
      not any(r.get("field") == "name_ja" for r in mine), mine)
aud = json.loads(mdplan("--db", DB, "audit", "--json").stdout)
defs = [a for a in aud if a.get("action") == "indicator.define"]
check("audit: indicator.define by user:sato on indicator:HUB-COURSES from the client address",
      defs and defs[-1]["actor"] == "user:sato" and defs[-1]["target"] == "indicator:HUB-COURSES"
      and defs[-1]["address"] == "127.0.0.1", defs[-1:])
check("audit: the definition's change before and after (the target, nothing else)",
      defs and defs[-1]["before"] == f"version={v1}\ntarget=none" and
      defs[-1]["after"] == f"version={v1 + 1}\ntarget=2026 60", defs[-1:])
st, h, page = sato.get(EDIT)
check("edit page: the change history shows the change with user:sato",
      re.search(r'<td[^>]* data-label="変更者">user:sato</td><td[^>]* data-label="項目">'
                r'<code>target_value</code>', page) is not None)

# ---- 409: a stale version, both texts, nothing lost -----------------------

f = def_form(page)
v2 = int(f["fields"]["version"])
check("the definition's version went up", v2 == v1 + 1, v1, v2)
fields = dict(f["fields"])
del fields["csrf"]
fields["notes"] = "STORED-NOTE 事務局が先に保存した注記"
st, h, _ = sato.post(EDIT, fields)
check("a second save (notes): 303", st == 303, st)
stale = dict(fields)
stale["version"] = str(v2)
stale["notes"] = "MINE-NOTE 私が書いた注記\n二行目"
before = data_dump()
st, h, page = sato.post(EDIT, stale)
check("a save from the old version: 409", st == 409, st)
check("409: the stored text and the typed text are both on the page",
      "STORED-NOTE 事務局が先に保存した注記" in page and "MINE-NOTE 私が書いた注記" in page)
f409 = def_form(page)
check("409: the form holds what was typed (notes in the textarea) and the stored version",
      f409 and f409["fields"].get("notes") == "MINE-NOTE 私が書いた注記\n二行目" and
      f409["fields"].get("version") == str(v2 + 1), f409 and f409["fields"])
check("409: says who changed it last", "user:sato" in page)
check("409: the database is unchanged", data_dump() == before)
again = dict(f409["fields"])
del again["csrf"]
st, h, _ = sato.post(EDIT, again)
check("saving again from the 409 page: 303", st == 303, st)
check("... and the typed notes are stored", "MINE-NOTE 私が書いた注記" in json.dumps(api(), ensure_ascii=False))
aud = json.loads(mdplan("--db", DB, "audit", "--json").stdout)
defs = [a for a in aud if a.get("action") == "indicator.define"]
check("audit: the notes' save after the 409 keeps the stored and the typed notes",
      defs and defs[-1]["before"] == f"version={v2 + 1}\nnotes=STORED-NOTE 事務局が先に保存した注記" and
      defs[-1]["after"] == f"version={v2 + 2}\nnotes=MINE-NOTE 私が書いた注記\n二行目", defs[-1:])
p = mdplan("--db", DB, "indicator", "define", "AUDIT-NEW", "--name", "監査テスト指標",
           "--unit", "件", "--direction", "down", "--target", "2030:5", "--notes", "CLIで定義した注記")
aud = json.loads(mdplan("--db", DB, "audit", "--json", "--action", "indicator.define").stdout)
new = [a for a in aud if a["target"] == "indicator:AUDIT-NEW"]
check("audit: mdplan indicator define of a new indicator: no before, every field it has after",
      p.returncode == 0 and len(new) == 1 and new[0]["actor"].startswith("cli:") and
      not new[0].get("before") and new[0]["after"].split("\n") ==
      ["version=1", "name_ja=監査テスト指標", "unit=件", "direction=down", "year_kind=fiscal",
       "notes=CLIで定義した注記", "baseline=none", "target=2030 5"], new)
p = mdplan("--db", DB, "indicator", "define", "AUDIT-NEW", "--name", "監査テスト指標（改）",
           "--unit", "件", "--direction", "down", "--version", "1")
aud = json.loads(mdplan("--db", DB, "audit", "--json", "--action", "indicator.define").stdout)
new = [a for a in aud if a["target"] == "indicator:AUDIT-NEW"]
check("audit: mdplan indicator define of a change: only the name, before and after",
      p.returncode == 0 and len(new) == 2 and
      new[-1]["before"] == "version=1\nname_ja=監査テスト指標" and
      new[-1]["after"] == "version=2\nname_ja=監査テスト指標（改）", new[-1:])

# ---- yearly values --------------------------------------------------------

st, h, page = sato.get(EDIT)
vf = value_form(page, 2024)
check("the 2024 value form shows 69", vf and vf["fields"].get("value") == "69", vf)
fv = dict(vf["fields"])
del fv["csrf"]
fv.update({"value": "75", "op": "set"})
st, h, _ = sato.post(VALUES, fv)
check("save the 2024 value: 303 back to the edit page", st == 303 and
      h.get("location", "").endswith(f"indicators/{IND}/edit/"), st, h)
st, h, page = sato.get(f"/indicators/{IND}/")
check("the indicator page shows 75 for 2024", re.search(r'<td class="n">75', page) is not None)
st, h, page = sato.get(EDIT)
add = {"year": "2025年", "value": "８０", "version": "0", "op": "set", "note": "速報値",
       "source": ""}
st, h, _ = sato.post(VALUES, add)
check("add a year (2025年, full-width ８０): 303", st == 303, st)
st, h, page = sato.get(EDIT)
check("the 2025 value is 80 with its note", value_form(page, 2025) and
      value_form(page, 2025)["fields"].get("value") == "80" and
      value_form(page, 2025)["fields"].get("note") == "速報値", value_form(page, 2025))
hist = json.loads(mdplan("--db", DB, "history", "--json").stdout)
check("history: the 2024 value's change by user:sato",
      any(r.get("actor") == "user:sato" and r.get("field") == "value" and float(r.get("old") or 0) == 69
          for r in hist), [r for r in hist if r.get("actor") == "user:sato"][-3:])
aud = json.loads(mdplan("--db", DB, "audit", "--json").stdout)
check("audit: indicator.value.set for year 2024 and 2025",
      {a["target"] for a in aud if a["action"] == "indicator.value.set" and a["actor"] == "user:sato"}
      >= {"indicator:HUB-COURSES year:2024", "indicator:HUB-COURSES year:2025"},
      [a for a in aud if a["action"].startswith("indicator.value")])

old24 = dict(fv)     # the version it had before the save above
old24["value"] = "99"
before = data_dump()
st, h, page = sato.post(VALUES, old24)
check("a value saved from a stale version: 409", st == 409, st)
f24 = value_form(page, 2024)
check("409 (value): the stored 75 and the typed 99 are on the page, the form keeps 99 with the new version",
      ">75<" in page and f24 and f24["fields"].get("value") == "99" and
      f24["fields"].get("version") == str(int(fv["version"]) + 1), f24)
check("409 (value): the database is unchanged", data_dump() == before)
again = dict(add)
before = data_dump()
st, h, page = sato.post(VALUES, again)
check("adding a year that was added meanwhile: 409, the typed value kept", st == 409 and
      value_form(page, 2025) and value_form(page, 2025)["fields"].get("value") == "８０", st)
check("... and the database is unchanged", data_dump() == before)

vf = value_form(page, 2023)
fc = dict(vf["fields"])
del fc["csrf"]
fc.update({"op": "clear", "reason": ""})
before = data_dump()
st, h, page = sato.post(VALUES, fc)
check("clear without a reason: 400, the reason field marked", st == 400 and
      re.search(r'id="reason-2023"[^>]*aria-invalid="true"', page), st)
check("... database unchanged", data_dump() == before)
fc["reason"] = "集計中のため"
st, h, _ = sato.post(VALUES, fc)
check("clear the 2023 value with a reason: 303", st == 303, st)
st, h, page = sato.get(f"/indicators/{IND}/")
check("the indicator page shows 2023 as not available with the reason",
      re.search(r'<td class="n na">値なし</td><td>集計中のため', page) is not None)

# ---- bad input: 400, the form again, nothing written ----------------------

st, h, page = sato.get(EDIT)
base = dict(def_form(page)["fields"])
del base["csrf"]


def bad_def(name, change, field, why, en=False):
    f2 = dict(base)
    f2.update(change)
    before = data_dump()
    st, h, page = sato.post(EDIT + ("?lang=en" if en else ""), f2)
    fd = def_form(page) or {"fields": {}, "attrs": {}}
    attrs = fd["attrs"].get(field, {})
    check(f"{name}: 400", st == 400, st)
    check(f"{name}: the field is marked and described by its error",
          attrs.get("aria-invalid") == "true" and f"{field}-error" in (attrs.get("aria-describedby") or "")
          and re.search(f'id="{field}-error">[^<]*{why}', page), attrs, page[page.find("error"):][:300])
    typed = change.get(field)
    if field == "direction" or "\x01" in (typed or ""):
        typed = None   # a select shows its options; the emitter drops controls
    check(f"{name}: what was typed comes back", typed is None or
          fd["fields"].get(field) == typed.replace("\r\n", "\n"), fd["fields"].get(field), typed)
    check(f"{name}: the database is unchanged", data_dump() == before)


bad_def("a target value that is not a number", {"target_value": "六十"}, "target_value", "数値")
bad_def("a target year out of range", {"target_year": "3000"}, "target_year", "1900")
bad_def("a baseline year without a value", {"baseline_year": "2020", "baseline_value": ""},
        "baseline_value", "両方")
bad_def("an empty name", {"name_ja": "  "}, "name_ja", "入力")
bad_def("a direction that is no option", {"direction": "sideways"}, "direction", "選択")
bad_def("notes over 16 KiB", {"notes": "あ" * 6000}, "notes", "長すぎます。")
bad_def("a name over 1 KiB", {"name_ja": "名" * 400}, "name_ja", "長すぎます。")
bad_def("a control character in the unit", {"unit": "コース\x01"}, "unit", "制御文字")
bad_def("(English page) notes over 16 KiB", {"notes": "あ" * 6000}, "notes", "Too long: please shorten it.",
        en=True)
bad_def("(English page) a control character in the unit", {"unit": "コース\x01"}, "unit",
        "Holds a control character", en=True)
bad_def("(English page) a goal not in the plan", {"goal": "77"}, "goal",
        "There is no such number in the latest plan.", en=True)
bad_def("a goal not in the plan", {"goal": "77"}, "goal", "計画")

vf = value_form(page, 2022)
bv = dict(vf["fields"])
del bv["csrf"]
for name, change, field in (("a value that is not a number", {"value": "12x"}, "value-2022"),
                            ("an empty value", {"value": ""}, "value-2022")):
    f2 = dict(bv, op="set")
    f2.update(change)
    before = data_dump()
    st, h, p2 = sato.post(VALUES, f2)
    check(f"value: {name}: 400 with the field marked", st == 400 and
          re.search(f'id="{field}"[^>]*aria-invalid="true"', p2), st)
    check(f"value: {name}: database unchanged", data_dump() == before)
for name, year in (("a year out of range", "3000"), ("a year that is no year", "last year")):
    before = data_dump()
    st, h, p2 = sato.post(VALUES, {"year": year, "value": "1", "version": "0", "op": "set"})
    check(f"add a year: {name}: 400, the year typed back and marked", st == 400 and
          re.search(r'id="new-year"[^>]*aria-invalid="true"[^>]*value="' + re.escape(year), p2), st)
    check(f"add a year: {name}: database unchanged", data_dump() == before)
before = data_dump()
st, h, _ = sato.post(VALUES, dict(bv, op="set", note="x" * 17000))
check("value: a note over 16 KiB: 400, unchanged", st == 400 and data_dump() == before, st)
st, h, _ = sato.post(VALUES, {"year": "2022", "value": "1", "op": "set"})
check("value: no version: 400", st == 400, st)
st, h, _ = sato.post(VALUES, dict(bv, op="delete"))
check("value: an op that is neither set nor clear: 400", st == 400, st)
st, h, _ = sato.post(EDIT, dict(base, version="0"))
check("definition: version 0 (creating through the edit URL): 400", st == 400, st)
st, h, _ = sato.post("/indicators/NO-SUCH/edit/", base)
check("definition: an unknown indicator: 404", st == 404, st)
st, h, _ = sato.post("/indicators/NO-SUCH/values/", dict(bv, op="set"))
check("value: an unknown indicator: 404", st == 404, st)
check("all the refusals above changed nothing", data_dump() == before)

# ---- CSRF, origin, roles --------------------------------------------------

before = data_dump()
good = dict(base, target_value="10")
st, h, _ = sato.post(EDIT, good, csrf=False)
check("no CSRF token: 403", st == 403, st)
st, h, _ = sato.post(EDIT, dict(good, csrf="x" * 43))
check("a wrong CSRF token: 403", st == 403, st)
st, h, _ = sato.post(VALUES, dict(bv, op="set", value="1"), csrf=False)
check("value without a CSRF token: 403", st == 403, st)
st, h, _ = sato.post(EDIT, good, headers={"Origin": "https://evil.example"})
check("a cross-site POST: 403", st == 403, st)
st, h, _ = sato.post(EDIT, good, headers={"Sec-Fetch-Site": "cross-site"})
check("Sec-Fetch-Site cross-site: 403", st == 403, st)
check("CSRF and cross-site refusals changed nothing", data_dump() == before)

others = signed_in(srv, PW, ("ken", "rev", "adm"))
before = data_dump()   # signing in is audited; what they try next must write nothing
for user, s in others.items():
    st, h, page = s.get(f"/indicators/{IND}/")
    check(f"{user}: no edit link on the indicator page", not re.search(EDIT_LINK, page))
    st, h, _ = s.get(EDIT)
    check(f"{user}: GET the edit page: 403", st == 403, st)
    st, h, _ = s.post(EDIT, good)
    check(f"{user}: POST the definition: 403", st == 403, st)
    st, h, _ = s.post(VALUES, dict(bv, op="set", value="1"))
    check(f"{user}: POST a value: 403", st == 403, st)
    st, h, _ = s.post(VALUES, dict(bv, op="clear", reason="x"))
    check(f"{user}: clear a value: 403", st == 403, st)
st, h, _ = anon.get(EDIT)
check("anonymous: GET the edit page: 303 to the sign-in page", st == 303 and
      h.get("location", "").endswith("login/"), st, h)
st, h, _ = anon.post(EDIT, dict(good, csrf="x" * 43))
check("anonymous: POST the definition: 403", st == 403, st)
st, h, _ = anon.post(VALUES, dict(bv, op="set", value="1", csrf="x" * 43))
check("anonymous: POST a value: 403", st == 403, st)
check("every forbidden request changed nothing", data_dump() == before)

st, h, _ = sato.req(EDIT, "PUT", fields=dict(good, csrf=sato.csrf))
check("PUT on the edit page: 405", st == 405, st)
st, h, _ = sato.get(VALUES)
check("GET on the values URL: 405", st == 405, st)

# ---- the trail is intact --------------------------------------------------

rc, out, err = srv.stop()
check("server: clean exit, no sanitizer report", rc == 0 and "Sanitizer" not in err
      and "runtime error" not in err, rc, err[-1500:])
p = mdplan("--db", DB, "audit", "verify", check_rc=False)
check("audit verify: the chain is intact after all of it", p.returncode == 0, p.stdout, p.stderr)
summary()
