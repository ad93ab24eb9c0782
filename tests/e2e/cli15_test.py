#!/usr/bin/env python3
"""The command line of issue 15: columns padded by display width, ambiguous
ids, years without data, `export -o` saying what it wrote, history naming
indicators by code, the sources list import (and a bad list changing
nothing), and `make demo` needing no npm.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import os
import re
import sqlite3
import stat
import subprocess
import unicodedata

from tap import check, fresh_db, mdplan, summary

TOP = os.environ["top"]
DATA = os.path.join(TOP, "data")
db = "cli.db"
fresh_db(db)
mdplan("--db", db, "import", "plan", os.environ["PLAN"])
mdplan("--db", db, "import", "followup", os.environ["FOLLOWUP"])
mdplan("--db", db, "import", "indicator-defs", os.path.join(DATA, "indicator-defs.csv"))
mdplan("--db", db, "import", "indicators", os.path.join(DATA, "indicators.csv"))


def run(*args):
    return mdplan("--db", db, *args, check_rc=False)


def width(s):
    """Terminal columns: East Asian Wide and Fullwidth take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else
               0 if unicodedata.combining(ch) else 1 for ch in s)


def starts(line, fields):
    """The display column where each of the first `fields` space-separated
    fields starts."""
    cols, col, i = [], 0, 0
    while i < len(line) and len(cols) < fields:
        if line[i] != " " and (i == 0 or line[i - 1] == " "):
            cols.append(col)
        col += width(line[i])
        i += 1
    return cols


# ---- columns by display width -----------------------------------------------
for args, fields in ((("measures",), 4), (("measures", "--en"), 4),
                     (("ministries",), 3), (("ministries", "--en"), 3)):
    p = run(*args)
    lines = p.stdout.splitlines()
    ref = tuple(starts(lines[0], fields))
    # a row whose third column is empty (a measure no ministry leads)
    # starts its next field where the header's fourth column is
    odd = [l for l in lines if tuple(starts(l, fields)) != ref and
           tuple(starts(l, fields))[:3] != ref[:2] + ref[3:4]]
    check(f"{' '.join(args)}: the columns line up in a terminal (display width)",
          p.returncode == 0 and len(lines) > 5 and len(ref) == fields and not odd, ref, odd[:3])
p = run("ministries")
nums = {width(l.split("  ")[0]) for l in p.stdout.splitlines()}
check("ministries: the numbers end in the same column",
      len({width(re.match(r"(.*?\d+)\s+\d+ ", l).group(1)) for l in p.stdout.splitlines()[1:]}) == 1,
      p.stdout)

# ---- ambiguous ids ------------------------------------------------------------
p = run("show", "40")
check("show 40: ambiguous, an error listing M40 and A40 (exit 2, nothing on stdout)",
      p.returncode == 2 and not p.stdout and "ambiguous" in p.stderr and
      re.search(r"M40 +measure: 医療機器開発ガイドライン", p.stderr) and
      re.search(r"A40 +action item: 医療機器・技術・サービスの国際展開", p.stderr), p.stderr)
p = run("show", "50")
check("show 50: only A50 exists: named as the choice, still an error",
      p.returncode == 2 and "A50" in p.stderr and "M50" not in p.stderr.split("\n", 1)[1], p.stderr)
p = run("show", "99")
check("show 99: neither exists", p.returncode == 2 and "no measure M99 and no action item A99" in p.stderr,
      p.stderr)
p = run("show", "M40")
check("show M40 still works", p.returncode == 0 and p.stdout.startswith("M40 "), p.stdout[:80])

# ---- years without data ---------------------------------------------------------
p = run("show", "A40", "--year", "R6")
check("show --year R6: said on stderr, exit 1, nothing on stdout",
      p.returncode == 1 and not p.stdout and
      "no follow-up for 令和6年度 (FY2024); the database has FY2025" in p.stderr, p.stderr, p.stdout)
for fmt in ("csv", "xlsx", "json"):
    out = f"r6.{fmt}"
    p = run("export", fmt, "--year", "R6", "-o", out)
    check(f"export {fmt} --year R6: said on stderr, exit 1, no file written",
          p.returncode == 1 and "no follow-up for 令和6年度" in p.stderr and not os.path.exists(out),
          p.stderr)
p = run("show", "A40", "--year", "R7")
check("show --year R7 (a year with data): as before", p.returncode == 0 and "令和7年度" in p.stdout)

# ---- export -o says what it wrote ---------------------------------------------
for args, what in ((("export", "csv", "--year", "R7", "-o", "fu.csv"),
                    "wrote fu.csv: the follow-up table of FY2025, as CSV ("),
                   (("export", "xlsx", "--ministry", "経", "-o", "fu.xlsx"),
                    "wrote fu.xlsx: the follow-up table, meti, as XLSX ("),
                   (("export", "indicators", "-o", "v.csv"),
                    "wrote v.csv: indicator values, as CSV in the import layout (")):
    p = run(*args)
    size = os.path.getsize(args[-1]) if os.path.exists(args[-1]) else -1
    check(f"{' '.join(args)}: prints what was written, with its size",
          p.returncode == 0 and p.stdout.startswith(what) and f"({size} bytes)" in p.stdout, p.stdout)
