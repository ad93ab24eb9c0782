#!/usr/bin/env python3
"""A synthetic history of follow-up rounds for the board's benchmark (and
for bench/edit-load.sh's board reads): adds to a demo database (plan and
follow-up imported) a synthetic plan (edition 0, so it is never the plan
in force) whose action items are shared by 1 to 3 ministries, and one
round a fiscal year for YEARS years ending with FY LAST, together holding
about ENTRIES entries (a ministry's entry per item and ministry, a
consolidated one per shared item), in every state: older rounds closed and
mostly accepted, the last one open and mixed, some flagged for re-review.
Deterministic (a fixed seed); prints what it made.

    python3 bench/round_gen.py DB [--years 20] [--entries 10000] [--last 2025]

--years 1 --entries 10000 makes one round of 10,000 entries (the worst
case for a board). The database must have no round in those years."""
import argparse
import random
import sqlite3
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--entries", type=int, default=10000)
    ap.add_argument("--last", type=int, default=2025)
    ap.add_argument("--seed", type=int, default=14)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    per_round = max(1, a.entries // a.years)
    first = a.last - a.years + 1

    c = sqlite3.connect(a.db)
    c.execute("PRAGMA foreign_keys = ON")
    if c.execute("SELECT count(*) FROM round WHERE fiscal_year BETWEEN ? AND ?",
                 (first, a.last)).fetchone()[0]:
        sys.exit(f"round_gen: {a.db} has rounds in FY{first}-FY{a.last} already")
    ministries = [r[0] for r in c.execute("SELECT id FROM ministry ORDER BY sort")]
    c.execute("BEGIN")
    edition = c.execute("SELECT coalesce(min(edition), 1) - 1 FROM plan").fetchone()[0]
    plan = c.execute("INSERT INTO plan(edition, title, adopted, fy_start, fy_end)"
                     " VALUES (?, '合成の計画（ベンチマーク用）', '2005-04-01', ?, ?)",
                     (edition, first, a.last)).lastrowid
    visions = [c.execute("INSERT INTO vision(plan_id, no, title, title_norm) VALUES (?,?,?,?)",
                         (plan, v, f"合成ビジョン{v}", f"合成ビジョン{v}")).lastrowid
               for v in (1, 2, 3)]
    goals = []
    for g in range(1, 12):
        gid = c.execute("INSERT INTO goal(plan_id, no, title, title_norm) VALUES (?,?,?,?)",
                        (plan, g, f"合成ゴール{g}：研究開発から実用化までの取組",
                         f"合成ゴール{g}")).lastrowid
        c.execute("INSERT INTO goal_listing(vision_id, pos, goal_id) VALUES (?,?,?)",
                  (visions[(g - 1) % 3], g, gid))
        goals.append(gid)
    # items until a round holds per_round entries
    items, n, no, mno = [], 0, 0, 0
    while n < per_round:
        if no % 8 == 0:
            mno += 1
            mid = c.execute("INSERT INTO measure(plan_id, goal_id, no, title, title_norm)"
                            " VALUES (?,?,?,?,?)", (plan, goals[(mno - 1) % 11], mno,
                                                    f"合成施策{mno}", f"合成施策{mno}")).lastrowid
        no += 1
        text = f"合成の取組{no}：医療機器の研究開発と実用化を支援する体制を整備し、関係府省が連携して推進する。"
        iid = c.execute("INSERT INTO action_item(plan_id, measure_id, no, text, text_norm)"
                        " VALUES (?,?,?,?,?)", (plan, mid, no, text, text)).lastrowid
        k = rnd.choice((1, 1, 1, 2, 2, 3))
        mins = rnd.sample(ministries, k)
        for pos, m in enumerate(mins):
            lead = 1 if pos == 0 or (pos == 1 and rnd.random() < 0.3) else 0
            c.execute("INSERT INTO action_ministry(item_id, ministry_id, lead, pos)"
                      " VALUES (?,?,?,?)", (iid, m, lead, pos))
        items.append((iid, mins))
        n += k + (k > 1)
    total = 0
    for fy in range(first, a.last + 1):
        last = fy == a.last
        c.execute("INSERT OR IGNORE INTO fiscal_year(year, label_ja, label_en) VALUES (?,?,?)",
                  (fy, f"FY{fy}", f"FY{fy}"))
        rid = c.execute("INSERT INTO round(fiscal_year, plan_id, deadline, state, opened_by,"
                        " opened_at) VALUES (?,?,?,?, 'cli:bench', ?)",
                        (fy, plan, f"{fy + 1}-01-31", "open" if last else "closed",
                         f"{fy}-10-01T09:00:00Z")).lastrowid
        weights = (25, 35, 10, 30) if last else (2, 3, 1, 94)
        rows = []
        for iid, mins in items:
            who = [(m, pos, 0) for pos, m in enumerate(mins)]
            if len(mins) > 1:
                who.append((None, 0, 1))
            for m, pos, cons in who:
                state = rnd.choices(("draft", "submitted", "returned", "accepted"), weights)[0]
                flagged = 1 if state == "submitted" and rnd.random() < 0.1 else 0
                body = "" if state == "draft" else f"FY{fy}の実績：研修を実施し、相談に対応した。"
                rows.append((rid, iid, m, 1 if pos == 0 else 0, pos, cons,
                             "user:bench" if cons else "", body, body, state, flagged,
                             "根拠を追記" if state == "returned" else "",
                             "results" if state == "returned" else ""))
        c.executemany("INSERT INTO round_entry(round_id, action_item_id, ministry_id, lead, pos,"
                      " consolidated, consolidated_by, results, plans, state, flagged,"
                      " return_reason, return_field) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        total += len(rows)
    c.execute("COMMIT")
    c.close()
    print(f"round_gen: {len(items)} synthetic items, {a.years} rounds FY{first}-FY{a.last}, "
          f"{total} entries ({total // a.years} a round)")


if __name__ == "__main__":
    main()
