# Programmes, budgets, results and hubs for the demo: every row checked
# against the line of the document it cites, the codes and kinds, and the
# checker run on deliberately wrong rows (tests/e2e/progdata_test.py).
python3 "$top/tests/e2e/progdata_test.py"
