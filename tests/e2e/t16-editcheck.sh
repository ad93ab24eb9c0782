# The judge of bench/edit-load.sh fails on lost, missing and leaked saves
# (tests/e2e/editcheck_test.py).
python3 "$top/tests/e2e/editcheck_test.py"
