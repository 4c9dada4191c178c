#include "gate/compare.h"

#include "common/error.h"
#include "gate/points.h"
#include "gate/sides.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOOTSTRAP_SEED 0x5EEDC0FFEEULL

void vb_compare_options_defaults(vb_compare_options *o) {
    memset(o, 0, sizeof *o);
    o->metric_count = VB_METRIC_COUNT;
    for (int m = 0; m < VB_METRIC_COUNT; m++)
        o->metrics[m] = (vb_metric)m;
    o->threshold_pct = -1;
    o->confidence = 0.95;
    o->iterations = 2000;
    o->normalise = VB_NORMALISE_AUTO;
    o->speed_correction = 1;
    o->machine_factor = VB_COMPARE_MACHINE_FACTOR;
}

const char *vb_change_name(vb_change change) {
    switch (change) {
    case VB_CHANGE_REGRESSION:
        return "regression";
    case VB_CHANGE_IMPROVEMENT:
        return "improvement";
    case VB_CHANGE_NOT_COMPARABLE:
        return "not comparable";
    default:
        return "no change";
    }
}

const char *vb_metric_reference_unit(vb_metric metric) {
    switch (metric) {
    case VB_METRIC_COPY_BANDWIDTH:
        return "x memcpy";
    case VB_METRIC_UPLOAD_BANDWIDTH:
        return "x plain upload";
    default:
        return "frame memcpys";
    }
}

static int add_row(vb_comparison *out, int *capacity, const vb_comparison_row *row) {
    if (out->row_count == *capacity) {
        int grown = *capacity ? 2 * *capacity : 64;
        vb_comparison_row *more = realloc(out->rows, (size_t)grown * sizeof *more);
        if (!more) return -VB_ERR_FAILURE;
        out->rows = more;
        *capacity = grown;
    }
    out->rows[out->row_count++] = *row;
    switch (row->decision) {
    case VB_CHANGE_REGRESSION:
        out->regressions++;
        break;
    case VB_CHANGE_IMPROVEMENT:
        out->improvements++;
        break;
    case VB_CHANGE_NOT_COMPARABLE:
        out->not_comparable++;
        break;
    default:
        out->unchanged++;
        break;
    }
    return VB_OK;
}

static vb_change decide(const vb_metric_info *info, const vb_ratio_interval *i, double threshold) {
    const double worse_by = 1.0 + threshold / 100.0;
    /* In log terms the threshold is symmetric: a bandwidth that falls to 1/1.15 is as bad as a
     * time that grows by 15 %. */
    double ratio = info->higher_is_worse ? i->ratio : 1.0 / i->ratio;
    double low = info->higher_is_worse ? i->low : 1.0 / i->high;
    double high = info->higher_is_worse ? i->high : 1.0 / i->low;
    if (ratio > worse_by && low > 1.0) return VB_CHANGE_REGRESSION;
    if (ratio < 1.0 / worse_by && high < 1.0) return VB_CHANGE_IMPROVEMENT;
    return VB_CHANGE_NONE;
}

/* The size of a change in the same symmetric terms: 0.85 and 1/0.85 are both 17.6 %. */
static double change_size_pct(double ratio) {
    return ((ratio >= 1.0 ? ratio : 1.0 / ratio) - 1.0) * 100.0;
}

/* Whose points give a metric's speed factor: its own, except the copy's bandwidth, which only
 * pixel-copy has (its factor would be its own change, absorbing any regression of it): the
 * upload's bandwidth, memory-bound the same way, measured by three strategies, stands in. */
static vb_metric speed_source(vb_metric metric) {
    return metric == VB_METRIC_COPY_BANDWIDTH ? VB_METRIC_UPLOAD_BANDWIDTH : metric;
}

/* One comparison of a set of entries: the real one (rows into `out`), or a self-comparison
 * for the noise floor (only the largest change per metric is kept). */
