/* The note's claims, each judged on the evidence (verdict/claims.h). */
#include "verdict/claims.h"

#include "transfer/strategy.h"
#include "verdict/claim_support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void vb_thresholds_defaults(vb_thresholds *t) {
    t->arithmetic_pct = 10.0;
    t->copy_share_pct = 5.0;
    t->max_dropped_pct = 1.0;
    t->max_latency_frames = 2.0;
    t->max_cpu_pct = 25.0;
}

const char *vb_verdict_name(vb_verdict verdict) {
    static const char *const names[] = {"supported", "refuted", "not testable here"};
    return names[verdict];
}

/* ---- the claims -------------------------------------------------------------------------- */

static void claim_frame_arithmetic(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    const double bytes = (double)VB_NOTE_WIDTH * VB_NOTE_HEIGHT * 4;
    const double rate = bytes * VB_NOTE_FPS;
    const double bytes_off = 100.0 * (VB_NOTE_FRAME_BYTES - bytes) / bytes;
    const double rate_off = 100.0 * (VB_NOTE_RATE_BYTES - rate) / rate;
    snprintf(c->measured, sizeof c->measured,
             "1080x200x4 = %.0f B (note ~800 KB: %+.1f %%); x 60 fps = %.2f MB/s (note ~48 MB/s: "
             "%+.1f %%). Moved per frame at 1080x200@60:",
             bytes, bytes_off, rate / 1e6, rate_off);
    snprintf(c->threshold, sizeof c->threshold,
             "the note's figures within %.0f %% of the exact ones, and pixel-copy measured "
             "copying one frame (%.0f B) per frame",
             t->arithmetic_pct, bytes);
    int any = 0;
    const vb_point *copy = NULL;
    for (int i = 0; i < vb_strategy_count; i++) {
        const vb_point *p = vb_claim_note_point_any_view(e, vb_strategy_list[i]->name);
        if (!p) continue;
        any = 1;
        if (strcmp(p->strategy, "pixel-copy") == 0) copy = p;
        vb_claim_appendf(c->measured, sizeof c->measured,
                         " %s %.1f KB copied + %.1f KB to GL (%s);", p->strategy,
                         p->summary.copied_mb_per_frame * 1e3, p->summary.to_gpu_mb_per_frame * 1e3,
                         vb_view_name(p->view));
    }
    if (copy)
        vb_claim_appendf(c->measured, sizeof c->measured,
                         " pixel-copy moves the frame twice (copy, then upload): %.1f MB/s in all",
                         (copy->summary.copied_mb_per_frame + copy->summary.to_gpu_mb_per_frame) *
                             60);
    if (!any || !copy) {
        vb_claim_set(
            c, VB_NOT_TESTABLE,
            "no pixel-copy run at 1080x200@60 in these results: the bytes moved were not measured");
        return;
    }
    const double copied = copy->summary.copied_mb_per_frame * 1e6;
    if (fabs(bytes_off) > t->arithmetic_pct || fabs(rate_off) > t->arithmetic_pct) {
        vb_claim_set(c, VB_REFUTED,
                     "the note's rounded figures are off by %.1f %% and %.1f %%, more than "
                     "the %.0f %% allowed",
                     fabs(bytes_off), fabs(rate_off), t->arithmetic_pct);
    } else if (fabs(copied - bytes) > 0.005 * bytes) {
        vb_claim_set(c, VB_REFUTED, "pixel-copy copied %.0f B per frame, not one frame of %.0f B",
                     copied, bytes);
    } else {
        vb_claim_set(
            c, VB_SUPPORTED,
            "the arithmetic holds (the note rounds 864 KB down to ~800 KB) and one frame is "
            "copied per frame; note that the upload after it moves the same bytes again");
    }
}

