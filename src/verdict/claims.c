/* The note's claims, each judged on the evidence (verdict/claims.h). */
#include "verdict/claims.h"

#include "verdict/claim_support.h"
#include "verdict/claims_paths.h"

#include <math.h>
#include <stddef.h>
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
    static const char *const names[] = {"supported", "refuted", "not testable here", "undecided"};
    return names[verdict];
}

/* ---- the claims -------------------------------------------------------------------------- */

static void claim_spectrum_copy(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    const char *copy = vb_claim_role(e, VB_ROLE_COPY_MODEL, "copy-model");
    const char *zero = vb_claim_role(e, VB_ROLE_ZERO_COPY_MODEL, "zero-copy-model");
    const vb_point *p = vb_claim_note_point(e, VB_VIEW_SPECTRUM, copy);
    vb_claim_holds_rule(t, c->threshold, sizeof c->threshold);
    vb_claim_appendf(c->threshold, sizeof c->threshold, ", for %s, spectrum %d bars, 1080x200@60",
                     copy, VB_NOTE_BARS);
    if (!p || p->bars != VB_NOTE_BARS) {
        snprintf(c->measured, sizeof c->measured, "no %s run of a %d-bar spectrum at 1080x200@60",
                 copy, VB_NOTE_BARS);
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured at the note's case");
        return;
    }
    const vb_run_summary *s = &p->summary;
    char why[300];
    const vb_hold hold = vb_point_judge(p, t, why, sizeof why);
    const vb_range cpu = vb_point_range(p, offsetof(vb_repeat_figures, process_cpu_pct));
    snprintf(c->measured, sizeof c->measured,
             "%s, spectrum %d bars 1080x200@60: %.1f fps shown, %.1f %% never shown, "
             "latency p50 %.2f / p99 %.2f ms, process CPU %.1f-%.1f %% of a core over %d runs "
             "(producer %.3f ms, consumer %.3f ms per frame)",
             copy, p->bars, s->fps, vb_point_dropped_pct(p), s->latency_ms.p50, s->latency_ms.p99,
             cpu.low, cpu.high, p->repeats > 0 ? p->repeats : 1, s->producer_cpu_ms.mean,
             s->consumer_cpu_ms.mean);
    char what[96];
    snprintf(what, sizeof what, "%s holds a 100-bar spectrum", copy);
    vb_claim_cpu_sensitivity(c, cpu, t->max_cpu_pct, what);
    const vb_point *shared = vb_claim_at_same_place(e, p, zero);
    if (hold == VB_HOLDS) {
        vb_claim_set(c, VB_SUPPORTED, "%s holds the budget there, in every run", copy);
        if (p->repeats <= 1) vb_claim_caution_if_near(c, p, NULL, t);
        return;
    }
    if (hold == VB_HOLD_UNDECIDED) {
        vb_claim_set(c, VB_UNDECIDED, "%s holds the budget in some runs only (%s)", copy, why);
        return;
    }
    if (shared && vb_point_holds(shared, t, NULL, 0))
        vb_claim_set(c, VB_REFUTED, "%s fails (%s) where %s holds: the copy is the cost", copy, why,
                     zero);
    else if (e->software)
        vb_claim_set(
            c, VB_NOT_TESTABLE,
            "%s fails (%s), but so does %s, which makes no copy: on this software renderer "
            "the display side's own CPU work decides it, not the copy",
            copy, why, zero);
    else
        vb_claim_set(c, VB_REFUTED, "%s fails (%s)", copy, why);
    if (p->repeats <= 1) vb_claim_caution_if_near(c, p, shared, t);
}

