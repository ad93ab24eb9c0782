# Browser tests of the round's entry pages: the editor from sign-in to
# submit, the secretariat from the board to return and accept, JavaScript
# off, axe-core, 390 and 1280 px in ja and en (tests/browser/round.mjs).
# Screenshots go to tests/out/screenshots/entry-*.png.
. "$top/tests/e2e/lib.sh"
db=round-browser.db
pw=Suzuran-Kaede-5521
"$MDPLAN" --db $db import plan "$PLAN" >/dev/null 2>&1
"$MDPLAN" --db $db import followup "$FOLLOWUP" >/dev/null 2>&1
printf '%s\n' "$pw" >pw.txt
"$MDPLAN" --db $db user add secretariat --role secretariat --password-file pw.txt >/dev/null
"$MDPLAN" --db $db user add meti-editor --role editor --ministry 経 --password-file pw.txt >/dev/null
"$MDPLAN" --db $db user add mhlw-editor --role editor --ministry 厚 --password-file pw.txt >/dev/null
"$MDPLAN" --db $db round publish 2025 >/dev/null
"$MDPLAN" --db $db round open 2026 --deadline 2027-01-31 >/dev/null
"$MDPLAN" --db $db serve --port 0 --no-log >serve.out 2>serve.err &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q 'http://' serve.out 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
base=$(sed -n 's/.*\(http:[^ ]*\).*/\1/p' serve.out)
if [ -z "$base" ]; then
	notok "server started" "$(cat serve.err)"
	kill $pid 2>/dev/null
	exit 0
fi
(cd "$top/tests/browser" && BASE=$base PW=$pw OUT="$top/tests/out/screenshots" node round.mjs)
kill -TERM $pid
wait $pid
expect_eq "server stopped cleanly after the browser run" "$?" 0
