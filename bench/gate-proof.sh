#!/bin/bash
# Proof that the gate works on this machine (README, "The regression gate"):
#  1. UNCHANGED times the gate on this build as it is: every run should pass (false alarms);
#  2. planted slowdowns of pixel-copy's producer (VIZBENCH_FAULT=slow:pixel-copy:US, US = PCT %
#     of its median producer CPU per frame in the baseline), REPEATS times each: caught or not;
#  3. a planted 20 % instruction increase (bench/instructions.sh --rework 20): caught or not.
#   bench/gate-proof.sh [OUT_DIR]      (default out/gate-proof; about 1.5 min per gate run)
# Environment: UNCHANGED (10), LEVELS ("10 20 30"), REPEATS (2). Prints a Markdown table.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/out/gate-proof}
baseline=${VIZBENCH_GATE_BASELINE:-$top/bench/baselines/llvmpipe}
unchanged=${UNCHANGED:-10}
levels=${LEVELS:-10 20 30}
repeats=${REPEATS:-2}
mkdir -p "$out"
base_us=$(jq -s '[.[].sessions[].strategies[] | select(.name == "pixel-copy")
                  | .summary.cpu.producer_ms.p50] | sort | .[length / 2 | floor] * 1000' \
    "$baseline"/timing-*.json)
results=$out/results.md
{
    echo "| case | run | gate | regressions flagged | pixel-copy producer CPU change (per view) |"
    echo "| --- | --- | --- | --- | --- |"
} >"$results"

gate_once() { # name, run, planted microseconds (0: none)
    local dir=$out/$1-$2 status=0
    if [ "$3" = 0 ]; then
        "$top/scripts/gate" "$dir" >"$dir.log" 2>&1 || status=$?
    else
        VIZBENCH_FAULT=slow:pixel-copy:$3 "$top/scripts/gate" "$dir" >"$dir.log" 2>&1 || status=$?
    fi
    local flagged changes
    flagged=$(grep -c 'REGRESSION$' "$dir.log")
    changes=$(awk '$4 == "pixel-copy" && $5 == "producer" {print $1 " " $11 "%"}' "$dir.log" |
        paste -sd ';' -)
    echo "| $1 | $2 | $([ $status = 0 ] && echo pass || echo "FAIL ($status)") | $flagged | $changes |" \
        | tee -a "$results"
}

for k in $(seq 1 "$unchanged"); do gate_once unchanged "$k" 0; done
for pct in $levels; do
    us=$(awk -v b="$base_us" -v p="$pct" 'BEGIN {printf "%d", b * p / 100 + 0.5}')
    for k in $(seq 1 "$repeats"); do gate_once "slow-$pct%-${us}us" "$k" "$us"; done
done
"$top/bench/instructions.sh" "$out/instructions-rework20.json" --rework 20 >/dev/null
status=0
"$top/build/vizbench" compare "$baseline/instructions.json" "$out/instructions-rework20.json" \
    >"$out/instructions.log" || status=$?
echo "| instructions +20 % | 1 | $([ $status = 1 ] && echo "FAIL (1): caught" || echo "NOT CAUGHT ($status)") | $(grep -c 'REGRESSION$' "$out/instructions.log") | - |" |
    tee -a "$results"
echo "baseline pixel-copy producer CPU per frame (median): $base_us us; table in $results"
