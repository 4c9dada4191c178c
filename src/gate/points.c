#include "gate/points.h"

#include "common/error.h"

#include <stdlib.h>
#include <string.h>

int vb_gate_same_point(const vb_gate_entry *a, const vb_gate_entry *b) {
    const vb_run_options *x = &a->session->options, *y = &b->session->options;
    return x->view.view == y->view.view && x->view.width == y->view.width &&
           x->view.height == y->view.height && x->view.fps == y->view.fps && x->pace == y->pace &&
           strcmp(a->run->strategy->name, b->run->strategy->name) == 0;
}

int vb_gate_first_of_point(const vb_gate_entry *entries, int i) {
    for (int j = 0; j < i; j++)
        if (vb_gate_same_point(&entries[j], &entries[i])) return 0;
    return 1;
}

int vb_gate_collect(const vb_sweep *sweeps, int count, int side, vb_gate_entry **entries, int *n,
                    int *capacity) {
    for (int s = 0; s < count; s++) {
        for (int c = 0; c < sweeps[s].count; c++) {
            const vb_session *session = sweeps[s].sessions[c];
            if (!session) continue;
            for (int r = 0; r < session->run_count; r++) {
                const vb_run_record *run = &session->runs[r];
                if (run->status != VB_STRATEGY_OK || !run->frames) continue;
                if (*n == *capacity) {
                    int grown = *capacity ? 2 * *capacity : 64;
                    vb_gate_entry *more = realloc(*entries, (size_t)grown * sizeof *more);
                    if (!more) return -VB_ERR_FAILURE;
                    *entries = more;
                    *capacity = grown;
                }
                (*entries)[(*n)++] = (vb_gate_entry){session, run, side, s};
            }
        }
    }
    return VB_OK;
}

void vb_gate_build_group(const vb_gate_entry *entries, int n, const vb_gate_entry *key, int side,
                         vb_metric metric, int normalised, const double speed[2][VB_GATE_MAX_RUNS],
                         double **store, vb_run_group *group, int *files) {
    memset(group, 0, sizeof *group);
    for (int i = 0; i < n && group->run_count < VB_GATE_MAX_RUNS; i++) {
        if (entries[i].side != side || !vb_gate_same_point(&entries[i], key)) continue;
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
 * where a file has fewer than SPEED_MIN_POINTS such points.
 *
 * Uncentred, a change of the build that speeds up most points (a faster CPU renderer, which
 * three strategies of four use) reads as a faster machine under every current file, and the
 * point it did not speed up (gl-texture's producer, which renders on the GPU) as a regression
 * of the same size: the gate saw +16..+35 % there on an unchanged gl-texture. Centred, each
 * side's factors are divided by their median over that side's files, leaving only a file's
 * difference from its side's other files (its process's own state), which is what pairing
 * cannot cancel. */
#define SPEED_MIN_POINTS 3
#define SPEED_MAX_POINTS VB_GATE_SPEED_MAX_POINTS

/* Each side's computed factors over their median (`store`: room for VB_GATE_MAX_RUNS). */
static void centre_factors(double factors[2][VB_GATE_MAX_RUNS], int factored[2][VB_GATE_MAX_RUNS],
                           double *store) {
    for (int side = 0; side < 2; side++) {
        int count = 0;
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++)
            if (factored[side][f]) store[count++] = factors[side][f];
        if (count == 0) continue;
        vb_run_group g = {.run_count = 1, .values = {store}, .counts = {(size_t)count}};
        const double centre = vb_group_quantile(&g, 0.5, store + count);
        if (!(centre > 0)) continue;
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++)
            if (factored[side][f]) factors[side][f] /= centre;
    }
}

void vb_gate_speed_factors(const vb_gate_entry *entries, int n, vb_metric metric, int normalised,
                           const vb_gate_entry *exclude, int centred, double *store,
                           vb_speed_scratch *scratch, double factors[2][VB_GATE_MAX_RUNS]) {
    for (int side = 0; side < 2; side++)
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++)
            factors[side][f] = 1.0;
    double(*ratios)[VB_GATE_MAX_RUNS][VB_GATE_SPEED_MAX_POINTS] = scratch->ratios;
    int counts[2][VB_GATE_MAX_RUNS] = {{0}}, has_left_out[2][VB_GATE_MAX_RUNS] = {{0}};
    double(*left_out)[VB_GATE_MAX_RUNS] = scratch->left_out;
    int factored[2][VB_GATE_MAX_RUNS] = {{0}};
    for (int i = 0; i < n; i++) {
        if (!vb_gate_first_of_point(entries, i)) continue;
        const int excluded = exclude && vb_gate_same_point(&entries[i], exclude);
        double *cursor = store;
        vb_run_group base;
        vb_gate_build_group(entries, n, &entries[i], 0, metric, normalised, NULL, &cursor, &base,
                            NULL);
        double reference = vb_group_quantile(&base, 0.5, cursor);
        if (!(reference > 0)) continue;
        for (int k = 0; k < n; k++) {
            const vb_gate_entry *e = &entries[k];
            if (!vb_gate_same_point(e, &entries[i]) || e->file >= VB_GATE_MAX_RUNS) continue;
            vb_run_group one = {.run_count = 1, .values = {cursor}};
            one.counts[0] =
                vb_metric_samples(metric, e->run, normalised ? &e->session->limits : NULL, cursor);
            if (one.counts[0] == 0) continue;
            double here = vb_group_quantile(&one, 0.5, cursor + one.counts[0]);
            int *count = &counts[e->side][e->file];
            if (!(here > 0) || *count >= SPEED_MAX_POINTS) continue;
            /* the excluded point's ratio is kept last, for a file too small without it */
            if (excluded) {
                left_out[e->side][e->file] = here / reference;
                has_left_out[e->side][e->file] = 1;
            } else {
                ratios[e->side][e->file][(*count)++] = here / reference;
            }
        }
    }
    for (int side = 0; side < 2; side++) {
        for (int f = 0; f < VB_GATE_MAX_RUNS; f++) {
            int count = counts[side][f];
            if (count < SPEED_MIN_POINTS && has_left_out[side][f]) /* too few without it */
                ratios[side][f][count++] = left_out[side][f];
            if (count < SPEED_MIN_POINTS) continue;
            vb_run_group g = {.run_count = 1, .values = {ratios[side][f]}, .counts = {count}};
            factors[side][f] = vb_group_quantile(&g, 0.5, store);
            factored[side][f] = 1;
        }
    }
    if (centred) centre_factors(factors, factored, store);
}

int vb_gate_runs_at(const vb_gate_entry *entries, int n, const vb_gate_entry *key, int side) {
    int runs = 0;
    for (int i = 0; i < n; i++)
        runs += entries[i].side == side && vb_gate_same_point(&entries[i], key);
    return runs;
}
