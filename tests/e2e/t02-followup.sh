# Importing the real FY2025 follow-up table: every row matched or reported.
. "$top/tests/e2e/lib.sh"
db=fu.db

run "$MDPLAN" --db $db import followup "$FOLLOWUP"
expect_eq "follow-up before any plan is refused" "$rc" 1
expect_in "and says to import the plan" "$err" "import plan"

"$MDPLAN" --db $db import plan "$PLAN" >/dev/null 2>&1
run "$MDPLAN" --db $db import followup "$FOLLOWUP"
expect_eq "import followup exits 0" "$rc" 0
expect_in "year comes from the header" "$out" "FY2025"
expect_in "row counts" "$out" "60 rows: 23 matched exactly, 34 by similarity, 1 by position, 2 unmatched; 1 repeated rows"
expect_in "unmatched registry row reported with its line" "$err" ":46: note: matches no action item"
expect_in "unmatched work-style row reported" "$err" ":51: note: matches no action item"

run "$MDPLAN" --db $db stats --json
flat=$(printf '%s' "$out" | tr -d ' \n')
expect_in "FY2025 stats" "$flat" '"fiscal_year":2025,"entries":60,"with_results":58,"with_plans":59,"unmatched":2,"action_items_covered":58'

run "$MDPLAN" --db $db show A2 --year R7
expect_in "A2 results (plain cell)" "$out" "実績・状況: ・「保健医療分野におけるAI研究開発加速に向けた人材養成産学協働プロジェクト」(令和6年度終了)"
expect_in "A2 plans" "$out" "取組予定: ・事後評価の結果も踏まえ、取組の横展開を図る。"
run "$MDPLAN" --db $db show A7
expect_in "A7 short plain cells" "$out" "実績・状況: 令和5年度に事業終了"
run "$MDPLAN" --db $db show A31
expect_in "untagged platform lead-in matched despite its [note]" "$out" "A31 [—]"
expect_in "and has its (empty) follow-up" "$out" "令和7年度 (FY2025)"
run "$MDPLAN" --db $db show A58
expect_in "rewritten item matched by position is flagged" "$out" "[類似照合]"
run "$MDPLAN" --db $db show A51
expect_in "'-' cell is empty" "$out" "実績・状況: —"
run "$MDPLAN" --db $db show A60
expect_in "re-listed measure's row (line 86 and 110) kept once" "$out" "緊急承認制度"
run "$MDPLAN" --db $db show A10 --year 2024
expect_not_in "no FY2024 follow-up" "$out" "令和6年度"

run "$MDPLAN" --db $db export csv --year R7
expect_eq "export csv exits 0" "$rc" 0
bom=$(head -c 3 run.out | od -An -tx1 | tr -d ' ')
expect_eq "CSV starts with a UTF-8 BOM" "$bom" "efbbbf"
expect_in "CSV header in Japanese" "$out" "年度,年度（西暦）,ビジョン,ゴール,施策,取組番号,取組事項,担当府省,実績・状況,取組予定,計画との照合,出典（ファイル:行）"
expect_eq "CSV has a header, 60 data rows, the attribution and the legend (CRLF records)" "$(grep -c "$(printf '\r')\$" run.out)" 63
expect_in "CSV ends with the attribution" "$(tail -n 2 run.out | head -n 1)" "出典：厚生労働省「医療機器基本計画（第2期）」及び同フォローアップ資料（加工して作成）"
expect_in "CSV match column in words, with its legend" "$(tail -n 1 run.out)" "計画との照合：完全一致＝"
expect_not_in "CSV: no match codes in the data" "$(sed -n 2,61p run.out)" ",similar,"
run "$MDPLAN" --db $db export csv --year R7 --en
expect_in "CSV --en: English header" "$out" "Fiscal year,Fiscal year (number),Vision,Goal,Measure,Action item number,Action item,Ministries,Results and status,Plans for the next year,Matched to the plan,Source (file:line)"
expect_not_in "CSV --en: no Japanese column names" "$(head -n 1 run.out)" "年度"
run "$MDPLAN" --db $db export json --ministry 文
expect_eq "export json exits 0" "$rc" 0
expect_in "json rows carry the ministry filter" "$out" '"ministries": "◎文"'
expect_not_in "json has no MHLW-only rows" "$out" '"ministries": "◎厚"'
