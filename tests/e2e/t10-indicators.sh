# Indicators: definitions and values from CSV, validation with row numbers,
# round trip, progress, the chart's SVG, the pages and the API, and the
# demo values checked against the source documents
# (tests/e2e/indicators_test.py).
python3 "$top/tests/e2e/indicators_test.py"
