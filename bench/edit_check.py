"""After a run of bench/loadtool: is every acknowledged save in the database
and in its history, and was none lost or overwritten?

    python3 bench/edit_check.py DB LOG LABEL [--crash]

LOG has a line per save attempt (loadtool --log): user, post path, op,
the version the form showed, the save's marker, status, microseconds,
start ms. Every save writes its unique marker (BM-<run>-<editor>-<n>) into the
text (an indicator value: a unique number). For each kind of target the
checker knows the row and history field the marker lands in (round
entries /rounds/FY/items/N/CODE/: round_entry.results; indicator values
/indicators/IND/values/#year=Y: indicator_value.value).

Checks, printed as "ok - ..." / "not ok - ..." (exit 1 on any not ok):
- every save answered 303 has exactly one history row holding its marker,
  on the row it was posted to, at version base + 1, by its user;
- no two acknowledged saves of a row were based on the same version
  (optimistic concurrency: one of them must have been refused, 409);
- no refused save (409 or any other answer but 303) left its marker
  anywhere (history or the row);
- each row holds the text of its last history change, which is the last
  acknowledged save or (--crash only) a save whose answer was lost when
  the server was killed;
- with --crash, saves without an answer are counted (some may have been
  committed before the kill: that is allowed, nothing acknowledged is
  missing).
Prints a summary line a kind: LABEL KIND: acked=… conflicts=… refused=…
noanswer=… p50_ms p99_ms.
"""
import re
import sqlite3
import sys
from collections import defaultdict

MARK = re.compile(r"BM-[a-z0-9]+-\d+-\d+")
ROUND = re.compile(r"^/rounds/(\d+)/items/(\d+)/([a-z]+)/$")
VALUE = re.compile(r"^/indicators/([A-Za-z0-9_-]+)/values/#year=(\d+)$")


def numbers(text):
    """An indicator value's text as the integer marker it holds, if any."""
    try:
        v = float(text)
    except (TypeError, ValueError):
        return []
    return [str(int(v))] if v == int(v) else []


# what a save writes where: table, field, how its marker reads in a text
KINDS = {
    "entry": ("round_entry", "results", MARK.findall),
    "value": ("indicator_value", "value", numbers),
}


