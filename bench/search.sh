#!/bin/sh
# Search benchmark (issue 4): a corpus of about 100x the real documents,
# index build time and query latency p50/p99 for mdplan, SQLite's trigram
# tokenizer and Groonga on the same rows, recall against the oracle, and
# ratios to mdplan; then the timing of a word only restricted documents
# have against a query that matches nothing, for the public and for viewers
# with and without the documents' scope. COPIES (default 188) sets the
# corpus size, REPS (default 5) the repetitions of the query set, HIDDEN
# (default 2000) the restricted documents. See bench/search_bench.py.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
SEEDS=${SEEDS:-$top/../shared/seeds}
MDPLAN=${MDPLAN:-$top/build/mdplan}
plan=$SEEDS/001_39bd54d51a1a6858.txt
fu=$SEEDS/003_be5ddb96f8cc36cb.txt
[ -f "$plan" ] || plan=$top/data/plan-2nd.txt
[ -f "$fu" ] || fu=$top/data/followup-r7.tsv
make -C "$top" -s all build/tests/search_oracle build/tests/search_hidden
command -v groonga >/dev/null || MDPLAN_BENCH=1 sh "$top/scripts/install-deps"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$top/bench/search_bench.py" "$MDPLAN" "$plan" "$fu" "$top/build/tests/search_oracle" \
	"$top/tests/data/search-queries.txt" "$tmp"
