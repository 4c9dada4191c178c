#!/bin/bash
# The note's decision as Flutter runs it, beside the first four strategies: every strategy in
# each view at 1080x200, 60 fps, realtime pace, with and without a 60 Hz display clock; the frb-*
# strategies with both FRB codecs (sse: FRB 2.x's default, dco: full_dep / ZeroCopyBuffer).
# Writes one results JSON per (view, codec, clock) and a Markdown table of CPU per frame by
# thread, copies, latency in ms and in vsync periods, frames of delay, repeated ticks and skips.
#   usage: bench/flutter-paths.sh [BUILD_DIR] [OUT_DIR]   (defaults: build, reports/flutter)
#   FRAMES (default 300) measured frames per run, after 30 warm-up.   About 5 minutes.
#   TABLE_ONLY=1 rewrites the table from the results already in OUT_DIR.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
out=${2:-$top/reports/flutter}
frames=${FRAMES:-300}
vizbench=${VIZBENCH:-$build/vizbench}
command -v "$vizbench" >/dev/null || { echo "flutter-paths.sh: $vizbench not built (scripts/setup)" >&2; exit 1; }
# Without jq (the GPU machine has none) the runs are made, the dco runs with every strategy,
# and the table is written later here: TABLE_ONLY=1 bench/flutter-paths.sh BUILD OUT.
have_jq=1
command -v jq >/dev/null || have_jq=0
[ "$have_jq" = 1 ] || [ -z "${TABLE_ONLY:-}" ] || { echo "flutter-paths.sh: jq not found (scripts/setup)" >&2; exit 1; }
mkdir -p "$out"
# The frb-* strategies are the registry's vsync-driven ones; read them from a run's results.
frb=all
if [ -z "${TABLE_ONLY:-}" ] && [ "$have_jq" = 1 ]; then
    "$vizbench" run --frames 1 --warmup 0 -q -o "$out/.registry.json" >/dev/null
    frb=$(jq -r '[.strategies[] | select(.summary.vsync != null) | .name] | join(",")' "$out/.registry.json")
    rm -f "$out/.registry.json"
fi
[ -n "$frb" ] || { echo "flutter-paths.sh: no vsync-driven strategy registered" >&2; exit 1; }

run() { # run FILE ARGS...: one vizbench run, results in FILE
    local file=$1
    shift
    "$vizbench" run --size 1080x200 --fps 60 --frames "$frames" --warmup 30 -q -o "$file" "$@" \
        >/dev/null
}
for view in spectrum waveform spectrogram; do
    [ -n "${TABLE_ONLY:-}" ] && break
    for clock in none 60; do
        vsync=()
        [ "$clock" = none ] || vsync=(--vsync "$clock")
        # every strategy with the default codec (sse), then the frb-* strategies with dco
        run "$out/$view-sse-vsync-$clock.json" --view "$view" --frb-codec sse "${vsync[@]}"
        run "$out/$view-dco-vsync-$clock.json" --view "$view" --frb-codec dco --strategy "$frb" \
            "${vsync[@]}"
    done
done

[ "$have_jq" = 1 ] || { echo "flutter-paths.sh: runs in $out (no jq: the table is for later)"; exit 0; }
table=$out/README.md
{
    echo "# The note's decision as Flutter runs it: measured"
    echo
    echo "\`bench/flutter-paths.sh\` on $(jq -r '.context.machine.cpu_model' "$out/spectrum-sse-vsync-none.json")," \
        "$(jq -r '.context.machine.logical_cores' "$out/spectrum-sse-vsync-none.json") logical cores," \
        "GL $(jq -r '.context.gl.renderer' "$out/spectrum-sse-vsync-none.json"); vizbench" \
        "$(jq -r '.context.vizbench.version' "$out/spectrum-sse-vsync-none.json"), $(date -u +%Y-%m-%d)."
    echo "1080x200 at 60 fps, realtime pace, $frames measured frames after 30 warm-up, one run each."
    echo "CPU: ms of thread CPU per frame (mean): producer (Rust), UI (Dart), IO (Flutter's upload"
    echo "thread), raster (the consumer); encode: the FRB codec's encode on the producer (wall ms);"
    echo "mipmap: the IO thread's glGenerateMipmap + fence + flush (wall ms; on llvmpipe its own"
    echo "threads do the work). Copies, MB, allocs: CPU -> CPU copies, bytes and allocations per frame, every thread."
    echo "Latency: audio window ready -> presented, ms and in vsync periods (p50 / p99); delay: mean"
    echo "frames of delay (ticks from ready to the latching tick); rep: ticks with no new frame;"
    echo "skip: frames never latched. \"-\": no display clock, or no such thread."
    for view in spectrum waveform spectrogram; do
        echo
        echo "## $view"
        echo
        echo "| strategy | codec | clock | producer | UI | IO | raster | encode | mipmap | copies | MB copied | allocs | p50 ms | p99 ms | p50 / p99 periods | delay | rep | skip | picture |"
        echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        for clock in none 60; do
            for codec in sse dco; do
                jq -r --arg codec "$codec" --arg clock "$clock" '
                    def f(x; d): if x == null then "-" else (x * pow(10; d) | round / pow(10; d) | tostring) end;
                    .strategies[] | select(.summary != null) |
                    .summary as $s | ($s.threads // {}) as $t | ($s.vsync // null) as $v |
                    (.name | startswith("frb-")) as $frb |
                    select($codec == "sse" or $frb) |
                    "| \(.name) | \(if $frb then $codec else "-" end) | \(if $v then "\($v.hz) Hz" else "none" end) | " +
                    "\(f($s.cpu.producer_ms.mean; 3)) | \(f($t.ui_cpu_ms; 3)) | \(f($t.io_cpu_ms; 3)) | " +
                    "\(f($s.cpu.consumer_ms.mean; 3)) | \(f($t.hop_encode_ms; 3)) | \(f($t.mipmap_ms; 3)) | \(f($s.work.copies_per_frame; 0)) | " +
                    "\(f($s.bandwidth.copied_mb_per_frame; 3)) | \(f($s.work.allocations_per_frame; 1)) | " +
                    "\(f($s.latency_ms.p50; 2)) | \(f($s.latency_ms.p99; 2)) | " +
                    "\(if $v then "\(f($v.latency_periods_p50; 2)) / \(f($v.latency_periods_p99; 2))" else "-" end) | " +
                    "\(if $v then f($v.frames_of_delay_mean; 2) else "-" end) | " +
                    "\(if $v then $v.repeated_ticks else "-" end) | \(if $v then $v.skipped_at_latch else "-" end) | " +
                    "\(if .picture.passed then "pass" + (if .picture.exact then ", exact" else ", max \(.picture.max_error)" end) else "FAIL" end) |"
                ' "$out/$view-$codec-vsync-$clock.json"
            done
        done
    done
} >"$table"
echo "flutter-paths.sh: $table"
