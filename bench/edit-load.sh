#!/bin/sh
# Saving under load (issues 13 and 14), over HTTP on loopback, driven by
# bench/loadtool (C, one thread, poll) and checked afterwards against the
# database by bench/edit_check.py. Every phase is bounded by D seconds
# (default 60; the whole run takes about 4 D plus set-up):
#   reads     READERS (64) connections read public pages, nothing else:
#             the reference for the next phase
#   edit      the same readers while EDITORS (20) signed-in editors save
#             round entries (GET the form, POST results and plans with the
#             version it showed) and, when the indicator edit pages exist,
#             IND_EDITORS (4) secretariat users save indicator values
#             (POST /indicators/{ind}/values/): saves/s, save p50/p99,
#             reads/s and their ratio to the reference; afterwards each
#             indicator page from the cache must equal a fresh rendering
#   crash     the editors save; the server is killed (SIGKILL) a third of
#             the way in and started again on the same port while they go
#             on (their sessions are in the database)
#   round     6 ministries x MINISTRY_EDITORS (10) editors save and submit
#             (every SUBMIT-th save, 5) entries of their ministry
#             concurrently while the readers read public pages and, when
#             the board exists (GET /rounds/{fy}/), BOARD_READERS (4)
#             signed-in secretariat connections read it
#   board     when the board and its synthetic-history generator
#             (bench/round_gen.py) exist: one signed-in connection reads
#             a board alone (its render time over HTTP), of one year of the 20-year
#             history (10,000 entries; the history is in the database from
#             the start, under the round phase too) and of a copy whose one
#             round holds 10,000 entries
#   upload    (bench/upload.sh) EDITORS editors of 厚 and 文 save, each
#             pausing UPLOAD_THINK ms (200) after a save, alone (the
#             reference), then while an editor of 経 previews a hostile
#             workbook in a loop (bench/upload_client.py): UPLOAD_ROWS
#             (20,000) rows whose keys all repeat, UPLOAD_TEXT (460) random
#             bytes of results each, about 8 MB (tests/data/xlsx/grow-round.py):
#             the saves' p50/p99 with and without, and their ratio
# After each phase that saves: every save acknowledged with a 303 is in the
# database and in history, none was lost or overwritten (a 409 is a
# refused save, counted, and must leave nothing), see bench/edit_check.py.
# Prints figures and "ok"/"not ok" lines; exits 1 when a check fails.
# Targets: no lost update; save p99 < 50 ms; reads >= 0.8 of the
# reference; board p99 < 50 ms with 10,000 entries.
#   sh bench/edit-load.sh            the benchmark
#   sh bench/edit-load.sh --quick    a few seconds, few clients: the checks
#                                    only (make check runs it; its timings
#                                    mean nothing)
#   PHASES=reads,edit,crash,round,board  which phases to run (upload:
#                       only when named)
#   THINKS="0 200 1000" the edit and round phases run once for each: an
#                       editor's pause in ms after each save (0: flat out,
#                       no human saves like that; 200: five saves a second
#                       an editor; 1000: one a second, still far above
#                       anyone's pace)
#   IND_THINK=MS        the secretariat's pause between indicator values
#                       in the paced runs (default 2000; each value is a
#                       public change and empties the response cache)
#   SERVE_ARGS="..."    more arguments to mdplan serve (e.g. --threads 8)
#   SPLIT=0             one loadtool for everyone; by default the public
#                       readers have a loadtool (a process) of their own,
#                       apart from the editors and the board's readers
#   KEEP=DIR            copy the server's access log (each request's time
#                       on the server) and stderr, and loadtool's logs, to
#                       DIR at the end
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
quick=0
[ "${1:-}" != --quick ] || quick=1
if [ $quick = 1 ]; then
	D=${D:-2}
	READERS=${READERS:-8}
	EDITORS=${EDITORS:-4}
	IND_EDITORS=${IND_EDITORS:-2}
	MINISTRY_EDITORS=${MINISTRY_EDITORS:-2}
	BOARD_READERS=${BOARD_READERS:-1}
	ENTRIES=${ENTRIES:-1000}
