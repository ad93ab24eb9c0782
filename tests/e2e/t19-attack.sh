# Findings of the attack review of issue 13's write side: each a check
# that failed before its fix (tests/e2e/attack_test.py).
python3 "$top/tests/e2e/attack_test.py"
