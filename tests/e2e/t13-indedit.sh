# Indicator editing in the web UI for the secretariat (issue 13): forms
# over HTTP with real sessions, the status change, history and audit,
# 409 with both texts, refusals that change nothing
# (tests/e2e/indedit_test.py).
python3 "$top/tests/e2e/indedit_test.py"
