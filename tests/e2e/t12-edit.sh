# Versions and actors: CLI edits through the edit layer (--version, stale
# refused with nothing changed), imports as actors, history text and JSON,
# and a schema 3 database migrated forward (tests/e2e/edit_test.py).
python3 "$top/tests/e2e/edit_test.py"
