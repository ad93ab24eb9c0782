# Every command of the README's CLI tour runs as written
# (tests/e2e/readme_test.py).
python3 "$top/tests/e2e/readme_test.py"