else
	D=${D:-60}
	READERS=${READERS:-64}
	EDITORS=${EDITORS:-20}
	IND_EDITORS=${IND_EDITORS:-4}
	MINISTRY_EDITORS=${MINISTRY_EDITORS:-10}
	BOARD_READERS=${BOARD_READERS:-4}
fi
SUBMIT=${SUBMIT:-5}
if [ $quick = 1 ]; then THINKS=${THINKS:-0}; else THINKS=${THINKS:-${THINK:-0} 200 1000}; fi
IND_THINK=${IND_THINK:-2000}
if [ $quick = 1 ]; then PHASES=${PHASES:-crash,round}; else PHASES=${PHASES:-reads,edit,crash,round,board}; fi
MDPLAN=${MDPLAN:-$top/build/mdplan}
LOADTOOL=${LOADTOOL:-$top/build/bench/loadtool}
[ -x "$MDPLAN" ] || make -C "$top" -s all
[ -x "$LOADTOOL" ] || make -C "$top" -s build/bench/loadtool
SEEDS=${SEEDS:-$top/../shared/seeds}
plan=$SEEDS/001_39bd54d51a1a6858.txt
fu=$SEEDS/003_be5ddb96f8cc36cb.txt
[ -f "$plan" ] || plan=$top/data/plan-2nd.txt
[ -f "$fu" ] || fu=$top/data/followup-r7.tsv
FY=2026

has_phase() { # NAME... : is one of them to run?
	for p in "$@"; do case ",$PHASES," in *",$p,"*) return 0 ;; esac; done
	return 1
}

