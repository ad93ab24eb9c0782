"""bench/edit_check.py, the judge of bench/edit-load.sh (and of its quick
run in t16-editload), must itself fail when a save is lost: real saves
through the CLI (`round entry --as`, history and versions as the web makes
them), then logs that tell the truth, and logs that claim what the
database does not hold: an acknowledged save that is missing, two
acknowledged saves from the same version (a lost update), a refused save
whose text was stored, a row that does not hold its last acknowledged
save. After a crash (--crash) a save without an answer may or may not have
been stored."""
import os
import subprocess
import sys

from tap import check, fresh_db, mdplan, summary

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CHECK = os.path.join(top, "bench", "edit_check.py")
PATH = "/rounds/2026/items/6/meti/"

db = "editcheck.db"
fresh_db(db)
mdplan("--db", db, "import", "plan", os.path.join(top, "data", "plan-2nd.txt"))
mdplan("--db", db, "import", "followup", os.path.join(top, "data", "followup-r7.tsv"))
mdplan("--db", db, "round", "publish", "2025")
mdplan("--db", db, "round", "open", "2026", "--deadline", "2027-01-31")
with open("pw", "w") as f:
    f.write("Kx7-harbour-Lantern-92\n")
mdplan("--db", db, "user", "add", "meti1", "--role", "editor", "--ministry", "経",
       "--password-file", "pw")
for version, marker in ((1, "BM-t-1-1"), (2, "BM-t-1-2")):
    with open("r.txt", "w", encoding="utf-8") as f:
        f.write(f"実績 {marker}\n")
    mdplan("--db", db, "round", "entry", "2026", "A6", "meti", "--save", "--results-file",
           "r.txt", "--version", str(version), "--as", "meti1")


def line(base, marker, status, user="meti1", path=PATH):
    return f"{user}\t{path}\tsave\t{base}\t{marker}\t{status}\t1000\t0\t0\n"


def judge(name, lines, *flags):
    with open(name + ".log", "w") as f:
        f.writelines(lines)
    p = subprocess.run([sys.executable, CHECK, db, name + ".log", name, *flags],
                       capture_output=True, text=True)
    return p.returncode, p.stdout


good = [line(1, "BM-t-1-1", 303), line(2, "BM-t-1-2", 303), line(1, "BM-t-2-1", 409)]
rc, out = judge("truth", good)
check("a log that tells the truth passes", rc == 0 and "not ok" not in out, out)
check("... and counts the acknowledged and the refused",
      "acked=2 conflicts=1" in out, out)

rc, out = judge("missing", good + [line(3, "BM-t-1-3", 303)])
check("an acknowledged save missing from the database fails",
      rc == 1 and "not ok - missing: every acknowledged save" in out, out)

rc, out = judge("lost", good + [line(2, "BM-t-3-1", 303)])
check("two acknowledged saves from the same version fail as a lost update",
      rc == 1 and "not ok - lost: no lost update" in out, out)

rc, out = judge("leaked", [line(1, "BM-t-1-1", 303), line(2, "BM-t-1-2", 409)])
check("a refused save whose text was stored fails",
      rc == 1 and "not ok - leaked: no refused save" in out, out)
check("... and so does the row not holding its last acknowledged save",
      "not ok - leaked: every row holds its last acknowledged save" in out, out)

rc, out = judge("byother", [line(1, "BM-t-1-1", 303, user="meti2"), line(2, "BM-t-1-2", 303)])
check("a save stored under another user's name fails", rc == 1 and "not ok" in out, out)

rc, out = judge("nothing", [line(1, "BM-t-9-1", 409)])
check("a run in which nothing was acknowledged fails (it proves nothing)",
      rc == 1 and "not ok - nothing: saves were acknowledged" in out, out)

crash = [line(1, "BM-t-1-1", 303), line(2, "BM-t-1-2", 0)]
rc, out = judge("crash", crash, "--crash")
check("after a crash, a save whose answer was lost may have been stored",
      rc == 0 and "noanswer_committed=1" in out, out)
rc, out = judge("nocrash", crash)
check("... but not without one", rc == 1, out)
summary()