typedef struct compare_pass {
    const vb_compare_options *options;
    int normalised;
    const double *thresholds; /* per metric, % */
    vb_comparison *out;       /* NULL for a self-comparison */
    int row_capacity;
    vb_comparison *noise_into;   /* self-comparison: the comparison whose noise floor it fills */
    const vb_comparison *floors; /* the real one: the noise floors measured, or NULL */
    uint64_t seed;
} compare_pass;

/* The strategy's floor in `c`, made when it has none yet (NULL when the table is full). */
static vb_noise_floor *floor_of(vb_comparison *c, const char *strategy) {
    for (int i = 0; i < c->noise_count; i++)
        if (strcmp(c->noise[i].strategy, strategy) == 0) return &c->noise[i];
    if (c->noise_count == VB_COMPARE_MAX_STRATEGIES) return NULL;
    vb_noise_floor *f = &c->noise[c->noise_count++];
    memset(f, 0, sizeof *f);
    f->strategy = strategy;
    return f;
}

double vb_comparison_noise_floor(const vb_comparison *c, const char *strategy, vb_metric metric) {
    for (int i = 0; i < c->noise_count; i++)
        if (strcmp(c->noise[i].strategy, strategy) == 0) return c->noise[i].pct[metric];
    return 0.0;
}

static int keep_row(compare_pass *p, const vb_comparison_row *row) {
    if (p->out) return add_row(p->out, &p->row_capacity, row);
    vb_noise_floor *f = floor_of(p->noise_into, row->strategy);
    if (f && row->decision != VB_CHANGE_NOT_COMPARABLE) {
        double size = change_size_pct(row->interval.ratio);
        if (size > f->pct[row->metric]) f->pct[row->metric] = size;
        f->rows[row->metric]++;
    }
    return VB_OK;
}

/* A work count: the medians per frame, runs pooled, and any change beyond the threshold (0:
 * any change at all) decides; the interval is the ratio itself. A count that appears from 0
 * has no ratio: EXACT_NEW_RATIO stands for it. */
#define EXACT_NEW_RATIO 1000.0

static void exact_decision(const vb_run_group *base, const vb_run_group *cur, double threshold,
                           double *scratch, vb_comparison_row *row) {
    vb_ratio_interval *i = &row->interval;
    i->baseline = vb_group_quantile(base, 0.5, scratch);
    i->current = vb_group_quantile(cur, 0.5, scratch);
    i->ratio = i->baseline > 0 ? i->current / i->baseline : i->current > 0 ? EXACT_NEW_RATIO : 1.0;
    i->low = i->high = i->ratio;
    const double allowed = i->baseline * threshold / 100.0;
    row->decision = i->current > i->baseline + allowed   ? VB_CHANGE_REGRESSION
                    : i->current < i->baseline - allowed ? VB_CHANGE_IMPROVEMENT
                                                         : VB_CHANGE_NONE;
}

/* The rows of one point and metric: both groups, the interval, the decision. */
static int compare_metric(compare_pass *p, const vb_gate_entry *entries, int n,
                          const vb_gate_entry *key, const double speed[2][VB_GATE_MAX_RUNS],
                          double *store, vb_comparison_row *row) {
    const vb_compare_options *o = p->options;
    const vb_metric_info *info = vb_metric_get(row->metric);
    row->threshold_pct = p->thresholds[row->metric];
    if (p->floors && o->threshold_pct < 0) {
        double floor = vb_comparison_noise_floor(p->floors, row->strategy, row->metric);
        if (floor > row->threshold_pct) row->threshold_pct = floor;
    }
    row->reason = NULL;
    double *cursor = store;
    vb_run_group base, cur;
    int base_files[VB_GATE_MAX_RUNS], cur_files[VB_GATE_MAX_RUNS];
    vb_gate_build_group(entries, n, key, 0, row->metric, p->normalised, speed, &cursor, &base,
                        base_files);
    vb_gate_build_group(entries, n, key, 1, row->metric, p->normalised, speed, &cursor, &cur,
                        cur_files);
    if (!base.run_count && !cur.run_count) return VB_OK; /* not measured at all: n/a */
    memset(&row->interval, 0, sizeof row->interval);
    /* Pairs are files measured side by side: run r of both groups must come from file pair r. */
    int paired = o->paired && base.run_count == cur.run_count &&
                 memcmp(base_files, cur_files, (size_t)base.run_count * sizeof *base_files) == 0;
    if (o->paired && !paired && p->out && base.run_count && cur.run_count) p->out->unpaired_rows++;
    if (!base.run_count || !cur.run_count) {
        row->decision = VB_CHANGE_NOT_COMPARABLE;
        row->reason =
            base.run_count ? "no value in the current results" : "no value in the baseline";
    } else if (info->exact) {
        exact_decision(&base, &cur, row->threshold_pct, cursor, row);
    } else if (vb_bootstrap_ratio(&base, &cur, info->quantile, o->iterations, o->confidence, paired,
                                  p->seed++, &row->interval) != VB_OK) {
        row->decision = VB_CHANGE_NOT_COMPARABLE;
        row->reason = "no positive values to compare";
    } else {
        row->decision = decide(info, &row->interval, row->threshold_pct);
    }
    return keep_row(p, row);
}

