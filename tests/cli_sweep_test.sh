#!/bin/bash
# vizbench sweep, validate and report from the command line: a small sweep written and read
# back, resumed after SIGINT without measuring again what it kept, the report well-formed with
# every chart and its table numbers equal to the JSON, and the usage errors.
# usage: cli_sweep_test.sh VIZBENCH JSON_QUERY
vizbench=$1 query=$2
. "$(dirname "$0")/cli_lib.sh"

q() { "$query" "$@"; }
small=(--sizes 320x96 --fps 60 --views spectrum,waveform --seconds 0.4 --warmup-seconds 0.1)

# ---- a small sweep ------------------------------------------------------------------------
expect 0 '' -- "$vizbench" sweep "${small[@]}" -q -o "$work/small.json"
check 'sweep: schema' [ "$(q "$work/small.json" schema)" = vizbench.sweep ]
check 'sweep: complete' [ "$(q "$work/small.json" complete)" = true ]
check 'sweep: 2 combinations measured' [ "$(q "$work/small.json" measured)" = 2 ]
check 'sweep: 4 strategies in each' [ "$(q "$work/small.json" sessions.1.strategies.3.name)" = gl-texture ]
check 'sweep: order is the grid order' [ "$(q "$work/small.json" sessions.1.options.view)" = waveform ]

# ---- the report ---------------------------------------------------------------------------
expect 0 '' -- "$vizbench" report "$work/small.json" -o "$work/report"
check 'report: says where it wrote' grep -q "report written to $work/report/report.html" "$work/out"
check 'report: html well-formed (XML)' xmllint --noout "$work/report/report.html"
for chart in latency-cdf-spectrum latency-cdf-waveform cpu-per-frame bytes-per-frame \
    budget-map-spectrum budget-map-waveform; do
    check "report: chart $chart in html" grep -q "<svg [^>]*id=\"$chart\"" "$work/report/report.html"
    check "report: charts/$chart.svg well-formed" xmllint --noout "$work/report/charts/$chart.svg"
    check "report: $chart linked from md" grep -q "(charts/$chart.svg)" "$work/report/report.md"