static void claim_bandwidth(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    const vb_point *p = vb_claim_note_point_any_view(e, "pixel-copy");
    snprintf(c->threshold, sizeof c->threshold,
             "\"easily\" = pixel-copy's copy stage takes <= %.1f %% of one core at 60 fps "
             "(equal to its share of the frame budget)",
             t->copy_share_pct);
    if (!p) {
        snprintf(c->measured, sizeof c->measured, "no pixel-copy run at 1080x200@60");
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured at the note's case");
        return;
    }
    const vb_run_summary *s = &p->summary;
    const double share = s->transfer_ms.mean * p->fps / 10.0;
    const double budget_share = 100.0 * s->transfer_ms.mean / s->budget_ms;
    snprintf(c->measured, sizeof c->measured,
             "memcpy %.1f GB/s on frame-sized buffers (note's premise > %.0f GB/s: %s); "
             "pixel-copy's copy (allocation + memcpy) %.3f ms per frame at %.1f GB/s "
             "(%.0f %% of the memcpy reference) = %.2f %% of one core and %.2f %% of the "
             "%.1f ms budget (%s)",
             p->memcpy_gbps, VB_NOTE_MEMORY_GBPS,
             p->memcpy_gbps > VB_NOTE_MEMORY_GBPS ? "met" : "not met on this machine",
             s->transfer_ms.mean, s->copy_gbps,
             p->memcpy_gbps > 0 ? 100.0 * s->copy_gbps / p->memcpy_gbps : 0.0, share, budget_share,
             s->budget_ms, vb_view_name(p->view));
    if (share <= t->copy_share_pct)
        vb_claim_set(c, VB_SUPPORTED,
                     "the copy costs %.2f %% of a core, within the %.1f %% allowed%s", share,
                     t->copy_share_pct,
                     p->memcpy_gbps > VB_NOTE_MEMORY_GBPS
                         ? ""
                         : ", even though this machine's memcpy is below the note's 20 GB/s");
    else
        vb_claim_set(c, VB_REFUTED,
                     "the copy costs %.2f %% of a core, more than the %.1f %% allowed", share,
                     t->copy_share_pct);
}

static void claim_spectrum_copy(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    const vb_point *p = vb_claim_note_point(e, VB_VIEW_SPECTRUM, "pixel-copy");
    vb_claim_holds_rule(t, c->threshold, sizeof c->threshold);
    vb_claim_appendf(c->threshold, sizeof c->threshold,
                     ", for pixel-copy, spectrum %d bars, 1080x200@60", VB_NOTE_BARS);
    if (!p || p->bars != VB_NOTE_BARS) {
        snprintf(c->measured, sizeof c->measured,
                 "no pixel-copy run of a %d-bar spectrum at 1080x200@60", VB_NOTE_BARS);
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured at the note's case");
        return;
    }
    const vb_run_summary *s = &p->summary;
    char why[300];
    int holds = vb_point_holds(p, t, why, sizeof why);
    snprintf(c->measured, sizeof c->measured,
             "pixel-copy, spectrum %d bars 1080x200@60: %.1f fps shown, %.1f %% never shown, "
             "latency p50 %.2f / p99 %.2f ms, process CPU %.1f %% of a core (producer %.3f ms, "
             "consumer %.3f ms per frame)",
             p->bars, s->fps, vb_point_dropped_pct(p), s->latency_ms.p50, s->latency_ms.p99,
             s->process_cpu_pct, s->producer_cpu_ms.mean, s->consumer_cpu_ms.mean);
    const vb_point *shared = vb_claim_at_same_place(e, p, "shared-buffer");
    if (holds) {
        vb_claim_set(c, VB_SUPPORTED, "pixel-copy holds the budget there");
        vb_claim_caution_if_near(c, p, NULL, t);
        return;
    }
    if (shared && vb_point_holds(shared, t, NULL, 0))
        vb_claim_set(c, VB_REFUTED,
                     "pixel-copy fails (%s) where shared-buffer holds: the copy is the cost", why);
    else if (e->software)
        vb_claim_set(
            c, VB_NOT_TESTABLE,
            "pixel-copy fails (%s), but so does shared-buffer, which makes no copy: on this "
            "software renderer the display side's own CPU work decides it, not the copy",
            why);
    else
        vb_claim_set(c, VB_REFUTED, "pixel-copy fails (%s)", why);
    vb_claim_caution_if_near(c, p, shared, t);
}

