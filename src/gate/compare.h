/* The regression gate on timings: two groups of measured runs (a baseline and a current, each
 * one or more results files of repeated runs) compared point by point (view x size x fps x
 * pace x strategy present in both) and metric by metric (gate/metrics.h).
 *
 * Decision per row: the ratio current / baseline of the metric's quantile, with a hierarchical
 * bootstrap interval (gate/bootstrap.h). A regression needs both: the change is worse than the
 * noise threshold, and the interval lies wholly on the worse side of "no change"; likewise an
 * improvement. Everything else is "no change". A point or metric measured on one side only is
 * "not comparable".
 *
 * Speed correction: a shared machine drifts, running everything 10-20 % slower or faster for
 * minutes at a time (measured: README, gate section), which moves every point of the files
 * measured then alike. Each results file's values are divided by its speed factor for the
 * metric: the median over its points of its median there over the baseline's (for the copy's
 * bandwidth, which only pixel-copy has, the upload's points stand in). A regression of one
 * strategy, or of one view, moves a minority of the points and stays; a slowdown of every
 * strategy in every view alike is absorbed, and shows only as the factor (printed), which is
 * why the instruction counts (gate/instructions.h) gate the CPU stages exactly.
 *
 * Machines: when the two sides come from different machine classes (CPU model and cores) or
 * GL renderers, absolute times say nothing about the change; then (and with normalise on) the
 * values are expressed in each run's own reference limits (gate/metrics.h) and the comparison
 * says so. On one machine class the raw values are compared: the reference limits of a run vary
 * more from run to run there than the metrics do (README, gate section).
 *
 * Ownership: the comparison owns its rows (vb_comparison_free); the sweeps are only read. */
#ifndef VB_GATE_COMPARE_H
#define VB_GATE_COMPARE_H

#include "gate/bootstrap.h"
#include "gate/metrics.h"
#include "pipeline/sweep.h"

typedef enum {
    VB_CHANGE_NONE = 0,
    VB_CHANGE_REGRESSION,
    VB_CHANGE_IMPROVEMENT,
    VB_CHANGE_NOT_COMPARABLE
} vb_change;

enum { VB_NORMALISE_AUTO = 0, VB_NORMALISE_ON = 1, VB_NORMALISE_OFF = 2 };

typedef struct vb_compare_options {
    int metric_count;
    vb_metric metrics[VB_METRIC_COUNT];
    double threshold_pct; /* < 0: each metric's own default */
    double confidence;    /* of the interval, e.g. 0.95 */
    int iterations;       /* bootstrap resamples */
    int normalise;        /* VB_NORMALISE_* */
    int speed_correction; /* divide each results file by its speed factor (below) */
} vb_compare_options;

/* Every metric, default thresholds, 95 %, 2000 resamples, normalise auto, speed correction. */
void vb_compare_options_defaults(vb_compare_options *options);

typedef struct vb_comparison_row {
    vb_view_kind view;
    int width, height, fps;
    vb_pace pace;
    const char *strategy; /* static */
    vb_metric metric;
    int baseline_runs, current_runs;
    vb_ratio_interval interval;
    double threshold_pct;
    vb_change decision;
    const char *reason; /* static; why not comparable, else NULL */
} vb_comparison_row;

typedef struct vb_comparison {
    int normalised; /* values are in reference units */
    int same_machine, same_renderer;
    char baseline_machine[192], current_machine[192];
    char baseline_renderer[256], current_renderer[256];
    int baseline_runs, current_runs; /* results files (sweeps) on each side */
    int speed_corrected;
    /* Per results file and metric: the factor its values were divided by (1: none) */
    double baseline_speed[VB_GATE_MAX_RUNS][VB_METRIC_COUNT];
    double current_speed[VB_GATE_MAX_RUNS][VB_METRIC_COUNT];
    vb_comparison_row *rows;
    int row_count;
    int regressions, improvements, unchanged, not_comparable;
} vb_comparison;

/* VB_OK, or -VB_ERR_FAILURE (out of memory). No comparable row is not an error here: the
 * caller decides (the CLI exits 2). */
int vb_compare(const vb_sweep *baseline, int baseline_count, const vb_sweep *current,
               int current_count, const vb_compare_options *options, vb_comparison *out);
void vb_comparison_free(vb_comparison *comparison);

const char *vb_change_name(vb_change change);
/* "normalised" wording of a row's values: the unit in the reference limits */
const char *vb_metric_reference_unit(vb_metric metric);

#endif
