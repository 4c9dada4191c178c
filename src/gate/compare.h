/* The regression gate on timings: two groups of measured runs (a baseline and a current, each
 * one or more results files of repeated runs) compared point by point (view x size x fps x
 * pace x strategy present in both) and metric by metric (gate/metrics.h).
 *
 * Decision per row: the ratio current / baseline of the metric's quantile, with a hierarchical
 * bootstrap interval (gate/bootstrap.h). A regression needs both: the change is worse than the
 * threshold, and the interval lies wholly on the worse side of "no change"; likewise an
 * improvement. Everything else is "no change". A point or metric measured on one side only is
 * "not comparable".
 *
 * Same machine, same job (the gate): the two builds are measured interleaved, the k-th results
 * file of the baseline side by side with the k-th of the current (`paired`), so each resample
 * draws pairs and the drift the two runs of a pair shared cancels. The noise floor is measured
 * in the same data (`noise_floor`): each side against itself, its files 2j against 2j+1 (the
 * two runs of one build in one round of the interleaved order), and a row's threshold is the
 * larger of its metric's minimum (gate/metrics.h) and the largest change that strategy's rows
 * of the metric showed there (any view, either side). So thresholds follow the machine the job
 * ran on, and a strategy whose figures are noisy there (gl-texture's, whose producer is the
 * software rasteriser on llvmpipe) does not raise the bar for a steady one.
 *
 * Speed correction (optional): each results file's values are divided by its speed factor for
 * the metric: the median over its points of its median there over the baseline's (for the
 * copy's bandwidth, which only pixel-copy has, the upload's points stand in). A row's own point
 * is left out of the factors it is corrected by (unless too few points would be left), so its
 * own change never pulls its correction. Paired, each side's factors are centred (divided by
 * their median over its files): the sides ran interleaved, so what all of one side's files
 * share is its build's change, kept; only a file's own state is corrected, and a change of
 * most or all points (a faster renderer, a slower analysis) is decided as measured. Unpaired
 * (no common time), a change of every strategy alike is absorbed as a machine's, and shows
 * only as the factors (printed, from every point).
 *
 * Machines: timings of different machines or GL renderers say nothing about a change. The
 * sides differ when their CPU model or cores, or GL renderer strings differ, or when one
 * side's in-run reference limits (memcpy, plain upload) lie outside the other's range by more
 * than `machine_factor` (a machine can change under an unchanged label). Then nothing is
 * decided (`machines_differ`, with the reason), unless `cross_machine` asks for a comparison in
 * each run's own reference units, which is reported but advisory: it cannot fail.
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
    double threshold_pct;  /* < 0: each metric's own default */
    double confidence;     /* of the interval, e.g. 0.95 */
    int iterations;        /* bootstrap resamples */
    int normalise;         /* VB_NORMALISE_*: on = reference units even on one machine */
    int speed_correction;  /* divide each results file by its speed factor (above) */
    int paired;            /* baseline file k was measured side by side with current file k */
    int noise_floor;       /* thresholds at least the noise of each side against itself */
    int cross_machine;     /* compare different machines in reference units, advisory */
    double machine_factor; /* reference limits further apart than this: another machine */
} vb_compare_options;

#define VB_COMPARE_MACHINE_FACTOR 1.5
#define VB_COMPARE_MAX_WARNINGS 8
#define VB_COMPARE_MAX_STRATEGIES 32

/* Every metric, default thresholds, 95 %, 2000 resamples, normalise auto, speed correction,
 * unpaired, no noise floor, machine factor 1.5. */
void vb_compare_options_defaults(vb_compare_options *options);

typedef struct vb_comparison_row {
    vb_view_kind view;
    int width, height, fps;
    vb_pace pace;
    const char *strategy; /* static */
    vb_metric metric;
    const char *figure; /* a strategy's own figure's label (own-figure metrics), else NULL */
    int baseline_runs, current_runs;
    vb_ratio_interval interval;
    double threshold_pct;
    vb_change decision;
    const char *reason; /* static; why not comparable, else NULL */
} vb_comparison_row;

/* The in-run reference limits over one side's sessions */
typedef struct vb_reference_range {
    double memcpy_low, memcpy_high; /* GB/s */
    double upload_low, upload_high; /* GB/s; 0 where no session had GL */
} vb_reference_range;

typedef struct vb_noise_floor {
    const char *strategy; /* static */
    double pct[VB_METRIC_COUNT];
    int rows[VB_METRIC_COUNT];
} vb_noise_floor;

typedef struct vb_comparison {
    int normalised; /* values are in reference units */
    int same_machine, same_renderer;
    int machines_differ; /* nothing decided: machine_reason says why */
    int advisory;        /* cross-machine comparison: reported, cannot fail */
    char machine_reason[640];
    char baseline_machine[192], current_machine[192];
    char baseline_renderer[256], current_renderer[256];
    char baseline_revision[64], current_revision[64]; /* vizbench version (git describe) */
    vb_reference_range baseline_reference, current_reference;
    int baseline_runs, current_runs; /* results files (sweeps) on each side */
    int pairs;                       /* paired: results files per side, one pair each */
    int unpaired_rows;               /* rows that could not be paired (drawn apart) */
    int speed_corrected;
    /* Noise floor: per strategy and metric the largest change of any of its rows (all views,
     * both sides) in the self-comparisons, in %, and how many rows measured it */
    int noise_measured;
    int noise_count;
    vb_noise_floor noise[VB_COMPARE_MAX_STRATEGIES];
    double threshold_pct[VB_METRIC_COUNT]; /* each metric's minimum threshold */
    int warning_count;
    char warnings[VB_COMPARE_MAX_WARNINGS][240];
    /* Per results file and metric: the factor its values were divided by (1: none) */
    double baseline_speed[VB_GATE_MAX_RUNS][VB_METRIC_COUNT];
    double current_speed[VB_GATE_MAX_RUNS][VB_METRIC_COUNT];
    vb_comparison_row *rows;
    int row_count;
    int regressions, improvements, unchanged, not_comparable;
} vb_comparison;

/* VB_OK, -VB_ERR_USAGE (paired sides of different lengths, or a noise floor without pairs),
 * or -VB_ERR_FAILURE (out of memory). No comparable row, or machines that differ, are not
 * errors here: the caller decides (the CLI exits 2). */
int vb_compare(const vb_sweep *baseline, int baseline_count, const vb_sweep *current,
               int current_count, const vb_compare_options *options, vb_comparison *out);
void vb_comparison_free(vb_comparison *comparison);

/* The noise floor of `strategy` for `metric` in %, 0 when none was measured. */
double vb_comparison_noise_floor(const vb_comparison *comparison, const char *strategy,
                                 vb_metric metric);

const char *vb_change_name(vb_change change);
/* "normalised" wording of a row's values: the unit in the reference limits */
const char *vb_metric_reference_unit(vb_metric metric);

#endif
