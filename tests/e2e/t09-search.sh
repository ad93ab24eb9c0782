# Search against the brute-force oracle, highlights, filters and index
# maintenance (tests/e2e/search_test.py).
python3 "$top/tests/e2e/search_test.py"
