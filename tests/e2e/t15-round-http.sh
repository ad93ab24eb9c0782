# The follow-up round over HTTP with real sessions: the entry pages and
# the API, every forbidden combination refused with the database unchanged,
# comments kept from the public and other ministries, the audit trail
# (tests/e2e/round_http_test.py).
python3 "$top/tests/e2e/round_http_test.py"
