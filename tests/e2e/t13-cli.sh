# The command line of issue 15: display-width columns, ambiguous ids, years
# without data, export -o, history by codes, the sources list, make demo
# without npm (tests/e2e/cli15_test.py).
python3 "$top/tests/e2e/cli15_test.py"