tmp=$(mktemp -d)
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; sleep 0.2; [ -z "${KEEP:-}" ] || cp "$tmp"/*.log "$tmp"/serve.err "$KEEP"/ 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
db=$tmp/bench.db
failed=0

# ---- the database: the plan, FY2025 published, the FY2026 round open ----
for f in "plan $plan" "followup $fu" "indicator-defs $top/data/indicator-defs.csv" \
	"indicators $top/data/indicators.csv"; do
	# shellcheck disable=SC2086
	"$MDPLAN" --db "$db" import $f >/dev/null 2>&1
done
"$MDPLAN" --db "$db" round publish 2025 >/dev/null
"$MDPLAN" --db "$db" round open $FY --deadline $((FY + 1))-01-31 >/dev/null

# one random password for every account (24 characters, no word)
head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$tmp/pw"
pw=$(cat "$tmp/pw")
# ministry code, tag abbreviation
MINISTRIES="mhlw:厚 meti:経 mext:文 cao:内 cas:内官 mic:総"
for m in $MINISTRIES; do
	k=1
	while [ $k -le "$MINISTRY_EDITORS" ]; do
		"$MDPLAN" --db "$db" user add "ed-${m%%:*}-$k" --role editor --ministry "${m#*:}" \
			--password-file "$tmp/pw" >/dev/null
		k=$((k + 1))
	done
done
"$MDPLAN" --db "$db" user add sec --role secretariat --password-file "$tmp/pw" >/dev/null
k=1
while [ $k -le "$IND_EDITORS" ]; do
	"$MDPLAN" --db "$db" user add "ind-sec-$k" --role secretariat --password-file "$tmp/pw" >/dev/null
	k=$((k + 1))
done
# the entries each ministry writes (not the consolidated ones)
"$MDPLAN" --db "$db" round entries $FY >"$tmp/entries"
# the board's synthetic history (bench/round_gen.py, the board's own): 20
# rounds FY2006-FY2025, 10,000 entries in all, under everything that follows;
# and, for the board phase, a copy holding one round (FY2024) of 10,000
GEN=$top/bench/round_gen.py
hist=0
if [ -f "$GEN" ] && has_phase round board; then
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$db" "$tmp/one.db"
	python3 "$GEN" "$db" --years 20 --entries "${ENTRIES:-10000}" --last $((FY - 1)) >"$tmp/gen.out"
	python3 "$GEN" "$tmp/one.db" --years 1 --entries "${ENTRIES:-10000}" --last $((FY - 2)) >>"$tmp/gen.out"
	hist=1
fi
targets() { # CODE -> the entry form paths of that ministry, tab-separated
	awk -F'\t' -v c="$1" -v fy=$FY '$2 == c { sub(/^A/, "", $1); printf "%s/rounds/%s/items/%s/%s/", sep, fy, $1, c; sep = "\t" }' "$tmp/entries"
}

start_server() { # [PORT]
	rm -f "$tmp/serve.out"   # the last server's, which names its port
	# shellcheck disable=SC2086
	"$MDPLAN" --db "$db" serve --port "${1:-0}" --log "$tmp/access.log" ${SERVE_ARGS:-} \
		>"$tmp/serve.out" 2>>"$tmp/serve.err" &
	pid=$!
	i=0 port=""
	while [ -z "$port" ]; do
		sleep 0.05; i=$((i + 1)); [ $i -lt 200 ] || { cat "$tmp/serve.out" "$tmp/serve.err"; exit 1; }
		port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out" 2>/dev/null)
	done
}
stop_server() {
	kill -TERM "$pid"
	wait "$pid" || true
	pid=""
}

# ---- the scenarios (bench/loadtool.c describes the lines) ----
T=$(printf '\t')
PUBLIC="/$T/items/40/$T/items/12/$T/followups/2025/$T/goals/3/$T/measures/20/$T/ministries/meti/$T/api/v1/action-items/40$T/indicators/$T/search/?q=%E5%8C%BB%E7%99%82%E6%A9%9F%E5%99%A8"
readers() { # connections from two addresses (the server allows 64 an address)
	half=$((READERS / 2))
	printf 'read\tpublic\t%s\t127.0.0.1\t-\t-\t%s\n' $((READERS - half)) "$PUBLIC"
	[ $half = 0 ] || printf 'read\tpublic\t%s\t127.0.0.3\t-\t-\t%s\n' $half "$PUBLIC"
}
# 実績 MARKER / 取組予定 MARKER, op
FIELDS='results=%E5%AE%9F%E7%B8%BE+%M%0A%E3%83%BB%E6%8B%A0%E7%82%B9%E3%82%92%E6%95%B4%E5%82%99%E3%81%97%E3%81%9F&plans=%E5%8F%96%E7%B5%84%E4%BA%88%E5%AE%9A+%M&op=%O'
editors() { # GROUP PER_MINISTRY SUBMIT_EVERY CODES...
	g=$1 n=$2 sub=$3
	shift 3
	for code in "$@"; do
		tg=$(targets "$code")
		k=1
		while [ $k -le "$n" ]; do
			printf 'edit\t%s\t127.0.0.2\ted-%s-%s\t%s\t%s\t%s\t%s\n' "$g" "$code" $k "$pw" "$FIELDS" "$sub" "$tg"
			k=$((k + 1))
		done
	done
}
# the yearly values of the indicators' headline series, each a form of
# the indicator's edit page (secretariat only)
ind_targets() {
	sqlite3 -separator ' ' "$db" "SELECT i.code, v.year FROM indicator_value v JOIN indicator i
		ON i.id = v.indicator_id WHERE v.breakdown = '' ORDER BY i.code, v.year" |
	awk -v T="$T" '{ printf "%s/indicators/%s/edit/>/indicators/%s/values/#year=%s", sep, $1, $1, $2; sep = T }'
}
ind_editors() { # GROUP
	[ "$ind" = 1 ] || return 0
	tg=$(ind_targets)
	k=1
	while [ $k -le "$IND_EDITORS" ]; do
		printf 'edit\t%s\t127.0.0.2\tind-sec-%s\t%s\tvalue=%%N&op=set\t0\t%s\n' "$1" $k "$pw" "$tg"
		k=$((k + 1))
	done
}
board_readers() { # COUNT [FY...]: the board of this round and (history) of last year's
	[ "${board:-0}" = 1 ] || return 0
	nb=$1
	shift
	years=${*:-$FY}
	[ $# -gt 0 ] || [ $hist = 0 ] || years="$FY $((FY - 1))"
	printf 'read\tboard\t%s\t127.0.0.4\tsec\t%s' "$nb" "$pw"
	for y in $years; do printf '\t/rounds/%s/' "$y"; done
	printf '\n'
}

field() { # GROUP KEY < loadtool output
	awk -v g="$1" -v k="$2" '$1 == g { for (i = 2; i <= NF; i++) { split($i, a, "="); if (a[1] == k) print a[2] } }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
check() { # LABEL LOG [--crash]
	if python3 "$top/bench/edit_check.py" "$db" "$2" "$1" ${3:-} >"$tmp/check.out"; then :; else failed=1; fi
	cat "$tmp/check.out"
}
load() { # NAME SECONDS [THINK] < scenario -> $tmp/NAME.out, $tmp/NAME.log
	# NAME: edit, round (flat out), edit200, round200 (paced), crash, ...
	# each phase and pace its own range of indicator-value markers (a
	# tool's numbers are base + client * 100000 + n): 10^8 a phase, 10^7
	# a pace (its place in THINKS)
	case $1 in edit*) nbase=100000000 ;; crash) nbase=200000000 ;; round*) nbase=300000000 ;;
		upload*) nbase=400000000 ;; *) nbase=0 ;; esac
	th=${3:-0}
	k=0
	for t in $THINKS; do [ "$t" = "$th" ] && break; k=$((k + 1)); done
	nbase=$((nbase + k * 10000000))
	extra=""
	[ "$th" = 0 ] || extra="--think ind=$IND_THINK"
	# the public readers in a loadtool of their own (SPLIT=1, the
	# default), as they are other people's machines: one thread serving
	# 64 flat-out readers is busy all the time, and the editors' saves
	# would wait in it for their answers to be read
	cat >"$tmp/$1.sc"
	awk -F'\t' -v s="${SPLIT:-1}" 's == 1 && $1 == "read" && $2 == "public"' "$tmp/$1.sc" >"$tmp/$1.rsc"
	rp=""
	if [ -s "$tmp/$1.rsc" ]; then
		awk -F'\t' '!($1 == "read" && $2 == "public")' "$tmp/$1.sc" >"$tmp/$1.esc"
		if [ -s "$tmp/$1.esc" ]; then
			mv "$tmp/$1.esc" "$tmp/$1.sc"
			"$LOADTOOL" --port "$port" --seconds "$2" --tag "$1r" --think "$th" \
				<"$tmp/$1.rsc" >"$tmp/$1.rout" 2>"$tmp/$1.rerr" &
			rp=$!
		fi
	fi
	# shellcheck disable=SC2086
	if ! "$LOADTOOL" --port "$port" --seconds "$2" --tag "$1" --log "$tmp/$1.log" --think "$th" \
		--number-base $nbase $extra <"$tmp/$1.sc" \
		>"$tmp/$1.out" 2>"$tmp/$1.err"; then
		said "$1"
		echo "not ok - $1: loadtool failed"
		exit 1
	fi
	if [ -n "$rp" ]; then
		if ! wait "$rp"; then
			sed 's/^/# /' "$tmp/$1.rerr" | cut -c1-300
			echo "not ok - $1: the readers' loadtool failed"
			exit 1
		fi
		grep -v '^run ' "$tmp/$1.rout" >>"$tmp/$1.out"
		cat "$tmp/$1.rerr" >>"$tmp/$1.err"
	fi
	said "$1"
}
said() { # what loadtool had to say (the first unexpected answer of a group)
	[ ! -s "$tmp/$1.err" ] || sed 's/^/# /' "$tmp/$1.err" | cut -c1-300
}

start_server
# the round's routes: 404 where they do not exist yet, 303 to /login/ where they do
probe() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1"; }
entry=0 board=0 ind=0
[ "$(probe "$(targets meti | cut -f1)")" = 303 ] && entry=1
[ "$(probe /rounds/$FY/)" = 303 ] && board=1
[ "$IND_EDITORS" != 0 ] && [ "$(probe "$(ind_targets | cut -f1 | cut -d'>' -f1)")" = 303 ] && ind=1
printf 'mdplan edit-load benchmark: %ss a phase, %s cores (load average %s), %s readers, %s editors, %s x 6 round editors\n' \
	"$D" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$READERS" "$EDITORS" "$MINISTRY_EDITORS"
if [ $entry = 0 ]; then
	echo "no round entry form yet (GET $(targets meti | cut -f1) is not 303): nothing saves"
	[ $quick = 0 ] || exit 0
	PHASES=reads
fi
has() { has_phase "$1"; }

r0=""
if has reads; then
	readers | load reads "$D"
	r0=$(field public per_s <"$tmp/reads.out")
	printf '%-8s reads %8s req/s  p50 %6s ms  p99 %7s ms  (the reference)\n' reads "$r0" \
		"$(field public p50_ms <"$tmp/reads.out")" "$(field public p99_ms <"$tmp/reads.out")"
fi

for think in $THINKS; do
	has edit || break
	# issue 13: EDITORS signed-in editors, half 厚 and half 経 (few conflicts)
	ph=edit; lab=edit
	[ "$think" = 0 ] || { ph=edit$think; lab="edit+${think}ms"; }
	{ readers; editors edit $(((EDITORS + 1) / 2)) 0 mhlw
	  editors edit $((EDITORS / 2)) 0 meti; ind_editors ind; } | load $ph "$D" "$think"
	o=$tmp/$ph.out
	r1=$(field public per_s <"$o")
	printf '%-8s saves %8s /s     p50 %6s ms  p99 %7s ms  (%s saved, %s conflicts 409, %s other, %s no answer)\n' "$lab" \
		"$(field edit per_s <"$o")" "$(field edit p50_ms <"$o")" \
		"$(field edit p99_ms <"$o")" "$(field edit ok <"$o")" \
		"$(field edit conflict <"$o")" "$(field edit other <"$o")" \
		"$(field edit failed <"$o")"
	printf '%-8s forms %8s /s     p50 %6s ms  p99 %7s ms  (signed-in GET of the entry form)\n' "$lab" \
		"$(field edit/form per_s <"$o")" "$(field edit/form p50_ms <"$o")" \
		"$(field edit/form p99_ms <"$o")"
	printf '%-8s reads %8s req/s  p50 %6s ms  p99 %7s ms  ratio to the reference %s\n' "$lab" "$r1" \
		"$(field public p50_ms <"$o")" "$(field public p99_ms <"$o")" \
		"$(ratio "$r1" "${r0:-0}")"
	if [ "$ind" = 1 ]; then
		printf '%-8s values %7s /s     p50 %6s ms  p99 %7s ms  (%s indicator values saved by %s secretariat users%s, %s conflicts 409, %s other)\n' "$lab" \
			"$(field ind per_s <"$o")" "$(field ind p50_ms <"$o")" \
			"$(field ind p99_ms <"$o")" "$(field ind ok <"$o")" "$IND_EDITORS" \
			"$([ "$think" = 0 ] || echo ", one every ${IND_THINK} ms each")" \
			"$(field ind conflict <"$o")" "$(field ind other <"$o")"
	fi
	check "$ph" "$tmp/$ph.log"
	if [ "$ind" = 1 ]; then
		# the shared cache after the writes: each indicator's public page as
		# a server without a cache renders it now
		"$MDPLAN" --db "$db" serve --port 0 --no-cache >"$tmp/nc.out" 2>&1 &
		ncpid=$!
		i=0
		while ! grep -q http "$tmp/nc.out" 2>/dev/null; do sleep 0.05; i=$((i + 1)); [ $i -lt 200 ] || break; done
		ncport=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/nc.out")
		stale=""
		for code in $(sqlite3 "$db" "SELECT DISTINCT i.code FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE v.breakdown = ''"); do
			a=$(curl -s "http://127.0.0.1:$port/indicators/$code/" | cksum)
			b=$(curl -s "http://127.0.0.1:$ncport/indicators/$code/" | cksum)
			if [ "$a" != "$b" ]; then
				# a save the load tool left in flight may have landed
				# between the two: a stale entry would still be there
				sleep 0.5
				a=$(curl -s "http://127.0.0.1:$port/indicators/$code/" | cksum)
				b=$(curl -s "http://127.0.0.1:$ncport/indicators/$code/" | cksum)
				if [ "$a" != "$b" ] && [ -z "$stale" ]; then
					curl -s "http://127.0.0.1:$port/indicators/$code/" >"$tmp/stale.a"
					curl -s "http://127.0.0.1:$ncport/indicators/$code/" >"$tmp/stale.b"
					diff "$tmp/stale.a" "$tmp/stale.b" | head -n 6 | cut -c1-200 | sed 's/^/# /'
				fi
				[ "$a" = "$b" ] || stale="$stale $code"
			fi
		done
		kill "$ncpid"; wait "$ncpid" 2>/dev/null || true
		if [ -z "$stale" ]; then
			echo "ok - edit: the cached indicator pages are what the database says now"
		else
			echo "not ok - edit: stale cached indicator pages:$stale"; failed=1
		fi
	fi
done

if has crash; then
	# the editors alone; SIGKILL a third of the way in, start again at once
	cd_=$((D < 8 ? 3 : D / 2))
	editors crash $(((EDITORS + 1) / 2)) 0 mhlw >"$tmp/crash.sc"
	editors crash $((EDITORS / 2)) 0 meti >>"$tmp/crash.sc"
	ind_editors crash >>"$tmp/crash.sc"
	"$LOADTOOL" --port "$port" --seconds "$cd_" --tag crash --log "$tmp/crash.log" --think "${THINK:-0}" \
		--number-base 200000000 <"$tmp/crash.sc" >"$tmp/crash.out" 2>"$tmp/crash.err" &
	lt=$!
	# the sign-ins come first: wait for the first save
	i=0
	while [ ! -s "$tmp/crash.log" ]; do
		sleep 0.05; i=$((i + 1)); [ $i -lt 600 ] || { echo "crash: no save"; exit 1; }
	done
	sleep "$(awk -v d="$cd_" 'BEGIN { print d / 3 }')"
	before=$(wc -l <"$tmp/crash.log")
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null || true
	killed_port=$port
	start_server "$killed_port"
	wait "$lt" || { said crash; echo "not ok - crash: loadtool failed"; exit 1; }
	said crash
	stop_server
	start_server "$killed_port"
	printf '%-8s killed after about %s saves, restarted on the same port; %s saves in all, %s acknowledged\n' crash \
		"$before" "$(wc -l <"$tmp/crash.log")" "$(field crash ok <"$tmp/crash.out")"
	check crash "$tmp/crash.log" --crash
	if "$MDPLAN" --db "$db" audit verify >"$tmp/verify.out" 2>&1; then
		echo "ok - crash: the audit trail verifies after the kill"
	else
		echo "not ok - crash: the audit trail verifies after the kill"; cat "$tmp/verify.out"; failed=1
	fi
fi

for think in $THINKS; do
	has round || break
	# issue 14: every ministry's editors at once, saving and submitting
	ph=round; lab=round
	[ "$think" = 0 ] || { ph=round$think; lab="round+${think}ms"; }
	codes=""
	for m in $MINISTRIES; do codes="$codes ${m%%:*}"; done
	# shellcheck disable=SC2086
	{ readers; board_readers "$BOARD_READERS"; editors round "$MINISTRY_EDITORS" "$SUBMIT" $codes; } | load $ph "$D" "$think"
	o=$tmp/$ph.out
	printf '%-8s saves %8s /s     p50 %6s ms  p99 %7s ms  (%s saved, %s conflicts 409, %s other, %s no answer)\n' "$lab" \
		"$(field round per_s <"$o")" "$(field round p50_ms <"$o")" \
		"$(field round p99_ms <"$o")" "$(field round ok <"$o")" \
		"$(field round conflict <"$o")" "$(field round other <"$o")" \
		"$(field round failed <"$o")"
	r2=$(field public per_s <"$o")
	printf '%-8s reads %8s req/s  p50 %6s ms  p99 %7s ms  ratio to the reference %s\n' "$lab" "$r2" \
		"$(field public p50_ms <"$o")" "$(field public p99_ms <"$o")" \
		"$(ratio "$r2" "${r0:-0}")"
	if [ $board = 1 ]; then
		printf '%-8s board %8s req/s  p50 %6s ms  p99 %7s ms  (FY%s: %s entries%s; %s connections)\n' "$lab" \
			"$(field board per_s <"$o")" "$(field board p50_ms <"$o")" \
			"$(field board p99_ms <"$o")" $FY "$(wc -l <"$tmp/entries")" \
			"$([ $hist = 0 ] || echo ", and FY$((FY - 1)) of the 20-year history")" "$BOARD_READERS"
	fi
	check "$ph" "$tmp/$ph.log"
done

if has upload; then
	# the offline upload beside the savers: its read of the file must not
	# hold the writer (issue: upload split)
	if [ $quick = 1 ]; then UPLOAD_ROWS=${UPLOAD_ROWS:-2000}; fi
	UPLOAD_ROWS=${UPLOAD_ROWS:-20000}
	UPLOAD_TEXT=${UPLOAD_TEXT:-460}
	UPLOAD_THINK=${UPLOAD_THINK:-200}
	"$MDPLAN" --db "$db" round download $FY --ministry 経 -o "$tmp/dl.xlsx" >/dev/null
	n_meti=$(awk -F'\t' '$2 == "meti"' "$tmp/entries" | wc -l)
	python3 "$top/tests/data/xlsx/grow-round.py" "$tmp/dl.xlsx" "$tmp/hostile.xlsx" \
		$((UPLOAD_ROWS - n_meti)) "$UPLOAD_TEXT"
	half=$((EDITORS / 2))
	{ editors upl $((EDITORS - half)) 0 mhlw; editors upl "$half" 0 mext; } >"$tmp/upl.sc"
	load uploadref "$D" "$UPLOAD_THINK" <"$tmp/upl.sc"
	check uploadref "$tmp/uploadref.log" >"$tmp/check-uploadref.out"   # before the next saves
	python3 "$top/bench/upload_client.py" "$port" ed-meti-1 "$tmp/pw" \
		/rounds/$FY/offline/meti/ "$tmp/hostile.xlsx" "$D" >"$tmp/uploader.out" \
		2>"$tmp/uploader.err" &
	up=$!
	load upload "$D" "$UPLOAD_THINK" <"$tmp/upl.sc"
	wait "$up" || { sed 's/^/# /' "$tmp/uploader.err"; echo "not ok - upload: the uploader failed"; exit 1; }
	sed 's/^/# /' "$tmp/uploader.err" | cut -c1-300
	a=$tmp/uploadref.out b=$tmp/upload.out u=$tmp/uploader.out
	printf 'upload   the hostile workbook: %s rows, all keys repeated, %s bytes; %s savers of 厚 and 文, %s ms between saves\n' \
		"$UPLOAD_ROWS" "$(wc -c <"$tmp/hostile.xlsx")" "$EDITORS" "$UPLOAD_THINK"
	printf '%-8s saves %8s /s     p50 %6s ms  p99 %7s ms  (no upload: the reference; %s saved, %s conflicts 409, %s other)\n' uploadref \
		"$(field upl per_s <"$a")" "$(field upl p50_ms <"$a")" "$(field upl p99_ms <"$a")" \
		"$(field upl ok <"$a")" "$(field upl conflict <"$a")" "$(field upl other <"$a")"
	printf '%-8s saves %8s /s     p50 %6s ms  p99 %7s ms  (%s saved, %s conflicts 409, %s other)\n' upload \
		"$(field upl per_s <"$b")" "$(field upl p50_ms <"$b")" "$(field upl p99_ms <"$b")" \
		"$(field upl ok <"$b")" "$(field upl conflict <"$b")" "$(field upl other <"$b")"
	printf '%-8s ratio to the reference: saves/s %s, p50 %s, p99 %s\n' upload \
		"$(ratio "$(field upl per_s <"$b")" "$(field upl per_s <"$a")")" \
		"$(ratio "$(field upl p50_ms <"$b")" "$(field upl p50_ms <"$a")")" \
		"$(ratio "$(field upl p99_ms <"$b")" "$(field upl p99_ms <"$a")")"
	printf '%-8s uploads %6s /s     p50 %6s ms  p99 %7s ms  (%s previews, %s other answers)\n' upload \
		"$(field upload per_s <"$u")" "$(field upload p50_ms <"$u")" "$(field upload p99_ms <"$u")" \
		"$(field upload ok <"$u")" "$(field upload other <"$u")"
	[ "$(field upload ok <"$u")" -gt 0 ] || { echo "not ok - upload: no preview answered"; failed=1; }
	cat "$tmp/check-uploadref.out"
	check upload "$tmp/upload.log"
fi

if has board; then
	if [ $board = 0 ] || [ $hist = 0 ]; then
		echo "board    not measured: no board (GET /rounds/{fy}/) or no bench/round_gen.py here"
	else
		sed 's/^/# /' "$tmp/gen.out"
		# the board alone, one signed-in connection (render time, no
		# queue): one year of
		# the 20-year history (10,000 entries in the database), then a copy
		# whose one round holds 10,000 entries
		board_readers 1 $((FY - 1)) | load boardhist $(((D + 1) / 2))
		stop_server
		keep=$db
		db=$tmp/one.db
		start_server
		board_readers 1 $((FY - 2)) | load boardone $(((D + 1) / 2))
		stop_server
		db=$keep
		start_server
		printf '%-8s board %8s req/s  p50 %6s ms  p99 %7s ms  (/rounds/%s/ of the 20-year history, 1 connection)\n' \
			board "$(field board per_s <"$tmp/boardhist.out")" "$(field board p50_ms <"$tmp/boardhist.out")" \
			"$(field board p99_ms <"$tmp/boardhist.out")" $((FY - 1))
		printf '%-8s board %8s req/s  p50 %6s ms  p99 %7s ms  (/rounds/%s/ holding all %s entries, 1 connection)\n' \
			board "$(field board per_s <"$tmp/boardone.out")" "$(field board p50_ms <"$tmp/boardone.out")" \
			"$(field board p99_ms <"$tmp/boardone.out")" $((FY - 2)) "${ENTRIES:-10000}"
	fi
fi

stop_server
# what the response cache did in the last server's life (its exit lines)
sed -n 's/^mdplan: cache: /cache    /p' "$tmp/serve.out"
# a sanitized server (make check) says so on stderr
if grep -q 'Sanitizer\|runtime error' "$tmp/serve.err"; then
	echo "not ok - the server reported a sanitizer error"; sed -n '1,40p' "$tmp/serve.err"; failed=1
else
	echo "ok - the server's stderr holds no sanitizer report"
fi
[ $failed = 0 ]
