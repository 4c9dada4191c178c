#!/bin/bash
# The gate's exact layer: instructions per frame of the producer's CPU stages at 1080x200 (the
# analysis + render of each view, the analysis alone as gl-texture does it, and the hand-off of
# pixel-copy and shared-buffer, FRB's sse encode as rustc compiles it and its C replica), counted
# by callgrind on build/bench/stage-work, which counts
# only inside its measured loop.
#   bench/instructions.sh OUT.json [--frames N] [--rework PCT]
# --rework PCT plants extra work for the gate's proof: PCT % more frames done, counts still per
# the N frames asked for.
# Writes "vizbench.instructions" JSON (read by `vizbench compare`); needs valgrind and jq.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/instructions.sh OUT.json [--frames N] [--rework PCT]}
shift
frames=120
rework=0
while [ $# -gt 0 ]; do
    case $1 in
    --frames) frames=$2; shift 2 ;;
    --rework) rework=$2; shift 2 ;;
    *) echo "instructions.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
work=${VIZBENCH_BUILD:-$top/build}/bench/stage-work
[ -x "$work" ] || { echo "instructions.sh: $work not built (meson compile -C build)" >&2; exit 1; }
command -v valgrind >/dev/null && command -v jq >/dev/null ||
    { echo "instructions.sh: needs valgrind and jq (scripts/setup installs them)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stages='{}'
# The stages are stage-work's own list (estimate/cpu_stage.h): every CPU stage a strategy spends.
# FRB's encodes cost 20-300 times a render a frame, and every frame of theirs does the same work:
# they count a sixth of the frames (at least 10; counts are per frame, and 20 frames keep
# --rework's 5 and 10 % exact), which takes most of a minute off the gate.
for stage in $("$work" --list); do
    n=$frames
    case $stage in frb-encode*) n=$((frames / 6 > 10 ? frames / 6 : 10)) ;; esac
    valgrind --tool=callgrind --callgrind-out-file="$tmp/$stage.out" \
        --toggle-collect=measured_stage "$work" --stage "$stage" --frames "$n" \
        --rework "$rework" >"$tmp/$stage.log" 2>&1 ||
        { cat "$tmp/$stage.log" >&2; exit 1; }
    count=$(awk '/^summary:/ {print $2}' "$tmp/$stage.out")
    [ -n "$count" ] || { echo "instructions.sh: no summary line in callgrind's output" >&2; exit 1; }
    stages=$(jq -c --arg s "$stage" --argjson n "$count" --argjson f "$n" \
        '. + {($s): {instructions: $n, frames: $f}}' <<<"$stages")
done
machine="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) logical cores"
jq -n --arg created "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg tool "$(valgrind --version) callgrind" \
    --arg machine "$machine" --argjson rework "$rework" --argjson stages "$stages" \
    --arg encoder "$(sed -n 's/.*FRB sse encode: \([^;"]*\).*/\1/p' "$(dirname "$work")/../build_config.h")" \
    '{schema: "vizbench.instructions", schema_version: 1, created: $created, tool: $tool,
      frb_encode: $encoder,
      machine: $machine, planted_rework_pct: $rework, stages: $stages}' >"$tmp/result.json"
mv "$tmp/result.json" "$out"
echo "instructions.sh: wrote $out"
