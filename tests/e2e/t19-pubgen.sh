# The public generation and the cache that keys on it: drafts, sign-ins
# and audit entries leave the shared cache alone, public edits empty it
# (tests/e2e/pubgen_test.py).
python3 "$top/tests/e2e/pubgen_test.py"
