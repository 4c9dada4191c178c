/* The claims judged on the paths the app would take (verdict/claims.h): C1, C2 and C5 on the
 * note's decision as Flutter runs it (the Flutter chains' family), C6 among the ways of sharing
 * GPU frames (the GPU sharing family), C7 on the Flutter chain at the trainer's size. */
#include "verdict/claims_paths.h"

#include "verdict/claim_support.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define MAX_PATHS 8

static const char *no_chain =
    "no Flutter chain run at 1080x200@60 in these results: the path the note's decision takes "
    "in Flutter was not measured";

/* "A, B": the evidence's Flutter chains, for the thresholds' wording. */
static void chain_names(const vb_evidence *e, char *dst, size_t size) {
    vb_claim_family_names(e, VB_FAMILY_FLUTTER_CHAIN, ", ", dst, size);
    if (!dst[0]) snprintf(dst, size, "none measured");
}

void vb_claim_frame_arithmetic(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    const double bytes = (double)VB_NOTE_WIDTH * VB_NOTE_HEIGHT * 4;
    const double rate = bytes * VB_NOTE_FPS;
    const double bytes_off = 100.0 * (VB_NOTE_FRAME_BYTES - bytes) / bytes;
    const double rate_off = 100.0 * (VB_NOTE_RATE_BYTES - rate) / rate;
    snprintf(c->measured, sizeof c->measured,
             "1080x200x4 = %.0f B (note ~800 KB: %+.1f %%); x 60 fps = %.2f MB/s (note ~48 MB/s: "
             "%+.1f %%). Copied on the CPU per frame by the Flutter chains at 1080x200@60:",
             bytes, bytes_off, rate / 1e6, rate_off);
    char chains_named[160];
    chain_names(e, chains_named, sizeof chains_named);
    snprintf(c->threshold, sizeof c->threshold,
             "the note's figures within %.0f %% of the exact ones, and every Flutter chain "
             "(%s) copying at most one frame (%.0f B, within %.0f %%) per "
             "frame on the CPU, so that ~48 MB/s is what the app copies",
             t->arithmetic_pct, chains_named, bytes, t->arithmetic_pct);
    const vb_point *chains[MAX_PATHS];
    const int n = vb_claim_chain_points(e, -1, chains, MAX_PATHS);
    const vb_point *worst = NULL;
    /* Copies are counted exactly; runs that disagree (a chain copying in some only) leave it
     * undecided. */
    const double limit = (1.0 + t->arithmetic_pct / 100.0) * bytes / 1e6;
    int over = 0, straddle = 0;
    for (int i = 0; i < n; i++) {
        const vb_point *p = chains[i];
        const vb_range r = vb_point_range(p, offsetof(vb_repeat_figures, copied_mb));
        over += r.low > limit;
        straddle += r.low <= limit && r.high > limit;
        char name[64];
        vb_claim_path_name(p, name, sizeof name);
        vb_claim_appendf(c->measured, sizeof c->measured,
                         " %s %.1f KB in %.1f copies (%.1f frames) = %.1f MB/s, then %.1f KB of "
                         "pixels to GL;",
                         name, p->summary.copied_mb_per_frame * 1e3, p->summary.copies_per_frame,
                         p->summary.copied_mb_per_frame * 1e6 / bytes,
                         p->summary.copied_mb_per_frame * VB_NOTE_FPS,
                         p->summary.pixels_to_gpu_mb_per_frame * 1e3);
        if (!worst || p->summary.copied_mb_per_frame > worst->summary.copied_mb_per_frame)
            worst = p;
    }
    if (fabs(bytes_off) > t->arithmetic_pct || fabs(rate_off) > t->arithmetic_pct) {
        vb_claim_set(c, VB_REFUTED,
                     "the note's rounded figures are off by %.1f %% and %.1f %%, more than the "
                     "%.0f %% allowed",
                     fabs(bytes_off), fabs(rate_off), t->arithmetic_pct);
        return;
    }
    if (!worst) {
        vb_claim_set(c, VB_NOT_TESTABLE, "%s", no_chain);
        return;
    }
    const double frames = worst->summary.copied_mb_per_frame * 1e6 / bytes;
    char name[64];
    vb_claim_path_name(worst, name, sizeof name);
    if (!over && straddle)
        vb_claim_set(c, VB_UNDECIDED,
                     "the runs disagree on how often a Flutter chain copies the frame (%s: up to "
                     "%.1f frames in some runs only)",
                     name, frames);
    else if (over)
        vb_claim_set(c, VB_REFUTED,
                     "the arithmetic holds for one copy, but %s copies the frame %.1f times per "
                     "frame: %.0f MB/s, not ~48",
                     name, frames, worst->summary.copied_mb_per_frame * VB_NOTE_FPS);
    else
        vb_claim_set(c, VB_SUPPORTED,
                     "the arithmetic holds (the note rounds 864 KB down to ~800 KB) and no "
                     "Flutter chain copies the frame more than once (%s: %.2f frames)",
                     name, frames);
}