static int compare_entries(compare_pass *p, const vb_gate_entry *entries, int n) {
    const vb_compare_options *o = p->options;
    /* Room for the samples of one point and metric, both sides, twice (speed factors). */
    size_t room = 1;
    for (int i = 0; i < n; i++)
        room += 2 * (size_t)entries[i].run->length;
    double *store = malloc(room * sizeof *store);
    vb_speed_scratch *speed = malloc(sizeof *speed);
    if (!store || !speed) {
        free(store);
        free(speed);
        vb_error_set("compare: out of memory");
        return -VB_ERR_FAILURE;
    }
    /* The factors from every point are only printed (rows are corrected by their own, below),
     * so a self-comparison, which prints nothing, does not compute them. They are printed
     * uncentred: their level is the change the points share. */
    for (int m = 0; m < o->metric_count && p->out; m++) {
        vb_metric metric = o->metrics[m];
        double all[2][VB_GATE_MAX_RUNS];
        for (int side = 0; side < 2; side++)
            for (int f = 0; f < VB_GATE_MAX_RUNS; f++)
                all[side][f] = 1.0;
        if (o->speed_correction && !vb_metric_get(metric)->exact)
            vb_gate_speed_factors(entries, n, speed_source(metric), p->normalised, NULL, 0, store,
                                  speed, all);
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++) {
            p->out->baseline_speed[f][metric] = all[0][f];
            p->out->current_speed[f][metric] = all[1][f];
        }
    }
    int status = VB_OK;
    for (int i = 0; i < n && status == VB_OK; i++) {
        const vb_gate_entry *key = &entries[i];
        if (!vb_gate_first_of_point(entries, i)) continue; /* each point once */
        vb_comparison_row row = {.view = key->session->options.view.view,
                                 .width = key->session->options.view.width,
                                 .height = key->session->options.view.height,
                                 .fps = key->session->options.view.fps,
                                 .pace = key->session->options.pace,
                                 .strategy = key->run->strategy->name,
                                 .baseline_runs = vb_gate_runs_at(entries, n, key, 0),
                                 .current_runs = vb_gate_runs_at(entries, n, key, 1)};
        if (!row.baseline_runs || !row.current_runs) {
            row.metric = o->metrics[0];
            row.decision = VB_CHANGE_NOT_COMPARABLE;
            row.reason = row.baseline_runs ? "measured in the baseline only"
                                           : "measured in the current results only";
            status = keep_row(p, &row);
            continue;
        }
        for (int m = 0; m < o->metric_count && status == VB_OK; m++) {
            row.metric = o->metrics[m];
            const vb_figure *own_figure = vb_metric_own_figure(row.metric, key->run);
            if (row.metric >= VB_METRIC_OWN_EXACT_FIRST && !own_figure) continue; /* none here */
            row.figure = own_figure ? own_figure->label : NULL;
            /* The row's own factors leave its point out: a regression of this point must not
             * enter the median it is corrected by (with four points a file, it pulled the
             * median up by about a third of the noise and took that off the change). */
            double own[2][VB_GATE_MAX_RUNS];
            const double(*factors)[VB_GATE_MAX_RUNS] = NULL; /* NULL: no correction */
            if (o->speed_correction && !vb_metric_get(row.metric)->exact) {
                vb_gate_speed_factors(entries, n, speed_source(row.metric), p->normalised, key,
                                      o->paired, store, speed, own);
                factors = (const double(*)[VB_GATE_MAX_RUNS])own;
            }
            status = compare_metric(p, entries, n, key, factors, store, &row);
        }
    }
    free(store);
    free(speed);
    return status;
}

