#!/bin/bash
# One file and one line make a complete strategy: vizbench-echo is vizbench with the test-only
# strategy tests/echo/echo.c registered (tests/echo/meson.build), and nothing else changed. The
# strategy must appear in the help texts, the unknown-name error, a run's table and results,
# a sweep, the report's model table, and the charts' legends in its own colour.
#   echo_test.sh VIZBENCH_ECHO VIZBENCH
vizbench=$1 plain=$2
. "$(dirname "$0")/../cli_lib.sh"

check "run --help lists it" bash -c "'$vizbench' run --help | grep -qE '[a-z], echo'"
check "sweep --help lists it" bash -c "'$vizbench' sweep --help | grep -qE '[a-z], echo'"
expect 2 "unknown strategy 'nope' \\(known: pixel-copy, shared-buffer, [a-z, -]+, echo, all\\)" \
    -- "$vizbench" run --strategy nope

expect 0 '' -- "$vizbench" run --strategy echo,shared-buffer --size 256x64 --frames 20 --warmup 5 \
    --pace max -o "$work/run.json"
check "a run's table has its row, showing the reference picture" \
    grep -qE '^echo +.*pass' "$work/out"
check "the results hold it: ok, the picture exact, its frames measured" \
    bash -c "jq -e '.strategies[] | select(.name == \"echo\") | .status == \"ok\" and
                    .picture.passed and .picture.exact and .frames.count == 25' '$work/run.json' >/dev/null"

expect 0 '' -- "$vizbench" sweep --sizes 256x64 --fps 60 --views spectrum --strategies pixel-copy,echo \
    --seconds 0.2 --warmup-seconds 0.05 -q -o "$work/sweep.json"
expect 0 '' -- "$vizbench" report "$work/sweep.json" -o "$work/report"
check "the report's model table has its row, in its own words" \
    bash -c "grep -q '<td class=\"claim name\">echo</td><td>CPU render into a private buffer per slot' \
                 '$work/report/report.html' &&
             grep -q 'nothing real: the registry' '$work/report/report.html'"
check "a chart draws it and its legend names it, in its own colour" \
    bash -c "svg='$work/report/charts/latency-cdf-spectrum.svg';
             grep -q 'polyline [^>]*stroke=\"#117733\"' \"\$svg\" &&
             grep -qE '(circle|polygon) [^>]*stroke=\"#117733\"' \"\$svg\" &&
             grep -q '>echo</text>' \"\$svg\""

# Its own figure (record/figure.h), declared in echo.c alone: in the results (declared, a column
# of every frame, aggregated in the summary), the CSV, the run's table and compare's rows.
expect 0 '' -- "$vizbench" run --strategy echo,pixel-copy --size 256x64 --frames 20 --warmup 5 \
    --pace max -o "$work/own.json" --csv "$work/own.csv"
check "the run's table shows its figure under its row" \
    grep -qE '^ +echo hand-offs: mean 1, sum 20 count \(20 frames\)' "$work/out"
check "the results declare it, hold its column and its summary" \
    bash -c "jq -e '.strategies[0] | .figures[0].name == \"echo_hand_offs\" and
                    .figures[0].gate == \"exact\" and (.frames.echo_hand_offs | length) == 25 and
                    .summary.figures.echo_hand_offs.sum == 20' '$work/own.json' >/dev/null"
check "the other strategy has no such figure" \
    bash -c "jq -e '.strategies[1] | has(\"figures\") | not' '$work/own.json' >/dev/null"
check "the CSV has its column: 1 for echo's frames, empty for pixel-copy's" \
    bash -c "head -1 '$work/own.csv' | grep -q ',picture_error,echo_hand_offs\$' &&
             grep '^echo,' '$work/own.csv' | grep -qc ',1\$' &&
             grep '^pixel-copy,' '$work/own.csv' | grep -q ',\$'"
expect 0 '' -- "$vizbench" compare "$work/own.json" "$work/own.json"
check "compare has a row of it" grep -qE '^spectrum 256x64@60 max +echo +echo hand-offs +1 +1 .*no change' "$work/out"
jq -c '.strategies[0].frames.echo_hand_offs |= map(if . > 0 then 2 else . end)' "$work/own.json" >"$work/twice.json"
"$vizbench" compare "$work/own.json" "$work/twice.json" >"$work/out" 2>&1
check "twice the hand-offs fails the comparison (exit 1)" test $? -eq 1
check "twice the hand-offs is a regression of it, and of nothing else" \
    bash -c "grep -qE 'echo +echo hand-offs +1 +2 .*REGRESSION' '$work/out' &&
             grep -q '^FAIL: 1 regression(s)' '$work/out'"
check "plain vizbench reads the file and keeps the figure it does not know" \
    bash -c "'$plain' compare '$work/own.json' '$work/own.json' | grep -q 'echo hand-offs' &&
             '$plain' compare '$work/own.json' '$work/own.json' | grep -q '^echo: not in this build'"
cli_summary
