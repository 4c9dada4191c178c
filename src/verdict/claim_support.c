/* Queries over the evidence and wording helpers the claims share (verdict/claims.c). */
#include "verdict/claim_support.h"

#include "transfer/strategy.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void vb_claim_appendf(char *dst, size_t size, const char *fmt, ...) {
    size_t used = strlen(dst);
    if (used + 1 >= size) return;
    va_list args;
    va_start(args, fmt);
    vsnprintf(dst + used, size - used, fmt, args);
    va_end(args);
}

/* ---- helpers over the evidence ----------------------------------------------------------- */

/* A point whose process CPU lies within 10 % of the limit: run-to-run noise on a shared machine
 * can move it across, so a verdict it decides says so. */
int vb_claim_near_cpu_limit(const vb_point *p, const vb_thresholds *t) {
    return p && p->measured &&
           fabs(p->summary.process_cpu_pct - t->max_cpu_pct) < 0.1 * t->max_cpu_pct;
}

void vb_claim_note_narrow_margin(vb_claim *c, const vb_thresholds *t) {
    vb_claim_appendf(
        c->reason, sizeof c->reason,
        " (narrow margin: CPU within 10 %% of the %.0f %% limit, so another run may decide it "
        "the other way)",
        t->max_cpu_pct);
}

void vb_claim_caution_if_near(vb_claim *c, const vb_point *a, const vb_point *b,
                              const vb_thresholds *t) {
    if (vb_claim_near_cpu_limit(a, t) || vb_claim_near_cpu_limit(b, t))
        vb_claim_note_narrow_margin(c, t);
}

/* The CPU-rendered strategies, from the registry: `copy_free` keeps those whose points here
 * copied nothing on the CPU (C4's "a strategy without the copy"). */
int vb_claim_cpu_rendered(const vb_point *p, int copy_free) {
    return !p->renders_on_gpu && (!copy_free || p->summary.copied_mb_per_frame == 0);
}

const vb_point *vb_claim_note_point(const vb_evidence *e, vb_view_kind view, const char *strategy) {
    return vb_evidence_find(e, view, VB_NOTE_WIDTH, VB_NOTE_HEIGHT, VB_NOTE_FPS, strategy);
}

/* The spectrum at the note's case if measured, else any view there. */
const vb_point *vb_claim_note_point_any_view(const vb_evidence *e, const char *strategy) {
    const vb_point *p = vb_claim_note_point(e, VB_VIEW_SPECTRUM, strategy);
    for (int v = 0; !p && v < VB_VIEW_COUNT; v++)
        p = vb_claim_note_point(e, (vb_view_kind)v, strategy);
    return p;
}

double vb_claim_pixel_rate(const vb_point *p) {
    return (double)p->width * (double)p->height * (double)p->fps;
}

/* The measured point of `strategy` in `view` (any view when view < 0) with the smallest pixel
 * rate that does not hold the budget; NULL when it holds everywhere. */
const vb_point *vb_claim_smallest_failure(const vb_evidence *e, int view, const char *strategy,
                                          const vb_thresholds *t, int *measured_points) {
    const vb_point *best = NULL;
    *measured_points = 0;
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        if ((view >= 0 && (int)p->view != view) || strcmp(p->strategy, strategy) != 0) continue;
        if (p->status == VB_STRATEGY_NOT_RUN || p->status == VB_STRATEGY_INTERRUPTED) continue;
        (*measured_points)++;
        if (vb_point_holds(p, t, NULL, 0)) continue;
        if (!best || vb_claim_pixel_rate(p) < vb_claim_pixel_rate(best) ||
            (vb_claim_pixel_rate(p) == vb_claim_pixel_rate(best) &&
             p->width * p->height < best->width * best->height))
            best = p;
    }
    return best;
}

const vb_point *vb_claim_largest_point(const vb_evidence *e, const char *strategy) {
    const vb_point *best = NULL;
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        if (!p->measured || strcmp(p->strategy, strategy) != 0) continue;
        if (!best || vb_claim_pixel_rate(p) > vb_claim_pixel_rate(best)) best = p;
    }
    return best;
}

void vb_claim_describe_point(const vb_point *p, char *dst, size_t size) {
    snprintf(dst, size, "%s %dx%d@%d", vb_view_name(p->view), p->width, p->height, p->fps);
}

/* "shared-buffer holds; gl-texture: 100 % never shown" for every strategy at p's place. */
void vb_claim_strategies_at(const vb_evidence *e, const vb_point *at, const vb_thresholds *t,
                            char *dst, size_t size) {
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        if (p->combination != at->combination || p->view != at->view || p->width != at->width ||
            p->height != at->height || p->fps != at->fps)
            continue;
        char why[200];
        int holds = vb_point_holds(p, t, why, sizeof why);
        vb_claim_appendf(dst, size, "%s%s %s%s", dst[0] && dst[strlen(dst) - 1] != ' ' ? "; " : "",
                         p->strategy, holds ? "holds" : "fails: ", holds ? "" : why);
    }
}

const vb_point *vb_claim_at_same_place(const vb_evidence *e, const vb_point *at,
                                       const char *strategy) {
    return vb_evidence_find(e, at->view, at->width, at->height, at->fps, strategy);
}

void vb_claim_holds_rule(const vb_thresholds *t, char *dst, size_t size) {
    snprintf(dst, size,
             "holds the budget = reference picture, <= %.1f %% of due frames never shown, p99 "
             "latency <= %.1f frame periods, process CPU <= %.0f %% of one core",
             t->max_dropped_pct, t->max_latency_frames, t->max_cpu_pct);
}

void vb_claim_set(vb_claim *c, vb_verdict verdict, const char *fmt, ...) VB_PRINTF(3, 4);

void vb_claim_set(vb_claim *c, vb_verdict verdict, const char *fmt, ...) {
    c->verdict = verdict;
    va_list args;
    va_start(args, fmt);
    vsnprintf(c->reason, sizeof c->reason, fmt, args);
    va_end(args);
}

int vb_point_holds(const vb_point *p, const vb_thresholds *t, char *why, size_t size) {
    char scratch[8];
    if (!why) {
        why = scratch;
        size = sizeof scratch;
    }
    why[0] = '\0';
    if (!p->measured) {
        snprintf(why, size, "did not run to the end (%s)", vb_strategy_status_name(p->status));
        return 0;
    }
    if (!p->picture_ok) {
        snprintf(why, size, "showed a different picture");
        return 0;
    }
    const vb_run_summary *s = &p->summary;
    const double dropped = vb_point_dropped_pct(p);
    const double latency_frames = s->latency_ms.p99 / s->budget_ms;
    if (dropped > t->max_dropped_pct)
        vb_claim_appendf(why, size, "%.1f %% of frames never shown", dropped);
    if (latency_frames > t->max_latency_frames)
        vb_claim_appendf(why, size, "%sp99 latency %.1f ms = %.1f frames", why[0] ? ", " : "",
                         s->latency_ms.p99, latency_frames);
    if (s->process_cpu_pct > t->max_cpu_pct)
        vb_claim_appendf(why, size, "%sCPU %.1f %% of a core", why[0] ? ", " : "",
                         s->process_cpu_pct);
    return why[0] == '\0';
}
