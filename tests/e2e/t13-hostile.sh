# Hostile text (markup, attribute break-outs, javascript: links, entity
# text, ]]> and <!--, control characters) in every text field of the plan,
# the follow-up tables and the indicators, checked in every served page,
# SVG, JSON, CSV and XLSX and every published file
# (tests/e2e/hostile_test.py).
python3 "$top/tests/e2e/hostile_test.py"
