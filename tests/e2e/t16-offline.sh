# The offline path of the round: a ministry's workbook downloaded, edited
# and uploaded over HTTP and the command line, with a conflicting web edit,
# a row of another ministry, bad files and forbidden users changing nothing
# (tests/e2e/offline_test.py).
python3 "$top/tests/e2e/offline_test.py"
