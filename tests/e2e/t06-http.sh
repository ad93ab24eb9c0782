# The web server over HTTP on a loopback port (tests/e2e/http_test.py), and
# against one hostile client: cache poisoning and growth, connection
# floods, slow and oversized requests, forged log lines
# (tests/e2e/http_limits_test.py).
python3 "$top/tests/e2e/http_test.py"
rc=$?
python3 "$top/tests/e2e/http_limits_test.py" || rc=1
python3 "$top/tests/e2e/http_write_test.py" || rc=1
python3 "$top/tests/e2e/tls_test.py" || rc=1
python3 "$top/tests/e2e/login_test.py" || rc=1
exit $rc
