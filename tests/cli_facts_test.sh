#!/bin/bash
# What a results file says of its strategies is read from the file, not from this build's
# registry: a file naming a strategy this build lacks reads, and report and compare say "not in
# this build"; a file of the format before facts were recorded (the committed example and fuzz
# seed) reads with the facts its strategies had then; and no registered strategy's name appears
# in src/verdict/, whose claims choose strategies by their facts.   (about 5 s)
#   cli_facts_test.sh VIZBENCH SOURCE_ROOT
vizbench=$1 root=$2
. "$(dirname "$0")/cli_lib.sh"
seed=$root/tests/fuzz/corpus/results_json/run.json

# The registered names, as the unknown-name error lists them.
names=$("$vizbench" run --strategy nope 2>&1 | sed -n 's/.*(known: \(.*\), all).*/\1/p' | tr -d ' ' | tr ',' ' ')
check "the registry lists its strategies" test "$(echo "$names" | wc -w)" -ge 8
for name in $names; do
    check "src/verdict names no strategy: $name" \
        bash -c "! grep -rnF -- '$name' '$root/src/verdict'"
done

# Today's format without facts: a run of pixel-copy and gl-texture, read as what they were.
check "the seed has no facts (the format before them)" \
    bash -c "jq -e '[.strategies[] | has(\"facts\")] | any | not' '$seed' >/dev/null"
expect 0 '' -- "$vizbench" report "$seed" -o "$work/seed"
check "its report describes them (this build's words for the same names)" \
    grep -q '<td class="claim name">gl-texture</td><td>GPU render' "$work/seed/report.html"

# A strategy of a later build, with its own facts: read, reported, compared, never measured.
jq -c '.strategies[1].name = "future-path" | .strategies[1].description = "a later path" |
       .strategies[1].facts = {family: "android-path", platforms: ["android", "plan9"],
                               roles: [], capabilities: ["renders-on-gpu", "teleports"],
                               preference: 1, colour: "#123456"}' "$seed" >"$work/future.json"
expect 0 '' -- "$vizbench" report "$work/future.json" -o "$work/future"
check "the report lists it and says its words are in neither the file nor this build" \
    grep -q '<td class="claim name">future-path</td><td>(not recorded in the file, and not in this build)' \
        "$work/future/report.html"
check "its charts draw it in the colour the file recorded" \
    bash -c "grep -rq '#123456' '$work/future/charts'"
expect 0 '' -- "$vizbench" compare "$work/future.json" "$work/future.json" --md "$work/future.md"
check "compare says it is not in this build" \
    bash -c "grep -q '^future-path: not in this build' '$work/out' &&
             grep -q 'future-path: not in this build' '$work/future.md'"
jq -c '.strategies[1].facts.family = 7' "$work/future.json" >"$work/bad-family.json"
expect 2 "bad-family.json: field 'strategies\\[1\\]\\.facts\\.family' is not a string" \
    -- "$vizbench" report "$work/bad-family.json" -o "$work/bad"

# The facts travel with a run: written now, they read back as the registry has them.
expect 0 '' -- "$vizbench" run --strategy pixel-copy --size 64x32 --frames 3 --warmup 1 --pace max \
    -q -o "$work/now.json"
check "a run records its strategy's facts" \
    bash -c "jq -e '.strategies[0].facts | .family == \"clean-model\" and (.roles | index(\"copy-model\")) and
                    .preference == 3 and (.does | length > 20)' '$work/now.json' >/dev/null"
cli_summary
