/* Queries over the evidence and wording helpers the claims share (verdict/claims.c). */
#include "verdict/claim_support.h"

#include "transfer/frb_hop.h"
#include "transfer/strategy.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
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
    return !vb_facts_have(p->facts, VB_CAP_RENDERS_ON_GPU) &&
           (!copy_free || p->summary.copied_mb_per_frame == 0);
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

/* "A holds; B: 100 % never shown" for every strategy at p's place. */
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

/* "CPU 23.1 % of a core", or "CPU 23.1-27.4 % of a core (3 runs)" when the repeats differ. */
static void describe_range(char *dst, size_t size, const char *label, vb_range r, const char *unit,
                           int repeats) {
    if (repeats > 1 && r.high - r.low >= 0.05)
        vb_claim_appendf(dst, size, "%s%s %.1f-%.1f%s (%d runs)", dst[0] ? ", " : "", label, r.low,
                         r.high, unit, repeats);
    else
        vb_claim_appendf(dst, size, "%s%s %.1f%s", dst[0] ? ", " : "", label, r.mean, unit);
}

vb_hold vb_point_judge(const vb_point *p, const vb_thresholds *t, char *why, size_t size) {
    char scratch[8];
    if (!why) {
        why = scratch;
        size = sizeof scratch;
    }
    why[0] = '\0';
    if (!p->measured) {
        snprintf(why, size, "did not run to the end (%s)", vb_strategy_status_name(p->status));
        return VB_FAILS;
    }
    if (!p->picture_ok) {
        snprintf(why, size, "showed a different picture");
        return VB_FAILS;
    }
    const double budget = p->summary.budget_ms > 0 ? p->summary.budget_ms : 1000.0 / p->fps;
    vb_repeat_figures all[VB_POINT_MAX_REPEATS];
    const int runs = vb_point_figures(p, all);
    int holding = 0, measured = 0;
    for (int i = 0; i < runs; i++) {
        const vb_repeat_figures *r = &all[i];
        if (!r->measured) continue;
        measured++;
        holding += r->dropped_pct <= t->max_dropped_pct &&
                   r->latency_p99_ms / budget <= t->max_latency_frames &&
                   r->process_cpu_pct <= t->max_cpu_pct;
    }
    /* Each limit over the runs: all above it, or straddling it (then undecided). */
    const vb_range dropped = vb_point_range(p, offsetof(vb_repeat_figures, dropped_pct));
    vb_range latency = vb_point_range(p, offsetof(vb_repeat_figures, latency_p99_ms));
    const vb_range cpu = vb_point_range(p, offsetof(vb_repeat_figures, process_cpu_pct));
    latency.low /= budget, latency.high /= budget, latency.mean /= budget;
    if (dropped.high > t->max_dropped_pct)
        describe_range(why, size, "frames never shown", dropped, " %", measured);
    if (latency.high > t->max_latency_frames)
        describe_range(why, size, "p99 latency", latency, " frames", measured);
    if (cpu.high > t->max_cpu_pct) describe_range(why, size, "CPU", cpu, " % of a core", measured);
    if (holding == measured) {
        why[0] = '\0';
        return VB_HOLDS;
    }
    return holding == 0 ? VB_FAILS : VB_HOLD_UNDECIDED;
}

int vb_point_holds(const vb_point *p, const vb_thresholds *t, char *why, size_t size) {
    return vb_point_judge(p, t, why, size) == VB_HOLDS;
}

const char *vb_claim_role(const vb_evidence *e, unsigned role, const char *otherwise) {
    for (int i = 0; i < e->count; i++)
        if (e->points[i].facts->roles & role) return e->points[i].strategy;
    return otherwise;
}

void vb_claim_family_names(const vb_evidence *e, vb_strategy_family family, const char *sep,
                           char *dst, size_t size) {
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int n = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    dst[0] = '\0';
    for (int i = 0; i < n; i++)
        if (all[i]->family == family)
            vb_claim_appendf(dst, size, "%s%s", dst[0] ? sep : "", all[i]->name);
}

int vb_evidence_by_preference(const vb_evidence *e, const vb_strategy_facts **out, int max) {
    const int n = vb_evidence_strategies(e, out, max);
    for (int i = 1; i < n; i++) /* insertion sort: a handful of strategies, stable */
        for (int k = i; k > 0; k--) {
            const vb_strategy_facts *a = out[k - 1], *b = out[k];
            if (a->family < b->family || (a->family == b->family && a->preference <= b->preference))
                break;
            out[k - 1] = b;
            out[k] = a;
        }
    return n;
}

