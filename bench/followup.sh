#!/bin/sh
# Follow-up import at scale: tables of 10,000 and 100,000 action rows in
# the shape of the real one (bench/followup_gen.py: its header rows every
# page, its vision and goal rows, its plain and HTML action cells, each
# copy's item made unique), each imported into a fresh copy of a database
# holding the plan. Prints wall and CPU time and peak RSS per size, and the
# ratio 100k/10k against the ideal 10 of a linear import (issue 12: it was
# quadratic, 10k rows 1.1 s and 100k rows 73 s).
# Each import is stopped after LIMIT seconds (default 600).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
SEEDS=${SEEDS:-$top/../shared/seeds}
MDPLAN=${MDPLAN:-$top/build/mdplan}
LIMIT=${LIMIT:-600}
SIZES=${SIZES:-10000 100000}
plan=$SEEDS/001_39bd54d51a1a6858.txt
fu=$SEEDS/003_be5ddb96f8cc36cb.txt
[ -f "$plan" ] || plan=$top/data/plan-2nd.txt
[ -f "$fu" ] || fu=$top/data/followup-r7.tsv
[ -x "$MDPLAN" ] || make -C "$top" -s all
command -v python3 >/dev/null || { echo "bench: needs python3" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
	apt-get install -y -qq time >/dev/null 2>&1 || true
fi
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$MDPLAN" --db "$tmp/plan.db" import plan "$plan" >/dev/null 2>&1
echo "follow-up import, rows in the shape of $(basename "$fu"), one run per size"
printf '  %8s  %9s  %9s  %10s  %s\n' rows wall_s cpu_s peak_RSS result
for n in $SIZES; do
	python3 "$top/bench/followup_gen.py" "$fu" "$n" "$tmp/fu$n.tsv"
	cp "$tmp/plan.db" "$tmp/b.db"
	rc=0
	timeout "$LIMIT" /usr/bin/time -f '%e %U %S %M' -o "$tmp/t$n" \
		"$MDPLAN" --db "$tmp/b.db" import followup "$tmp/fu$n.tsv" \
		>"$tmp/out$n" 2>/dev/null || rc=$?
	if [ "$rc" = 0 ]; then
		res=$(sed -n 's/^imported follow-up FY[0-9]* from [^:]*: \([0-9]*\) rows.*/\1 rows stored/p' "$tmp/out$n")
		awk -v n="$n" -v r="$res" '{ printf "  %8d  %9.2f  %9.2f  %7d KiB  %s\n", n, $1, $2 + $3, $4, r }' \
			"$tmp/t$n"
	elif [ "$rc" = 124 ]; then
		printf '  %8d  stopped after %s s\n' "$n" "$LIMIT"
		echo "$LIMIT $LIMIT 0 0" >"$tmp/t$n"
	else
		printf '  %8d  failed (exit %s)\n' "$n" "$rc"
		exit 1
	fi
	rm -f "$tmp/b.db" "$tmp/b.db-wal" "$tmp/b.db-shm" "$tmp/fu$n.tsv"
done
set -- $SIZES
if [ $# -ge 2 ]; then
	paste "$tmp/t$1" "$tmp/t$2" | awk -v a="$1" -v b="$2" '{
		printf "  ratio %d/%d rows: wall %.1f, cpu %.1f (linear: %.0f)\n",
			b, a, $5 / $1, ($6 + $7) / ($2 + $3), b / a }'
fi
