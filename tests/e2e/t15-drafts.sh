# Draft round entries in the web search with real sessions: found by
# their readers only, through every step (tests/e2e/drafts_test.py).
python3 "$top/tests/e2e/drafts_test.py"