static void claim_high_res(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    vb_claim_holds_rule(t, c->threshold, sizeof c->threshold);
    vb_claim_appendf(
        c->threshold, sizeof c->threshold,
        "; poor = pixel-copy fails at a size x fps where a strategy without the copy holds");
    const vb_point *fail = NULL;
    int measured = 0;
    const vb_view_kind views[] = {VB_VIEW_SPECTROGRAM, VB_VIEW_WAVEFORM};
    for (int v = 0; v < 2; v++) {
        int count;
        const vb_point *f = vb_claim_smallest_failure(e, (int)views[v], "pixel-copy", t, &count);
        measured += count;
        if (f && (!fail || vb_claim_pixel_rate(f) < vb_claim_pixel_rate(fail))) fail = f;
    }
    if (measured == 0) {
        snprintf(c->measured, sizeof c->measured,
                 "no pixel-copy run of a spectrogram or waveform in these results");
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured for these views");
        return;
    }
    if (!fail) {
        const vb_point *big = vb_claim_largest_point(e, "pixel-copy");
        char where[96] = "";
        if (big) vb_claim_describe_point(big, where, sizeof where);
        snprintf(c->measured, sizeof c->measured,
                 "pixel-copy holds the budget at every spectrogram and waveform point measured, "
                 "up to %s",
                 where);
        vb_claim_set(c, VB_REFUTED,
                     "pixel-copy never stops holding the budget in the measured range");
        return;
    }
    char where[96], why[300];
    vb_claim_describe_point(fail, where, sizeof where);
    vb_point_holds(fail, t, why, sizeof why);
    snprintf(c->measured, sizeof c->measured,
             "smallest size x fps where pixel-copy stops holding the budget: %s (%s). There: ",
             where, why);
    vb_claim_strategies_at(e, fail, t, c->measured, sizeof c->measured);
    int copyless_holds = 0;
    for (int i = 0; i < vb_strategy_count; i++) {
        const vb_point *other = vb_claim_at_same_place(e, fail, vb_strategy_list[i]->name);
        if (other && vb_claim_cpu_rendered(other, 1) && vb_point_holds(other, t, NULL, 0))
            copyless_holds = 1;
    }
    const vb_point *gpu = vb_claim_at_same_place(e, fail, "gl-texture");
    const int gpu_holds = gpu && vb_point_holds(gpu, t, NULL, 0);
    const vb_point *shared = vb_claim_at_same_place(e, fail, "shared-buffer");
    if (copyless_holds)
        vb_claim_set(c, VB_SUPPORTED,
                     "at %s pixel-copy fails where a CPU strategy without the copy holds", where);
    else if (!e->software && gpu_holds)
        vb_claim_set(c, VB_SUPPORTED,
                     "at %s every CPU-rendered strategy fails and the GPU texture holds", where);
    else if (e->software)
        vb_claim_set(
            c, VB_NOT_TESTABLE,
            "at %s the strategies without the copy fail too, so the copy is not what breaks it, "
            "and the GPU path cannot be judged here: its shaders run on the CPU (software "
            "renderer)",
            where);
    else
        vb_claim_set(c, VB_REFUTED, "at %s every strategy fails: the limit there is not the copy",
                     where);
    vb_claim_caution_if_near(c, fail, shared, t);
}

