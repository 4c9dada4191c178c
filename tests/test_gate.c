/* The gate's statistics and decisions on synthetic samples: the bootstrap interval, the
 * threshold-and-interval rule, instruction counts. */
#include "gate/bootstrap.h"
#include "gate/instructions.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#define FRAMES 300

static double samples[4][FRAMES];

/* Run r: values around `centre` x a per-run drift, with frame-to-frame noise. */
static void fill(double *v, double centre, double drift, unsigned seed) {
    srand(seed);
    for (int i = 0; i < FRAMES; i++)
        v[i] = centre * drift * (1.0 + 0.2 * ((double)rand() / RAND_MAX - 0.5));
}

static vb_run_group group_of(int first, int count) {
    vb_run_group g = {.run_count = count};
    for (int r = 0; r < count; r++) {
        g.values[r] = samples[first + r];
        g.counts[r] = FRAMES;
    }
    return g;
}

Test(gate, quantile_of_pooled_runs_interpolates) {
    static double a[] = {4, 1, 3}, b[] = {2};
    vb_run_group g = {.run_count = 2, .values = {a, b}, .counts = {3, 1}};
    double scratch[4];
    cr_assert_float_eq(vb_group_quantile(&g, 0.5, scratch), 2.5, 1e-12);
    cr_assert_float_eq(vb_group_quantile(&g, 1.0, scratch), 4.0, 1e-12);
    cr_assert_float_eq(vb_group_quantile(&g, 0.0, scratch), 1.0, 1e-12);
}

Test(gate, the_same_runs_give_ratio_one_inside_the_interval) {
    fill(samples[0], 1.0, 1.0, 1);
    fill(samples[1], 1.0, 1.0, 2);
    vb_run_group base = group_of(0, 2), cur = group_of(0, 2);
    vb_ratio_interval i;
    cr_assert_eq(vb_bootstrap_ratio(&base, &cur, 0.5, 1000, 0.95, 0, 7, &i), 0);
    cr_assert_float_eq(i.ratio, 1.0, 1e-12);
    cr_assert(i.low < 1.0 && i.high > 1.0, "[%f, %f]", i.low, i.high);
    cr_assert(i.high - i.low < 0.1, "[%f, %f]", i.low, i.high);
}

Test(gate, a_shift_of_twenty_percent_is_outside_the_interval) {
    fill(samples[0], 1.0, 1.0, 1);
    fill(samples[1], 1.0, 1.0, 2);
    fill(samples[2], 1.2, 1.0, 3);
    fill(samples[3], 1.2, 1.0, 4);
    vb_run_group base = group_of(0, 2), cur = group_of(2, 2);
    vb_ratio_interval i;
    cr_assert_eq(vb_bootstrap_ratio(&base, &cur, 0.5, 1000, 0.95, 0, 7, &i), 0);
    cr_assert(i.low > 1.1 && i.high < 1.3, "[%f, %f]", i.low, i.high);
}

Test(gate, run_to_run_drift_widens_the_interval) {
    /* Two baseline runs 20 % apart: frame resampling alone would give a narrow interval; the
     * run level carries the drift, so a current run inside it is no significant change. */
    fill(samples[0], 1.0, 0.9, 1);
    fill(samples[1], 1.0, 1.1, 2);
    fill(samples[2], 1.0, 1.05, 3);
    fill(samples[3], 1.0, 1.05, 4);
    vb_run_group base = group_of(0, 2), cur = group_of(2, 2);
    vb_ratio_interval i;
    cr_assert_eq(vb_bootstrap_ratio(&base, &cur, 0.5, 2000, 0.95, 0, 7, &i), 0);
    cr_assert(i.low < 1.0, "the interval [%f, %f] should reach below 1", i.low, i.high);
}

static double paired_samples[8][FRAMES];

Test(gate, pairing_cancels_a_drift_both_runs_of_a_pair_shared) {
    /* Four pairs measured side by side while the machine drifted 0.8 .. 1.25 x; the current
     * side is 10 % slower in every pair. Drawn apart, the drift swamps the change; drawn by
     * pairs, it cancels and the interval lies wholly above 1. */
    static const double drift[4] = {0.8, 1.25, 0.9, 1.1};
    vb_run_group base = {.run_count = 4}, cur = {.run_count = 4};
    for (int r = 0; r < 4; r++) {
        fill(paired_samples[r], 1.0, drift[r], 10 + (unsigned)r);
        fill(paired_samples[4 + r], 1.1, drift[r], 20 + (unsigned)r);
        base.values[r] = paired_samples[r];
        cur.values[r] = paired_samples[4 + r];
        base.counts[r] = cur.counts[r] = FRAMES;
    }
    vb_ratio_interval apart, paired;
    cr_assert_eq(vb_bootstrap_ratio(&base, &cur, 0.5, 2000, 0.95, 0, 7, &apart), 0);
    cr_assert_eq(vb_bootstrap_ratio(&base, &cur, 0.5, 2000, 0.95, 1, 7, &paired), 0);
    cr_assert(apart.low < 1.0, "unpaired [%f, %f] should reach below 1", apart.low, apart.high);
    cr_assert(paired.low > 1.03 && paired.high < 1.2, "paired [%f, %f]", paired.low, paired.high);
    /* pairing needs runs in pairs */
    cur.run_count = 3;
    cr_assert_neq(vb_bootstrap_ratio(&base, &cur, 0.5, 100, 0.95, 1, 7, &paired), 0);
}

Test(gate, the_interval_is_the_same_for_the_same_seed) {
    fill(samples[0], 1.0, 1.0, 1);
    fill(samples[1], 1.1, 1.0, 2);
    vb_run_group base = group_of(0, 1), cur = group_of(1, 1);
    vb_ratio_interval a, b;
    vb_bootstrap_ratio(&base, &cur, 0.99, 500, 0.9, 0, 42, &a);
    vb_bootstrap_ratio(&base, &cur, 0.99, 500, 0.9, 0, 42, &b);
    cr_assert(a.low == b.low && a.high == b.high && a.ratio == b.ratio);
}

Test(gate, an_empty_group_is_refused) {
    vb_run_group empty = {0};
    fill(samples[0], 1.0, 1.0, 1);
    vb_run_group g = group_of(0, 1);
    vb_ratio_interval i;
    cr_assert_neq(vb_bootstrap_ratio(&empty, &g, 0.5, 100, 0.95, 0, 1, &i), 0);
}

Test(gate, instruction_counts_regress_beyond_the_threshold_only) {
    vb_instruction_counts base = {
        .stage_count = 2, .stage = {"render-spectrum", "copy"}, .per_frame = {1000, 2000}};
    vb_instruction_counts cur = base;
    cur.per_frame[0] = 1009; /* +0.9 % */
    cur.per_frame[1] = 2400; /* +20 % */
    vb_instruction_row rows[4];
    int regressions = 0;
    int n = vb_instructions_compare(&base, &cur, 1.0, rows, &regressions);
    cr_assert_eq(n, 2);
    cr_assert_eq(rows[0].decision, VB_CHANGE_NONE);
    cr_assert_eq(rows[1].decision, VB_CHANGE_REGRESSION);
    cr_assert_float_eq(rows[1].change_pct, 20.0, 1e-9);
    cr_assert_eq(regressions, 1);
    /* a stage in one file only is not comparable, and no regression */
    cur.stage_count = 1;
    n = vb_instructions_compare(&base, &cur, 1.0, rows, &regressions);
    cr_assert_eq(n, 2);
    cr_assert_eq(rows[1].decision, VB_CHANGE_NOT_COMPARABLE);
    cr_assert_eq(regressions, 0);
}
