#!/bin/sh
# make fuzz: builds the libFuzzer targets with clang and runs each for
# FUZZ_SECONDS (default 60) on a corpus seeded from the real documents:
# shared/seeds beside the checkout (or SEEDS=DIR), else the identical
# copies shipped in data/, as the tests do.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
SEEDS=${SEEDS:-$top/../shared/seeds}
plan=$SEEDS/001_39bd54d51a1a6858.txt
followup=$SEEDS/003_be5ddb96f8cc36cb.txt
if [ ! -f "$plan" ] || [ ! -f "$followup" ]; then
	echo "fuzz: no seeds at $SEEDS; using data/" >&2
	plan=$top/data/plan-2nd.txt
	followup=$top/data/followup-r7.tsv
fi
secs=${FUZZ_SECONDS:-60}
out=$top/build-fuzz
mkdir -p "$out"
cflags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I$top/src $(pkg-config --cflags sqlite3 icu-uc libxml-2.0 jansson libsodium xlsxwriter libmicrohttpd libzip libcurl)"
libs="$(pkg-config --libs sqlite3 icu-uc icu-i18n libxml-2.0 jansson libsodium xlsxwriter libmicrohttpd libzip libcurl) -lm"
objs=""
# the common passwords as a C array (src/auth/common.c), as the Makefile does
mkdir -p "$out/gen"
sh "$top/scripts/gen-common-passwords" "$top/data/common-passwords.txt" >"$out/gen/common-passwords.inc"
cflags="$cflags -I$out/gen"
for c in $(cd "$top" && ls src/*/*.c | grep -v "^src/cli/"); do
	o="$out/$(echo "$c" | tr / _).o"
	clang $cflags -c "$top/$c" -o "$o"
	objs="$objs $o"
done
# corpora: the seeds, and their lines and cells as separate inputs
for t in followup plan text web search indicators form programmes xlsx; do mkdir -p "$out/corpus-$t"; done
cp "$followup" "$out/corpus-followup/seed"
cp "$plan" "$out/corpus-plan/seed"
head -n 40 "$followup" >"$out/corpus-followup/head"
i=0
tr '\t' '\n' <"$followup" | grep -v '^$' | while IFS= read -r cell; do
	i=$((i + 1)); printf '%s' "$cell" >"$out/corpus-text/cell$i"
done
head -n 120 "$top/tests/data/search-queries.txt" | while IFS= read -r q; do
	i=$((i + 1)); printf '%s' "$q" >"$out/corpus-search/q$i"
done
cp "$top/data/indicators.csv" "$out/corpus-indicators/values"
{ printf 'D'; cat "$top/data/indicator-defs.csv"; } >"$out/corpus-indicators/defs"
printf 'code,year,value,note,地域\nX1,令和4年度,"1,234",,東\nX1,2024,,n/a,\n' >"$out/corpus-indicators/small"
{ printf 'P'; cat "$top/data/programmes.csv"; } >"$out/corpus-programmes/programmes"
{ printf 'B'; cat "$top/data/budgets.csv"; } >"$out/corpus-programmes/budgets"
{ printf 'R'; cat "$top/data/programme-results.csv"; } >"$out/corpus-programmes/results"
{ printf 'I'; cat "$top/data/programme-indicators.csv"; } >"$out/corpus-programmes/indicators"
{ printf 'H'; cat "$top/data/hubs.csv"; } >"$out/corpus-programmes/hubs"
# web: paths as sent (most with their leading '/', some without)
for u in /indicators/ /indicators/HUB-COURSES/ /indicators/MEDISO-TOTAL/data.csv \
	 /indicators/JHVS-VISITORS/chart.svg /api/v1/indicators/HUB-TRAINEES /en/indicators/; do
	i=$((i + 1)); printf '%s' "$u" >"$out/corpus-web/i$i"
done
for u in / /goals/3/ /items/40/ /items/40/changes/?from=2024\&to=2025 /en/ministries/meti/ \
	 /followups/2025/mext/ /downloads/followup-2025-meti.csv /api/v1/followups?year=R7\&ministry=経\&lead=1 \
	 /api/v1/goals/3 /api/v1/action-items?goal=2 /visions/1?lang=en \
	 /search/?q=治験\&year=2025\&page=2 /api/v1/search?q=SaMD\&kind=item\&limit=3 \
	 /api/v1/search?q=治験\&q=医療\&limit=1 "HEAD /goals/1" "POST /api/v1/plans" \
	 "" "?" "?q=x" goals/1/ http://x/goals/1/; do
	i=$((i + 1)); printf '%s' "$u" >"$out/corpus-web/u$i"
done
# form: cookie headers, then form pieces after a 0xff byte
printf 'mdplan_session=abc; x=1' >"$out/corpus-form/c1"
printf 'a=1; mdplan_session="q"; mdplan_session=2\377\000\000\004csrf\001\001\002ab' >"$out/corpus-form/c2"
# xlsx: workbooks `mdplan export xlsx` writes from the seeds (the
# optimised build, made when missing), as written and re-stored without
# compression so that mutations reach the XML
[ -x "$top/build/mdplan" ] || make -s -C "$top" build/mdplan
rm -f "$out/xlsx-seed.db"
"$top/build/mdplan" --db "$out/xlsx-seed.db" import plan "$plan" >/dev/null 2>&1
"$top/build/mdplan" --db "$out/xlsx-seed.db" import followup "$followup" >/dev/null 2>&1
"$top/build/mdplan" --db "$out/xlsx-seed.db" export xlsx -o "$out/corpus-xlsx/export.xlsx"
# and a ministry's round workbook (the offline upload reads it back)
"$top/build/mdplan" --db "$out/xlsx-seed.db" round publish 2025 >/dev/null 2>&1
"$top/build/mdplan" --db "$out/xlsx-seed.db" round open 2026 --deadline 2027-01-31 >/dev/null 2>&1
"$top/build/mdplan" --db "$out/xlsx-seed.db" round download 2026 --ministry 経 \
	-o "$out/corpus-xlsx/round.xlsx" >/dev/null 2>&1 || true
python3 - "$out/corpus-xlsx" <<'PY'
import sys, zipfile
d = sys.argv[1]
src = zipfile.ZipFile(d + '/export.xlsx')
with zipfile.ZipFile(d + '/stored.xlsx', 'w', zipfile.ZIP_STORED) as z:
    for n in src.namelist():
        z.writestr(n, src.read(n))
# a small one: the first rows of the sheet only
with zipfile.ZipFile(d + '/small.xlsx', 'w', zipfile.ZIP_STORED) as z:
    for n in src.namelist():
        b = src.read(n)
        if n == 'xl/worksheets/sheet1.xml':
            i = b.find(b'<row r="8"')
            j = b.find(b'</sheetData>')
            if i > 0 and j > i:
                b = b[:i] + b[j:]
        z.writestr(n, b)
PY
cp "$top/tests/data/xlsx/bomb-lying.xlsx" "$out/corpus-xlsx/"
for t in followup plan text web search indicators form programmes xlsx; do
	clang $cflags -fsanitize=fuzzer "$top/tests/fuzz/fuzz_$t.c" $objs $libs -o "$out/fuzz_$t"
	echo "fuzz_$t: ${secs}s"
	FUZZ_PLAN="$plan" FUZZ_FOLLOWUP="$followup" \
		FUZZ_INDICATOR_DEFS="$top/data/indicator-defs.csv" FUZZ_INDICATORS="$top/data/indicators.csv" \
		FUZZ_DATA="$top/data" ASAN_OPTIONS=detect_leaks=1 \
		"$out/fuzz_$t" -max_total_time="$secs" -max_len=262144 -print_final_stats=1 \
		"$out/corpus-$t" 2>&1 | tail -n 12
done
