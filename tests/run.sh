#!/bin/sh
# Runs every test: cmocka unit tests, golden tests, end-to-end CLI tests.
# Expects MDPLAN (the binary under test), UNITDIR (unit test binaries) and
# GOLDEN (the golden driver). Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
MDPLAN=${MDPLAN:-$top/build/mdplan}
case $MDPLAN in /*) ;; *) MDPLAN=$top/$MDPLAN ;; esac
UNITDIR=${UNITDIR:-$top/build/tests}
case $UNITDIR in /*) ;; *) UNITDIR=$top/$UNITDIR ;; esac
GOLDEN=${GOLDEN:-$UNITDIR/golden_driver}
SEEDS=${SEEDS:-$top/../shared/seeds}
export MDPLAN SEEDS top UNITDIR GOLDEN
# ASan: leaks are errors; UBSan stops at the first report
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
out=$top/tests/out
rm -rf "$out"
mkdir -p "$out"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
us=$(printf '\037')

# The real documents: shared/seeds beside the checkout, else the identical
# copies shipped in data/.
if [ -f "$SEEDS/001_39bd54d51a1a6858.txt" ] && [ -f "$SEEDS/003_be5ddb96f8cc36cb.txt" ]; then
	PLAN=$SEEDS/001_39bd54d51a1a6858.txt
	FOLLOWUP=$SEEDS/003_be5ddb96f8cc36cb.txt
else
	echo "tests: no seeds at $SEEDS; using data/" >&2
	PLAN=$top/data/plan-2nd.txt
	FOLLOWUP=$top/data/followup-r7.tsv
fi
export PLAN FOLLOWUP

# 1. unit tests (cmocka): count the tests each binary ran
for t in "$UNITDIR"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	"$t" >"$out/$name.log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out/$name.log" | tail -n1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out/$name.log" | tail -n1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" != 0 ]; then
		[ -n "$f" ] || failed=$((failed + 1))
		echo "FAIL: $name (exit $rc)"; sed -n '/FAIL\|ERROR\|runtime error\|Sanitizer/p' "$out/$name.log" | head -n 20
	fi
done

# 2. golden tests: input<TAB>expected, one case per line
for g in "$top"/tests/golden/*.golden; do
	mode=$(basename "$g" .golden)
	grep -v '^#' "$g" | cut -f1 >"$out/golden-$mode.in"
	grep -v '^#' "$g" | cut -f2- >"$out/golden-$mode.want"
	if ! "$GOLDEN" "$mode" <"$out/golden-$mode.in" >"$out/golden-$mode.got" 2>"$out/golden-$mode.err"; then
		fail "golden $mode: driver failed"; cat "$out/golden-$mode.err"; continue
	fi
	paste -d "$us" "$out/golden-$mode.in" "$out/golden-$mode.want" "$out/golden-$mode.got" >"$out/golden-$mode.tsv"
	while IFS="$us" read -r in want got; do
		if [ "$want" = "$got" ]; then pass; else fail "golden $mode: '$in' want '$want' got '$got'"; fi
	done <"$out/golden-$mode.tsv"
done

# 3. end-to-end scripts: each prints "ok ..." or "not ok ..." lines
for s in "$top"/tests/e2e/t*.sh; do
	name=$(basename "$s" .sh)
	work="$out/$name"
	mkdir -p "$work"
	(cd "$work" && sh "$s") >"$out/$name.log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out/$name.log")
	f=$(grep -c '^not ok ' "$out/$name.log")
	passed=$((passed + p))
	failed=$((failed + f))
	grep '^not ok ' "$out/$name.log" | sed "s/^/FAIL: $name: /"
	if [ "$rc" != 0 ]; then
		failed=$((failed + 1)); echo "FAIL: $name exited $rc"; tail -n 15 "$out/$name.log"
	fi
done

# 4. compile-fail: each *.bad.c must not compile, each *.ok.c (its twin,
# the same code done right) must; so the type system, not review, keeps a
# misuse out (a non-literal raw HTML write, a misspelt key or column)
ccf="${CC:-cc} -std=c17 -Wall -Wextra -Wpedantic -Werror -Wmissing-prototypes -fsyntax-only -I$top/src"
for c in "$top"/tests/compile-fail/*.c; do
	[ -f "$c" ] || continue
	name=$(basename "$c")
	if $ccf "$c" >"$out/compile-fail-$name.log" 2>&1; then built=1; else built=0; fi
	case $name in
	*.bad.c) if [ $built = 0 ]; then pass; else fail "compile-fail: $name compiled"; fi ;;
	*.ok.c) if [ $built = 1 ]; then pass; else fail "compile-fail: $name did not compile"; cat "$out/compile-fail-$name.log"; fi ;;
	esac
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
