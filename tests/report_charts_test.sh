#!/bin/bash
# The report's charts agree with their boxes and with the tables (issue 32): every legend entry
# inside its chart's viewBox, clear of the plot and of the other entries, in the charts this
# build draws from the committed results and in every chart committed under reports/; the
# bytes-per-frame chart's bars the figures of the note's-case table, strategy by strategy; and
# every "%" printed as one (a "%%" is a printf format's escape leaking into the text).
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

# bytes_match REPORT_DIR: the bytes chart's bars (their tooltips carry the exact bytes; no bar
# = 0) against the table of the note's case in report.md, for the chart's view: CPU -> CPU
# copy = "copied KB/frame", pixels + analysis data = "to GL KB/frame" (the table rounds to
# 0.1 KB), every strategy of the table in the chart and none else.
bytes_match() {
    local svg=$1/charts/bytes-per-frame.svg md=$1/report.md view
    view=$(sed -nE 's|^<title>Bytes per frame across each boundary, ([a-z]+) .*</title>$|\1|p' "$svg")
    [ -n "$view" ] || { echo "no view in the title of $svg"; return 1; }
    sed -nE 's|.*<title>([a-z0-9-]+), CPU -&gt; ([^<]*): ([0-9]+) B per frame</title>.*|\1\t\2\t\3|p' \
        "$svg" >"$work/bars"
    grep -oE '<text [^>]*font-weight="bold"[^>]*>[a-z0-9-]+</text>' "$svg" |
        sed -E 's|.*>([a-z0-9-]+)</text>|\1|' >"$work/chart-strategies"
    sed -n "/^## The note's case/,/^## Charts/p" "$md" >"$work/table"
    awk -F '\t' -v view="$view" -v chart="$work/chart-strategies" -v bars="$work/bars" '
        FILENAME == chart { drawn[$1] = 1; next }
        FILENAME == bars { bytes[$1, $2] = $3; next }
        function trim(s) { gsub(/^ +| +$/, "", s); return s }
        { n = split($0, cell, "|"); for (i = 2; i < n; i++) cell[i] = trim(cell[i]) }
        cell[2] == "view" { for (i = 2; i < n; i++) column[cell[i]] = i; next }
        cell[2] != view { next }
        {
            s = cell[3]; rows++
            if (!(s in drawn)) { print s ": in the table, not in the chart"; bad = 1 }
            copied = bytes[s, "CPU copy"] / 1e3
            to_gl = (bytes[s, "GL: pixels"] + bytes[s, "GL: analysis data"]) / 1e3
            want_copied = cell[column["copied KB/frame"]] + 0
            want_gl = cell[column["to GL KB/frame"]] + 0
            if (copied - want_copied > 0.0501 || want_copied - copied > 0.0501) {
                printf "%s: chart copies %.3f KB, the table %.1f\n", s, copied, want_copied; bad = 1
            }
            if (to_gl - want_gl > 0.0501 || want_gl - to_gl > 0.0501) {
                printf "%s: chart sends %.3f KB to GL, the table %.1f\n", s, to_gl, want_gl; bad = 1
            }
            delete drawn[s]
        }
        END {
            for (s in drawn) { print s ": in the chart, not in the table"; bad = 1 }
            if (rows == 0) { print "no " view " rows in the table"; bad = 1 }
            exit bad
        }' "$work/chart-strategies" "$work/bars" FS='|' "$work/table"
}

# The test's own reports, from the committed results (no measuring): llvmpipe's eleven
# strategies and the H200's.
for results in example/sweep.json h200/validation/sweep.json; do
    out=$work/${results%%/*}
    expect 0 '' -- "$vizbench" report "$root/reports/$results" -o "$out"
    check "report from $results: every legend entry inside its chart and clear of it" \
        legends "$out"/charts/*.svg
    check "report from $results: the bytes chart draws the table's figures" bytes_match "$out"
done
check "the latency legend has an entry for each of the eleven strategies" \
    grep -q ' 11 legend entries, 0 problems$' \
    <("$legend_check" "$work/example/charts/latency-cdf-spectrum.svg")

# The check is not vacuous: the same chart in a box too narrow for its legend fails.
sed -E 's/viewBox="0 0 960 ([0-9]+)"/viewBox="0 0 700 \1"/' \
    "$work/example/charts/latency-cdf-spectrum.svg" >"$work/narrow.svg"
fails_outside() {
    ! "$legend_check" "$1" >"$work/narrow.out" && grep -q 'lies outside the viewBox' "$work/narrow.out"
}
check "a legend past the viewBox is found" fails_outside "$work/narrow.svg"

check "the bytes chart draws frb-image's 864 KB of pixels, as the table says" \
    grep -q '<title>frb-image, CPU -&gt; GL: pixels: 864000 B per frame</title>' \
    "$work/example/charts/bytes-per-frame.svg"
# The comparison is not vacuous: the chart as it was drawn before (frb-image's pixels bar
# missing, its upload being on Flutter's IO thread) disagrees with the table.
mkdir -p "$work/old/charts"
cp "$work/example/report.md" "$work/old/"
grep -v '<title>frb-image, CPU -&gt; GL: pixels' "$work/example/charts/bytes-per-frame.svg" \
    >"$work/old/charts/bytes-per-frame.svg"
old_chart_fails() {
    ! bytes_match "$work/old" >"$work/old.out" &&
        grep -q '^frb-image: chart sends 0.000 KB to GL, the table 864.0$' "$work/old.out"
}
check "a bar that is not the table's figure is found" old_chart_fails

# Every chart committed under reports/ (the ones drawn before legends wrapped included).
mapfile -t committed < <(cd "$root" && find reports -name '*.svg' | sort)
check "charts are committed under reports/ (${#committed[@]})" [ "${#committed[@]}" -gt 0 ]
for svg in "${committed[@]}"; do
    check "$svg: every legend entry inside its chart and clear of it" legends "$root/$svg"
done

# "%%" nowhere: not in what report, validate and the help texts print, nor in the committed
# reports' text (reports/h200/README.md once had three).
no_double_percent() { # no_double_percent FILE...: names each file with a "%%"
    ! grep -l -F '%%' "$@"
}
"$vizbench" validate --from "$root/reports/example/sweep.json" >"$work/validate.txt"
for command in run sweep validate report compare render; do
    "$vizbench" help "$command"
done >"$work/help.txt"
check "no %% in the report, validate's verdicts or the help texts" \
    no_double_percent "$work"/example/report.md "$work"/example/report.html \
    "$work"/example/charts/*.svg "$work/validate.txt" "$work/help.txt"
mapfile -t texts < <(find "$root/reports" -type f \( -name '*.md' -o -name '*.html' -o -name '*.svg' \
    -o -name '*.txt' \) | sort)
check "no %% in the committed reports' text (${#texts[@]} files)" no_double_percent "${texts[@]}"

cli_summary
