"""What the Python end-to-end tests share: TAP-style "ok N - name" /
"not ok N - name" lines for tests/run.sh, running the binary under test,
and fresh database files."""
import os
import subprocess

MDPLAN = os.environ["MDPLAN"]
n = 0
failures = 0


def check(name, cond, *detail):
    global n, failures
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failures += 1
        print(f"not ok {n} - {name}")
        for d in detail:
            print("    " + str(d)[:600])


def mdplan(*args, check_rc=True):
    p = subprocess.run([MDPLAN, *args], capture_output=True, text=True)
    if check_rc and p.returncode != 0:
        raise SystemExit(f"mdplan {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def fresh_db(path):
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(path + ext):
            os.remove(path + ext)


def summary():
    print(f"# {n} checks, {failures} failed")
