# Browser tests: chromium via playwright-core, axe-core on each page type
# (tests/browser/run.mjs). Screenshots go to tests/out/screenshots/.
. "$top/tests/e2e/lib.sh"
db=browser.db
"$MDPLAN" --db $db import plan "$PLAN" >/dev/null 2>&1
"$MDPLAN" --db $db import followup "$FOLLOWUP" >/dev/null 2>&1
"$MDPLAN" --db $db import indicator-defs "$top/data/indicator-defs.csv" >/dev/null 2>&1
"$MDPLAN" --db $db import indicators "$top/data/indicators.csv" >/dev/null 2>&1
"$MDPLAN" --db $db import sources "$top/data/sources.csv" >/dev/null 2>&1
# a target, so that the chart draws its target line
"$MDPLAN" --db $db indicator define HUB-COURSES --target 2026:100 >/dev/null 2>&1
for k in programmes budgets programme-results programme-indicators hubs; do
	"$MDPLAN" --db $db import $k "$top/data/$k.csv" >/dev/null 2>&1
done
"$MDPLAN" --db $db programme suggest MHLW-HUB >/dev/null 2>&1
# staff, for the details for staff (signed-in staff only)
printf 'Kirin-Tanuki-2024x\n' >staff.pw
"$MDPLAN" --db $db user add staff --role secretariat --password-file staff.pw >/dev/null 2>&1
# a secretariat account for the editing test (tests/browser/edit.mjs)
edit_pw=Kirin-Tanuki-2024x
printf '%s\n' "$edit_pw" >edit.pw
"$MDPLAN" --db $db user add sato --role secretariat --password-file edit.pw >/dev/null 2>&1
rm -f edit.pw
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
(cd "$top/tests/browser" && BASE=$base OUT="$top/tests/out/screenshots" node run.mjs)
# after run.mjs, which reads HUB-COURSES as imported: this one edits it
(cd "$top/tests/browser" && BASE=$base OUT="$top/tests/out/screenshots/edit" USER_NAME=sato \
	PASSWORD=$edit_pw IND=HUB-COURSES node edit.mjs)
kill -TERM $pid
wait $pid
expect_eq "server stopped cleanly after the browser run" "$?" 0
