# The follow-up round's board over HTTP: counts against round status
# --json, filters and pages, the editor's and reviewer's views, anonymous
# sent to sign in, open/close/reopen from the web, refused POSTs changing
# nothing (tests/e2e/board_test.py).
python3 "$top/tests/e2e/board_test.py"
