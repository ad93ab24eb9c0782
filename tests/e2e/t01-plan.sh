# Importing the real 2nd Basic Plan yields the structure the document has.
. "$top/tests/e2e/lib.sh"
db=plan.db

run "$MDPLAN" --db $db import plan "$PLAN"
expect_eq "import plan exits 0" "$rc" 0
expect_in "summary names the edition" "$out" "第2期"
expect_in "untagged item is reported with its line" "$err" ":1258: note: action item 31 has no ministry tag"

run "$MDPLAN" --db $db stats --json
expect_eq "stats exits 0" "$rc" 0
expect_eq "3 visions" "$(json_num visions)" 3
expect_eq "11 goals" "$(json_num goals)" 11
expect_eq "13 goal listings (2 re-listed)" "$(json_num goal_listings)" 13
expect_eq "43 measure headings" "$(json_num measures)" 43
expect_eq "60 action items" "$(json_num action_items)" 60
expect_eq "1 untagged action item" "$(json_num untagged_action_items)" 1
expect_eq "5 priority areas" "$(json_num priority_areas)" 5
expect_eq "3 platforms" "$(json_num platforms)" 3
flat=$(printf '%s' "$out" | tr -d ' \n')
# counted from the document's 59 tags by hand: involved/lead per ministry
expect_in "厚 45 involved, 39 lead" "$flat" '"code":"厚","id":"mhlw","involved":45,"lead":39'
expect_in "経 38 involved, 30 lead" "$flat" '"code":"経","id":"meti","involved":38,"lead":30'
expect_in "文 11 involved, 4 lead" "$flat" '"code":"文","id":"mext","involved":11,"lead":4'
expect_in "内 4 involved, 2 lead" "$flat" '"code":"内","id":"cao","involved":4,"lead":2'
expect_in "内官 2 involved, 2 lead" "$flat" '"code":"内官","id":"cas","involved":2,"lead":2'
expect_in "総 1 involved, 0 lead" "$flat" '"code":"総","id":"mic","involved":1,"lead":0'

run "$MDPLAN" --db $db show A1
expect_in "A1 is the first item with its lead ministry" "$out" "A1 [◎厚] 真に臨床現場で必要とされる医療機器を創出するためには"
expect_in "A1 ends before its tag" "$out" "若手の医療従事者の育成に取り組む。"
expect_not_in "A1 text does not contain the tag" "$out" "取り組む。［"
run "$MDPLAN" --db $db show A4
expect_in "tag wrapped over lines: ［文、/◎経］" "$out" "A4 [文、◎経]"
run "$MDPLAN" --db $db show A6
expect_in "lead mark after the name: ［厚◎、経◎］" "$out" "A6 [◎厚、◎経]"
run "$MDPLAN" --db $db show A7
expect_in "tag split as ［◎/文］" "$out" "A7 [◎文]"
expect_in "ASCII and Japanese joined across a wrap" "$out" "最適なAI技術の活用方法等を身に付けた医療人材の育成に取り組む。"
run "$MDPLAN" --db $db show M3
expect_in "measure heading wrapped over two lines" "$out" "M3 実用化を見据えて医療機器の研究開発を進めることができるアカデミア人材の育成"
run "$MDPLAN" --db $db show A9
expect_in "item interrupted by a page footnote is joined" "$out" "強固に行う仕組みの構築に引き続き取り組む。"
expect_not_in "footnote text is not part of the item" "$out" "大企業×スタートアップ"
run "$MDPLAN" --db $db show A35
expect_in "◎内官 with three co-owners" "$out" "[◎内官、総、厚、経]"
run "$MDPLAN" --db $db show M43
expect_in "last measure" "$out" "M43 有事における新規医療機器の早期実用化に向けた取組"
expect_in "last item" "$out" "A60 [◎厚]"

run "$MDPLAN" --db $db plan
expect_in "vision 3 re-lists goal 7" "$out" "G7 国際展開に積極的に取り組む日本企業の増加 （再掲）"
expect_in "vision 3 re-lists goal 9" "$out" "G9 医療保険制度におけるイノベーションに対する適切な評価の実施 （再掲）"
expect_in "goal 1 counts" "$out" "(施策 6, 取組 8)"

run "$MDPLAN" --db $db measures --ministry 経 --lead
expect_eq "measures --ministry exits 0" "$rc" 0
expect_in "METI-led measure listed" "$out" "医療機器研究開発の手引きの作成"
expect_not_in "MHLW-only measure not listed" "$out" "保険導入の手引きの作成"
run "$MDPLAN" --db $db measures --ministry METI --lead
meti_en=$out
run "$MDPLAN" --db $db measures --ministry 経済産業省 --lead
expect_eq "ministry given as 経, METI or full name is the same" "$out" "$meti_en"
run "$MDPLAN" --db $db measures --goal 11
expect_eq "goal 11 has 3 measures" "$(printf '%s\n' "$out" | grep -c '^M')" 3
