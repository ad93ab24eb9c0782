# Saving under load (issues 13 and 14): bench/edit-load.sh --quick, a few
# seconds of signed-in editors saving round entries concurrently while
# readers read, and a SIGKILL of the server in the middle of saves; its
# checks only (every acknowledged save in the database and in history,
# no lost update, refused saves leave nothing), never its timings.
LOADTOOL=${LOADTOOL:-$UNITDIR/../bench/loadtool}
export LOADTOOL
sh "$top/bench/edit-load.sh" --quick >editload.out 2>&1
rc=$?
cat editload.out
exit $rc