done
check 'report: verdicts first' bash -c "grep -n 'id=\"verdicts\"' '$work/report/report.html' | head -1 | cut -d: -f1 |
    { read v; c=\$(grep -n '<svg ' '$work/report/report.html' | head -1 | cut -d: -f1); [ \"\$v\" -lt \"\$c\" ]; }"
for c in C1 C2 C3 C4 C5 C6 C7; do
    check "report: $c in md" grep -q "| \*\*$c " "$work/report/report.md"
done
# Markdown that survives a renderer: no text a Markdown or HTML parser would eat; numbers right.
check "report: md escapes what HTML would eat (Vec<u8>)" bash -c \
    "grep -qF 'Vec&lt;u8&gt;' '$work/report/report.md' && ! grep -qF 'Vec<u8>' '$work/report/report.md'"
check "report: md right-aligns the numeric columns" grep -qF '| --- | --- | ---: | --- | ---: |' \
    "$work/report/report.md"
# Each strategy's row of "Every measurement" carries the JSON's own summary figures.
for s in 0 1; do
    view=$(q "$work/small.json" sessions.$s.options.view)
    for r in 0 1 2 3; do
        base=sessions.$s.strategies.$r
        row=$(printf '| %s | 320x96 | 60 | %s | %.1f | %.2f | %.2f |' "$view" \
            "$(q "$work/small.json" $base.name)" "$(q "$work/small.json" $base.summary.fps)" \
            "$(q "$work/small.json" $base.summary.latency_ms.p50)" \
            "$(q "$work/small.json" $base.summary.latency_ms.p99)")
        check "report: md row equals the JSON: $row" grep -qF -- "$row" "$work/report/report.md"
    done
done

# ---- validate from the file ---------------------------------------------------------------
expect 0 '' -- "$vizbench" validate --from "$work/small.json" -q
"$vizbench" validate --from "$work/small.json" >"$work/verdicts" 2>/dev/null
check 'validate: a verdict per claim' [ "$(grep -cE '^C[1-7] [A-Za-z].*: (supported|refuted|not testable here)$' "$work/verdicts")" -eq 7 ]
check 'validate: names the renderer' grep -q 'GL renderer:' "$work/verdicts"
check 'validate: not the note case -> C1 not testable' grep -qE '^C1 .*not testable here' "$work/verdicts"
"$vizbench" validate --from "$work/small.json" --max-cpu 0.001 >"$work/strict" 2>/dev/null
# (the text is wrapped to the terminal: 80 columns here, so a phrase may span two lines)
check 'validate: thresholds are options' \
    bash -c "tr '\n' ' ' <'$work/strict' | tr -s ' ' | grep -q 'process CPU <= 0 % of one core'"
check 'validate: its text fits 80 columns' bash -c "! awk 'length(\$0) > 80' '$work/verdicts' | grep -q ."

# ---- interrupted and resumed --------------------------------------------------------------
resume=(--sizes 320x96 --fps 30 --views spectrum,waveform,spectrogram --seconds 1.5 --warmup-seconds 0.1)
"$vizbench" sweep "${resume[@]}" -q -o "$work/r.json" 2>"$work/r.err" &
pid=$!
for _ in $(seq 1 1200); do # wait (up to 60 s: 11 strategies) for the first combination
    [ -s "$work/r.json" ] && [ "$(q "$work/r.json" measured 2>/dev/null)" = 1 ] && break
    sleep 0.05
done
kill -INT "$pid"
wait "$pid"
code=$?
check 'resume: interrupted sweep exits 4' [ "$code" -eq 4 ]
check 'resume: says partial results kept' grep -q 'partial results kept' "$work/r.err"
check 'resume: file marked incomplete' [ "$(q "$work/r.json" complete)" = false ]
first=$(q "$work/r.json" sessions.0.created)
first_p50=$(q "$work/r.json" sessions.0.strategies.0.summary.latency_ms.p50)
check 'resume: first combination kept' [ -n "$first" ]
expect 0 '' -- "$vizbench" sweep --resume -q -o "$work/r.json"
check 'resume: complete after --resume' [ "$(q "$work/r.json" complete)" = true ]
check 'resume: all 3 measured' [ "$(q "$work/r.json" measured)" = 3 ]
check 'resume: kept combination not measured again' \
    [ "$(q "$work/r.json" sessions.0.strategies.0.summary.latency_ms.p50)" = "$first_p50" ]
expect 2 'give no grid options' -- "$vizbench" sweep --resume --fps 60 -o "$work/r.json"
printf 'not json' >"$work/bad.json"
expect 2 'bad.json: not valid JSON' -- "$vizbench" sweep --resume -o "$work/bad.json"

# ---- usage errors ---------------------------------------------------------------------------
expect 2 '-o FILE is required' -- "$vizbench" sweep --quick
expect 2 '--sizes' -- "$vizbench" sweep --sizes 10x10 -o "$work/x.json"
expect 2 '--fps' -- "$vizbench" sweep --fps 0 -o "$work/x.json"
expect 2 "listed twice" -- "$vizbench" sweep --views spectrum,spectrum -o "$work/x.json"
expect 2 'unknown view' -- "$vizbench" sweep --views radar -o "$work/x.json"
expect 2 'no results file given' -- "$vizbench" report
expect 2 '-o DIR is required' -- "$vizbench" report "$work/small.json"
expect 1 'small.json.missing: cannot open \(No such file or directory\)' -- "$vizbench" validate --from "$work/small.json.missing"
printf '{"schema":"vizbench.sweep","schema_version":9}' >"$work/v9.json"
expect 2 'schema_version' -- "$vizbench" validate --from "$work/v9.json"
printf '{"schema":"other"}' >"$work/other.json"
expect 2 "field 'schema'" -- "$vizbench" validate --from "$work/other.json"
expect 2 'conflict' -- "$vizbench" validate --from "$work/small.json" --quick
expect 2 '--max-cpu' -- "$vizbench" validate --from "$work/small.json" --max-cpu -1

cli_summary
