#!/bin/bash
# The vulkan-interop evidence as one Markdown table: every run JSON in DIR (as scripts/device-job
# vulkan writes them: VIEW-SIZE-FPS-WHERE.json), one row per strategy run.
#   bench/vulkan-table.sh reports/h200/vulkan > table.md
set -euo pipefail
dir=${1:?usage: bench/vulkan-table.sh DIR}
command -v jq >/dev/null || { echo "vulkan-table: needs jq" >&2; exit 2; }
ms() { printf '%s' "${1/null/-}"; }
echo "| view | size @ fps | producer | strategy | sync | p50 ms | p99 ms | prod CPU ms | cons CPU ms | process CPU % | GPU render ms | GPU draw ms | sync wait ms | import ms | picture |"
echo "| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for f in "$dir"/*.json; do
    base=$(basename "$f" .json)
    IFS=- read -r view size fps where rest <<<"$base"
    [ -n "${rest:-}" ] && where="$where-$rest"
    jq -r --arg view "$view" --arg point "$size @ $fps" --arg where "$where" '
        def f(x): if x == null then "-" else (x * 1000 | round / 1000 | tostring) end;
        .strategies[] | select(.status == "ok") |
        [$view, $point, (if .name != "vulkan-interop" then "-" elif ((.detail // "") | test("separate")) then "separate" else "same" end), .name,
         ((.detail // "-") | split(",")[0]),
         f(.summary.latency_ms.p50), f(.summary.latency_ms.p99),
         f(.summary.cpu.producer_ms.mean), f(.summary.cpu.consumer_ms.mean),
         (.summary.cpu.process_pct_of_core * 10 | round / 10 | tostring),
         f(.summary.gpu_ms.render), f(.summary.gpu_ms.compose),
         f(.summary.threads.sync_wait_ms), f(.summary.threads.import_ms),
         (if .picture.passed then "pass, max \(.picture.max_error)" else "FAIL" end)]
        | "| " + join(" | ") + " |"' "$f"
done