static void claim_shared_buffer(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    (void)t;
    snprintf(c->threshold, sizeof c->threshold,
             "shared-buffer copies 0 bytes on the CPU at every point, and its producer spends "
             "less CPU per frame than pixel-copy's (median over the points measured with both)");
    double savings[256];
    int pairs = 0, copies = 0;
    double copied_worst = 0;
    for (int i = 0; i < e->count && pairs < 256; i++) {
        const vb_point *sb = &e->points[i];
        if (!sb->measured || strcmp(sb->strategy, "shared-buffer") != 0) continue;
        if (sb->summary.copied_mb_per_frame > 0) {
            copies++;
            if (sb->summary.copied_mb_per_frame > copied_worst)
                copied_worst = sb->summary.copied_mb_per_frame;
        }
        const vb_point *pc = vb_claim_at_same_place(e, sb, "pixel-copy");
        if (!pc) continue;
        savings[pairs++] = pc->summary.producer_cpu_ms.mean - sb->summary.producer_cpu_ms.mean;
    }
    if (pairs == 0) {
        snprintf(c->measured, sizeof c->measured,
                 "no point measured with both pixel-copy and shared-buffer");
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing to compare");
        return;
    }
    for (int i = 1; i < pairs; i++) /* insertion sort: a few dozen values */
        for (int j = i; j > 0 && savings[j - 1] > savings[j]; j--) {
            double swap = savings[j];
            savings[j] = savings[j - 1];
            savings[j - 1] = swap;
        }
    const double median =
        pairs % 2 ? savings[pairs / 2] : (savings[pairs / 2 - 1] + savings[pairs / 2]) / 2;
    snprintf(c->measured, sizeof c->measured,
             "shared-buffer copied %s on the CPU (%d points); producer CPU saved vs pixel-copy: "
             "median %.3f ms per frame over %d points",
             copies ? "bytes" : "0 bytes per frame", pairs, median, pairs);
    if (copies) {
        char extra[96];
        snprintf(extra, sizeof extra, " (up to %.3f MB per frame at %d points)", copied_worst,
                 copies);
        vb_claim_appendf(c->measured, sizeof c->measured, "%s", extra);
    }
    const vb_point *sb = vb_claim_note_point_any_view(e, "shared-buffer");
    const vb_point *pc = vb_claim_note_point_any_view(e, "pixel-copy");
    if (sb && pc && sb->view == pc->view)
        vb_claim_appendf(
            c->measured, sizeof c->measured,
            "; at 1080x200@60 (%s): producer %.3f vs %.3f ms, process CPU %.1f vs %.1f %%",
            vb_view_name(sb->view), sb->summary.producer_cpu_ms.mean,
            pc->summary.producer_cpu_ms.mean, sb->summary.process_cpu_pct,
            pc->summary.process_cpu_pct);
    const vb_point *big = vb_claim_largest_point(e, "shared-buffer");
    const vb_point *big_pc = big ? vb_claim_at_same_place(e, big, "pixel-copy") : NULL;
    if (big && big_pc) {
        char where[96];
        vb_claim_describe_point(big, where, sizeof where);
        vb_claim_appendf(c->measured, sizeof c->measured, "; at %s: producer %.3f vs %.3f ms",
                         where, big->summary.producer_cpu_ms.mean,
                         big_pc->summary.producer_cpu_ms.mean);
    }
    vb_claim_appendf(
        c->measured, sizeof c->measured,
        ". Models only the Rust -> Dart hop: a Flutter image made from the bytes copies again");
    if (copies)
        vb_claim_set(c, VB_REFUTED, "shared-buffer copied frame bytes on the CPU");
    else if (median <= 0)
        vb_claim_set(c, VB_REFUTED, "no copy, but no CPU saved either (median saving %.3f ms)",
                     median);
    else
        vb_claim_set(c, VB_SUPPORTED,
                     "no CPU copy anywhere, and %.3f ms of producer CPU saved per frame "
                     "(median)",
                     median);
}

/* Process CPU per frame of one run moves by several per cent from run to run (driver threads,
 * a shared machine): a strategy counts as cheaper than gl-texture only when it is cheaper by
 * more than this share; within it the two are a tie, and the verdict says so. */
#define CPU_TIE_SHARE 0.10

