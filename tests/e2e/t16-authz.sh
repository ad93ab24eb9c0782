# The authorization matrix over HTTP: every role against every
# state-changing route of `mdplan serve --routes` (a route without cases
# fails), forbidden requests changing nothing, allowed ones changing
# something; signed-in pages never served from the shared cache
# (tests/e2e/authz_test.py).
python3 "$top/tests/e2e/authz_test.py"