int vb_compare(const vb_sweep *baseline, int baseline_count, const vb_sweep *current,
               int current_count, const vb_compare_options *o, vb_comparison *out) {
    memset(out, 0, sizeof *out);
    out->baseline_runs = baseline_count;
    out->current_runs = current_count;
    if (o->paired && baseline_count != current_count) {
        vb_error_set("compare: --paired needs as many results files on each side (baseline %d, "
                     "current %d)",
                     baseline_count, current_count);
        return -VB_ERR_USAGE;
    }
    if (o->noise_floor && (!o->paired || baseline_count < 2)) {
        vb_error_set("compare: --noise-floor needs --paired sides of at least 2 results files");
        return -VB_ERR_USAGE;
    }
    out->pairs = o->paired ? baseline_count : 0;
    int different =
        vb_compare_sides(baseline, baseline_count, current, current_count, o->machine_factor, out);
    if (different && !o->cross_machine) {
        out->machines_differ = 1;
        return VB_OK;
    }
    out->advisory = different;
    out->normalised =
        o->normalise == VB_NORMALISE_ON || (o->normalise == VB_NORMALISE_AUTO && different);
    vb_compare_settings_warnings(baseline, baseline_count, current, current_count, out);

    vb_gate_entry *entries = NULL, *self = NULL;
    int n = 0, capacity = 0, status = -VB_ERR_FAILURE;
    if (vb_gate_collect(baseline, baseline_count, 0, &entries, &n, &capacity) != VB_OK ||
        vb_gate_collect(current, current_count, 1, &entries, &n, &capacity) != VB_OK)
        goto fail;
    out->speed_corrected = o->speed_correction;
    for (int m = 0; m < VB_METRIC_COUNT; m++)
        out->threshold_pct[m] =
            o->threshold_pct >= 0 ? o->threshold_pct : vb_metric_get((vb_metric)m)->threshold_pct;
    if (o->noise_floor) {
        /* Each side against itself: its files 2j (the "baseline") and 2j+1 (the "current"),
         * paired as file j. */
        if (n > 0 && !(self = malloc((size_t)n * sizeof *self))) goto fail;
        for (int side = 0; side < 2; side++) {
            int count = side ? current_count : baseline_count, m = 0;
            for (int i = 0; i < n; i++) {
                if (entries[i].side != side || entries[i].file >= count - count % 2) continue;
                self[m] = entries[i];
                self[m].side = entries[i].file % 2;
                self[m].file = entries[i].file / 2;
                m++;
            }
            compare_pass noise = {.options = o,
                                  .normalised = out->normalised,
                                  .thresholds = out->threshold_pct,
                                  .noise_into = out,
                                  .seed = BOOTSTRAP_SEED + 1 + (uint64_t)side};
            if (compare_entries(&noise, self, m) != VB_OK) goto fail;
        }
        out->noise_measured = 1;
    }
    compare_pass real = {.options = o,
                         .normalised = out->normalised,
                         .thresholds = out->threshold_pct,
                         .out = out,
                         .floors = out->noise_measured ? out : NULL,
                         .seed = BOOTSTRAP_SEED};
    if (compare_entries(&real, entries, n) != VB_OK) goto fail;
    status = VB_OK;
fail:
    if (status != VB_OK) {
        vb_error_set("compare: out of memory");
        vb_comparison_free(out);
    }
    free(self);
    free(entries);
    return status;
}

void vb_comparison_free(vb_comparison *c) {
    free(c->rows);
    c->rows = NULL;
    c->row_count = 0;
}
