#!/bin/bash
# Whole-process timing of `vizbench run`, one strategy per command, with hyperfine: the view
# from outside (process start, GL set-up, reference limits, the run, writing results) beside
# the in-process one (the run's own measured frames per second, from its results JSON).
# Max pace, so the time is the pipeline's throughput rather than the display's 1/fps.
#   usage: bench/strategies.sh [BUILD_DIR] [OUT_DIR]     (defaults: build, reports/hyperfine)
# Writes OUT_DIR/strategies.json and strategies.md (hyperfine's exports) and
# OUT_DIR/in-process.md (the side-by-side table).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
out=${2:-$top/reports/hyperfine}
cd "$top" # commands relative to the checkout, so the exported tables read the same anywhere
build=${build#"$top"/}
vizbench=$build/vizbench query=$build/tests/json-query
command -v hyperfine >/dev/null || { echo "strategies.sh: hyperfine not found (scripts/setup)" >&2; exit 1; }
[ -x "$vizbench" ] || { echo "strategies.sh: $vizbench not built (scripts/setup)" >&2; exit 1; }
mkdir -p "$out"
frames=300
args="--pace max --frames $frames --warmup 30 -q"
strategies=(pixel-copy shared-buffer mapped-pbo gl-texture)
commands=()
for s in "${strategies[@]}"; do commands+=("$vizbench run --strategy $s $args"); done
hyperfine --warmup 1 --runs 5 --export-json "$out/strategies.json" \
    --export-markdown "$out/strategies.md" "${commands[@]}"

# The in-process view of the same runs: one more run each, its results JSON read back.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
{
    echo "Whole process vs in process, \`vizbench run --strategy S $args\`"
    echo "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;"
    echo "GL: $("$vizbench" run --strategy pixel-copy --frames 2 --warmup 0 -q -o "$scratch/gl.json" && "$query" "$scratch/gl.json" context.gl.renderer))"
    echo
    echo "| strategy | whole process, mean s (hyperfine) | measured frames, s (in process) | frames/s in process | outside the measured frames, s |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for i in "${!strategies[@]}"; do
        s=${strategies[$i]}
        mean=$("$query" "$out/strategies.json" "results.$i.mean")
        "$vizbench" run --strategy "$s" $args -o "$scratch/$s.json"
        wall_ns=$("$query" "$scratch/$s.json" strategies.0.measured_wall_ns)
        fps=$("$query" "$scratch/$s.json" strategies.0.summary.fps)
        awk -v s="$s" -v mean="$mean" -v wall="$wall_ns" -v fps="$fps" 'BEGIN {
            printf "| %s | %.3f | %.3f | %.1f | %.3f |\n", s, mean, wall / 1e9, fps, mean - wall / 1e9 }'
    done
} >"$out/in-process.md"
cat "$out/in-process.md"
