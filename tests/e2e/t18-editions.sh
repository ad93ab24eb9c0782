# Published editions only: the public site, API, downloads and mdplan
# publish before and after publication, a correction as edition 2, the
# edition pages and API, the XLSX against the TSV, the official table
# re-imported to the same entries (tests/e2e/editions_test.py).
python3 "$top/tests/e2e/editions_test.py"
