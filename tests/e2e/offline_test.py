#!/usr/bin/env python3
"""The offline path of the follow-up round (issue 14), over HTTP with real
sessions and through the command line:

An editor of 経 downloads the ministry's workbook (audited as an export of
non-public data; another ministry's editor, a reviewer and anonymous
visitors get none), edits it as Excel would (tests/data/xlsx/edit-sheet.py),
meanwhile one of its entries is saved on the web (a conflict), and a row of
an entry of 厚 is injected into the file. The upload's preview shows the
updates with a word diff, the conflict with both texts and the refused row,
and writes nothing; confirming saves the updates only, in one transaction,
as the uploading user (round.entry.save per entry and round.upload in the
audit trail). --strict (strict=1) writes nothing when a row conflicts. A
corrupt file, a workbook of another kind or year: 400 and the database
unchanged; a forbidden user: 403 unchanged; a POST without its CSRF token:
403 unchanged; a confirm whose preview is stale (the entries changed
since): 409 unchanged. The same round trip through `mdplan round download`
and `round upload [--dry-run]`.

Database comparisons leave out the session table: a signed-in request may
note the session's last use (at most once a minute), which is not a change
of data."""
import hashlib
import json
import os
import re
import subprocess
import zipfile

from tap import MDPLAN, Server, Session, add_user, check, fresh_db, mdplan, summary

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PLAN = os.path.join(top, "data", "plan-2nd.txt")
FU = os.path.join(top, "data", "followup-r7.tsv")
EDIT = os.path.join(top, "tests", "data", "xlsx", "edit-sheet.py")
GROW = os.path.join(top, "tests", "data", "xlsx", "grow-round.py")
PW = "Kx7-harbour-Lantern-92"
db = "offline.db"


def dump():
    out = subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True,
                         check=True).stdout
    return "\n".join(l for l in out.splitlines() if not l.startswith("INSERT INTO session"))


