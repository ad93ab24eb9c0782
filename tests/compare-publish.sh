#!/bin/sh
# Byte-identical check of a change: builds a reference commit and this
# checkout, builds the demo database with each (the Makefile's demo.db
# steps, from this checkout's data/), and compares
#   - the tree `mdplan publish` writes (XLSX compared as unzipped XML, with
#     the creation time libxlsxwriter stamps into docProps/core.xml masked),
#   - the stdout, stderr and exit code of a list of CLI commands,
#   - the answers of `mdplan serve` (with and without its cache) to the
#     API and the pages a published site does not hold (search, changes),
#   - the history after a corrected re-import and an indicator edit
#     (timestamps masked).
# Prints every difference and exits 1 on any, 0 when all is the same.
#
#   sh tests/compare-publish.sh [REF]      # REF: a commit, default 36f9f08
#
# Environment: NEW=path/to/mdplan tests that binary instead of building
# this checkout (make build/mdplan); KEEP=1 keeps the work folder;
# REBUILD=1 rebuilds the reference even when a cached binary exists. The
# reference binary is cached in $TMPDIR/mdplan-compare/ref-<sha>/.
# Not part of `make check` (it needs a second build); run it before landing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-36f9f08}
tmp=${TMPDIR:-/tmp}/mdplan-compare
sha=$(git -C "$top" rev-parse --verify "$ref^{commit}") || { echo "compare: no commit $ref" >&2; exit 2; }
mkdir -p "$tmp"

# 1. the two binaries
refbin=$tmp/ref-$sha/mdplan
if [ ! -x "$refbin" ] || [ "${REBUILD:-0}" = 1 ]; then
	wt=$tmp/wt-$sha-$$
	echo "compare: building $ref ($sha) in $wt" >&2
	git -C "$top" worktree add --detach "$wt" "$sha" >/dev/null 2>&1 ||
		{ echo "compare: cannot add a worktree for $sha" >&2; exit 2; }
	if ! make -C "$wt" -j2 O=build build/mdplan >"$tmp/build-$sha.log" 2>&1; then
		echo "compare: building $ref failed; see $tmp/build-$sha.log" >&2
		git -C "$top" worktree remove --force "$wt"
		exit 2
	fi
	mkdir -p "$tmp/ref-$sha"
	cp "$wt/build/mdplan" "$refbin"
	git -C "$top" worktree remove --force "$wt"
fi
if [ -z "${NEW:-}" ]; then
	make -C "$top" -j2 build/mdplan >"$tmp/build-new.log" 2>&1 ||
		{ echo "compare: building this checkout failed; see $tmp/build-new.log" >&2; exit 2; }
	NEW=$top/build/mdplan
