#!/bin/bash
# vizbench estimate (the phone-cost model, docs/cost-model.md): every registered strategy has a
# row per thread it spends CPU on, each class's cell a range "lo-hi ms" with lo <= hi or a stated
# reason; a bigger core class is never estimated slower than a smaller one; the committed
# calibration's table is printed with a decision per stage; --calibrate measures one here and
# --export-json writes it as vizbench.calibration JSON with a row per stage; bad options exit 2
# with one line; an unwritable export exits 1 and leaves nothing; the report carries the Android
# candidates' estimates; the README quotes the note's pick on a little core as estimate prints it.
# (about 10 s)
#   cli_estimate_test.sh VIZBENCH SOURCE_ROOT
vizbench=$1 root=$2
. "$(dirname "$0")/cli_lib.sh"

expect 0 '' -- "$vizbench" estimate
cp "$work/out" "$work/table"
names=$("$vizbench" run --strategy nope 2>&1 | sed -n 's/.*(known: \(.*\), all).*/\1/p' | tr -d ' ' | tr ',' ' ')
for name in $names; do
    check "$name has a producer row" grep -qE "^  $name +producer " "$work/table"
done
check "the three classes are named" \
    bash -c "grep -q 'Cortex-A55 class' '$work/table' && grep -q 'Cortex-A78 class' '$work/table' && grep -q 'Cortex-X' '$work/table'"
# Every cell: a range with lo <= hi, or "not estimated" with its reason listed below the table;
# little >= mid >= big at both ends.
check "every cell is a range lo <= hi, little >= mid >= big, or not estimated with a reason" \
    awk '
    /^  [a-z-]* +(producer|ui|io|raster) |^ +(ui|io|raster) / {
        n = 0
        while (match($0, /[0-9.]+-[0-9.]+ ms|not estimated/)) {
            cell = substr($0, RSTART, RLENGTH); $0 = substr($0, RSTART + RLENGTH)
            n++
            if (cell == "not estimated") { missing++; lo[n] = -1; continue }
            split(cell, r, /[- ]/); lo[n] = r[1] + 0; hi[n] = r[2] + 0
            if (lo[n] > hi[n]) bad = bad " " cell
        }
        if (n != 3) bad = bad " [" n " cells]"
        else if (lo[1] >= 0 && lo[2] >= 0 && lo[3] >= 0 &&
                 (lo[1] < lo[2] || lo[2] < lo[3] || hi[1] < hi[2] || hi[2] < hi[3])) bad = bad " [order]"
        rows++
    }
    /^  not estimated: / { reasons++ }
    END { if (bad) print "bad cells:" bad; exit !(rows > 10 && !bad && (missing == 0 || reasons > 0)) }' "$work/table"
check "the committed calibration is printed with a decision per stage" \
    bash -c "grep -q \"The model's committed calibration\" '$work/table' &&
             grep -cE '  (used|not used)\$' '$work/table' | awk '{ exit !(\$1 >= 10) }'"
# The committed calibration reads back whole: each timed stage's count and faults as measured.
check "the committed calibration's rows read back with their counts" \
    awk '/committed calibration/ { on = 1 } on && / (used|not used)$/ { rows++; if ($2 + 0 <= 0) bad++ }
         END { exit !(rows >= 10 && !bad) }' "$work/table"
# A thread is estimated exactly when each of its stages has an aarch64 count and was used by the
# committed calibration: pixel-copy's producer (render-VIEW, hand-off-pixel-copy) against the
# committed file's decisions.
used=$(jq -r '[.stages | to_entries[] | select(.key | test("^render-|^hand-off-pixel-copy$")) |
               (.value.within // false)] | all' "$root/bench/baselines/calibration.json")
if [ "$used" = true ]; then
    check "pixel-copy's producer is estimated where its stages were used" \
        grep -qE '^  pixel-copy +producer +[0-9.]+-[0-9.]+ ms' "$work/table"
else
    check "pixel-copy's producer is not estimated where a stage was not used" \
        grep -qE '^  pixel-copy +producer +not estimated' "$work/table"
fi
pick=$(awk '/^Estimated on a little core/ { on = 1 } on && NF == 0 { exit }
            on { printf "%s%s", (n++ ? " " : ""), $0 }' "$work/table")
check "README: the note's pick on a little core is what estimate says" \
    bash -c '[ -n "$1" ] && grep -qF "> $1" "$2"' _ "$pick" "$root/README.md"
expect 0 '' -- "$vizbench" estimate --strategies "pixel-copy, frb-texture" --sources
check "--strategies keeps only those" \
    bash -c "grep -qE '^  pixel-copy ' '$work/out' && grep -qE '^  frb-texture ' '$work/out' && ! grep -qE '^  gl-texture ' '$work/out'"
check "--sources gives each class its sources" test "$(grep -c '^         clock: ' "$work/out")" -eq 3
check "estimate's text fits 80 columns" bash -c "! awk 'length(\$0) > 80' '$work/out' '$work/table' | grep -q ."

expect 0 '' -- "$vizbench" estimate --strategies pixel-copy --calibrate --export-json "$work/c.json"
check "the calibration measured here is printed" grep -q 'The model on this machine, measured now' "$work/out"
check "its JSON is a vizbench.calibration with a row per timed stage" \
    bash -c "jq -e '.schema == \"vizbench.calibration\" and (.stages | length) >= 10 and
                    ([.stages[] | select(.timed) | .measured_ns > 0 and .predicted_ns > 0] | all) and
                    .clock_ghz > 0' '$work/c.json' >/dev/null"

expect 2 'estimate.*unknown option' -- "$vizbench" estimate --bogus
expect 2 'export-json.*--calibrate' -- "$vizbench" estimate --export-json "$work/x.json"
expect 2 'unknown strategy' -- "$vizbench" estimate --strategies pixel-cpy
expect 1 'no-such-dir' -- "$vizbench" estimate --calibrate --export-json "$work/no-such-dir/c.json"
check "nothing is left behind" test ! -e "$work/no-such-dir"

# The report: the Android candidates on phone cores, labelled as estimates.
expect 0 '' -- "$vizbench" report "$root/tests/fuzz/corpus/results_json/run.json" -o "$work/report"
check "the report has the phone section, labelled as estimates" \
    bash -c "grep -q '## Android candidates on phone cores (estimated)' '$work/report/report.md' &&
             grep -q 'Estimates, not measurements' '$work/report/report.md'"
check "it lists only Android candidates (impeller-image, not frb-texture)" \
    bash -c "sed -n '/## Android candidates/,/^## /p' '$work/report/report.md' > '$work/phone.md' &&
             grep -q '| impeller-image |' '$work/phone.md' && ! grep -q '| frb-texture |' '$work/phone.md'"
cli_summary