void vb_claim_bandwidth(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    snprintf(c->threshold, sizeof c->threshold,
             "\"easily\" = the CPU each Flutter chain spends copying frame bytes (FRB's encode, "
             "Dart's copy) is <= %.1f %% of one core at 60 fps, in every run",
             t->copy_share_pct);
    const vb_point *chains[MAX_PATHS];
    const int n = vb_claim_chain_points(e, -1, chains, MAX_PATHS);
    if (n == 0) {
        snprintf(c->measured, sizeof c->measured, "%s", no_chain);
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured on the note's path");
        return;
    }
    snprintf(c->measured, sizeof c->measured,
             "memcpy %.1f GB/s on frame-sized buffers (note: "
             "> %.0f GB/s);",
             chains[0]->memcpy_gbps, VB_NOTE_MEMORY_GBPS);
    vb_range worst = {0, 0, 0};
    const vb_point *worst_point = NULL;
    int over = 0, straddles = 0;
    for (int i = 0; i < n; i++) {
        const vb_point *p = chains[i];
        vb_range ms = vb_point_range(p, offsetof(vb_repeat_figures, copy_cpu_ms));
        const vb_range share = {ms.low * p->fps / 10.0, ms.high * p->fps / 10.0,
                                ms.mean * p->fps / 10.0};
        over += share.low > t->copy_share_pct;
        straddles += share.low <= t->copy_share_pct && share.high > t->copy_share_pct;
        const double gbps =
            ms.mean > 0 ? p->summary.copied_mb_per_frame / 1e3 / (ms.mean / 1e3) : 0.0;
        char name[64];
        vb_claim_path_name(p, name, sizeof name);
        vb_claim_appendf(c->measured, sizeof c->measured,
                         " %s copies %.3f ms per frame (%.3f-%.3f over %d runs) = %.2f %% of a "
                         "core, at %.2f GB/s (%.0f %% of memcpy's);",
                         name, ms.mean, ms.low, ms.high, p->repeats > 0 ? p->repeats : 1,
                         share.mean, gbps,
                         p->memcpy_gbps > 0 ? 100.0 * gbps / p->memcpy_gbps : 0.0);
        if (!worst_point || share.high > worst.high) worst = share, worst_point = p;
    }
    char name[64], what[160];
    vb_claim_path_name(worst_point, name, sizeof name);
    snprintf(what, sizeof what, "%s's copying stays within %.1f %% of a core", name,
             t->copy_share_pct);
    vb_claim_cpu_sensitivity(c, worst, t->copy_share_pct, what);
    if (over)
        vb_claim_set(c, VB_REFUTED,
                     "copying costs more than %.1f %% of a core on a Flutter chain (%s: "
                     "%.2f-%.2f %%): the bandwidth is there, the copy's CPU is the cost",
                     t->copy_share_pct, name, worst.low, worst.high);
    else if (straddles)
        vb_claim_set(c, VB_UNDECIDED,
                     "the runs straddle the %.1f %% limit (%s: %.2f-%.2f %% of a core)",
                     t->copy_share_pct, name, worst.low, worst.high);
    else
        vb_claim_set(c, VB_SUPPORTED,
                     "copying costs at most %.2f %% of a core on every Flutter chain, within the "
                     "%.1f %% allowed",
                     worst.high, t->copy_share_pct);
}

