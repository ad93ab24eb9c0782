# Accounts and the audit trail from the command line: user add/list/
# passwd/disable/enable/roles/sessions, passwords never on the command
# line, refusals that change nothing, audit JSON/CSV/filters and audit
# verify against the sqlite3 shell (tests/e2e/auth_test.py).
python3 "$top/tests/e2e/auth_test.py"
