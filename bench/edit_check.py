"""After a run of bench/loadtool: is every acknowledged save in the database
and in its history, and was none lost or overwritten?

    python3 bench/edit_check.py DB LOG LABEL [--crash]

LOG has a line per save attempt (loadtool --log): user, post path, op,
the version the form showed, the save's marker, status, microseconds,
start ms. Every save writes its unique marker (BM-<run>-<editor>-<n>) into the
text. For each save target kind the checker knows which row and history
field the marker lands in (round entries: round_entry.results).

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
Prints a summary line: LABEL acked=… conflicts=… refused=… noanswer=…
"""
import re
import sqlite3
import sys
from collections import defaultdict

MARK = re.compile(r"BM-[a-z0-9]+-\d+-\d+")
ROUND = re.compile(r"^/rounds/(\d+)/items/(\d+)/([a-z]+)/$")


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

    def entry_id(path):
        if path in row_of:
            return row_of[path]
        m = ROUND.match(path)
        rid = None
        if m:
            r = con.execute(
                "SELECT e.id FROM round_entry e JOIN round r ON r.id = e.round_id"
                " JOIN action_item i ON i.id = e.action_item_id AND i.plan_id = r.plan_id"
                " JOIN ministry m ON m.id = e.ministry_id"
                " WHERE r.fiscal_year = ? AND i.no = ? AND m.code = ?",
                (int(m.group(1)), int(m.group(2)), m.group(3))).fetchone()
            rid = r[0] if r else None
        row_of[path] = rid
        return rid

    saves = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            user, path, op, base, marker, status, us, t0 = line.rstrip("\n").split("\t")
            saves.append({"user": user, "path": path, "op": op, "base": int(base),
                          "marker": marker, "status": int(status), "us": int(us),
                          "row": entry_id(path)})
    unknown_paths = sorted({s["path"] for s in saves if s["row"] is None})
    check("every save went to a known row", not unknown_paths, *unknown_paths)

    # every marker in history (field results of round_entry) and in the rows
    hist = defaultdict(list)     # marker -> [(row, version, actor)]
    last = {}                    # row -> (version, new_value) of its last results change
    for rid, new, ver, actor in con.execute(
            "SELECT row_id, new_value, version, actor FROM history WHERE tbl = 'round_entry'"
            " AND field = 'results' ORDER BY id"):
        for mk in set(MARK.findall(new or "")):
            hist[mk].append((rid, ver, actor))
        if rid not in last or ver >= last[rid][0]:
            last[rid] = (ver, new or "")
    current = {rid: (txt, ver) for rid, txt, ver in
               con.execute("SELECT id, results, version FROM round_entry")}
    in_rows = defaultdict(list)
    for rid, (txt, _) in current.items():
        for mk in MARK.findall(txt):
            in_rows[mk].append(rid)

    acked = [s for s in saves if s["status"] == 303]
    conflicts = [s for s in saves if s["status"] == 409]
    refused = [s for s in saves if s["status"] not in (303, 409, 0)]
    noanswer = [s for s in saves if s["status"] == 0]

    check("saves were acknowledged (a check of nothing proves nothing)", len(acked) > 0,
          f"statuses: {sorted({s['status'] for s in saves})}")
    bad = []
    for s in acked:
        h = hist.get(s["marker"], [])
        want = (s["row"], s["base"] + 1)
        if len(h) != 1 or (h[0][0], h[0][1]) != want or not h[0][2].endswith(":" + s["user"]):
            bad.append(f"{s['marker']} {s['path']} base {s['base']}: history {h}")
    check(f"every acknowledged save ({len(acked)}) is in history once, on its row, "
          "at its version + 1, by its user", not bad, *bad)

    by_base = defaultdict(list)
    for s in acked:
        by_base[(s["row"], s["base"])].append(s["marker"])
    lost = [f"row {k[0]} version {k[1]}: {v}" for k, v in by_base.items() if len(v) > 1]
    check("no lost update: no two acknowledged saves of a row from the same version",
          not lost, *lost)

    leaked = [f"{s['marker']} ({s['status']}): {hist.get(s['marker'])} {in_rows.get(s['marker'])}"
              for s in conflicts + refused if s["marker"] in hist or s["marker"] in in_rows]
    check(f"no refused save ({len(conflicts)} conflicts, {len(refused)} other) left its marker",
          not leaked, *leaked)

    # each row: the text is its last history change, and that is its last
    # acknowledged save (or an unanswered one, after a crash)
    last_acked = {}
    for s in acked:
        if s["row"] not in last_acked or s["base"] > last_acked[s["row"]]["base"]:
            last_acked[s["row"]] = s
    unanswered = {s["marker"] for s in noanswer}
    wrong = []
    for rid, s in last_acked.items():
        txt, ver = current[rid]
        lv, lt = last.get(rid, (None, None))
        marks = MARK.findall(txt)
        if lt != txt:
            wrong.append(f"row {rid}: text is not its last history change")
        elif marks != [s["marker"]] and not (crash and marks and marks[0] in unanswered):
            wrong.append(f"row {rid}: holds {marks}, last acknowledged {s['marker']}")
    check("every row holds its last acknowledged save", not wrong, *wrong)

    lat = sorted(s["us"] for s in acked + conflicts)
    p = (lambda q: lat[int(q * (len(lat) - 1) + 0.5)] / 1000 if lat else 0)
    committed = sum(1 for s in noanswer if s["marker"] in hist)
    print(f"{label} acked={len(acked)} conflicts={len(conflicts)} refused={len(refused)}"
          f" noanswer={len(noanswer)} noanswer_committed={committed}"
          f" p50_ms={p(0.5):.2f} p99_ms={p(0.99):.2f}")
    ops = defaultdict(lambda: defaultdict(int))
    for s in saves:
        ops[s["op"]][s["status"]] += 1
    print(f"{label} by op and status: " + "; ".join(
        f"{op} " + " ".join(f"{st}:{n}" for st, n in sorted(v.items())) for op, v in ops.items()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
