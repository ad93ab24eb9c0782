# Nothing silently lost, nothing poisoned: importer limits, the removal
# guard, formula injection in CSV/XLSX, the sitemap, indicator dates
# (tests/e2e/limits_test.py).
python3 "$top/tests/e2e/limits_test.py"
