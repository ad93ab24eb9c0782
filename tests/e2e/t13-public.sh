# What the public sees and what belongs to staff, attribution, provenance,
# last update, CSP in the published site, help, numbering, indicators
# without targets, the reporting status, the API index and its OpenAPI
# description (tests/e2e/public_test.py).
python3 "$top/tests/e2e/public_test.py"