void vb_claim_shared_buffer(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    (void)t;
    char chains_named[160];
    chain_names(e, chains_named, sizeof chains_named);
    const char *zero = vb_claim_role(e, VB_ROLE_ZERO_COPY_MODEL, "zero-copy-model");
    snprintf(c->threshold, sizeof c->threshold,
             "zero-copy = the Flutter chains (%s, with the sweep's FRB codec) "
             "copy no frame bytes on the CPU at 1080x200@60; their hand-off's CPU beside "
             "%s's (the clean zero-copy model) is reported",
             chains_named, zero);
    const vb_point *chains[MAX_PATHS];
    const int n = vb_claim_chain_points(e, -1, chains, MAX_PATHS);
    if (n == 0) {
        snprintf(c->measured, sizeof c->measured, "%s", no_chain);
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured on the note's path");
        return;
    }
    const vb_point *copying = NULL, *mixed = NULL;
    for (int i = 0; i < n; i++) {
        const vb_point *p = chains[i];
        const vb_point *sb = vb_claim_at_same_place(e, p, zero);
        const vb_range cpu = vb_point_range(p, offsetof(vb_repeat_figures, process_cpu_ms));
        char name[64];
        vb_claim_path_name(p, name, sizeof name);
        vb_claim_appendf(c->measured, sizeof c->measured,
                         "%s%s (%s): %.1f copies, %.1f KB copied per frame, process CPU "
                         "%.3f-%.3f ms per frame",
                         i ? "; " : "", name, vb_view_name(p->view), p->summary.copies_per_frame,
                         p->summary.copied_mb_per_frame * 1e3, cpu.low, cpu.high);
        if (sb) {
            const vb_range sb_cpu = vb_point_range(sb, offsetof(vb_repeat_figures, process_cpu_ms));
            vb_claim_appendf(c->measured, sizeof c->measured, " (%s %.3f-%.3f ms: %.1fx)", zero,
                             sb_cpu.low, sb_cpu.high,
                             sb_cpu.mean > 0 ? cpu.mean / sb_cpu.mean : 0.0);
        }
        const vb_range copied = vb_point_range(p, offsetof(vb_repeat_figures, copied_mb));
        if (copied.low > 0 && !copying) copying = p;
        if (copied.low == 0 && copied.high > 0 && !mixed) mixed = p;
    }
    if (!copying && mixed) {
        char name[64];
        vb_claim_path_name(mixed, name, sizeof name);
        vb_claim_set(c, VB_UNDECIDED, "%s copies the frame in some runs only", name);
    } else if (copying) {
        char name[64];
        vb_claim_path_name(copying, name, sizeof name);
        vb_claim_set(c, VB_REFUTED,
                     "%s copies the frame on the CPU %.1f times per frame (%.1f KB): FRB's "
                     "buffer reaches Flutter, but the chain after it copies",
                     name, copying->summary.copies_per_frame,
                     copying->summary.copied_mb_per_frame * 1e3);
    } else {
        vb_claim_set(c, VB_SUPPORTED, "no Flutter chain measured copies frame bytes on the CPU");
    }
}

