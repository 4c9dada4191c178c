#!/bin/bash
# Proof that the gate works on this machine (docs/gate.md), each case one whole
# `scripts/gate` run (the baseline revision against this build, interleaved, same job):
#  1. unchanged: UNCHANGED runs of this build as it is; each should pass (false alarms);
#  2. a busier machine: one CPU-bound process (a busy loop) running beside the whole gate;
#     a slower machine: the whole gate confined to one of the two cores (taskset -c 0);
#  3. planted slowdowns on the current side only (VIZBENCH_GATE_CURRENT_FAULT=slow:pixel-copy:US,
#     US = PCT % of pixel-copy's median producer CPU per frame on the baseline side of the first
#     unchanged run), REPEATS times per level: caught or not;
#  4. a planted 20 % instruction increase (bench/instructions.sh --rework 20): caught or not.
#   bench/gate-proof.sh [OUT_DIR]      (default out/gate-proof; about 4 minutes per gate run)
# Environment: UNCHANGED (10), LEVELS ("10 15 20"), REPEATS (2), CASES ("unchanged machine
# planted instructions"). Prints a Markdown table (OUT_DIR/results.md).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/out/gate-proof}
unchanged=${UNCHANGED:-10}
levels=${LEVELS:-10 15 20}
repeats=${REPEATS:-2}
cases=${CASES:-unchanged machine planted instructions}
mkdir -p "$out"
results=$out/results.md
{
    echo "| case | run | gate | timing rows flagged | pixel-copy producer CPU change, per view | largest change of another row's producer CPU | gate time |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
} >"$results"

# gate_once NAME RUN [PREFIX...]: one gate run, its row in the table
gate_once() {
    local name=$1 run=$2 dir=$out/$1-$2 status=0 began=$SECONDS
    shift 2
    "$@" "$top/scripts/gate" "$dir" >"$dir.log" 2>&1 || status=$?
    local flagged changes others
    flagged=$(grep -c 'REGRESSION$' "$dir.log")
    changes=$(awk '$4 == "pixel-copy" && $5 == "producer" {print $1 " " $11 "%"}' "$dir.log" | paste -sd ';' -)
    others=$(awk '$4 != "pixel-copy" && $5 == "producer" {v = $11; v = v < 0 ? -v : v; if (v > m) {m = v; w = $1 " " $4 " " $11 "%"}} END {print w}' "$dir.log")
    echo "| $name | $run | $([ $status = 0 ] && echo pass || echo "FAIL ($status)") | $flagged | $changes | $others | $((SECONDS - began)) s |" |
        tee -a "$results"
}

# The median of pixel-copy's median producer CPU per frame (us) on a gate run's baseline side.
baseline_us() {
    jq -s '[.[].strategies[]? | select(.name == "pixel-copy") | .summary.cpu.producer_ms.p50]
           | sort | .[length / 2 | floor] * 1000' "$1"/baseline/r*.json
}

for case in $cases; do
    case $case in
    unchanged)
        for k in $(seq 1 "$unchanged"); do gate_once unchanged "$k" env; done
        ;;
    machine)
        # A busy loop on one core for the whole gate, at the gate's own priority.
        (while :; do :; done) &
        hog=$!
        gate_once "busier (a busy loop beside it)" 1 env
        kill "$hog" 2>/dev/null
        wait "$hog" 2>/dev/null
        gate_once "slower (one core: taskset -c 0)" 1 taskset -c 0
        ;;
    planted)
        first=$(ls -d "$out"/unchanged-* 2>/dev/null | head -1)
        [ -n "$first" ] || { gate_once unchanged 1 env; first=$out/unchanged-1; }
        base=$(baseline_us "$first")
        echo "pixel-copy producer CPU per frame on the baseline side of $first: $base us"
        for pct in $levels; do
            us=$(awk -v b="$base" -v p="$pct" 'BEGIN {printf "%d", b * p / 100 + 0.5}')
            for k in $(seq 1 "$repeats"); do
                gate_once "planted $pct % (${us} us)" "$k" env \
                    VIZBENCH_GATE_CURRENT_FAULT="slow:pixel-copy:$us"
            done
        done
        ;;
    instructions)
        "$top/bench/instructions.sh" "$out/instructions-rework20.json" --rework 20 >/dev/null
        status=0
        "$top/build/vizbench" compare "$top/bench/baselines/instructions.json" \
            "$out/instructions-rework20.json" >"$out/instructions.log" || status=$?
        echo "| instructions +20 % | 1 | $([ $status = 1 ] && echo "FAIL (1): caught" || echo "NOT CAUGHT ($status)") | $(grep -c 'REGRESSION$' "$out/instructions.log") | - | - | - |" |
            tee -a "$results"
        ;;
    esac
done
echo "table in $results"
