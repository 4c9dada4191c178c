#!/bin/bash
# FRB's sse encode of a 1080x200 frame: the Rust the frb-* strategies run (src/transfer/frb_sse.rs,
# compiled by the build's rustc) beside its C replica (the cross-check, compiled by gcc), and, with
# RUSTC_ALT, the same Rust source compiled by another rustc (e.g. a rustup toolchain: a Flutter
# app's Rust side is built by whatever rustc its developer installed). Per byte of the frame:
# instructions on x86-64 (callgrind on stage-work, exact), instructions on aarch64 (the committed
# bench/baselines/instructions-aarch64.json, exact: bench/instructions-aarch64.sh), and ns on
# this machine (stage-work's thread CPU time over 60 frames, the median of 5 runs).
#   bench/frb-encode.sh [OUT.md]          (RUSTC_ALT=/path/to/rustc for the third column set)
# Prints a Markdown table (and writes it to OUT.md); about a minute, plus a build with RUSTC_ALT.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${VIZBENCH_BUILD:-$top/build}
out=${1:-}
bytes=$((1080 * 200 * 4))
frames=60
command -v valgrind >/dev/null && command -v jq >/dev/null ||
    { echo "frb-encode.sh: needs valgrind and jq (scripts/setup installs them)" >&2; exit 1; }
[ -x "$build/bench/stage-work" ] ||
    { echo "frb-encode.sh: $build/bench/stage-work not built (scripts/setup)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# compiler BUILD_DIR: what compiled FRB's encode in that build
compiler() { sed -n 's/.*FRB sse encode: \([^;"]*\).*/\1/p' "$1/build_config.h"; }

# row LABEL COMPILER WORK STAGE [AARCH64]: one line of the table; AARCH64 "none" where the
# committed aarch64 count is not this code's
row() {
    local label=$1 what=$2 work=$3 stage=$4 x86 a64= ns
    x86=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" --toggle-collect=measured_stage \
        "$work" --stage "$stage" --frames 10 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    [ "${5:-}" = none ] ||
        a64=$(jq -r --arg s "$stage" '.stages[$s] | if . then .instructions / .frames else empty end' \
            "$top/bench/baselines/instructions-aarch64.json")
    ns=$(for _ in 1 2 3 4 5; do
        "$work" --stage "$stage" --frames "$frames" | sed -n 's/^cpu_ns_per_frame //p'
    done | sort -n | sed -n 3p)
    awk -v l="$label" -v c="$what" -v x="$x86" -v a="${a64:-}" -v n="$ns" -v b="$bytes" 'BEGIN {
        printf "| %s | %s | %.2f | %s | %.2f | %.2f |\n", l, c, x / 10 / b,
            a == "" ? "not counted" : sprintf("%.2f", a / b), n / b, n / 1e6 }'
}

{
    echo "| encode | compiled by | x86-64 instructions/byte | aarch64 instructions/byte | ns/byte here | ms/frame here |"
    echo "| --- | --- | ---: | ---: | ---: | ---: |"
    row "Rust (frb-* strategies)" "$(compiler "$build")" "$build/bench/stage-work" frb-encode
    row "C replica (cross-check)" "gcc $(gcc -dumpfullversion)" "$build/bench/stage-work" frb-encode-c
    if [ -n "${RUSTC_ALT:-}" ]; then
        alt=$top/out/frb-encode/build-alt
        [ -f "$alt/build.ninja" ] ||
            RUSTC=$RUSTC_ALT meson setup "$alt" "$top" -Dtests=false >"$tmp/alt.log" 2>&1 ||
            { tail -20 "$tmp/alt.log" >&2; exit 1; }
        meson compile -C "$alt" bench/stage-work >"$tmp/alt.log" 2>&1 ||
            { tail -20 "$tmp/alt.log" >&2; exit 1; }
        # The committed aarch64 count is the build's rustc's, not this one's.
        row "Rust, RUSTC_ALT" "$(compiler "$alt")" "$alt/bench/stage-work" frb-encode none
    fi
    echo
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F);" \
        "x86-64 counts of 10 frames, aarch64 counts from bench/baselines/instructions-aarch64.json," \
        "times the median of 5 runs of $frames frames (thread CPU time)."
} | tee "${out:-/dev/null}"
