#include "gate/compare.h"

#include "common/error.h"

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

/* One measured run of one strategy at one point, borrowed from its session. */
typedef struct entry {
    const vb_session *session;
    const vb_strategy_run *run;
    int side; /* 0 baseline, 1 current */
    int file; /* index of its results file on that side */
} entry;

static int same_point(const entry *a, const entry *b) {
    const vb_run_options *x = &a->session->options, *y = &b->session->options;
    return x->view.view == y->view.view && x->view.width == y->view.width &&
           x->view.height == y->view.height && x->view.fps == y->view.fps && x->pace == y->pace &&
           strcmp(a->run->ops->name, b->run->ops->name) == 0;
}

/* Whether entry i is the first of its point: visiting only those visits each point once. */
static int first_of_point(const entry *entries, int i) {
    for (int j = 0; j < i; j++)
        if (same_point(&entries[j], &entries[i])) return 0;
    return 1;
}

static int collect(const vb_sweep *sweeps, int count, int side, entry **entries, int *n,
                   int *capacity) {
    for (int s = 0; s < count; s++) {
        for (int c = 0; c < sweeps[s].count; c++) {
            const vb_session *session = sweeps[s].sessions[c];
            if (!session) continue;
            for (int r = 0; r < session->run_count; r++) {
                const vb_strategy_run *run = &session->runs[r];
                if (run->status != VB_STRATEGY_OK || !run->frames) continue;
                if (*n == *capacity) {
                    int grown = *capacity ? 2 * *capacity : 64;
                    entry *more = realloc(*entries, (size_t)grown * sizeof *more);
                    if (!more) return -VB_ERR_FAILURE;
                    *entries = more;
                    *capacity = grown;
                }
                (*entries)[(*n)++] = (entry){session, run, side, s};
            }
        }
    }
    return VB_OK;
}

static const vb_session *first_session(const vb_sweep *sweeps, int count) {
    for (int s = 0; s < count; s++)
        for (int c = 0; c < sweeps[s].count; c++)
            if (sweeps[s].sessions[c]) return sweeps[s].sessions[c];
    return NULL;
}