p = run("export", "csv")
check("export to stdout: only the data", p.returncode == 0 and "wrote" not in p.stdout[:100])

# ---- history names indicators by their codes ----------------------------------
run("indicator", "define", "HUB-COURSES", "--target", "2026:100")
p = run("history")
lines = [l for l in p.stdout.splitlines() if "HUB-COURSES" in l]
check("history: indicators by their code, no indicator#N",
      lines and all(" HUB-COURSES v2 target_" in l for l in lines) and "indicator#" not in p.stdout,
      lines)

# ---- the sources list ---------------------------------------------------------------
def dump():
    """Every row of every table but the FTS5 ones (they need mdplan's
    tokenizer)."""
    with sqlite3.connect(db) as c:
        out = []
        for name, sql in sorted(c.execute("SELECT name, sql FROM sqlite_master"
                                          " WHERE type = 'table'").fetchall()):
            if not sql.upper().startswith("CREATE VIRTUAL"):
                out.append(name + repr(c.execute(f'SELECT * FROM "{name}"').fetchall()))
        return "\n".join(out)


before = dump()
good = open(os.path.join(DATA, "sources.csv"), encoding="utf-8").read()
header = good.split("\n", 1)[0]
bad_lists = {
    "unknown column": good.replace("publisher_en", "publisher_xx", 1),
    "no code": header + "\n,plan.txt,題,,厚生労働省,,,,\n",
    "bad url": good.replace("https://www.mhlw.go.jp/stf/newpage_54795.html", "javascript:alert(1)"),
    "bad date": good.replace("2022-05-31", "2022-13-45"),
    "a file named twice": good + "x,plan-2nd.txt,題,,厚生労働省,,,,\n",
    "a code twice": good + "plan-2,other.txt,題,,厚生労働省,,,,\n",
    "no publisher": header + "\nx,a.txt,題,,,,,,\n",
}
for what, text in bad_lists.items():
    with open("bad-sources.csv", "w", encoding="utf-8") as f:
        f.write(text)
    p = run("import", "sources", "bad-sources.csv")
    check(f"import sources, {what}: refused with file:line, nothing written",
          p.returncode == 1 and re.search(r"bad-sources\.csv:\d+: ", p.stderr) and dump() == before,
          p.stderr)
p = run("import", "sources", os.path.join(DATA, "sources.csv"))
check("import sources: the five documents", p.returncode == 0 and "5 documents" in p.stdout and
      "5 added" in p.stdout, p.stdout, p.stderr)
p = run("import", "sources", os.path.join(DATA, "sources.csv"))
check("import sources again: nothing changes", "0 added, 0 changed, 5 unchanged" in p.stdout, p.stdout)
with open("sources2.csv", "w", encoding="utf-8") as f:
    f.write(good.replace("閣議決定の日付。", "閣議決定の日付（訂正）。"))
p = run("import", "sources", "sources2.csv")
h = run("history").stdout
check("a corrected sources list: the change in place, the old note in history by its code",
      "0 added, 1 changed, 4 unchanged" in p.stdout and
      re.search(r"plan-2 \(document#\d+\) v2 note: \"閣議決定の日付。", h), p.stdout, h[-400:])

# ---- make demo needs no npm ------------------------------------------------------
p = subprocess.run(["make", "-n", "-C", TOP, "demo", "DB=/nonexistent/demo.db"],
                   capture_output=True, text=True)
check("make demo: no npm and no test dependencies in what it runs",
      p.returncode == 0 and "npm" not in p.stdout and "MDPLAN_TESTS" not in p.stdout
      and "import sources data/sources.csv" in p.stdout, p.stdout[-600:])
# install-deps in a copy of the tree with no node_modules: npm only for the tests
fake = os.path.abspath("fake")
os.makedirs(os.path.join(fake, "scripts"), exist_ok=True)
os.makedirs(os.path.join(fake, "tests", "browser"), exist_ok=True)
os.makedirs(os.path.join(fake, "bin"), exist_ok=True)
with open(os.path.join(TOP, "scripts", "install-deps")) as f:
    body = f.read()
with open(os.path.join(fake, "scripts", "install-deps"), "w") as f:
    f.write(body)
for tool in ("npm", "apt-get", "sudo"):
    path = os.path.join(fake, "bin", tool)
    with open(path, "w") as f:
        f.write(f"#!/bin/sh\necho {tool} \"$@\" >> {fake}/calls\n")
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
env = dict(os.environ, PATH=os.path.join(fake, "bin") + os.pathsep + os.environ["PATH"])
env.pop("MDPLAN_TESTS", None)
subprocess.run(["sh", os.path.join(fake, "scripts", "install-deps")], env=env, capture_output=True)
calls = open(os.path.join(fake, "calls")).read() if os.path.exists(os.path.join(fake, "calls")) else ""
check("install-deps for the build (make, make demo): no npm", "npm" not in calls, calls)
env["MDPLAN_TESTS"] = "1"
subprocess.run(["sh", os.path.join(fake, "scripts", "install-deps")], env=env, capture_output=True)
calls = open(os.path.join(fake, "calls")).read() if os.path.exists(os.path.join(fake, "calls")) else ""
check("install-deps for the tests (make check): npm ci in tests/browser", "npm ci" in calls, calls)
summary()
