#!/bin/bash
# scripts/gate refuses what it cannot measure, with one line naming the fix and exit 2, before
# measuring anything: a shallow clone (the baseline revision is not there to build) and a
# checkout without a baseline revision. A timed regression fails the gate only when a second
# pass confirms it: a slowdown planted in the first pass alone passes as a false alarm, one in
# both passes fails (this build on both sides, one round of 60 frames, timings only: about 90 s,
# run alone). (The gate's measuring and deciding: bench/gate-proof.sh.)
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
# The current side: this build, slowed by VIZBENCH_FAULT (gate-first: in the first pass only;
# gate-both: in every run).
mkdir -p "$work/slowed"
cat >"$work/slowed/vizbench" <<EOF
#!/bin/bash
case " \$* " in *" -o $work/gate-first/confirm/"*) exec "$build/vizbench" "\$@" ;; esac
[ "\$1" = run ] && export VIZBENCH_FAULT=slow:pixel-copy:3000
exec "$build/vizbench" "\$@"
EOF
chmod +x "$work/slowed/vizbench"
gate_pass() { # gate_pass PLANT WANT: the gate's timing layer, this build against itself (exit WANT)
    env VIZBENCH_BUILD="$work/slowed" VIZBENCH_GATE_BASELINE_BUILD="$build" \
        VIZBENCH_GATE_INSTRUCTIONS=0 VIZBENCH_GATE_ROUNDS=1 VIZBENCH_GATE_FRAMES=60 \
        VIZBENCH_GATE_STRATEGIES=pixel-copy,shared-buffer "$root/scripts/gate" "$work/gate-$1" \
        >"$work/gate-$1.log" 2>&1
    local status=$?
    [ "$status" -eq "$2" ] || { echo "gate-$1 exited $status, want $2:"; grep -E '^(gate:|FAIL|pass)' "$work/gate-$1.log"; }
    return "$status"
}
gate_pass first 0
check "a regression of the first pass alone is not confirmed: the gate passes" test $? -eq 0
check "the confirmation pass ran and says so" \
    grep -q '^gate: pass: not confirmed' "$work/gate-first.log"
check "the summary holds both passes" grep -q '^## Confirmation' "$work/gate-first/summary.md"
gate_pass both 1
check "a regression in both passes is confirmed: the gate fails" test $? -eq 1
check "the confirmed rows are named" \
    grep -q '^gate: FAIL: confirmed, .*pixel-copy producer CPU/frame' "$work/gate-both.log"
cli_summary
