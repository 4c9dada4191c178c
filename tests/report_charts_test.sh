#!/bin/bash
# The report's charts agree with their boxes and with the tables (issue 32): every legend entry
# inside its chart's viewBox, clear of the plot and of the other entries, in the charts this
# build draws from the committed results and in every chart committed under reports/.
#   usage: report_charts_test.sh VIZBENCH SVG_LEGEND_CHECK SOURCE_ROOT
set -u
vizbench=$1 legend_check=$2 root=$3
source "$(dirname "$0")/cli_lib.sh"

# legends FILE...: svg-legend-check on each chart, requiring a legend where the chart has one
# (the latency curves and the bar charts; the budget maps have none).
legends() {
    local svg status=0
    for svg in "$@"; do
        case $(basename "$svg") in
        latency-cdf-*.svg | cpu-per-frame.svg | sound-to-screen.svg | bytes-per-frame.svg)
            "$legend_check" --require-legend "$svg" >"$work/legend.out" ;;
        *) "$legend_check" "$svg" >"$work/legend.out" ;;
        esac || { status=1; grep -v ' 0 problems$' "$work/legend.out"; }
    done
    return $status
}

# The test's own reports, from the committed results (no measuring): llvmpipe's eleven
# strategies and the H200's.
for results in example/sweep.json h200/validation/sweep.json; do
    out=$work/${results%%/*}
    expect 0 '' -- "$vizbench" report "$root/reports/$results" -o "$out"
    check "report from $results: every legend entry inside its chart and clear of it" \
        legends "$out"/charts/*.svg
done
check "the latency legend has an entry for each of the eleven strategies" \
    grep -q ' 11 legend entries, 0 problems$' <("$legend_check" "$work/example/charts/latency-cdf-spectrum.svg")

# The check is not vacuous: the same chart in a box too narrow for its legend fails.
sed -E 's/viewBox="0 0 960 ([0-9]+)"/viewBox="0 0 700 \1"/' \
    "$work/example/charts/latency-cdf-spectrum.svg" >"$work/narrow.svg"
fails_outside() { ! "$legend_check" "$1" >"$work/narrow.out" && grep -q 'lies outside the viewBox' "$work/narrow.out"; }
check "a legend past the viewBox is found" fails_outside "$work/narrow.svg"

# Every chart committed under reports/ (the ones drawn before legends wrapped included).
mapfile -t committed < <(cd "$root" && find reports -name '*.svg' | sort)
check "charts are committed under reports/ (${#committed[@]})" [ "${#committed[@]}" -gt 0 ]
for svg in "${committed[@]}"; do
    check "$svg: every legend entry inside its chart and clear of it" legends "$root/$svg"
done

cli_summary
