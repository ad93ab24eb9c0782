# Programmes, budgets, results and hubs: the demo files imported and found
# in the database as the files state them, validation with line numbers and
# an unchanged database, disagreeing figures kept side by side, corrections
# to history (tests/e2e/programmes_test.py).
python3 "$top/tests/e2e/programmes_test.py"
