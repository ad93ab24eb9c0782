# Helpers for end-to-end tests. Each check prints "ok N - name" or
# "not ok N - name" with details; tests/run.sh counts them.
n=0

ok() { n=$((n + 1)); printf 'ok %d - %s\n' "$n" "$1"; }
notok() { n=$((n + 1)); printf 'not ok %d - %s\n' "$n" "$1"; shift; [ $# -gt 0 ] && printf '    %s\n' "$@"; }

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "got:  $2" "want: $3"; fi
}
# expect_in NAME HAYSTACK NEEDLE
expect_in() {
	case "$2" in *"$3"*) ok "$1" ;; *) notok "$1" "missing: $3" "in: $(printf '%s' "$2" | head -c 400)" ;; esac
}
expect_not_in() {
	case "$2" in *"$3"*) notok "$1" "unexpected: $3" ;; *) ok "$1" ;; esac
}
# run CMD...: sets $out (stdout), $err (stderr), $rc
run() {
	"$@" >run.out 2>run.err
	rc=$?
	out=$(cat run.out)
	err=$(cat run.err)
}
# json_num KEY: the first number after "KEY": in $out
json_num() {
	printf '%s' "$out" | tr -d ' \n' | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" | head -n1
}