static void claim_gpu_texture(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    (void)t;
    snprintf(c->threshold, sizeof c->threshold,
             "at 1080x200@60, in every view measured, gl-texture has the fewest bytes sent to "
             "GL and no strategy spends over %.0f %% less process CPU per frame (closer is a tie)",
             CPU_TIE_SHARE * 100);
    int views = 0, fewest_bytes = 1;
    const vb_point *cheaper = NULL, *cheaper_gl = NULL, *tie = NULL;
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        const vb_point *g = vb_claim_note_point(e, (vb_view_kind)v, "gl-texture");
        if (!g) continue;
        views++;
        const double g_cpu = g->summary.process_cpu_ms_per_frame;
        vb_claim_appendf(c->measured, sizeof c->measured,
                         "%s%s: gl-texture %.2f KB to GL, %.3f ms CPU", views > 1 ? "; " : "",
                         vb_view_name((vb_view_kind)v), g->summary.to_gpu_mb_per_frame * 1e3,
                         g_cpu);
        for (int i = 0; i < vb_strategy_count; i++) {
            const vb_point *o = vb_claim_note_point(e, (vb_view_kind)v, vb_strategy_list[i]->name);
            if (!o || !vb_claim_cpu_rendered(o, 0)) continue;
            const double o_cpu = o->summary.process_cpu_ms_per_frame;
            vb_claim_appendf(c->measured, sizeof c->measured, ", %s %.2f KB, %.3f ms", o->strategy,
                             o->summary.to_gpu_mb_per_frame * 1e3, o_cpu);
            if (o->summary.to_gpu_mb_per_frame <= g->summary.to_gpu_mb_per_frame) fewest_bytes = 0;
            if (o_cpu < g_cpu * (1 - CPU_TIE_SHARE)) {
                if (!cheaper) cheaper = o, cheaper_gl = g;
            } else if (o_cpu <= g_cpu && !tie) {
                tie = o;
            }
        }
    }
    if (views == 0) {
        snprintf(c->measured, sizeof c->measured, "no gl-texture run at 1080x200@60");
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured at the note's case");
        return;
    }
    vb_claim_appendf(c->measured, sizeof c->measured, " (CPU: process CPU per frame, all threads)");
    if (e->software)
        vb_claim_set(
            c, VB_NOT_TESTABLE,
            "software renderer (%s): the shaders run on the CPU and there is no GPU bus, so "
            "neither the CPU cost nor the bus traffic of GPU sharing exists here; bytes handed "
            "to GL are counted at the API",
            c->renderer);
    else if (!fewest_bytes)
        vb_claim_set(c, VB_REFUTED, "another strategy sent as few or fewer bytes to the GPU");
    else if (cheaper)
        vb_claim_set(
            c, VB_REFUTED,
            "%s spent %.0f %% less process CPU per frame than gl-texture (%s: %.3f vs %.3f ms)",
            cheaper->strategy,
            100 * (1 - cheaper->summary.process_cpu_ms_per_frame /
                           cheaper_gl->summary.process_cpu_ms_per_frame),
            vb_view_name(cheaper->view), cheaper->summary.process_cpu_ms_per_frame,
            cheaper_gl->summary.process_cpu_ms_per_frame);
    else if (tie)
        vb_claim_set(
            c, VB_SUPPORTED,
            "fewest bytes to the GPU in every view; in CPU a tie with %s (%s: within %.0f %%, "
            "the run-to-run spread of one run's process CPU), no strategy clearly cheaper",
            tie->strategy, vb_view_name(tie->view), CPU_TIE_SHARE * 100);
    else
        vb_claim_set(c, VB_SUPPORTED,
                     "fewest bytes to the GPU and least CPU in every view measured");
}

