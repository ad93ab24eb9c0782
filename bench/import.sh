#!/bin/sh
# Import benchmark: both real documents (the plan and the FY2025 follow-up)
# into a fresh database, N times (default 100). Prints the median and p90
# wall time per import pair, peak RSS, and the ratio to a reference run in
# the same script: the sqlite3 shell storing the same two files' bytes in a
# fresh database (the floor any importer pays for process start, database
# creation and a commit).
# Target (issue 2): median under 50 ms for both documents together.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
SEEDS=${SEEDS:-$top/../shared/seeds}
N=${N:-100}
MDPLAN=${MDPLAN:-$top/build/mdplan}
plan=$SEEDS/001_39bd54d51a1a6858.txt
fu=$SEEDS/003_be5ddb96f8cc36cb.txt
[ -f "$plan" ] || plan=$top/data/plan-2nd.txt
[ -f "$fu" ] || fu=$top/data/followup-r7.tsv
[ -x "$MDPLAN" ] || make -C "$top" -s all
command -v sqlite3 >/dev/null || { echo "bench: needs sqlite3" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
	apt-get install -y -qq time >/dev/null 2>&1 || true
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1e6}'; }
p90() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.9); if(i<1)i=1; printf "%.2f", a[i]/1e6}'; }

i=0
: >"$tmp/mdplan.ns"
while [ $i -lt "$N" ]; do
	rm -f "$tmp/b.db" "$tmp/b.db-wal" "$tmp/b.db-shm"
	t0=$(now)
	"$MDPLAN" --db "$tmp/b.db" import plan "$plan" >/dev/null 2>&1
	"$MDPLAN" --db "$tmp/b.db" import followup "$fu" >/dev/null 2>&1
	t1=$(now)
	echo $((t1 - t0)) >>"$tmp/mdplan.ns"
	i=$((i + 1))
done
i=0
: >"$tmp/ref.ns"
while [ $i -lt "$N" ]; do
	rm -f "$tmp/r.db"
	t0=$(now)
	sqlite3 "$tmp/r.db" "PRAGMA journal_mode=WAL; CREATE TABLE doc(b);
		INSERT INTO doc VALUES (readfile('$plan'));" >/dev/null
	sqlite3 "$tmp/r.db" "INSERT INTO doc VALUES (readfile('$fu'));" >/dev/null
	t1=$(now)
	echo $((t1 - t0)) >>"$tmp/ref.ns"
	i=$((i + 1))
done
m=$(median <"$tmp/mdplan.ns")
r=$(median <"$tmp/ref.ns")
echo "imports of plan + follow-up, $N runs into fresh databases"
echo "  mdplan:    median $m ms, p90 $(p90 <"$tmp/mdplan.ns") ms (target < 50 ms)"
echo "  reference: median $r ms (sqlite3 shell storing the same bytes)"
awk -v a="$m" -v b="$r" 'BEGIN { printf "  ratio mdplan/reference: %.2f\n", a / b }'
if [ -x /usr/bin/time ]; then
	rm -f "$tmp/b.db"*
	/usr/bin/time -f '%M' -o "$tmp/rss1" "$MDPLAN" --db "$tmp/b.db" import plan "$plan" >/dev/null 2>&1
	/usr/bin/time -f '%M' -o "$tmp/rss2" "$MDPLAN" --db "$tmp/b.db" import followup "$fu" >/dev/null 2>&1
	/usr/bin/time -f '%M' -o "$tmp/rss3" sqlite3 "$tmp/r.db" "SELECT length(b) FROM doc" >/dev/null
	echo "  peak RSS: plan $(cat "$tmp/rss1") KiB, follow-up $(cat "$tmp/rss2") KiB, reference $(cat "$tmp/rss3") KiB"
fi
