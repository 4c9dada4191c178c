#!/bin/bash
# Per metric, over the unchanged gate runs of a proof (bench/gate-proof.sh): the rows compared,
# the largest change any row showed (the false alarms it would take), the median half-width of
# the rows' intervals, and the thresholds the rows used. A row is caught when its change is over
# its threshold and its interval excludes no change; with the interval's half-width h (1.96
# standard errors) a true change of threshold + 0.84 h is over the threshold 95 % of the time:
# that is the smallest change it catches reliably, about. Reads each run's summary.md (the
# folded list of every row).
#   bench/gate-proof-summary.sh PROOF_DIR        (prints a Markdown table)
set -euo pipefail
dir=${1:?usage: bench/gate-proof-summary.sh PROOF_DIR}
name=${SUMMARY:-summary.md} # which summary of each run (another: a rule decided again)
ls "$dir"/unchanged-*/"$name" >/dev/null
echo "| metric | rows (runs x points) | largest change, unchanged | median interval half-width h | thresholds used | smallest change caught 95 % of the time, about (threshold + 0.84 h) |"
echo "| --- | --- | --- | --- | --- | --- |"
for f in "$dir"/unchanged-*/"$name"; do
    sed -n '/^<details>/,/^<\/details>/p' "$f"
done | awk -F'|' '
    NF >= 10 && $2 !~ /point|---/ {
        metric = $4; gsub(/^ +| +$/, "", metric)
        change = $7; gsub(/[ %+]/, "", change)
        interval = $8; gsub(/[][ %+]/, "", interval); split(interval, ends, ",")
        threshold = $9; gsub(/[ %]/, "", threshold)
        if (interval == "exact") { exact[metric] = 1; ends[1] = ends[2] = 0 }
        n[metric]++
        c = change < 0 ? -change : change
        if (c > largest[metric]) largest[metric] = c
        half[metric, n[metric]] = (ends[2] - ends[1]) / 2
        if (!(metric in low) || threshold < low[metric]) low[metric] = threshold
        if (threshold > high[metric]) high[metric] = threshold
        if (!(metric in order)) { order[metric] = ++metrics; names[metrics] = metric }
    }
    END {
        for (k = 1; k <= metrics; k++) {
            m = names[k]; count = n[m]
            for (i = 1; i <= count; i++) v[i] = half[m, i]
            for (i = 2; i <= count; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            median = v[int((count + 1) / 2)]
            if (exact[m])
                printf "| %s | %d | %g (exact) | exact | %s | one unit per frame |\n", m, count, largest[m], low[m] "%"
            else
                printf "| %s | %d | %.1f %% | %.1f %% | %s..%s %% | %.0f %% (at the lowest threshold) .. %.0f %% |\n", m, count, largest[m], median, low[m], high[m], low[m] + 0.84 * median, high[m] + 0.84 * median
        }
    }'