fi
case $NEW in /*) ;; *) NEW=$(pwd)/$NEW ;; esac

work=$(mktemp -d "$tmp/run.XXXXXX")
data=$top/data
port=$((20000 + $$ % 20000))

# 2. everything one binary produces, under $2
produce() {
	bin=$1 out=$2
	mkdir -p "$out/cli" "$out/http"
	db=$out/demo.db
	{
		"$bin" --db "$db" import plan "$data/plan-2nd.txt"
		"$bin" --db "$db" import followup "$data/followup-r7.tsv"
		"$bin" --db "$db" import indicator-defs "$data/indicator-defs.csv"
		"$bin" --db "$db" import indicators "$data/indicators.csv"
	} >"$out/cli/00-import.out" 2>"$out/cli/00-import.err"
	"$bin" --db "$db" publish "$out/site" >/dev/null 2>"$out/cli/00-publish.err" ||
		echo "publish failed" >>"$out/cli/00-publish.err"
	n=0
	while IFS= read -r cmd; do
		[ -n "$cmd" ] || continue
		n=$((n + 1))
		f=$(printf '%02d-%s' "$n" "$cmd" | tr -c 'A-Za-z0-9._-' '_')
		# shellcheck disable=SC2086
		(cd "$out" && eval "\"$bin\" --db \"$db\" $cmd") >"$out/cli/$f.out" 2>"$out/cli/$f.err"
		echo "exit $?" >>"$out/cli/$f.out"
	done <<-'EOF'
	plan
	plan --items
	plan --items --goal 3
	measures
	measures --ministry 経 --lead
	show M12
	show A40
	show A40 --year R7
	ministries
	export csv --year R7
	export json --year R7
	export json --ministry 文 --lead
	export xlsx --year R7 -o cli-r7.xlsx
	export indicators
	export indicator-defs
	stats
	stats --json
	indicators
	indicators --json
	indicators HUB-COURSES --en
	search 治験
	search 治験 --json
	search ＳａＭＤ --year R7 --ministry 経 --kind followup --json
	search --check
	history
	history --json
	EOF

	# the server: the API and the pages publish does not write
	for mode in cache no-cache; do
		port=$((port + 1))
		if [ $mode = cache ]; then flag=; else flag=--no-cache; fi
		"$bin" --db "$db" serve --port $port --no-log $flag >"$out/serve-$mode.log" 2>&1 &
		pid=$!
		i=0
		until curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/plans" || [ $i -ge 50 ]; do
			sleep 0.1; i=$((i + 1))
		done
		n=0
		while IFS= read -r url; do
			n=$((n + 1))
			f=$mode-$(printf '%02d' $n)
			{
				echo "$url"
				curl -s -o "$out/http/$f.body" -w '%{http_code} %{content_type}\n' \
					"http://127.0.0.1:$port$url"
			} >"$out/http/$f.status"
		done <<-'EOF'
		/api/v1/plans
		/api/v1/visions
		/api/v1/visions/1
		/api/v1/goals
		/api/v1/goals/3
		/api/v1/measures
		/api/v1/measures/12
		/api/v1/measures?ministry=meti&lead=1
		/api/v1/action-items
		/api/v1/action-items/40
		/api/v1/action-items/4
		/api/v1/action-items/7
		/api/v1/action-items?goal=3&year=R7
		/api/v1/ministries
		/api/v1/ministries/meti
		/api/v1/followups
		/api/v1/followups?year=2025&ministry=%E7%B5%8C
		/api/v1/indicators
		/api/v1/indicators/HUB-COURSES
		/api/v1/search?q=%E6%B2%BB%E9%A8%93
		/api/v1/search?q=SaMD&kind=followup&year=2025&limit=5&offset=1
		/api/v1/goals/99
		/api/v1/followups?year=bad
		/search/?q=%E6%B2%BB%E9%A8%93
		/en/search/?q=%E6%B2%BB%E9%A8%93&kind=item&page=2
		/items/40/changes/
		/items/40/
		/en/followups/2025/meti/
		/downloads/followup-2025-meti.json
		/downloads/followup-2025.csv
		EOF
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done

	# history after a corrected re-import (one cell changed, one row gone)
	# and an indicator edit
	hdb=$out/hist.db
	cp "$db" "$hdb"
	sed -e '12d' -e '20s/推進/促進/' "$data/followup-r7.tsv" >"$out/followup-fixed.tsv"
	{
		"$bin" --db "$hdb" import followup "$out/followup-fixed.tsv"
		"$bin" --db "$hdb" indicator define HUB-COURSES --unit 講座 --notes 改め
		"$bin" --db "$hdb" history
		"$bin" --db "$hdb" history --json
		"$bin" --db "$hdb" show A40
	} 2>&1 | sed -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\{0,1\}/TIME/g' \
		-e "s|$out|OUT|g" >"$out/cli/99-history.out"

	# XLSX: the unzipped XML, the creation time masked
	find "$out" -name '*.xlsx' | while IFS= read -r x; do
		mkdir -p "$x.d"
		if (cd "$x.d" && unzip -q "$x"); then
			rm -f "$x"
			[ -f "$x.d/docProps/core.xml" ] &&
				sed -i 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/TIME/g' \
					"$x.d/docProps/core.xml"
		fi
	done
	rm -f "$db" "$db"-wal "$db"-shm "$hdb" "$hdb"-wal "$hdb"-shm "$out/followup-fixed.tsv"
	# the work folder's name and the port differ between the two sides
	sed -i -e "s|$out|OUT|g" -e 's|127\.0\.0\.1:[0-9]*|127.0.0.1:PORT|g' \
		"$out"/cli/* "$out"/serve-*.log
}

echo "compare: reference $refbin" >&2
echo "compare: new       $NEW" >&2
produce "$refbin" "$work/ref"
produce "$NEW" "$work/new"

files=$(find "$work/new" -type f | wc -l)
if diff -r "$work/ref" "$work/new" >"$work/diff.txt"; then
	echo "compare: no differences ($files files: site, CLI output, HTTP answers)"
	rc=0
else
	cat "$work/diff.txt"
	echo "compare: $(grep -c '^diff \|^Only in\|^Binary' "$work/diff.txt") files differ (of $files); see $work" >&2
	rc=1
	KEEP=1
fi
[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
exit $rc