static void claim_high_res(const vb_evidence *e, const vb_thresholds *t, vb_claim *c) {
    /* The pixel-buffer copy as the app runs it (FRB's codec, Dart's copy, an image per frame),
     * else vizbench's clean model of it. */
    const char *chain = vb_claim_role(e, VB_ROLE_IMAGE_CHAIN, NULL);
    if (!chain) chain = vb_claim_role(e, VB_ROLE_COPY_MODEL, "copy-model");
    vb_claim_holds_rule(t, c->threshold, sizeof c->threshold);
    vb_claim_appendf(c->threshold, sizeof c->threshold,
                     ", in every run; poor = the copy chain (%s) fails at a size x fps where a "
                     "strategy without the copy holds",
                     chain);
    const vb_point *fail = NULL;
    int measured = 0;
    const vb_view_kind views[] = {VB_VIEW_SPECTROGRAM, VB_VIEW_WAVEFORM};
    for (int v = 0; v < 2; v++) {
        int count;
        const vb_point *f = vb_claim_smallest_failure(e, (int)views[v], chain, t, &count);
        measured += count;
        if (f && (!fail || vb_claim_pixel_rate(f) < vb_claim_pixel_rate(fail))) fail = f;
    }
    if (measured == 0) {
        snprintf(c->measured, sizeof c->measured,
                 "no %s run of a spectrogram or waveform in these results", chain);
        vb_claim_set(c, VB_NOT_TESTABLE, "nothing measured for these views");
        return;
    }
    if (!fail) {
        const vb_point *big = vb_claim_largest_point(e, chain);
        char where[96] = "";
        if (big) vb_claim_describe_point(big, where, sizeof where);
        snprintf(c->measured, sizeof c->measured,
                 "%s holds the budget at every spectrogram and waveform point measured, up to %s",
                 chain, where);
        vb_claim_set(c, VB_REFUTED, "%s never stops holding the budget in the measured range",
                     chain);
        return;
    }
    char where[96], why[300];
    vb_claim_describe_point(fail, where, sizeof where);
    vb_point_holds(fail, t, why, sizeof why);
    snprintf(c->measured, sizeof c->measured,
             "smallest size x fps where %s stops holding the budget: %s (%s). There: ", chain,
             where, why);
    vb_claim_strategies_at(e, fail, t, c->measured, sizeof c->measured);
    int copyless_holds = 0;
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int strategies = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    for (int i = 0; i < strategies; i++) {
        const vb_point *other = vb_claim_at_same_place(e, fail, all[i]->name);
        if (other && vb_claim_cpu_rendered(other, 1) && vb_point_holds(other, t, NULL, 0))
            copyless_holds = 1;
    }
    const vb_point *sharing[8];
    int gpu_holds = 0;
    const int paths = vb_claim_sharing_points(e, -1, sharing, 8);
    for (int i = 0; i < paths; i++) {
        const vb_point *gpu = vb_claim_at_same_place(e, fail, sharing[i]->strategy);
        gpu_holds |= gpu && vb_point_holds(gpu, t, NULL, 0);
    }
    const vb_point *shared =
        vb_claim_at_same_place(e, fail, vb_claim_role(e, VB_ROLE_ZERO_COPY_MODEL, ""));
    if (vb_point_judge(fail, t, NULL, 0) == VB_HOLD_UNDECIDED)
        vb_claim_set(c, VB_UNDECIDED, "at %s the runs disagree whether %s holds", where, chain);
    else if (copyless_holds)
        vb_claim_set(c, VB_SUPPORTED, "at %s %s fails where a CPU strategy without the copy holds",
                     where, chain);
    else if (!e->software && gpu_holds)
        vb_claim_set(c, VB_SUPPORTED,
                     "at %s every CPU-rendered strategy fails and GPU sharing holds", where);
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
    if (fail->repeats <= 1) vb_claim_caution_if_near(c, fail, shared, t);
}

void vb_claims_evaluate(const vb_evidence *e, const vb_thresholds *t,
                        vb_claim claims[VB_CLAIM_COUNT]) {
    static const struct {
        const char *id, *topic, *note_says;
        void (*evaluate)(const vb_evidence *, const vb_thresholds *, vb_claim *);
    } table[VB_CLAIM_COUNT] = {
        {"C1", "frame size and data rate",
         "Copying ~800KB (1080x200x4) per frame at 60fps is ~48MB/s.", vb_claim_frame_arithmetic},
        {"C2", "memory bandwidth handles it",
         "Modern memory bandwidth (>20GB/s) handles this easily.", vb_claim_bandwidth},
        {"C3", "pixel copy fits a simple spectrum",
         "Pixel Buffer Copy: acceptable for simple spectrum analyzers (e.g. 100 bars).",
         claim_spectrum_copy},
        {"C4", "pixel copy is poor at high resolution",
         "Pixel Buffer Copy: poor for full spectrograms or high-res waveforms; high CPU usage, "
         "bus bandwidth bottleneck.",
         claim_high_res},
        {"C5", "FRB's zero-copy buffer is zero-copy",
         "FRB Zero-Copy Pixel Buffer satisfies the zero-copy data transfer requirement (shared "
         "memory between Rust and Dart).",
         vb_claim_shared_buffer},
        {"C6", "GPU texture is the true zero-copy path",
         "Shared OpenGL textures: true zero-copy on GPU.", vb_claim_gpu_texture},
        {"C7", "the decision",
         "Start with the zero-copy pixel buffer (screen width x 200 px); GPU sharing is a future "
         "optimization for high-end rendering.",
         vb_claim_decision},
    };
    for (int i = 0; i < VB_CLAIM_COUNT; i++) {
        vb_claim *c = &claims[i];
        memset(c, 0, sizeof *c);
        c->id = table[i].id;
        c->topic = table[i].topic;
        c->note_says = table[i].note_says;
        vb_claim_renderer_name(e, c->renderer, sizeof c->renderer);
        table[i].evaluate(e, t, c);
    }
}
