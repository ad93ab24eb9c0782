#!/usr/bin/env python3
"""Every command of the README's CLI tour, run as written.

Takes the indented lines of the first code block under "## CLI tour" in
README.md, in order, and runs each with `sh -c` in a fresh directory that
has the checkout's data/ and tests/data/ (so `data/plan-2nd.txt` means what
it says there), `mdplan` on PATH as the binary under test and MDPLAN_DB set
to a new database. A comment "(exit N)" after the command is the exit code
it must give; otherwise 0. `serve` runs until it says where it listens.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import os
import re
import signal
import subprocess
import sys

from tap import MDPLAN, check, summary

TOP = os.environ["top"]


def tour_commands():
    text = open(os.path.join(TOP, "README.md"), encoding="utf-8").read()
    part = text.split("\n## CLI tour\n", 1)[1]
    lines = part.split("\n")
    i = 0
    while not lines[i].startswith("    "):       # the first code block
        i += 1
    cmds = []
    while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
        line = lines[i][4:]
        i += 1
        if not line.strip():
            continue
        m = re.match(r"(.*?)(?:\s{2,}#\s*(.*))?$", line)
        cmd, comment = m.group(1).strip(), m.group(2) or ""
        ex = re.search(r"\(exit (\d)\)", comment)
        cmds.append((cmd, int(ex.group(1)) if ex else 0, comment))
    return cmds


work = os.path.abspath("readme-tour")
os.makedirs(os.path.join(work, "bin"), exist_ok=True)
os.makedirs(os.path.join(work, "tests"), exist_ok=True)
os.symlink(os.path.join(TOP, "data"), os.path.join(work, "data"))
os.symlink(os.path.join(TOP, "tests", "data"), os.path.join(work, "tests", "data"))
os.symlink(MDPLAN, os.path.join(work, "bin", "mdplan"))
env = dict(os.environ, PATH=os.path.join(work, "bin") + os.pathsep + os.environ["PATH"],
           MDPLAN_DB=os.path.join(work, "tour.db"), USER="readme")

cmds = tour_commands()
check("the tour has its commands (at least 40, each starting mdplan, iconv or head)",
      len(cmds) >= 40 and all(c.split()[0] in ("mdplan", "iconv", "head") for c, _, _ in cmds),
      [c for c, _, _ in cmds if c.split()[0] not in ("mdplan", "iconv", "head")])
check("no command of the tour is a synopsis ([options], |, ...)",
      not [c for c, _, _ in cmds if re.search(r"\[|\]|\||COMMAND|…|\.\.\.", c)],
      [c for c, _, _ in cmds if re.search(r"\[|\]|\||COMMAND|…|\.\.\.", c)])
outputs = {}
for cmd, want, comment in cmds:
    if cmd.startswith("mdplan serve"):
        p = subprocess.Popen(["sh", "-c", "exec " + cmd], cwd=work, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = p.stdout.readline()
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)
        check(f"README: {cmd} serves and says where", "http://127.0.0.1:" in line, line)
        continue
    p = subprocess.run(["sh", "-c", cmd], cwd=work, env=env, capture_output=True, text=True)
    outputs[cmd] = p
    check(f"README: {cmd} (exit {want})", p.returncode == want,
          p.returncode, p.stderr[-400:])

def out_of(prefix):
    return next(p for c, p in outputs.items() if c.startswith(prefix))

p = out_of("mdplan show 40")
check("README: show 40 lists M40 and A40 on stderr", "M40" in p.stderr and "A40" in p.stderr
      and not p.stdout, p.stderr)
p = out_of("mdplan show A40 --year R6")
check("README: show for a year without data says so on stderr, prints nothing",
      "no follow-up for 令和6年度" in p.stderr and not p.stdout, p.stderr, p.stdout)
p = out_of("mdplan export csv --year R7 -o fu.csv")
check("README: export -o says what it wrote", p.stdout.startswith("wrote fu.csv: the follow-up table")
      and os.path.getsize(os.path.join(work, "fu.csv")) > 10000, p.stdout)
p = out_of("mdplan import followup table-sjis.tsv")
check("README: the Shift_JIS copy is read as Shift_JIS and changes nothing",
      "(Shift_JIS)" in p.stdout and " 0 added, 0 changed" in p.stdout, p.stdout)
p = out_of("mdplan import followup short.tsv --allow")
check("README: --allow-removals removes rows", re.search(r"[1-9]\d* removed", p.stdout), p.stdout)
check("README: the published site is there",
      os.path.exists(os.path.join(work, "site", "index.html")) and
      os.path.exists(os.path.join(work, "site", "en", "help", "index.html")))
summary()
