# Re-importing changes nothing; a corrected file updates in place and keeps
# the old text in history; a row that disappears is removed into history.
. "$top/tests/e2e/lib.sh"
db=re.db
"$MDPLAN" --db $db import plan "$PLAN" >/dev/null 2>&1
"$MDPLAN" --db $db import followup "$FOLLOWUP" >/dev/null 2>&1

run "$MDPLAN" --db $db import plan "$PLAN"
expect_in "plan re-import changes nothing" "$out" "0 added, 0 changed"
run "$MDPLAN" --db $db import followup "$FOLLOWUP"
expect_in "follow-up re-import changes nothing" "$out" "0 added, 0 changed, 60 unchanged, 0 removed"
run "$MDPLAN" --db $db history
expect_eq "history is empty" "$out" ""

# a corrected follow-up: one result text changes, one row is dropped
sed -e 's/令和5年度に事業終了/令和5年度に事業終了(訂正)/' -e '/倫理審査委員会の審査の均てん化/d' "$FOLLOWUP" >fixed.tsv
run "$MDPLAN" --db $db import followup fixed.tsv
expect_eq "corrected import exits 0" "$rc" 0
expect_in "one row changed, one removed" "$out" "1 changed, 58 unchanged, 1 removed"
run "$MDPLAN" --db $db show A7
expect_in "new text is shown" "$out" "令和5年度に事業終了(訂正)"
run "$MDPLAN" --db $db history
expect_in "old text kept in history" "$out" 'results: "令和5年度に事業終了" -> "令和5年度に事業終了(訂正)"'
expect_in "removed row kept in history" "$out" "(removed)"

# a corrected plan: one action item's wording changes
sed 's/講義等をモデルとして他の教育機関にも横展開する。/講義等をモデルとして他の教育機関にも広く横展開する。/' "$PLAN" >plan2.txt
run "$MDPLAN" --db $db import plan plan2.txt
expect_in "plan correction: 1 changed" "$out" "0 added, 1 changed"
run "$MDPLAN" --db $db history --json
expect_in "plan text history" "$out" '"old": "特に医師養成を行う大学において既に実施している医療機器の研究開発に関する講義等をモデルとして他の教育機関にも横展開する。"'
