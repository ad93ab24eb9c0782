#!/bin/sh
# Floods against `mdplan serve` (issue 12), each phase bounded by D seconds
# (default 20; the whole run takes about 5 D): a parameter flood (RSS with
# the cache on), connection floods from one and from twenty loopback
# addresses, and slow header senders, while 127.0.0.2 asks for a page.
# Prints figures and ratios to a reference run in the same script (see
# bench/flood_bench.py). Only loopback addresses are used.
#   PHASES=params,conns,spread,slow  which phases to run
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
D=${D:-20}
MDPLAN=${MDPLAN:-$top/build/mdplan}
MDPLAN_BENCH=1 sh "$top/scripts/install-deps"
[ -x "$MDPLAN" ] || make -C "$top" -s all
SEEDS=${SEEDS:-$top/../shared/seeds}
plan=$SEEDS/001_39bd54d51a1a6858.txt
fu=$SEEDS/003_be5ddb96f8cc36cb.txt
[ -f "$plan" ] || plan=$top/data/plan-2nd.txt
[ -f "$fu" ] || fu=$top/data/followup-r7.tsv
# 1100 sockets here and as many on the server's side
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -H -n)"

tmp=$(mktemp -d)
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; sleep 0.2; rm -rf "$tmp"; }
trap cleanup EXIT
db=$tmp/bench.db
"$MDPLAN" --db "$db" import plan "$plan" >/dev/null 2>&1
"$MDPLAN" --db "$db" import followup "$fu" >/dev/null 2>&1
"$MDPLAN" --db "$db" serve --port 0 --log "$tmp/access.log" >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
i=0
while ! grep -q http "$tmp/serve.out" 2>/dev/null; do
	sleep 0.1; i=$((i + 1)); [ $i -lt 100 ] || { cat "$tmp/serve.out" "$tmp/serve.err"; exit 1; }
done
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.out")
printf 'mdplan flood benchmark: %ss a phase, %s cores, server pid %s port %s\n' "$D" "$(nproc)" "$pid" "$port"
python3 "$top/bench/flood_bench.py" "$port" "$pid" "$D" "${PHASES:-params,conns,spread,slow}"
kill -TERM "$pid"
wait "$pid" || true
pid=""
sed -n 's/^mdplan: cache:/cache at exit:/p' "$tmp/serve.out"
printf 'access log lines: %s; server messages: %s lines\n' "$(wc -l <"$tmp/access.log")" "$(wc -l <"$tmp/serve.err")"
