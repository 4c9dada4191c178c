#!/bin/bash
# One file and one line make a complete strategy: vizbench-echo is vizbench with the test-only
# strategy tests/echo/echo.c registered (tests/echo/meson.build), and nothing else changed. The
# strategy must appear in the help texts, the unknown-name error, a run's table and results,
# a sweep, the report's model table, and the charts' legends in its own colour.
#   echo_test.sh VIZBENCH_ECHO
vizbench=$1
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

cli_summary