void vb_claim_gpu_texture(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    (void)t;
    char sharing_named[160];
    vb_claim_sharing_names(e, sharing_named, sizeof sharing_named);
    const char *ideal_name = vb_claim_role(e, VB_ROLE_SHARING_IDEAL, "sharing-ideal");
    snprintf(c->threshold, sizeof c->threshold,
             "every GPU sharing path %smeasured at 1080x200@60 (%s) copies no frame bytes on the "
             "CPU or the GPU and uploads no pixels, in every view; its CPU beside %s's (one "
             "share group, the ideal) is reported",
             vb_claim_has_android_sharing(e) ? "of Android " : "",
             sharing_named[0] ? sharing_named : "none measured", ideal_name);
    int views = 0, paths = 0;
    const vb_point *copying = NULL, *mixed = NULL;
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        const vb_point *sharing[MAX_PATHS];
        const int n = vb_claim_sharing_points(e, v, sharing, MAX_PATHS);
        if (n == 0) continue;
        const vb_point *ideal = vb_claim_note_point(e, (vb_view_kind)v, ideal_name);
        const vb_range ideal_cpu =
            ideal ? vb_point_range(ideal, offsetof(vb_repeat_figures, process_cpu_ms))
                  : (vb_range){0, 0, 0};
        vb_claim_appendf(c->measured, sizeof c->measured, "%s%s:", views++ ? "; " : "",
                         vb_view_name((vb_view_kind)v));
        for (int i = 0; i < n; i++) {
            const vb_point *p = sharing[i];
            paths++;
            const vb_range cpu = vb_point_range(p, offsetof(vb_repeat_figures, process_cpu_ms));
            char name[64];
            vb_claim_path_name(p, name, sizeof name);
            vb_claim_appendf(c->measured, sizeof c->measured,
                             "%s %s %.1f KB copied, %.1f KB of pixels up, CPU %.3f-%.3f ms",
                             i ? "," : "", name, p->summary.copied_mb_per_frame * 1e3,
                             p->summary.pixels_to_gpu_mb_per_frame * 1e3, cpu.low, cpu.high);
            if (p->summary.gpu_copied_mb_per_frame > 0)
                vb_claim_appendf(c->measured, sizeof c->measured, ", %.1f KB copied on the GPU",
                                 p->summary.gpu_copied_mb_per_frame * 1e3);
            if (ideal && p != ideal && ideal_cpu.mean > 0)
                vb_claim_appendf(c->measured, sizeof c->measured, " (%.2fx %s's)",
                                 cpu.mean / ideal_cpu.mean, ideal_name);
            const vb_range copied = vb_point_range(p, offsetof(vb_repeat_figures, copied_mb));
            const vb_range pixels = vb_point_range(p, offsetof(vb_repeat_figures, pixels_mb));
            const vb_range gpu = vb_point_range(p, offsetof(vb_repeat_figures, gpu_copied_mb));
            if ((copied.low > 0 || pixels.low > 0 || gpu.low > 0) && !copying) copying = p;
            if (copied.low == 0 && pixels.low == 0 && gpu.low == 0 &&
                (copied.high > 0 || pixels.high > 0 || gpu.high > 0) && !mixed)
                mixed = p;
        }
    }
    const char *remote = "a producer process";
    for (int i = 0; i < e->count; i++)
        if (vb_facts_have(e->points[i].facts, VB_CAP_PRODUCER_PROCESS)) {
            remote = e->points[i].strategy;
            break;
        }
    vb_claim_appendf(c->measured, sizeof c->measured,
                     ". The note's Linux path (DMA-BUF across processes) could not be measured: "
                     "the export fails on both machines here; %s's opaque fds, "
                     "passed between processes the same way, stand in for it",
                     remote);
    if (paths == 0) {
        vb_claim_set(c, VB_NOT_TESTABLE, "no GPU sharing path measured at the note's case");
        return;
    }
    if (!copying && mixed) {
        char name[64];
        vb_claim_path_name(mixed, name, sizeof name);
        vb_claim_set(c, VB_UNDECIDED, "%s moved frame bytes in some runs only (%s)", name,
                     vb_view_name(mixed->view));
        return;
    }
    if (copying) {
        char name[64];
        vb_claim_path_name(copying, name, sizeof name);
        vb_claim_set(c, VB_REFUTED,
                     "%s moved frame bytes on the way (%s: %.1f KB copied on the CPU, %.1f KB on "
                     "the GPU, %.1f KB of pixels uploaded per frame)",
                     name, vb_view_name(copying->view), copying->summary.copied_mb_per_frame * 1e3,
                     copying->summary.gpu_copied_mb_per_frame * 1e3,
                     copying->summary.pixels_to_gpu_mb_per_frame * 1e3);
        return;
    }
    vb_claim_set(c, VB_SUPPORTED,
                 "every sharing path measured (%d in %d views) moves no frame bytes: only the "
                 "analysis data reach the GPU%s",
                 paths, views,
                 e->software ? "; on this software renderer the driver's own copies (if any) are "
                               "not visible, and the CPU figures are the rasteriser's"
                             : "");
}

/* The Flutter chain the decision takes: the one the app prefers (record/strategy_facts.h) of
 * those that exist on Android, the phone C7 speaks of; any chain where none does (files of
 * builds before the Android paths). */
static const char *decision_chain(const vb_evidence *e) {
    const vb_strategy_facts *order[VB_SESSION_MAX_RUNS];
    const int n = vb_evidence_by_preference(e, order, VB_SESSION_MAX_RUNS);
    for (int i = 0; i < n; i++)
        if (order[i]->family == VB_FAMILY_FLUTTER_CHAIN &&
            (order[i]->platforms & VB_PLATFORM_ANDROID))
            return order[i]->name;
    for (int i = 0; i < n; i++)
        if (order[i]->family == VB_FAMILY_FLUTTER_CHAIN) return order[i]->name;
    return NULL;
}

