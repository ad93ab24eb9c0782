#!/bin/sh
# CPU time per rendering of the no-cache path (item page, FY2025 table,
# /api/v1/action-items/40), in process without HTTP, for this checkout and
# for a reference commit (REF, default 36f9f08, the last before issue 11)
# built in a temporary git worktree; each reads the demo database it
# built itself (the same documents).
# Prints microseconds per rendering (best of 5 runs of N) and new/ref.
#   sh bench/render.sh [REF]      N=1000 renderings a run (the table N/10)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-36f9f08}
N=${N:-1000}
sha=$(git -C "$top" rev-parse --verify "$ref^{commit}")
tmp=$(mktemp -d)
trap 'git -C "$top" worktree remove --force "$tmp/ref" 2>/dev/null || true; rm -rf "$tmp"' EXIT
CFLAGS="-std=c17 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(pkg-config --cflags sqlite3)"
LIBS="$(pkg-config --libs sqlite3 icu-uc icu-i18n libxml-2.0 jansson libsodium xlsxwriter libmicrohttpd) -lm"

git -C "$top" worktree add --detach "$tmp/ref" "$sha" >/dev/null 2>&1
make -C "$tmp/ref" -s -j2 O=build build/libmdplan.a build/mdplan >/dev/null
make -C "$top" -s -j2 build/libmdplan.a build/mdplan >/dev/null
# shellcheck disable=SC2086
cc $CFLAGS -I"$tmp/ref/src" -o "$tmp/render-ref" "$top/bench/render.c" "$tmp/ref/build/libmdplan.a" $LIBS
# shellcheck disable=SC2086
cc $CFLAGS -I"$top/src" -o "$tmp/render-new" "$top/bench/render.c" "$top/build/libmdplan.a" $LIBS

for side in ref new; do
	if [ $side = ref ]; then bin=$tmp/ref/build/mdplan; else bin=$top/build/mdplan; fi
	for f in "plan $top/data/plan-2nd.txt" "followup $top/data/followup-r7.tsv" \
		"indicator-defs $top/data/indicator-defs.csv" "indicators $top/data/indicators.csv"; do
		# shellcheck disable=SC2086
		"$bin" --db "$tmp/$side.db" import $f >/dev/null 2>&1
	done
	"$tmp/render-$side" "$tmp/$side.db" "$N" >"$tmp/$side.txt"
done
echo "render (CPU us per rendering, best of 5; ref $ref)"
printf '%-6s %10s %10s %8s\n' page ref new new/ref
paste "$tmp/ref.txt" "$tmp/new.txt" | while read -r page r _ n; do
	printf '%-6s %10s %10s %8s\n' "$page" "$r" "$n" "$(echo "$n $r" | awk '{printf "%.2f", $1 / $2}')"
done
