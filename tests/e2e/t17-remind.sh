# The round's reminder mail to a local SMTP sink: each step once, the
# right recipients, subjects and entries, the record and the server's own
# schedule across a restart (tests/e2e/remind_test.py).
python3 "$top/tests/e2e/remind_test.py"
