# My account (password change with throttling, own sessions) and the
# administration pages (users, audit trail and its CSV) over HTTP with real
# sessions; refusals change nothing; sign-in lock and unlock
# (tests/e2e/admin_test.py).
python3 "$top/tests/e2e/admin_test.py"