static void describe_side(const vb_session *s, char *machine, size_t machine_size, char *renderer,
                          size_t renderer_size) {
    if (!s) {
        snprintf(machine, machine_size, "(nothing measured)");
        snprintf(renderer, renderer_size, "(nothing measured)");
        return;
    }
    snprintf(machine, machine_size, "%s, %d logical cores", s->machine.cpu_model,
             s->machine.logical_cores);
    snprintf(renderer, renderer_size, "%s", s->gl_available ? s->gl.renderer : "(no GL)");
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

/* Fills `group` with the samples of `metric` of every entry at the point of `key` on `side`,
 * into `store` (advanced past what it used). */
static void build_group(const entry *entries, int n, const entry *key, int side, vb_metric metric,
                        int normalised, const double speed[2][VB_GATE_MAX_RUNS], double **store,
                        vb_run_group *group) {
    memset(group, 0, sizeof *group);
    for (int i = 0; i < n && group->run_count < VB_GATE_MAX_RUNS; i++) {
        if (entries[i].side != side || !same_point(&entries[i], key)) continue;
        size_t count = vb_metric_samples(metric, entries[i].run,
                                         normalised ? &entries[i].session->limits : NULL, *store);
        if (count == 0) continue;
        const double factor = speed ? speed[side][entries[i].file] : 1.0;
        for (size_t k = 0; k < count; k++)
            (*store)[k] /= factor;
        group->values[group->run_count] = *store;
        group->counts[group->run_count] = count;
        group->run_count++;
        *store += count;
    }
}

/* The speed factor of each results file for `metric`: the median, over the points it measured
 * that the baseline measured too, of its median there over the baseline's (runs pooled). A
 * machine that runs 15 % slow for a while makes every point of the files measured then about
 * 1.15 x; one strategy's regression moves a minority of the points and so not the median. 1
 * where a file has fewer than SPEED_MIN_POINTS such points. */
#define SPEED_MIN_POINTS 3
#define SPEED_MAX_POINTS 512

static void speed_factors(const entry *entries, int n, vb_metric metric, int normalised,
                          double *store, double factors[2][VB_GATE_MAX_RUNS]) {
    for (int side = 0; side < 2; side++)
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++)
            factors[side][f] = 1.0;
    static double ratios[2][VB_GATE_MAX_RUNS][SPEED_MAX_POINTS];
    int counts[2][VB_GATE_MAX_RUNS] = {{0}};
    for (int i = 0; i < n; i++) {
        if (!first_of_point(entries, i)) continue;
        double *cursor = store;
        vb_run_group base;
        build_group(entries, n, &entries[i], 0, metric, normalised, NULL, &cursor, &base);
        double reference = vb_group_quantile(&base, 0.5, cursor);
        if (!(reference > 0)) continue;
        for (int k = 0; k < n; k++) {
            const entry *e = &entries[k];
            if (!same_point(e, &entries[i]) || e->file >= VB_GATE_MAX_RUNS) continue;
            vb_run_group one = {.run_count = 1, .values = {cursor}};
            one.counts[0] =
                vb_metric_samples(metric, e->run, normalised ? &e->session->limits : NULL, cursor);
            if (one.counts[0] == 0) continue;
            double here = vb_group_quantile(&one, 0.5, cursor + one.counts[0]);
            int *count = &counts[e->side][e->file];
            if (here > 0 && *count < SPEED_MAX_POINTS)
                ratios[e->side][e->file][(*count)++] = here / reference;
        }
    }
    for (int side = 0; side < 2; side++) {
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++) {
            int count = counts[side][f];
            if (count < SPEED_MIN_POINTS) continue;
            vb_run_group g = {.run_count = 1, .values = {ratios[side][f]}, .counts = {count}};
            factors[side][f] = vb_group_quantile(&g, 0.5, store);
        }
    }
}

/* Whose points give a metric's speed factor: its own, except the copy's bandwidth, which only
 * pixel-copy has (its factor would be its own change, absorbing any regression of it): the
 * upload's bandwidth, memory-bound the same way, measured by three strategies, stands in. */
static vb_metric speed_source(vb_metric metric) {
    return metric == VB_METRIC_COPY_BANDWIDTH ? VB_METRIC_UPLOAD_BANDWIDTH : metric;
}

static int runs_at(const entry *entries, int n, const entry *key, int side) {
    int runs = 0;
    for (int i = 0; i < n; i++)
        runs += entries[i].side == side && same_point(&entries[i], key);
    return runs;
}

