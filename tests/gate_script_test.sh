#!/bin/bash
# scripts/gate refuses what it cannot measure, with one line naming the fix and exit 2, before
# measuring anything: a shallow clone (the baseline revision is not there to build) and a
# checkout without a baseline revision. A timed regression fails the gate only when a second
# pass confirms it: a slowdown planted in every run fails in both passes (this build on both
# sides, one round of 60 frames, timings only: about 50 s, run alone), and a regression of the
# first pass alone passes as a false alarm (replayed from those files: no timing noise). (The gate's measuring and deciding: bench/gate-proof.sh.)
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
# A regression fails the gate when it is seen twice: this build against itself, its current side
# slowed by VIZBENCH_FAULT in every run (3 ms of producer CPU a frame), fails in both passes and
# the rows are named.
mkdir -p "$work/slowed"
cat >"$work/slowed/vizbench" <<EOF
#!/bin/bash
[ "\$1" = run ] && export VIZBENCH_FAULT=slow:pixel-copy:3000
exec "$build/vizbench" "\$@"
EOF
chmod +x "$work/slowed/vizbench"
gate_pass() { # gate_pass NAME WANT CURRENT BASELINE: the gate's timing layer (exit WANT)
    env VIZBENCH_BUILD="$3" VIZBENCH_GATE_BASELINE_BUILD="$4" \
        VIZBENCH_GATE_INSTRUCTIONS=0 VIZBENCH_GATE_ROUNDS=1 VIZBENCH_GATE_FRAMES=60 \
        VIZBENCH_GATE_STRATEGIES=pixel-copy,shared-buffer "$root/scripts/gate" "$work/gate-$1" \
        >"$work/gate-$1.log" 2>&1
    local status=$?
    [ "$status" -eq "$2" ] || { echo "gate-$1 exited $status, want $2:"; grep -E '^(gate:|FAIL|pass)' "$work/gate-$1.log"; }
    return "$status"
}
gate_pass both 1 "$work/slowed" "$build"
check "a regression in both passes is confirmed: the gate fails" test $? -eq 1
check "the confirmed rows are named" \
    grep -q '^gate: FAIL: confirmed, .*pixel-copy producer CPU/frame' "$work/gate-both.log"
check "the summary holds both passes" grep -q '^## Confirmation' "$work/gate-both/summary.md"

# A regression seen once is a false alarm, decided without timing noise: a vizbench whose runs
# copy the files just measured and whose compare replays them, the regressed first pass
# (gate-both's baseline against its current) and a clean second one (its baseline against
# itself), through the real compare.
both=$work/gate-both
mkdir -p "$work/replay"
cat >"$work/replay/vizbench" <<EOF
#!/bin/bash
case \$1 in
run) while [ \$# -gt 0 ]; do [ "\$1" = -o ] && cp "$both/warm-up/baseline.json" "\$2"; shift; done ;;
compare) case " \$* " in
    *"/confirm/"*) exec "$build/vizbench" compare "$both/baseline" "$both/baseline" "\${@:4}" ;;
    *) exec "$build/vizbench" compare "$both/baseline" "$both/current" "\${@:4}" ;;
    esac ;;
*) exec "$build/vizbench" "\$@" ;;
esac
EOF
chmod +x "$work/replay/vizbench"
gate_pass first 0 "$work/replay" "$work/replay"
check "a regression of the first pass alone is not confirmed: the gate passes" test $? -eq 0
check "the confirmation pass ran and says so" \
    grep -q '^gate: pass: not confirmed' "$work/gate-first.log"
check "the first pass's regressions are in its log" grep -q '^FAIL: [1-9]' "$work/gate-first.log"
cli_summary
