#!/bin/sh
# Saves while someone uploads a hostile round workbook (the offline path):
# bench/edit-load.sh's upload phase, which starts the server, signs the
# editors in and measures with bench/loadtool like its other phases.
# EDITORS (20) editors of 厚 and 文 save round entries, UPLOAD_THINK ms
# (200) apart, for D seconds (30) alone — the reference — and then for D
# seconds while an editor of 経 previews an 8 MB workbook of 20,000 rows
# whose keys all repeat (UPLOAD_ROWS, UPLOAD_TEXT) in a loop. Prints the
# saves' rate, p50 and p99 in both runs, their ratios, the uploads' own
# latency, and the lost-update checks of bench/edit_check.py.
#   sh bench/upload.sh             the benchmark
#   sh bench/upload.sh --quick     a few seconds, 2,000 rows: the checks only
#   MDPLAN=/path/to/other/mdplan sh bench/upload.sh   another build (before/after)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
[ "${1:-}" = --quick ] || { D=${D:-30}; export D; }
PHASES=upload exec sh "$top/bench/edit-load.sh" "$@"
