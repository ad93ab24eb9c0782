# The web server over HTTP on a loopback port (tests/e2e/http_test.py).
python3 "$top/tests/e2e/http_test.py"
