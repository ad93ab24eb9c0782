# Links that always work: a crawl of the whole site, both languages, with and
# without ?lang=en, on the real server (tests/e2e/crawl_test.py).
python3 "$top/tests/e2e/crawl_test.py"