static void claim_decision(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    vb_claim_holds_rule(t, c->threshold, sizeof c->threshold);
    vb_claim_appendf(
        c->threshold, sizeof c->threshold,
        ", for shared-buffer in each view at 1080x200@60; GPU sharing is necessary where "
        "shared-buffer fails");
    int views = 0, failing = 0, narrow = 0;
    char why_all[600] = "";
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        const vb_point *p = vb_claim_note_point(e, (vb_view_kind)v, "shared-buffer");
        if (!p) continue;
        views++;
        char why[200];
        int holds = vb_point_holds(p, t, why, sizeof why);
        narrow |= vb_claim_near_cpu_limit(p, t);
        vb_claim_appendf(c->measured, sizeof c->measured,
                         "%s%s 1080x200@60: shared-buffer %s (%.1f fps, p99 %.2f ms, CPU %.1f %%)",
                         views > 1 ? "; " : "", vb_view_name((vb_view_kind)v),
                         holds ? "holds" : "fails", p->summary.fps, p->summary.latency_ms.p99,
                         p->summary.process_cpu_pct);
        if (!holds) {
            failing++;
            vb_claim_appendf(why_all, sizeof why_all, "%s%s: %s", why_all[0] ? "; " : "",
                             vb_view_name((vb_view_kind)v), why);
        }
    }
    if (views == 0) {
        snprintf(c->measured, sizeof c->measured, "no shared-buffer run at 1080x200@60");
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured at the note's case");
        return;
    }
    int count;
    const vb_point *limit = vb_claim_smallest_failure(e, -1, "shared-buffer", t, &count);
    if (limit) {
        char where[96], why[200];
        vb_claim_describe_point(limit, where, sizeof where);
        vb_point_holds(limit, t, why, sizeof why);
        const vb_point *gpu = vb_claim_at_same_place(e, limit, "gl-texture");
        vb_claim_appendf(c->measured, sizeof c->measured,
                         ". shared-buffer first fails at %s (%s); gl-texture there: %s", where, why,
                         !gpu                              ? "not measured"
                         : vb_point_holds(gpu, t, NULL, 0) ? "holds"
                                                           : "fails too");
        if (e->software)
            vb_claim_appendf(c->measured, sizeof c->measured,
                             " (on a software renderer, which says nothing of a GPU)");
    } else {
        vb_claim_appendf(c->measured, sizeof c->measured,
                         ". shared-buffer holds at every point measured (%d)", count);
    }
    if (failing == 0)
        vb_claim_set(c, VB_SUPPORTED,
                     "shared-buffer holds the budget in all %d views at phone width", views);
    else if (e->software)
        vb_claim_set(
            c, VB_NOT_TESTABLE,
            "shared-buffer fails here (%s), but on a software renderer the display side's own "
            "drawing runs on the CPU too, which a phone's GPU does not",
            why_all);
    else
        vb_claim_set(c, VB_REFUTED, "shared-buffer fails at phone width (%s)", why_all);
    if (narrow) vb_claim_note_narrow_margin(c, t);
}

void vb_claims_evaluate(const vb_evidence *e, const vb_thresholds *t,
                        vb_claim claims[VB_CLAIM_COUNT]) {
    static const struct {
        const char *id, *topic, *note_says;
        void (*evaluate)(const vb_evidence *, const vb_thresholds *, vb_claim *);
    } table[VB_CLAIM_COUNT] = {
        {"C1", "frame size and data rate",
         "Copying ~800KB (1080x200x4) per frame at 60fps is ~48MB/s.", claim_frame_arithmetic},
        {"C2", "memory bandwidth handles it",
         "Modern memory bandwidth (>20GB/s) handles this easily.", claim_bandwidth},
        {"C3", "pixel copy fits a simple spectrum",
         "Pixel Buffer Copy: acceptable for simple spectrum analyzers (e.g. 100 bars).",
         claim_spectrum_copy},
        {"C4", "pixel copy is poor at high resolution",
         "Pixel Buffer Copy: poor for full spectrograms or high-res waveforms; high CPU usage, "
         "bus bandwidth bottleneck.",
         claim_high_res},
        {"C5", "shared buffer removes the copy",
         "FRB Zero-Copy Pixel Buffer satisfies the zero-copy data transfer requirement (shared "
         "memory between Rust and Dart).",
         claim_shared_buffer},
        {"C6", "GPU texture is the true zero-copy path",
         "Shared OpenGL textures: true zero-copy on GPU.", claim_gpu_texture},
        {"C7", "the decision",
         "Start with the zero-copy pixel buffer (screen width x 200 px); GPU sharing is a future "
         "optimization for high-end rendering.",
         claim_decision},
    };
    for (int i = 0; i < VB_CLAIM_COUNT; i++) {
        vb_claim *c = &claims[i];
        memset(c, 0, sizeof *c);
        c->id = table[i].id;
        c->topic = table[i].topic;
        c->note_says = table[i].note_says;
        size_t cut = strcspn(e->renderer, "(|");
        while (cut > 0 && e->renderer[cut - 1] == ' ')
            cut--;
        snprintf(c->renderer, sizeof c->renderer, "%.*s", (int)cut, e->renderer);
        table[i].evaluate(e, t, c);
    }
}
