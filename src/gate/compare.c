#include "gate/compare.h"

#include "common/error.h"

#include <stdarg.h>
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
                          size_t renderer_size, char *revision, size_t revision_size) {
    if (!s) {
        snprintf(machine, machine_size, "(nothing measured)");
        snprintf(renderer, renderer_size, "(nothing measured)");
        snprintf(revision, revision_size, "(unknown)");
        return;
    }
    snprintf(revision, revision_size, "%s", s->machine.version[0] ? s->machine.version : "unknown");
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

/* The size of a change in the same symmetric terms: 0.85 and 1/0.85 are both 17.6 %. */
static double change_size_pct(double ratio) {
    return ((ratio >= 1.0 ? ratio : 1.0 / ratio) - 1.0) * 100.0;
}

/* Fills `group` with the samples of `metric` of every entry at the point of `key` on `side`,
 * into `store` (advanced past what it used); `files` (optional) gets each run's file. */
static void build_group(const entry *entries, int n, const entry *key, int side, vb_metric metric,
                        int normalised, const double speed[2][VB_GATE_MAX_RUNS], double **store,
                        vb_run_group *group, int *files) {
    memset(group, 0, sizeof *group);
    for (int i = 0; i < n && group->run_count < VB_GATE_MAX_RUNS; i++) {
        if (entries[i].side != side || !same_point(&entries[i], key)) continue;
        size_t count = vb_metric_samples(metric, entries[i].run,
                                         normalised ? &entries[i].session->limits : NULL, *store);
        if (count == 0) continue;
        const double factor = speed ? speed[side][entries[i].file] : 1.0;
        for (size_t k = 0; k < count; k++)
            (*store)[k] /= factor;
        if (files) files[group->run_count] = entries[i].file;
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
        build_group(entries, n, &entries[i], 0, metric, normalised, NULL, &cursor, &base, NULL);
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

static vb_noise_floor *find_floor(vb_comparison *c, const char *strategy, int create) {
    for (int i = 0; i < c->noise_count; i++)
        if (strcmp(c->noise[i].strategy, strategy) == 0) return &c->noise[i];
    if (!create || c->noise_count == VB_COMPARE_MAX_STRATEGIES) return NULL;
    vb_noise_floor *f = &c->noise[c->noise_count++];
    memset(f, 0, sizeof *f);
    f->strategy = strategy;
    return f;
}

double vb_comparison_noise_floor(const vb_comparison *c, const char *strategy, vb_metric metric) {
    vb_noise_floor *f = find_floor((vb_comparison *)c, strategy, 0);
    return f ? f->pct[metric] : 0.0;
}

static int keep_row(compare_pass *p, const vb_comparison_row *row) {
    if (p->out) return add_row(p->out, &p->row_capacity, row);
    vb_noise_floor *f = find_floor(p->noise_into, row->strategy, 1);
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
static int compare_metric(compare_pass *p, const entry *entries, int n, const entry *key,
                          const double speed[2][VB_GATE_MAX_RUNS], double *store,
                          vb_comparison_row *row) {
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
    build_group(entries, n, key, 0, row->metric, p->normalised, speed, &cursor, &base, base_files);
    build_group(entries, n, key, 1, row->metric, p->normalised, speed, &cursor, &cur, cur_files);
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

static int compare_entries(compare_pass *p, const entry *entries, int n) {
    const vb_compare_options *o = p->options;
    /* Room for the samples of one point and metric, both sides, twice (speed factors). */
    size_t room = 1;
    for (int i = 0; i < n; i++)
        room += 2 * (size_t)entries[i].run->length;
    double *store = malloc(room * sizeof *store);
    if (!store) return -VB_ERR_FAILURE;
    static double speed[VB_METRIC_COUNT][2][VB_GATE_MAX_RUNS];
    for (int m = 0; m < o->metric_count; m++) {
        vb_metric metric = o->metrics[m];
        if (o->speed_correction && !vb_metric_get(metric)->exact)
            speed_factors(entries, n, speed_source(metric), p->normalised, store, speed[metric]);
        else
            for (int side = 0; side < 2; side++)
                for (int f = 0; f < VB_GATE_MAX_RUNS; f++)
                    speed[metric][side][f] = 1.0;
        if (!p->out) continue;
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++) {
            p->out->baseline_speed[f][metric] = speed[metric][0][f];
            p->out->current_speed[f][metric] = speed[metric][1][f];
        }
    }
    int status = VB_OK;
    for (int i = 0; i < n && status == VB_OK; i++) {
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
            status = keep_row(p, &row);
            continue;
        }
        for (int m = 0; m < o->metric_count && status == VB_OK; m++) {
            row.metric = o->metrics[m];
            status =
                compare_metric(p, entries, n, key,
                               (const double(*)[VB_GATE_MAX_RUNS])speed[row.metric], store, &row);
        }
    }
    free(store);
    return status;
}

static void add_warning(vb_comparison *out, const char *fmt, ...) VB_PRINTF(2, 3);
static void add_warning(vb_comparison *out, const char *fmt, ...) {
    if (out->warning_count == VB_COMPARE_MAX_WARNINGS) return;
    va_list args;
    va_start(args, fmt);
    vsnprintf(out->warnings[out->warning_count++], sizeof out->warnings[0], fmt, args);
    va_end(args);
}

static void reference_range(const vb_sweep *sweeps, int count, vb_reference_range *range) {
    memset(range, 0, sizeof *range);
    for (int s = 0; s < count; s++) {
        for (int c = 0; c < sweeps[s].count; c++) {
            const vb_session *session = sweeps[s].sessions[c];
            if (!session) continue;
            double m = session->limits.memcpy_gbps, u = session->limits.upload_gbps;
            if (m > 0) {
                if (!(range->memcpy_low > 0) || m < range->memcpy_low) range->memcpy_low = m;
                if (m > range->memcpy_high) range->memcpy_high = m;
            }
            if (u > 0) {
                if (!(range->upload_low > 0) || u < range->upload_low) range->upload_low = u;
                if (u > range->upload_high) range->upload_high = u;
            }
        }
    }
}

/* Whether two ranges of one reference lie more than `factor` apart (neither side empty). */
static int ranges_apart(double a_low, double a_high, double b_low, double b_high, double factor) {
    if (!(a_low > 0) || !(b_low > 0)) return 0;
    return b_low > a_high * factor || b_high < a_low / factor;
}

/* Fills machine_reason and returns 1 when the two sides were measured on different machines
 * or GL renderers (see the header). */
static int machines_differ(vb_comparison *out, double factor) {
    const vb_reference_range *b = &out->baseline_reference, *c = &out->current_reference;
    if (!out->same_machine) {
        snprintf(out->machine_reason, sizeof out->machine_reason,
                 "different machines: the baseline ran on %s, the current on %s",
                 out->baseline_machine, out->current_machine);
        return 1;
    }
    if (!out->same_renderer) {
        snprintf(out->machine_reason, sizeof out->machine_reason,
                 "different GL renderers: the baseline ran on %s, the current on %s",
                 out->baseline_renderer, out->current_renderer);
        return 1;
    }
    if (ranges_apart(b->memcpy_low, b->memcpy_high, c->memcpy_low, c->memcpy_high, factor)) {
        snprintf(out->machine_reason, sizeof out->machine_reason,
                 "a different machine under the same label: memcpy reference %.1f-%.1f GB/s "
                 "in the baseline, %.1f-%.1f GB/s in the current (over %.1f x apart)",
                 b->memcpy_low, b->memcpy_high, c->memcpy_low, c->memcpy_high, factor);
        return 1;
    }
    if (ranges_apart(b->upload_low, b->upload_high, c->upload_low, c->upload_high, factor)) {
        snprintf(out->machine_reason, sizeof out->machine_reason,
                 "a different machine under the same label: plain-upload reference %.1f-%.1f "
                 "GB/s in the baseline, %.1f-%.1f GB/s in the current (over %.1f x apart)",
                 b->upload_low, b->upload_high, c->upload_low, c->upload_high, factor);
        return 1;
    }
    return 0;
}

/* Settings that change the figures without changing the point (frames, warm-up, ...), the
 * input, and too few runs: each a warning line, none a failure. */
static void settings_warnings(const vb_sweep *baseline, int baseline_count, const vb_sweep *current,
                              int current_count, vb_comparison *out) {
    const vb_session *first = first_session(baseline, baseline_count);
    if (!first) return;
    const vb_run_options *a = &first->options;
    int frames = 0, warmup = 0, slots = 0, pool = 0, verify = 0, timers = 0, input = 0;
    for (int side = 0; side < 2; side++) {
        const vb_sweep *sweeps = side ? current : baseline;
        int count = side ? current_count : baseline_count;
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < sweeps[s].count; c++) {
                const vb_session *session = sweeps[s].sessions[c];
                if (!session) continue;
                const vb_run_options *b = &session->options;
                frames |= a->frames != b->frames;
                warmup |= a->warmup != b->warmup;
                slots |= a->slots != b->slots;
                pool |= a->pool != b->pool;
                verify |= a->verify_every != b->verify_every;
                timers |= a->gpu_timers != b->gpu_timers;
                input |= strcmp(first->input.sha256, session->input.sha256) != 0;
            }
        }
    }
    const struct {
        int differs;
        const char *name;
    } settings[] = {{frames, "frames"}, {warmup, "warm-up"}, {slots, "slots"},
                    {pool, "pool"},     {verify, "verify"},  {timers, "gpu-timers"}};
    char names[96] = "";
    for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++)
        if (settings[k].differs)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     names[0] ? ", " : "", settings[k].name);
    if (names[0])
        add_warning(out,
                    "measured with different settings (%s): a change may come from them, "
                    "not from the build",
                    names);
    if (input) add_warning(out, "the inputs differ (SHA-256): the frames drawn are not the same");
    if (baseline_count == 1 && current_count == 1)
        add_warning(out, "one results file per side: the interval cannot hold the run-to-run "
                         "drift of the machine; compare repeated runs (scripts/gate does)");
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
    const vb_session *b0 = first_session(baseline, baseline_count);
    const vb_session *c0 = first_session(current, current_count);
    describe_side(b0, out->baseline_machine, sizeof out->baseline_machine, out->baseline_renderer,
                  sizeof out->baseline_renderer, out->baseline_revision,
                  sizeof out->baseline_revision);
    describe_side(c0, out->current_machine, sizeof out->current_machine, out->current_renderer,
                  sizeof out->current_renderer, out->current_revision,
                  sizeof out->current_revision);
    out->same_machine = strcmp(out->baseline_machine, out->current_machine) == 0;
    out->same_renderer = strcmp(out->baseline_renderer, out->current_renderer) == 0;
    reference_range(baseline, baseline_count, &out->baseline_reference);
    reference_range(current, current_count, &out->current_reference);
    int different = machines_differ(out, o->machine_factor);
    if (different && !o->cross_machine) {
        out->machines_differ = 1;
        return VB_OK;
    }
    out->advisory = different;
    out->normalised =
        o->normalise == VB_NORMALISE_ON || (o->normalise == VB_NORMALISE_AUTO && different);
    settings_warnings(baseline, baseline_count, current, current_count, out);

    entry *entries = NULL, *self = NULL;
    int n = 0, capacity = 0, status = -VB_ERR_FAILURE;
    if (collect(baseline, baseline_count, 0, &entries, &n, &capacity) != VB_OK ||
        collect(current, current_count, 1, &entries, &n, &capacity) != VB_OK)
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
