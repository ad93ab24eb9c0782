# Bad input: a clear error naming file and line, exit 1, database unchanged.
. "$top/tests/e2e/lib.sh"
db=bad.db
"$MDPLAN" --db $db import plan "$PLAN" >/dev/null 2>&1
"$MDPLAN" --db $db import followup "$FOLLOWUP" >/dev/null 2>&1
before=$("$MDPLAN" --db $db export json; "$MDPLAN" --db $db stats --json; "$MDPLAN" --db $db history)
unchanged() {
	after=$("$MDPLAN" --db $db export json; "$MDPLAN" --db $db stats --json; "$MDPLAN" --db $db history)
	expect_eq "$1: database unchanged" "$after" "$before"
}

: >empty.txt
run "$MDPLAN" --db $db import plan empty.txt
expect_eq "empty plan: exit 1" "$rc" 1
expect_in "empty plan: says empty" "$err" "empty.txt: the file is empty"
run "$MDPLAN" --db $db import followup empty.txt
expect_eq "empty follow-up: exit 1" "$rc" 1
unchanged "empty"

head -n 1000 "$PLAN" >trunc.txt
run "$MDPLAN" --db $db import plan trunc.txt
expect_eq "truncated plan: exit 1" "$rc" 1
expect_in "truncated plan: names a goal never reached" "$err" "has no section in ３ (is the file truncated?)"
head -n 1834 "$PLAN" | sed '$d' >trunc2.txt
run "$MDPLAN" --db $db import plan trunc2.txt
expect_eq "plan cut inside an item: exit 1" "$rc" 1
expect_in "plan cut inside an item: names its line" "$err" "trunc2.txt:1820: the file ends inside an action item"
unchanged "truncated"

{ head -n 49 "$PLAN"; printf 'abc\377def\n'; tail -n +50 "$PLAN"; } >badutf8.txt
run "$MDPLAN" --db $db import plan badutf8.txt
expect_eq "invalid UTF-8: exit 1" "$rc" 1
expect_in "invalid UTF-8: file, line and column" "$err" "badutf8.txt:50: column 4: invalid byte sequence for UTF-8"
unchanged "invalid UTF-8"

# Shift_JIS and CRLF copies import to the very same data
iconv -f UTF-8 -t CP932 "$FOLLOWUP" >sjis.tsv
run "$MDPLAN" --db sj.db import plan "$PLAN"
run "$MDPLAN" --db sj.db import followup sjis.tsv
expect_eq "Shift_JIS follow-up: exit 0" "$rc" 0
expect_in "Shift_JIS detected" "$out" "(Shift_JIS)"
sed 's/$/\r/' "$FOLLOWUP" >crlf.tsv
run "$MDPLAN" --db cr.db import plan "$PLAN"
run "$MDPLAN" --db cr.db import followup crlf.tsv
expect_eq "CRLF follow-up: exit 0" "$rc" 0
# the same data from files of other names: all but the file name the rows cite
ref=$("$MDPLAN" --db $db export json | grep -v '"source_file"')
expect_eq "Shift_JIS copy imports identically" "$("$MDPLAN" --db sj.db export json | grep -v '"source_file"')" "$ref"
expect_eq "CRLF copy imports identically" "$("$MDPLAN" --db cr.db export json | grep -v '"source_file"')" "$ref"
# CP932 has no code for the plan's PUA bullets: a Shift_JIS plan uses ●■◆
sed -e 's/\xef\x83\xbc/●/g' -e 's/\xef\x82\xb2/■/g' -e 's/\xef\x81\xac/◆/g' "$PLAN" |
	iconv -f UTF-8 -t CP932 | sed 's/$/\r/' >sjis-plan.txt
run "$MDPLAN" --db sp.db import plan sjis-plan.txt
expect_eq "Shift_JIS+CRLF plan: exit 0" "$rc" 0
expect_eq "Shift_JIS plan gives the same structure" "$("$MDPLAN" --db sp.db plan --items)" "$("$MDPLAN" --db $db plan --items)"

awk 'NR==7 { $0 = $0 "\textra\tcells" } { print }' "$FOLLOWUP" >wide.tsv
run "$MDPLAN" --db $db import followup wide.tsv
expect_eq "too many columns: exit 1" "$rc" 1
expect_in "too many columns: line and count" "$err" "wide.tsv:7: expected 3 or 4 tab-separated columns (measure | 実績・状況 | 取組予定), found 6"
sed '8s/【◎厚】/【◎財】/' "$FOLLOWUP" >unknown.tsv
run "$MDPLAN" --db $db import followup unknown.tsv
expect_eq "unknown ministry: exit 1" "$rc" 1
expect_in "unknown ministry: line and name" "$err" "unknown.tsv:8: unknown ministry \"財\""
sed 's/取り組む。［◎文］/取り組む。［◎財務］/' "$PLAN" >unknown-plan.txt
run "$MDPLAN" --db $db import plan unknown-plan.txt
expect_eq "unknown ministry in plan: exit 1" "$rc" 1
expect_in "unknown ministry in plan: line and name" "$err" "unknown-plan.txt:1303: unknown ministry \"財務\""
sed '40s/令和7年度/令和6年度/' "$FOLLOWUP" >twoyears.tsv
run "$MDPLAN" --db $db import followup twoyears.tsv
expect_eq "mixed years: exit 1" "$rc" 1
expect_in "mixed years: names both headers" "$err" "twoyears.tsv:40: header says FY2024 but the header at line 3 said FY2025"
run "$MDPLAN" --db $db import followup "$FOLLOWUP" --year R6
expect_eq "--year contradicting the header: exit 1" "$rc" 1
sed '86s/有事において、臨床現場に必要とされる医療機器が早期に/有事において、臨床現場に必要とされる医療機器が早期に/; 110s/(対応済/(未対応/' "$FOLLOWUP" >conflict.tsv
run "$MDPLAN" --db $db import followup conflict.tsv
expect_eq "same item twice with different results: exit 1" "$rc" 1
expect_in "conflict names both lines" "$err" "conflict.tsv:110: this action item is also at line 86"
printf 'a\t"unterminated\tb\n' >quote.tsv
run "$MDPLAN" --db $db import followup quote.tsv
expect_eq "unterminated quote: exit 1" "$rc" 1
expect_in "unterminated quote: line" "$err" "quote.tsv:1: a quoted cell is never closed"
run "$MDPLAN" --db $db import plan does-not-exist.txt
expect_eq "missing file: exit 1" "$rc" 1
expect_in "missing file: says why" "$err" "does-not-exist.txt: cannot read: No such file or directory"
run "$MDPLAN" --db $db import plan "$FOLLOWUP"
expect_eq "follow-up given as a plan: exit 1" "$rc" 1
unchanged "all bad imports"