int vb_compare(const vb_sweep *baseline, int baseline_count, const vb_sweep *current,
               int current_count, const vb_compare_options *o, vb_comparison *out) {
    memset(out, 0, sizeof *out);
    out->baseline_runs = baseline_count;
    out->current_runs = current_count;
    const vb_session *b0 = first_session(baseline, baseline_count);
    const vb_session *c0 = first_session(current, current_count);
    describe_side(b0, out->baseline_machine, sizeof out->baseline_machine, out->baseline_renderer,
                  sizeof out->baseline_renderer);
    describe_side(c0, out->current_machine, sizeof out->current_machine, out->current_renderer,
                  sizeof out->current_renderer);
    out->same_machine = strcmp(out->baseline_machine, out->current_machine) == 0;
    out->same_renderer = strcmp(out->baseline_renderer, out->current_renderer) == 0;
    out->normalised =
        o->normalise == VB_NORMALISE_ON ||
        (o->normalise == VB_NORMALISE_AUTO && (!out->same_machine || !out->same_renderer));

    entry *entries = NULL;
    int n = 0, capacity = 0, row_capacity = 0, status = -VB_ERR_FAILURE;
    double *store = NULL;
    if (collect(baseline, baseline_count, 0, &entries, &n, &capacity) != VB_OK ||
        collect(current, current_count, 1, &entries, &n, &capacity) != VB_OK)
        goto fail;
    /* Room for the samples of one point and metric, both sides, twice (speed factors). */
    size_t room = 1;
    for (int i = 0; i < n; i++)
        room += 2 * (size_t)entries[i].run->length;
    if (!(store = malloc(room * sizeof *store))) goto fail;
    out->speed_corrected = o->speed_correction;
    static double speed[VB_METRIC_COUNT][2][VB_GATE_MAX_RUNS];
    for (int m = 0; m < o->metric_count; m++) {
        vb_metric metric = o->metrics[m];
        if (o->speed_correction)
            speed_factors(entries, n, speed_source(metric), out->normalised, store, speed[metric]);
        else
            for (int side = 0; side < 2; side++)
                for (int f = 0; f < VB_GATE_MAX_RUNS; f++)
                    speed[metric][side][f] = 1.0;
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++) {
            out->baseline_speed[f][metric] = speed[metric][0][f];
            out->current_speed[f][metric] = speed[metric][1][f];
        }
    }

    uint64_t seed = BOOTSTRAP_SEED;
    for (int i = 0; i < n; i++) {
        const entry *key = &entries[i];
        if (!first_of_point(entries, i)) continue; /* each point once */
        vb_comparison_row row = {.view = key->session->options.view.view,
                                 .width = key->session->options.view.width,
                                 .height = key->session->options.view.height,
                                 .fps = key->session->options.view.fps,
                                 .pace = key->session->options.pace,
                                 .strategy = key->run->ops->name,
                                 .baseline_runs = runs_at(entries, n, key, 0),
                                 .current_runs = runs_at(entries, n, key, 1)};
        if (!row.baseline_runs || !row.current_runs) {
            row.metric = o->metrics[0];
            row.decision = VB_CHANGE_NOT_COMPARABLE;
            row.reason = row.baseline_runs ? "measured in the baseline only"
                                           : "measured in the current results only";
            if (add_row(out, &row_capacity, &row) != VB_OK) goto fail;
            continue;
        }
        for (int m = 0; m < o->metric_count; m++) {
            const vb_metric_info *info = vb_metric_get(o->metrics[m]);
            row.metric = o->metrics[m];
            row.threshold_pct = o->threshold_pct >= 0 ? o->threshold_pct : info->threshold_pct;
            row.reason = NULL;
            double *cursor = store;
            vb_run_group base, cur;
            build_group(entries, n, key, 0, row.metric, out->normalised,
                        (const double(*)[VB_GATE_MAX_RUNS])speed[row.metric], &cursor, &base);
            build_group(entries, n, key, 1, row.metric, out->normalised,
                        (const double(*)[VB_GATE_MAX_RUNS])speed[row.metric], &cursor, &cur);
            if (!base.run_count && !cur.run_count) continue; /* not measured at all: n/a */
            memset(&row.interval, 0, sizeof row.interval);
            if (!base.run_count || !cur.run_count) {
                row.decision = VB_CHANGE_NOT_COMPARABLE;
                row.reason =
                    base.run_count ? "no value in the current results" : "no value in the baseline";
            } else if (vb_bootstrap_ratio(&base, &cur, info->quantile, o->iterations, o->confidence,
                                          seed++, &row.interval) != VB_OK) {
                row.decision = VB_CHANGE_NOT_COMPARABLE;
                row.reason = "no positive values to compare";
            } else {
                row.decision = decide(info, &row.interval, row.threshold_pct);
            }
            if (add_row(out, &row_capacity, &row) != VB_OK) goto fail;
        }
    }
    status = VB_OK;
fail:
    if (status != VB_OK) {
        vb_error_set("compare: out of memory");
        vb_comparison_free(out);
    }
    free(store);
    free(entries);
    return status;
}

void vb_comparison_free(vb_comparison *c) {
    free(c->rows);
    c->rows = NULL;
    c->row_count = 0;
}
