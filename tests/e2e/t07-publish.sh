# `mdplan publish`: every internal link resolves (tests/e2e/publish_test.py).
python3 "$top/tests/e2e/publish_test.py"