/* Whether a strategy is one of the ways of sharing GPU frames on Android: GPU-rendered, of the
 * GPU sharing family or Android's own paths, and its path exists there. */
static int shares_on_android(const vb_strategy_facts *f) {
    return vb_facts_have(f, VB_CAP_RENDERS_ON_GPU) && (f->platforms & VB_PLATFORM_ANDROID) &&
           (f->family == VB_FAMILY_GPU_SHARING || f->family == VB_FAMILY_ANDROID_PATH);
}

static int is_chain(const vb_strategy_facts *f) {
    return f->family == VB_FAMILY_FLUTTER_CHAIN;
}

static int is_sharing(const vb_strategy_facts *f) {
    return f->family == VB_FAMILY_GPU_SHARING;
}

int vb_claim_has_android_sharing(const vb_evidence *e) {
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int count = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    for (int i = 0; i < count; i++)
        if (shares_on_android(all[i])) return 1;
    return 0;
}

static int points_where(const vb_evidence *e, int view, int (*take)(const vb_strategy_facts *),
                        const vb_point **out, int max) {
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int count = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    int n = 0;
    for (int i = 0; i < count; i++) {
        if (!take(all[i])) continue;
        const vb_point *p = view >= 0 ? vb_claim_note_point(e, (vb_view_kind)view, all[i]->name)
                                      : vb_claim_note_point_any_view(e, all[i]->name);
        if (p && n < max) out[n++] = p;
    }
    return n;
}

int vb_claim_chain_points(const vb_evidence *e, int view, const vb_point **out, int max) {
    return points_where(e, view, is_chain, out, max);
}

int vb_claim_sharing_points(const vb_evidence *e, int view, const vb_point **out, int max) {
    return points_where(e, view, vb_claim_has_android_sharing(e) ? shares_on_android : is_sharing,
                        out, max);
}

void vb_claim_sharing_names(const vb_evidence *e, char *dst, size_t size) {
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int count = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    int (*take)(const vb_strategy_facts *) =
        vb_claim_has_android_sharing(e) ? shares_on_android : is_sharing;
    dst[0] = '\0';
    for (int i = 0; i < count; i++)
        if (take(all[i])) vb_claim_appendf(dst, size, "%s%s", dst[0] ? ", " : "", all[i]->name);
}

void vb_claim_path_name(const vb_point *p, char *dst, size_t size) {
    if (vb_facts_have(p->facts, VB_CAP_FRB_CODEC))
        snprintf(dst, size, "%s (%s)", p->strategy, vb_frb_codec_name(p->frb_codec));
    else if (vb_facts_have(p->facts, VB_CAP_PRODUCER_PROCESS))
        snprintf(dst, size, "%s (%s process)", p->strategy,
                 p->producer_process == VB_PRODUCER_SEPARATE ? "separate" : "same");
    else
        snprintf(dst, size, "%s", p->strategy);
}

void vb_claim_cpu_sensitivity(vb_claim *c, vb_range share, double limit, const char *what) {
    if (share.high <= 0 || limit <= 0) return;
    if (share.high <= limit) {
        c->cpu_factor = limit / share.high;
        snprintf(c->sensitivity, sizeof c->sensitivity,
                 "%s on any CPU up to %.1fx slower than this one (or with a budget %.1fx "
                 "smaller: CPU %.1f %% of a core at worst, limit %.0f %%)",
                 what, c->cpu_factor, c->cpu_factor, share.high, limit);
    } else if (share.low > limit) {
        c->cpu_factor = limit / share.low;
        snprintf(c->sensitivity, sizeof c->sensitivity,
                 "the verdict flips on a CPU %.1fx faster than this one (CPU %.1f %% of a core "
                 "at best, limit %.0f %%)",
                 1.0 / c->cpu_factor, share.low, limit);
    } else {
        c->cpu_factor = 1.0;
        snprintf(c->sensitivity, sizeof c->sensitivity,
                 "on the edge: the runs' CPU (%.1f-%.1f %% of a core) straddles the %.0f %% limit",
                 share.low, share.high, limit);
    }
}

void vb_claim_renderer_name(const vb_evidence *e, char *dst, size_t size) {
    size_t cut = strcspn(e->renderer, "(|");
    while (cut > 0 && e->renderer[cut - 1] == ' ')
        cut--;
    snprintf(dst, size, "%.*s", (int)cut, e->renderer);
}
