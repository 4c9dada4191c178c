#!/bin/bash
# scripts/gate refuses what it cannot measure, with one line naming the fix and exit 2, before
# measuring anything: a shallow clone (the baseline revision is not there to build) and a
# checkout without a baseline revision. (Its measuring and deciding: bench/gate-proof.sh.)
#   gate_script_test.sh SOURCE_ROOT BUILD_DIR
root=$1 build=$2
. "$(dirname "$0")/cli_lib.sh"
if ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    echo "skipped: $root is not a git checkout"
    cli_summary
    exit 0
fi
git clone -q --depth 1 "file://$(cd "$root" && pwd)" "$work/shallow" 2>/dev/null
expect 2 'cannot be built: this is a shallow clone; fetch the history \(git fetch --unshallow\)' -- \
    env VIZBENCH_BUILD="$build" "$work/shallow/scripts/gate" "$work/out-shallow"
check "nothing was measured" test ! -e "$work/out-shallow/current"
rm "$work/shallow/bench/baselines/revision"
expect 2 'no baseline revision \(bench/baselines/revision\): scripts/update-baselines' -- \
    env VIZBENCH_BUILD="$build" "$work/shallow/scripts/gate" "$work/out-none"
cli_summary