def main():
    db, log, label = sys.argv[1], sys.argv[2], sys.argv[3]
    crash = "--crash" in sys.argv[4:]
    con = sqlite3.connect(db)
    failures = []

    def check(name, cond, *detail):
        if cond:
            print(f"ok - {label}: {name}")
        else:
            print(f"not ok - {label}: {name}" + ("".join(f"\n#   {d}" for d in detail[:10])))
            failures.append(name)

    row_of = {}

    def target(path):
        """(kind, row id) a save path writes"""
        if path in row_of:
            return row_of[path]
        kind, rid = None, None
        m = ROUND.match(path)
        if m:
            kind = "entry"
            r = con.execute(
                "SELECT e.id FROM round_entry e JOIN round r ON r.id = e.round_id"
                " JOIN action_item i ON i.id = e.action_item_id AND i.plan_id = r.plan_id"
                " JOIN ministry m ON m.id = e.ministry_id"
                " WHERE r.fiscal_year = ? AND i.no = ? AND m.code = ?",
                (int(m.group(1)), int(m.group(2)), m.group(3))).fetchone()
            rid = r[0] if r else None
        m = VALUE.match(path)
        if m:
            kind = "value"
            r = con.execute(
                "SELECT v.id FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
                " WHERE i.code = ? AND v.year = ? AND v.breakdown = ''",
                (m.group(1), int(m.group(2)))).fetchone()
            rid = r[0] if r else None
        row_of[path] = (kind, rid)
        return row_of[path]

    saves = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            user, path, op, base, marker, status, us, t0, number = line.rstrip("\n").split("\t")
            kind, rid = target(path)
            saves.append({"user": user, "path": path, "op": op, "base": int(base),
                          "marker": number if kind == "value" else marker,
                          "status": int(status), "us": int(us), "kind": kind,
                          "row": (kind, rid)})
    unknown = sorted({s["path"] for s in saves if s["kind"] is None})
    check("every save went to a known kind of row", not unknown, *unknown)
    saves = [s for s in saves if s["kind"]]

    # every marker in history and in the rows, by kind
    hist = defaultdict(list)     # (kind, marker) -> [(row, version, actor)]
    last = {}                    # row -> (version, new_value) of its last change
    current = {}                 # row -> (text, version)
    in_rows = defaultdict(list)  # (kind, marker) -> [row]
    for kind in {s["kind"] for s in saves}:
        tbl, field, marks = KINDS[kind]
        for rid, new, ver, actor in con.execute(
                "SELECT row_id, new_value, version, actor FROM history WHERE tbl = ?"
                " AND field = ? ORDER BY id", (tbl, field)):
            for mk in set(marks(new)):
                hist[(kind, mk)].append(((kind, rid), ver, actor))
            if (kind, rid) not in last or ver >= last[(kind, rid)][0]:
                last[(kind, rid)] = (ver, new)
        for rid, txt, ver in con.execute(f"SELECT id, {field}, version FROM {tbl}"):
            current[(kind, rid)] = (txt, ver)
            for mk in marks(txt):
                in_rows[(kind, mk)].append((kind, rid))

    def key(s):
        return (s["kind"], s["marker"])

    acked = [s for s in saves if s["status"] == 303]
    conflicts = [s for s in saves if s["status"] == 409]
    refused = [s for s in saves if s["status"] not in (303, 409, 0)]
    noanswer = [s for s in saves if s["status"] == 0]

    check("saves were acknowledged (a check of nothing proves nothing)", len(acked) > 0,
          f"statuses: {sorted({s['status'] for s in saves})}")
    bad = []
    for s in acked:
        h = hist.get(key(s), [])
        if s["row"][1] is None or len(h) != 1 or (h[0][0], h[0][1]) != (s["row"], s["base"] + 1) \
                or not h[0][2].endswith(":" + s["user"]):
            bad.append(f"{s['marker']} {s['path']} base {s['base']}: history {h}")
    check(f"every acknowledged save ({len(acked)}) is in history once, on its row, "
          "at its version + 1, by its user", not bad, *bad)

    by_base = defaultdict(list)
    for s in acked:
        by_base[(s["row"], s["base"])].append(s["marker"])
    lost = [f"row {k[0]} version {k[1]}: {v}" for k, v in by_base.items() if len(v) > 1]
    check("no lost update: no two acknowledged saves of a row from the same version",
          not lost, *lost)

    leaked = [f"{s['marker']} ({s['status']}): {hist.get(key(s))} {in_rows.get(key(s))}"
              for s in conflicts + refused if key(s) in hist or key(s) in in_rows]
    check(f"no refused save ({len(conflicts)} conflicts, {len(refused)} other) left its marker",
          not leaked, *leaked)

    # each row: the text is its last history change, and that is its last
    # acknowledged save (or an unanswered one, after a crash)
    last_acked = {}
    for s in acked:
        if s["row"] not in last_acked or s["base"] > last_acked[s["row"]]["base"]:
            last_acked[s["row"]] = s
    unanswered = {key(s) for s in noanswer}
    wrong = []
    for row, s in last_acked.items():
        txt, ver = current.get(row, (None, None))
        marks = KINDS[row[0]][2](txt)
        lt = last.get(row, (None, None))[1]
        if KINDS[row[0]][2](lt) != marks:
            wrong.append(f"row {row}: {txt!r} is not its last history change {lt!r}")
        elif marks != [s["marker"]] and not (crash and marks and (row[0], marks[0]) in unanswered):
            wrong.append(f"row {row}: holds {marks}, last acknowledged {s['marker']}")
    check("every row holds its last acknowledged save", not wrong, *wrong)

    committed = sum(1 for s in noanswer if key(s) in hist)
    for kind in sorted({s["kind"] for s in saves}):
        ks = [s for s in saves if s["kind"] == kind]
        lat = sorted(s["us"] for s in ks if s["status"] in (303, 409))
        p = (lambda q: lat[int(q * (len(lat) - 1) + 0.5)] / 1000 if lat else 0)
        n = lambda st: sum(1 for s in ks if s["status"] == st)
        print(f"{label} {kind}: acked={n(303)} conflicts={n(409)}"
              f" refused={sum(1 for s in ks if s['status'] not in (303, 409, 0))}"
              f" noanswer={n(0)} p50_ms={p(0.5):.2f} p99_ms={p(0.99):.2f}")
    print(f"{label}: noanswer_committed={committed} (answers lost with the server, saved)")
    ops = defaultdict(lambda: defaultdict(int))
    for s in saves:
        ops[f"{s['kind']} {s['op']}"][s["status"]] += 1
    print(f"{label} by op and status: " + "; ".join(
        f"{op} " + " ".join(f"{st}:{n}" for st, n in sorted(v.items())) for op, v in ops.items()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