void vb_claim_decision(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    const char *chain = decision_chain(e);
    vb_claim_holds_rule(t, c->threshold, sizeof c->threshold);
    vb_claim_appendf(c->threshold, sizeof c->threshold,
                     ", in every run, for the Flutter chain (%s) in each view at 1080x200@60 on "
                     "its display clock; GPU sharing is necessary where it fails",
                     chain ? chain : "none measured");
    if (!chain) {
        snprintf(c->measured, sizeof c->measured, "%s", no_chain);
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured on the note's path");
        return;
    }
    int views = 0, failing = 0, undecided = 0;
    vb_range worst_cpu = {0, 0, 0};
    char why_all[600] = "";
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        const vb_point *p = vb_claim_note_point(e, (vb_view_kind)v, chain);
        if (!p) continue;
        views++;
        char why[300];
        const vb_hold hold = vb_point_judge(p, t, why, sizeof why);
        const vb_range cpu = vb_point_range(p, offsetof(vb_repeat_figures, process_cpu_pct));
        if (cpu.high > worst_cpu.high) worst_cpu = cpu;
        const vb_point *fast = vb_evidence_find(e, p->view, p->width, p->height, 120, chain);
        vb_claim_appendf(c->measured, sizeof c->measured,
                         "%s%s 1080x200@60: %s %s (%.1f fps, p99 %.2f ms, CPU %.1f-%.1f %%, %d "
                         "runs)",
                         views > 1 ? "; " : "", vb_view_name((vb_view_kind)v), chain,
                         hold == VB_HOLDS   ? "holds"
                         : hold == VB_FAILS ? "fails"
                                            : "holds in some runs",
                         p->summary.fps, p->summary.latency_ms.p99, cpu.low, cpu.high,
                         p->repeats > 0 ? p->repeats : 1);
        if (fast)
            vb_claim_appendf(c->measured, sizeof c->measured, "; at 120 Hz it %s",
                             vb_point_holds(fast, t, NULL, 0) ? "holds" : "does not hold");
        if (hold != VB_HOLDS)
            vb_claim_appendf(why_all, sizeof why_all, "%s%s: %s", why_all[0] ? "; " : "",
                             vb_view_name((vb_view_kind)v), why);
        failing += hold == VB_FAILS;
        undecided += hold == VB_HOLD_UNDECIDED;
    }
    if (views == 0) {
        snprintf(c->measured, sizeof c->measured, "no %s run at 1080x200@60", chain);
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured at the note's case");
        return;
    }
    int count;
    const vb_point *limit = vb_claim_smallest_failure(e, -1, chain, t, &count);
    if (limit) {
        char where[96], why[300];
        vb_claim_describe_point(limit, where, sizeof where);
        vb_point_holds(limit, t, why, sizeof why);
        vb_claim_appendf(c->measured, sizeof c->measured,
                         ". %s first fails at %s (%s); there: ", chain, where, why);
        vb_claim_strategies_at(e, limit, t, c->measured, sizeof c->measured);
    } else {
        vb_claim_appendf(c->measured, sizeof c->measured, ". %s holds at every point measured (%d)",
                         chain, count);
    }
    char what[160];
    snprintf(what, sizeof what, "%s holds the note's case", chain);
    vb_claim_cpu_sensitivity(c, worst_cpu, t->max_cpu_pct, what);
    if (failing == 0 && undecided == 0)
        vb_claim_set(c, VB_SUPPORTED, "%s holds the budget in all %d views at phone width", chain,
                     views);
    else if (failing == 0)
        vb_claim_set(c, VB_UNDECIDED, "the runs disagree (%s)", why_all);
    else if (e->software)
        vb_claim_set(c, VB_NOT_TESTABLE,
                     "%s fails here (%s), but on a software renderer the display side's own "
                     "drawing runs on the CPU too, which a phone's GPU does not",
                     chain, why_all);
    else
        vb_claim_set(c, VB_REFUTED, "%s fails at phone width (%s)", chain, why_all);
}
