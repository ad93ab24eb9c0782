# Plan entities keep their identity across re-imports: an inserted, a
# removed, a moved and a reworded action item, each checked against the
# real FY2025 follow-up (tests/e2e/identity_test.py).
python3 "$top/tests/e2e/identity_test.py"
