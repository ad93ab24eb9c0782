# The official table: the year table on the web and in the XLSX against the
# plan and the source table (tests/e2e/table_test.py).
python3 "$top/tests/e2e/table_test.py"