def run(*args):
    return subprocess.run([MDPLAN, "--db", db, *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


def entries():
    """(item, ministry) -> (state, version), the round's own entries"""
    out = {}
    for line in run("round", "entries", "2026").stdout.splitlines():
        item, mini, state, version, _, _ = line.split("\t")
        out[(item, mini)] = (state, int(version))
    return out


def meti_items():
    """The workbook's rows in order: 経's own entries."""
    return [i for (i, m) in entries() if m == "meti"]


def edit_sheet(src, dst, edits):
    with open("edits.txt", "w", encoding="utf-8") as f:
        for cell, text in edits:
            f.write(cell + "\t" + text.replace("\\", "\\\\").replace("\n", "\\n") + "\n")
    subprocess.run(["python3", EDIT, src, dst, "edits.txt"], check=True)


def cells(path):
    """{ref: text} of the first sheet (shared strings resolved)."""
    z = zipfile.ZipFile(path)
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    import xml.etree.ElementTree as ET
    ss = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "si"):
            ss.append("".join(t.text or "" for t in si.iter(ns + "t")))
    out = {}
    for c in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(ns + "c"):
        v = c.find(ns + "v")
        isv = c.find(ns + "is")
        if c.get("t") == "s" and v is not None:
            out[c.get("r")] = ss[int(v.text)]
        elif isv is not None:
            out[c.get("r")] = "".join(t.text or "" for t in isv.iter(ns + "t"))
        elif v is not None:
            out[c.get("r")] = v.text
    return out


def upload(s, path, data, csrf=True, extra=None):
    return s.upload(path, data, csrf, extra)


def grow(src, dst, rows):
    """src with rows more rows, each a copy of one of its entry rows: every
    key given again (tests/data/xlsx/grow-round.py)."""
    subprocess.run(["python3", GROW, src, dst, str(rows)], check=True)
    return open(dst, "rb").read()


def audits():
    return len(run("audit").stdout.splitlines())


def db_sha():
    return hashlib.sha256(dump().encode()).hexdigest()


def hidden(text, name):
    m = re.search(r'name="%s" value="([^"]*)"' % name, text)
    return m.group(1) if m else None


fresh_db(db)
mdplan("--db", db, "import", "plan", PLAN)
mdplan("--db", db, "import", "followup", FU)
mdplan("--db", db, "round", "publish", "2025")
mdplan("--db", db, "round", "open", "2026", "--deadline", "2027-01-31")
add_user(db, "meti1", PW, "--role", "editor", "--ministry", "経")
add_user(db, "mhlw1", PW, "--role", "editor", "--ministry", "厚")
add_user(db, "meti2", PW, "--role", "editor", "--ministry", "経")
add_user(db, "rev", PW, "--role", "reviewer")

srv = Server(db)
meti, mhlw, rev, anon = Session(srv), Session(srv), Session(srv), Session(srv)
check("editors and reviewer sign in", meti.login("meti1", PW) == 303 and
      mhlw.login("mhlw1", PW) == 303 and rev.login("rev", PW) == 303)

XLSX = "/rounds/2026/offline/meti.xlsx"
PAGE = "/rounds/2026/offline/meti/"

# ---- download ----
before = dump()
st, h, _ = mhlw.req(XLSX)
check("another ministry's editor gets no workbook (403), nothing recorded",
      st == 403 and dump() == before, st)
st, h, _ = rev.req(XLSX)
check("a reviewer gets no workbook (403)", st == 403 and dump() == before, st)
st, h, _ = anon.req(XLSX)
check("anonymous: sent to sign in (303), nothing recorded",
      st == 303 and "login/" in h.get("location", "") and dump() == before, st, h)
st, h, raw = srv.req(XLSX, headers={"Cookie": meti.cookie})
open("web.xlsx", "wb").write(raw)
check("the editor of 経 downloads the workbook", st == 200 and raw[:2] == b"PK" and
      "spreadsheetml" in h.get("content-type", "") and
      "mdplan-FY2026-meti.xlsx" in h.get("content-disposition", "") and
      "no-store" in h.get("cache-control", ""), st, h)
aud = run("audit", "--action", "round.download").stdout
check("the download is audited as user:meti1 with the file's SHA-256",
      "user:meti1" in aud and "round:2026 offline meti" in aud and
      hashlib.sha256(raw).hexdigest() in aud, aud)
c = cells("web.xlsx")
items = meti_items()
check("one row per entry of 経, keyed", c.get("A4") == "2026/%s/meti" % items[0][1:] and
      c.get("A%d" % (3 + len(items))) == "2026/%s/meti" % items[-1][1:] and
      not c.get("A%d" % (4 + len(items))), c.get("A4"), items[:3])

st, _, text = meti.get(PAGE)
check("the offline page has the download link and a multipart upload form",
      st == 200 and "offline/meti.xlsx" in text and 'enctype="multipart/form-data"' in text and
      'type="file"' in text, st)
st, _, _ = mhlw.get(PAGE)
check("another ministry's editor gets no offline page (403)", st == 403, st)

# ---- edits: two updates, one row changed on the web too, one injected ----
row_conf = 6
item_conf = items[row_conf - 4]
with open("web.txt", "w", encoding="utf-8") as f:
    f.write("・Webで入力した実績。\n")
p = run("round", "entry", "2026", item_conf, "meti", "--save", "--results-file", "web.txt",
        "--version", str(entries()[(item_conf, "meti")][1]), "--as", "meti1")
check("meanwhile the entry of row 6 is saved on the web", p.returncode == 0, p.stderr)
mhlw_item = [i for (i, m) in entries() if m == "mhlw"][0]
mhlw_key = "2026/%s/mhlw" % mhlw_item[1:]
inject = 4 + len(items) + 1
edit_sheet("web.xlsx", "edited.xlsx", [
    ("H4", "・拠点を整備した。\n・研修を3回行った。"),
    ("I5", "引き続き支援する。"),
    ("H%d" % row_conf, "ファイルで書いた実績。"),
    ("A%d" % inject, mhlw_key), ("B%d" % inject, "1"), ("C%d" % inject, c["C4"]),
    ("H%d" % inject, "厚生労働省の行を書き換える"),
])
data = open("edited.xlsx", "rb").read()

before = dump()
st, _, text = upload(mhlw, PAGE, data)
check("another ministry's editor may not upload to 経 (403), unchanged",
      st == 403 and dump() == before, st)
st, _, text = upload(meti, PAGE, data, csrf=False)
check("an upload without its CSRF token: 403, unchanged", st == 403 and dump() == before, st)
st, _, text = upload(anon, PAGE, data, csrf=False)
check("an anonymous upload: 403, unchanged", st == 403 and dump() == before, st)

st, _, text = upload(meti, PAGE, data)
check("the preview: 200 and nothing written", st == 200 and dump() == before, st)
check("the preview counts 2 updates, 1 conflict, 1 refused",
      "更新 2件・競合 1件・拒否 1件" in text, re.findall(r"更新 \d+件[^<]*", text))
check("the preview shows an update as a word diff", "<ins>" in text and "研修を3回行った" in text)
check("the preview shows the conflict with both texts",
      "競合" in text and "ファイルで書いた実績。" in text and "Webで入力した実績。" in text)
check("the preview shows the refused row of 厚 with why",
      "offline-refused" in text and "担当府省以外の報告です。" in text)
sha, digest = hidden(text, "file_sha256"), hidden(text, "digest")
check("the confirm form carries the file's and the proposal's digests, no file",
      sha and digest and 'name="op" value="apply"' in text, sha, digest)

# a confirm by another session of the same user finds nothing to apply
meti2 = Session(srv)
meti2.login("meti1", PW)
before = dump()
st, _, text = meti2.post(PAGE, {"op": "apply", "file_sha256": sha, "digest": digest})
check("another session cannot confirm this upload (409), unchanged",
      st == 409 and dump() == before, st)
st, _, text = meti.post(PAGE, {"op": "apply", "file_sha256": sha, "digest": digest, "strict": "1"})
check("strict: a conflict blocks the whole upload, nothing written",
      st == 200 and "何も書き込みませんでした" in text and dump() == before, st)
st, _, text = meti.post(PAGE, {"op": "apply", "file_sha256": sha, "digest": "0" * 64})
check("a confirm of another proposal: 409 with the new preview, unchanged",
      st == 409 and "更新 2件" in text and dump() == before, st)

v_before = entries()
st, _, text = meti.post(PAGE, {"op": "apply", "file_sha256": sha, "digest": digest})
after = entries()
check("confirming saves the two updates", st == 200 and "2件を保存しました" in text and
      after[(items[0], "meti")][1] == v_before[(items[0], "meti")][1] + 1 and
      after[(items[1], "meti")][1] == v_before[(items[1], "meti")][1] + 1, st)
check("the conflicting and the refused rows are not written",
      after[(item_conf, "meti")] == v_before[(item_conf, "meti")] and
      after[(mhlw_item, "mhlw")] == v_before[(mhlw_item, "mhlw")])
aud = run("audit").stdout
check("audited: each save as user:meti1 and the upload",
      aud.count("round.entry.save") >= 3 and "round.upload" in aud and
      "updated=2" in aud and "conflicts=1" in aud and "refused=1" in aud, aud[-1500:])
aj = json.loads(run("audit", "--json", "--action", "round.entry.save").stdout)
up = [x for x in aj if re.fullmatch(r"round_entry:\d+ FY2026 %s meti" % items[0], x["target"])]
check("... the upload's save of row 4 with the state and the texts before and after",
      len(up) == 1 and up[0]["actor"] == "user:meti1" and
      up[0]["after"].split("\n", 1)[1] == "state=draft\nresults=・拠点を整備した。\n・研修を3回行った。" and
      up[0]["before"].split("\n", 1)[1] == "state=draft\nresults=", up)
trail = json.loads(run("audit", "--json").stdout)
dl = [x for x in trail if x["action"] == "round.download" and
      __import__("hashlib").sha256(raw).hexdigest() in x["after"]]
upl = [x for x in trail if x["action"] == "round.upload" and "sha256=" + sha in x["after"]
       and "updated=2" in x["after"]]
saves = [x for x in trail if x["action"] == "round.entry.save" and upl and
         x.get("request_id") == upl[0].get("request_id")]
check("... the web's download and upload with the address and the request id, and the"
      " upload's two saves with the upload's",
      len(dl) == 1 and len(upl) == 1 and len(saves) == 2 and
      all(x.get("address") == "127.0.0.1" and x.get("request_id") for x in dl + upl + saves),
      dl, upl, len(saves))
p = run("audit", "verify")
check("audit verify: intact", p.returncode == 0, p.stdout, p.stderr)
before = dump()
st, _, text = meti.post(PAGE, {"op": "apply", "file_sha256": sha, "digest": digest})
check("the same confirm again: 409 (the upload is used), unchanged",
      st == 409 and dump() == before, st)

# ---- bad files ----
mdplan("--db", db, "export", "programmes-xlsx", "-o", "other.xlsx")
for name, blob in (("a corrupt file", data[: len(data) // 2]),
                   ("not a zip at all", b"hello, world\n" * 100),
                   ("another workbook (programmes)", open("other.xlsx", "rb").read()),
                   ("a zip bomb", open(os.path.join(top, "tests", "data", "xlsx", "bomb.xlsx"),
                                       "rb").read())):
    before = dump()
    st, _, text = upload(meti, PAGE, blob)
    check(f"{name}: 400 with a message, unchanged", st == 400 and dump() == before and
          'role="alert"' in text, st)
for lang, want, other in (("", "この調査のために書き出したExcelファイルとして読めません。",
                          "This is not a workbook downloaded for this round."),
                         ("?lang=en", "This is not a workbook downloaded for this round.",
                          "この調査のために書き出したExcelファイルとして読めません。")):
    st, _, text = upload(meti, PAGE + lang, b"hello, world\n" * 100)
    check(f"a bad file ({'en' if lang else 'ja'}): the message in the page's language, "
          "then the reader's detail", st == 400 and want in text and other not in text and
          ("詳細（ファイルの行・セル）：" if not lang else "Details (row or cell in the file): ") in text,
          st, re.findall(r'role="alert"[^<]*<?[^<]*', text)[:2])
# the reader's own words, and a workbook past the row limit: refused whole
edit_sheet("web.xlsx", "nomark.xlsx", [("A1", "something")])
for name, blob, words in (
        ("the mark in A1 overwritten", open("nomark.xlsx", "rb").read(),
         "upload.xlsx: not a round workbook of mdplan (cell A1 of sheet 令和8年度入力"),
        ("20,001 entry rows", grow("web.xlsx", "huge.xlsx", 20001 - len(items)),
         "upload.xlsx: more than 20000 entries (the limit)")):
    before, n_audit = db_sha(), audits()
    st, _, text = upload(meti, PAGE + "?lang=en", blob)
    check(f"{name}: 400 with the reader's message, the database and the audit trail unchanged",
          st == 400 and words in text.replace("&quot;", '"') and db_sha() == before and
          audits() == n_audit, st, re.findall(r'role="alert"[^<]*<?[^<]*', text)[:2])

# a big file whose keys repeat: every repeat refused, row by row
extra = 3000
big = grow("web.xlsx", "big.xlsx", extra)
before = dump()
st, _, text = upload(meti, PAGE, big)
check(f"a workbook with {extra} repeated rows: 200, each repeat refused as given twice",
      st == 200 and "拒否 %d件" % extra in text and
      text.count("同じ行がファイルに2回あります。") == extra and dump() == before, st,
      re.findall(r"更新 \d+件[^<]*", text))
rows_twice = [int(r) for r in re.findall(
    r'<tr class="offline-refused"><td>(\d+)</td>', text)]
check("... the repeats are the appended rows, and only they",
      rows_twice == list(range(4 + len(items), 4 + len(items) + extra)),
      rows_twice[:3], rows_twice[-3:])

st, _, text = upload(meti, PAGE + "?lang=en", data)
check("the preview in English: the refused row of 厚 says why in English",
      st == 200 and "An entry of a ministry that is not yours." in text and
      "担当府省以外の報告です。" not in text, st)
before = dump()
st, _, text = upload(meti, "/rounds/2027/offline/meti/", data)
check("a workbook of FY2026 to another year's round: refused, unchanged",
      st in (400, 404) and dump() == before, st)
st, _, text = upload(meti, PAGE, None)
check("no file: 400, unchanged", st == 400 and dump() == before, st)

# a stale preview: the entry changes between preview and confirm
edit_sheet("web.xlsx", "edited2.xlsx", [("H%d" % (row_conf + 1), "後で確定する実績。")])
data2 = open("edited2.xlsx", "rb").read()
st, _, text = upload(meti, PAGE, data2)
sha2, digest2 = hidden(text, "file_sha256"), hidden(text, "digest")
it = items[row_conf + 1 - 4]
with open("web2.txt", "w", encoding="utf-8") as f:
    f.write("Webで先に保存。\n")
run("round", "entry", "2026", it, "meti", "--save", "--results-file", "web2.txt",
    "--version", str(entries()[(it, "meti")][1]), "--as", "meti1")
before = dump()
st, _, text = meti.post(PAGE, {"op": "apply", "file_sha256": sha2, "digest": digest2})
check("confirming a preview the web has overtaken: 409, the new preview shows the conflict, "
      "unchanged", st == 409 and "競合 1件" in text and dump() == before, st)
# ---- the kept previews are shared fairly ----
# meti2 previews an edit; then meti1 uploads from twelve sessions of their
# own (more than a user keeps, and with the sessions a login ends): only
# meti1's own older previews go
other = Session(srv)
check("a second editor of 経 signs in", other.login("meti2", PW) == 303)
st, _, raw = srv.req(XLSX, headers={"Cookie": other.cookie})
open("meti2.xlsx", "wb").write(raw)
it_other = meti_items()[0]
edit_sheet("meti2.xlsx", "meti2-edited.xlsx", [("H4", "meti2がファイルで書いた実績。")])
st, _, text = upload(other, PAGE, open("meti2-edited.xlsx", "rb").read())
o_sha, o_digest = hidden(text, "file_sha256"), hidden(text, "digest")
check("meti2's preview: one update", st == 200 and "更新 1件" in text and o_digest, st)
st, _, raw = srv.req(XLSX, headers={"Cookie": meti.cookie})
open("again.xlsx", "wb").write(raw)
edit_sheet("again.xlsx", "again-edited.xlsx", [("H5", "meti1が何度も書いた実績。")])
again = open("again-edited.xlsx", "rb").read()
mine = []
for k in range(12):
    s_k = Session(srv)
    s_k.login("meti1", PW)
    st, _, text = upload(s_k, PAGE, again)
    mine.append((s_k, st, hidden(text, "file_sha256"), hidden(text, "digest")))
check("meti1 previews from twelve sessions", all(m[1] == 200 and m[3] for m in mine),
      [m[1] for m in mine])
before = dump()
st, _, text = mine[9][0].post(PAGE, {"op": "apply", "file_sha256": mine[9][2],
                                     "digest": mine[9][3]})
check("meti1's own older preview is the one replaced: its confirm is 409, unchanged",
      st == 409 and "別のファイルに置き換えられました" in text and dump() == before, st)
for k in (10, 11):
    # kept: a confirm of another proposal gets the new preview, not "expired"
    st, _, text = mine[k][0].post(PAGE, {"op": "apply", "file_sha256": mine[k][2],
                                         "digest": "0" * 64})
    check(f"meti1's preview {k + 1} of 12 (one of the two a user keeps) is still kept",
          st == 409 and "更新 1件" in text and "別のファイルに置き換えられました" not in text and
          dump() == before, st)
v0 = entries()[(it_other, "meti")][1]
st, _, text = other.post(PAGE, {"op": "apply", "file_sha256": o_sha, "digest": o_digest})
check("meti2's preview survived meti1's twelve: confirming saves it",
      st == 200 and "1件を保存しました" in text and
      entries()[(it_other, "meti")][1] == v0 + 1, st)
rc, _, err = srv.stop()
check("the server stops cleanly", rc == 0, err[-2000:])

# ---- the command line ----
p = run("round", "download", "2026", "--ministry", "経", "-o", "cli.xlsx", "--as", "mhlw1")
check("cli: another ministry's editor gets no workbook", p.returncode != 0 and
      not os.path.exists("cli.xlsx"), p.stderr)
p = run("round", "download", "2026", "--ministry", "経", "-o", "cli.xlsx", "--as", "meti1")
check("cli: round download", p.returncode == 0 and open("cli.xlsx", "rb").read(2) == b"PK",
      p.stderr)
c = cells("cli.xlsx")
edit_sheet("cli.xlsx", "cli-edited.xlsx", [
    ("I4", "CLIで書いた予定。"),
    ("A%d" % inject, mhlw_key), ("B%d" % inject, "1"), ("C%d" % inject, c["C4"]),
    ("H%d" % inject, "厚の行"),
])
before = dump()
p = run("round", "upload", "2026", "cli-edited.xlsx", "--as", "meti1", "--dry-run")
check("cli: --dry-run prints the preview and writes nothing",
      p.returncode == 0 and "1 to update" in p.stdout and "refused" in p.stdout and
      "dry run" in p.stdout and dump() == before, p.stdout, p.stderr)
p = run("round", "upload", "2026", "cli-edited.xlsx", "--as", "meti1", "--strict")
check("cli: --strict with a refused row writes nothing (exit 4)",
      p.returncode == 4 and dump() == before, p.returncode, p.stdout, p.stderr)
p = run("round", "upload", "2026", "cli-edited.xlsx", "--as", "mhlw1", "--ministry", "経")
check("cli: another ministry's editor cannot upload 経's workbook",
      p.returncode != 0 and dump() == before, p.returncode, p.stderr)
with open("junk.xlsx", "wb") as f:
    f.write(b"PK\x03\x04 not really")
p = run("round", "upload", "2026", "junk.xlsx", "--as", "meti1")
check("cli: a corrupt file is refused (exit 1), unchanged",
      p.returncode == 1 and dump() == before, p.returncode, p.stderr)
# one save that fails rolls the whole upload back (a control character, as
# Excel escapes it, in row 5; row 4 is a good update)
edit_sheet("cli.xlsx", "cli-bad.xlsx", [("I4", "CLIで書いた予定。"), ("I5", "予定_x0001_")])
p = run("round", "upload", "2026", "cli-bad.xlsx", "--as", "meti1")
check("cli: a row whose save fails: exit 1 naming the row, nothing written (not even row 4)",
      p.returncode == 1 and "row 5" in p.stderr and dump() == before, p.returncode, p.stderr)
run("round", "close", "2026")
before = dump()
p = run("round", "upload", "2026", "cli-edited.xlsx", "--as", "meti1")
check("cli: a closed round takes no upload, nothing written",
      p.returncode == 1 and "closed" in p.stderr and dump() == before, p.returncode, p.stderr)
run("round", "reopen", "2026")
v0 = entries()[(items[0], "meti")][1]
p = run("round", "upload", "2026", "cli-edited.xlsx", "--as", "meti1")
check("cli: round upload saves the update, not the refused row",
      p.returncode == 0 and "saved 1 entry" in p.stdout and
      entries()[(items[0], "meti")][1] == v0 + 1, p.stdout, p.stderr)
p = run("round", "upload", "2026", "cli-edited.xlsx", "--as", "meti1")
check("cli: the same file again changes nothing",
      p.returncode == 0 and "saved 0 entries" in p.stdout and
      entries()[(items[0], "meti")][1] == v0 + 1, p.stdout, p.stderr)
summary()
