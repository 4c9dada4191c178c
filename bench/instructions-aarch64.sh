#!/bin/bash
# bench/instructions.sh's counts on 64-bit Arm: instructions of the producer's CPU stages at
# 1080x200, executed by the aarch64 build (scripts/cross aarch64: build-aarch64/bench/stage-work)
# under qemu-user, counted exactly from its execution trace.
#   bench/instructions-aarch64.sh OUT.json [--frames N]         (default 10 frames)
# How: `qemu-aarch64 -singlestep -d nochain,exec` logs one "Trace" line per executed guest
# instruction (-singlestep: one instruction per translation block; nochain: every block goes
# back through the loop that logs), ending with the name of the main binary's function that holds
# the address (none for the shared libraries). The count is the lines from measured_stage's entry
# to its final return, both included, between stage-work's begin and end markers: measured_stage
# and everything it calls (libc, FFTW), as callgrind's --toggle-collect=measured_stage counts.
# The log is streamed through awk (a few million lines a stage: no file is written); the loading
# before the markers is traced too (some 33 M instructions for the render and analyze stages,
# about 40 s each here), which is why the default is 10 frames and not 120: the figure to read
# is instructions per frame. Writes "vizbench.instructions" JSON (read by `vizbench compare`).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/instructions-aarch64.sh OUT.json [--frames N]}
shift
frames=10
while [ $# -gt 0 ]; do
    case $1 in
    --frames)
        [ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]{0,4}$ ]] ||
            { echo "instructions-aarch64.sh: --frames needs a number 1 .. 99999" >&2; exit 2; }
        frames=$2; shift 2 ;;
    *) echo "instructions-aarch64.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
work=${VIZBENCH_BUILD:-$top/build-aarch64}/bench/stage-work
[ -x "$work" ] || { echo "instructions-aarch64.sh: $work not built (scripts/cross aarch64)" >&2; exit 1; }
command -v qemu-aarch64 >/dev/null && command -v jq >/dev/null ||
    { echo "instructions-aarch64.sh: needs qemu-aarch64 and jq (scripts/cross aarch64 installs them)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Regular expressions on the line's end, not $NF: mawk splits no fields, twice as fast here.
# measured_stage is called once: its first line is its entry, its last one its final ret.
count_awk='
/ vb_stage_begin_marker$/ { armed = 1 }
armed && / measured_stage$/ { if (!first) first = NR; last = NR }
armed && / vb_stage_end_marker$/ { armed = 0; ended = 1 }
END { if (ended && first) print last - first + 1 }'
stages='{}'
# The stages are stage-work's own list (estimate/cpu_stage.h); frb-encode is Rust compiled by
# Debian's rustc for aarch64 (scripts/cross installs its arm64 standard library).
grep -q 'FRB sse encode: rustc' "$(dirname "$work")/../build_config.h" ||
    { echo "instructions-aarch64.sh: the cross build has no Rust encoder (scripts/cross aarch64)" >&2; exit 1; }
for stage in $(qemu-aarch64 -L /usr/aarch64-linux-gnu "$work" --list); do
    # The trace goes to fd 3, the pipe; the program's own output to a file.
    count=$(qemu-aarch64 -L /usr/aarch64-linux-gnu -singlestep -d nochain,exec -D /dev/fd/3 \
        "$work" --stage "$stage" --frames "$frames" 3>&1 >"$tmp/$stage.log" 2>&1 |
        awk "$count_awk") || { cat "$tmp/$stage.log" >&2; exit 1; }
    [ -n "$count" ] ||
        { echo "instructions-aarch64.sh: $stage: no markers in the trace (stage-work too old?)" >&2; exit 1; }
    stages=$(jq -c --arg s "$stage" --argjson n "$count" --argjson f "$frames" \
        '. + {($s): {instructions: $n, frames: $f}}' <<<"$stages")
done
jq -n --arg created "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg tool "qemu-aarch64 -singlestep exec trace ($(qemu-aarch64 --version | sed -n 's/^qemu-aarch64 version \([^ ]*\).*/\1/p'))" \
    --arg machine "aarch64 (qemu-user)" --argjson stages "$stages" \
    --arg encoder "$(sed -n 's/.*FRB sse encode: \([^;"]*\).*/\1/p' "$(dirname "$work")/../build_config.h")" \
    '{schema: "vizbench.instructions", schema_version: 1, created: $created, tool: $tool,
      frb_encode: $encoder,
      machine: $machine, planted_rework_pct: 0, stages: $stages}' >"$tmp/result.json"
mv "$tmp/result.json" "$out"
echo "instructions-aarch64.sh: wrote $out"
