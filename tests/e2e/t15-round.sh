# The yearly follow-up round through the CLI: open, entries of two
# ministries and a shared item, return, resubmit, consolidation, accept,
# publish, forbidden steps changing nothing, the audit trail, the official
# table re-imported, a second edition (tests/e2e/round_test.py).
python3 "$top/tests/e2e/round_test.py"
