#!/bin/sh
# The follow-up round's board with a synthetic 20-year history: wall time
# per rendering of /rounds/{fy}/ in process (bench/board.c, through
# web_handle() as the server answers a signed-in user: never cached), on
#   demo  the demo database (plan, FY2025 table, the FY2026 round: ~130
#         entries) - the reference run;
#   hist  the same plus bench/round_gen.py's 20 rounds FY2006-FY2025 of
#         ~500 entries (10,000 entries in all), boards of FY2025 and FY2026;
#   one   the demo plus one round (FY2024) of 10,000 entries.
# Per case p50/p99/max in ms, and p99 against the demo's (hist/demo) and
# against the reference path of the same database (report_round_load: the
# round's every entry with its texts, as `round status` reads it).
# Target: the board's p99 under 50 ms with 10,000 entries.
#   sh bench/board.sh        N=200 renderings a case
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -C "$top" -s -j2 build/libmdplan.a build/mdplan >/dev/null
PKGS="sqlite3 icu-uc icu-i18n libxml-2.0 jansson libsodium xlsxwriter libmicrohttpd libzip libcurl"
# shellcheck disable=SC2046,SC2086
cc -std=c17 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(pkg-config --cflags $PKGS) -I"$top/src" -o "$tmp/board" "$top/bench/board.c" \
	"$top/build/libmdplan.a" $(pkg-config --libs $PKGS) -lm
bin=$top/build/mdplan
db=$tmp/demo.db
"$bin" --db "$db" import plan "$top/data/plan-2nd.txt" >/dev/null 2>&1
"$bin" --db "$db" import followup "$top/data/followup-r7.tsv" >/dev/null 2>&1
"$bin" --db "$db" round publish 2025 >/dev/null
"$bin" --db "$db" round open 2026 --deadline 2027-01-31 >/dev/null
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$db" "$tmp/hist.db"
cp "$db" "$tmp/one.db"
python3 "$top/bench/round_gen.py" "$tmp/hist.db" --years 20 --entries 10000 --last 2025
python3 "$top/bench/round_gen.py" "$tmp/one.db" --years 1 --entries 10000 --last 2024
"$tmp/board" "$db" 2026 "$N" >"$tmp/demo-2026.txt"
"$tmp/board" "$tmp/hist.db" 2025 "$N" >"$tmp/hist-2025.txt"
"$tmp/board" "$tmp/hist.db" 2026 "$N" >"$tmp/hist-2026.txt"
"$tmp/board" "$tmp/one.db" 2024 "$N" >"$tmp/one-2024.txt"
echo "board (ms per rendering, $N each: wall p50/p99/max and CPU p50/p99;"
echo "       x/demo: CPU p99 against the demo run's; x/ref: against the same"
echo "       database's reference path)"
printf '%-10s %-12s %8s %8s %8s %8s %8s %7s %7s\n' db case p50 p99 max cpu50 cpu99 x/demo x/ref
for run in hist-2025 hist-2026 one-2024 demo-2026; do
	ref=$(awk '$1 == "reference" {print $6}' "$tmp/$run.txt")
	paste -d' ' "$tmp/$run.txt" "$tmp/demo-2026.txt" | \
	while read -r name p50 p99 max c50 c99 _ _ _ _ _ d99; do
		printf '%-10s %-12s %8s %8s %8s %8s %8s %7s %7s\n' "$run" "$name" "$p50" "$p99" \
			"$max" "$c50" "$c99" "$(echo "$c99 $d99" | awk '{printf "%.2f", $1 / $2}')" \
			"$(echo "$c99 $ref" | awk '{printf "%.2f", $1 / $2}')"
	done
done
for run in hist-2025 one-2024; do
	awk -v run="$run" '$1 == "secretariat" {printf "%s: the secretariat board p99 %.1f ms wall, " \
		"%.1f ms CPU (target < 50 ms)\n", run, $3, $6}' "$tmp/$run.txt"
done
