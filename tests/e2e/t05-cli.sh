# The command line: usage errors, help, exit codes, output checking.
. "$top/tests/e2e/lib.sh"
db=cli.db
"$MDPLAN" --db $db import plan "$PLAN" >/dev/null 2>&1

for c in import plan measures show ministries export history stats serve publish; do
	run "$MDPLAN" $c --help
	expect_eq "$c --help exits 0" "$rc" 0
	expect_in "$c --help shows usage" "$out" "usage: mdplan $c"
done
run "$MDPLAN" --help
expect_in "--help lists commands" "$out" "Exit codes: 0 ok, 1 bad input, 2 usage, 3 database error, 4 conflict"
run "$MDPLAN" frobnicate
expect_eq "unknown command: exit 2" "$rc" 2
run "$MDPLAN" --db $db show
expect_eq "show without ID: exit 2" "$rc" 2
run "$MDPLAN" --db $db show X12
expect_eq "show with a bad ID: exit 2" "$rc" 2
run "$MDPLAN" --db $db show A999
expect_eq "show of a missing item: exit 1" "$rc" 1
run "$MDPLAN" --db $db measures --year 令和
expect_eq "bad --year: exit 2" "$rc" 2
run "$MDPLAN" --db $db measures --ministry 財
expect_eq "unknown --ministry: exit 2" "$rc" 2
run "$MDPLAN" --db $db measures --lead
expect_eq "--lead without --ministry: exit 2" "$rc" 2
run "$MDPLAN" --db $db import
expect_eq "import without arguments: exit 2" "$rc" 2
run "$MDPLAN" --db $db import budget x.txt
expect_eq "import of an unknown kind: exit 2" "$rc" 2
run "$MDPLAN" --db $db import plan "$PLAN" --encoding ebcdic
expect_eq "unknown encoding: exit 2" "$rc" 2
run "$MDPLAN" --db $db export xml
expect_eq "unknown export format: exit 2" "$rc" 2
run "$MDPLAN" --db nowhere/x.db stats
expect_eq "database cannot be opened: exit 3" "$rc" 3
: >empty.db
run "$MDPLAN" --db empty.db stats
expect_eq "database without schema: exit 3" "$rc" 3
MDPLAN_DB=$db run "$MDPLAN" stats
expect_eq "MDPLAN_DB is honoured" "$rc" 0
if [ -w /dev/full ]; then
	run "$MDPLAN" --db $db plan
	"$MDPLAN" --db $db plan >/dev/full 2>full.err
	expect_eq "write error on stdout: exit 1" "$?" 1
fi
run "$MDPLAN" --db $db export csv -o out.csv
expect_eq "export -o writes a file" "$(head -c 3 out.csv | od -An -tx1 | tr -d ' ')" "efbbbf"
