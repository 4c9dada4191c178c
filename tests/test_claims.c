/* The verdict logic on synthetic evidence: each claim comes out supported, refuted and not
 * testable here from hand-made points, and "holds the budget" breaks on each of its limits. */
#include "verdict/claims.h"

#include "transfer/strategy.h"
#include "verdict/decision.h"

#include <criterion/criterion.h>
#include <string.h>

#define MAX_POINTS 64

typedef struct world {
    vb_evidence evidence;
    vb_point points[MAX_POINTS];
    vb_thresholds thresholds;
    vb_claim claims[VB_CLAIM_COUNT];
} world;

static vb_point *add(world *w, vb_view_kind view, int width, int height, int fps,
                     const char *strategy) {
    cr_assert_lt(w->evidence.count, MAX_POINTS);
    vb_point *p = &w->points[w->evidence.count++];
    memset(p, 0, sizeof *p);
    p->combination = (int)view + 10 * (width / 100) + 100000 * fps;
    p->view = view;
    p->width = width;
    p->height = height;
    p->fps = fps;
    p->bars = 100;
    p->pace = VB_PACE_REALTIME;
    const vb_strategy_ops *ops = vb_strategy_lookup(strategy);
    cr_assert_not_null(ops, "%s is not registered", strategy);
    p->strategy = strategy;
    p->facts = &ops->facts;
    const int gpu = vb_facts_have(p->facts, VB_CAP_RENDERS_ON_GPU);
    p->status = VB_STRATEGY_OK;
    p->measured = 1;
    p->picture_ok = 1;
    p->memcpy_gbps = 24;
    vb_run_summary *s = &p->summary;
    s->measured = 120;
    s->presented = 120;
    s->budget_ms = 1000.0 / fps;
    s->fps = fps;
    s->latency_ms.p50 = 3;
    s->latency_ms.p99 = 8;
    s->process_cpu_pct = 15;
    s->hop_encode_ms = s->hop_copy_ms = -1;
    const double frame_mb = width * height * 4 / 1e6;
    const int copies = strcmp(strategy, "pixel-copy") == 0;
    /* The Flutter chains of this world copy nothing on the CPU (a chain as the note hopes) and
     * spend 0.05 ms in FRB's hop: the claims on them hold until a test doctors them. */
    if (strncmp(strategy, "frb-", 4) == 0) s->hop_encode_ms = s->hop_copy_ms = 0.025;
    s->copied_mb_per_frame = copies ? frame_mb : 0;
    s->copies_per_frame = copies;
    s->to_gpu_mb_per_frame = gpu ? 0.0008 : frame_mb;
    s->pixels_to_gpu_mb_per_frame = gpu ? 0 : frame_mb;
    s->transfer_ms.mean = copies ? 0.1 : 0.01;
    s->producer_cpu_ms.mean = copies ? 0.25 : 0.13;
    s->consumer_cpu_ms.mean = 0.3;
    s->process_cpu_ms_per_frame = gpu ? 0.5 : copies ? 2.5 : 2.3;
    vb_point_derive(p);
    return p;
}

#define STRATEGIES 8
static const char *const strategies[STRATEGIES] = {"pixel-copy",  "shared-buffer", "mapped-pbo",
                                                   "gl-texture",  "egl-image",     "frb-image",
                                                   "frb-texture", "vulkan-interop"};

static vb_point *find(world *w, vb_view_kind view, int width, int fps, const char *strategy) {
    for (int i = 0; i < w->evidence.count; i++) {
        vb_point *p = &w->points[i];
        if (p->view == view && p->width == width && p->fps == fps &&
            strcmp(p->strategy, strategy) == 0)
            return p;
    }
    cr_assert_fail("no point %s %d@%d %s", vb_view_name(view), width, fps, strategy);
    return NULL;
}

/* Every view and strategy at the note's case, all holding; at 1920x1080@60 pixel-copy
 * fails on CPU while the others hold: the world in which every claim is supported on a GPU. */
static void base_world(world *w) {
    memset(w, 0, sizeof *w);
    w->evidence.points = w->points;
    w->evidence.complete = 1;
    w->evidence.gl_available = 1;
    snprintf(w->evidence.renderer, sizeof w->evidence.renderer, "NVIDIA H100 (test) | 4.6");
    vb_thresholds_defaults(&w->thresholds);
    for (int v = 0; v < VB_VIEW_COUNT; v++)
        for (int s = 0; s < STRATEGIES; s++) {
            add(w, (vb_view_kind)v, 1080, 200, 60, strategies[s]);
            vb_point *big = add(w, (vb_view_kind)v, 1920, 1080, 60, strategies[s]);
            /* the copy chains (pixel-copy, and frb-image as Flutter runs it) fail there */
            if (s == 0 || strcmp(strategies[s], "frb-image") == 0)
                big->summary.process_cpu_pct = 60;
        }
}

static void software(world *w) {
    w->evidence.software = 1;
    snprintf(w->evidence.renderer, sizeof w->evidence.renderer, "llvmpipe (test) | 4.5");
}

static void remove_strategy(world *w, const char *strategy, int width) {
    int kept = 0;
    for (int i = 0; i < w->evidence.count; i++)
        if (strcmp(w->points[i].strategy, strategy) != 0 || (width && w->points[i].width != width))
            w->points[kept++] = w->points[i];
    w->evidence.count = kept;
}

/* Gives a point `n` runs whose process CPU is cpu[0 .. n), the rest as its summary. */
static void repeats(vb_point *p, int n, const double *cpu) {
    p->repeats = n;
    for (int i = 0; i < n; i++) {
        vb_repeat_figures_of(p, &p->summary, 1, 1, &p->repeat[i]);
        p->repeat[i].process_cpu_pct = cpu[i];
    }
}

static vb_verdict verdict(world *w, int claim) {
    vb_claims_evaluate(&w->evidence, &w->thresholds, w->claims);
    const vb_claim *c = &w->claims[claim - 1];
    cr_assert_str_not_empty(c->measured, "C%d without evidence text", claim);
    cr_assert_str_not_empty(c->threshold, "C%d without a threshold", claim);
    cr_assert_str_not_empty(c->reason, "C%d without a reason", claim);
    cr_assert_str_not_empty(c->renderer, "C%d does not name the renderer", claim);
    return c->verdict;
}

#define EXPECT(w, claim, expected)                                                                 \
    do {                                                                                           \
        vb_verdict got_ = verdict(w, claim);                                                       \
        cr_assert_eq(got_, expected, "C%d: %s, want %s (%s)", claim, vb_verdict_name(got_),        \
                     vb_verdict_name(expected), (w)->claims[(claim)-1].reason);                    \
    } while (0)

Test(claims, all_supported_in_the_base_world) {
    world w;
    base_world(&w);
    for (int c = 1; c <= VB_CLAIM_COUNT; c++)
        EXPECT(&w, c, VB_SUPPORTED);
    cr_assert_str_eq(w.claims[5].renderer, "NVIDIA H100");
}

/* C1 on the bytes the Flutter chains copy: one frame per frame holds the note's 48 MB/s,
 * sse's three copies (encode, Dart's copy, the image's) do not. */
Test(claims, c1_frame_arithmetic) {
    world w;
    base_world(&w);
    w.thresholds.arithmetic_pct = 5; /* the note's figures are 7.4 % off */
    EXPECT(&w, 1, VB_REFUTED);
    base_world(&w);
    vb_point *chain = find(&w, VB_VIEW_SPECTRUM, 1080, 60, "frb-image");
    chain->summary.copied_mb_per_frame = 0.864; /* once: 52 MB/s, the note's figure */
    EXPECT(&w, 1, VB_SUPPORTED);
    chain->summary.copied_mb_per_frame = 3 * 0.864;
    chain->summary.copies_per_frame = 3;
    EXPECT(&w, 1, VB_REFUTED);
    cr_assert(strstr(w.claims[0].reason, "frb-image (sse) copies the frame 3.0 times"), "%s",
              w.claims[0].reason);
    base_world(&w);
    remove_strategy(&w, "frb-image", 0);
    remove_strategy(&w, "frb-texture", 0);
    EXPECT(&w, 1, VB_NOT_TESTABLE);
}

/* C2 on the CPU the chains spend copying: 1 ms per frame at 60 fps is 6 % of a core. */
Test(claims, c2_copy_share) {
    world w;
    base_world(&w);
    vb_point *chain = find(&w, VB_VIEW_SPECTRUM, 1080, 60, "frb-image");
    chain->summary.hop_encode_ms = 0.9;
    chain->summary.hop_copy_ms = 0.1;
    EXPECT(&w, 2, VB_REFUTED);
    cr_assert(w.claims[1].cpu_factor > 0.8 && w.claims[1].cpu_factor < 0.85, "factor %.2f",
              w.claims[1].cpu_factor); /* 5 % / 6 % */
    w.thresholds.copy_share_pct = 10;
    EXPECT(&w, 2, VB_SUPPORTED);
    cr_assert(strstr(w.claims[1].sensitivity, "1.7x slower"), "%s", w.claims[1].sensitivity);
    /* three runs: 4.2, 5.4 and 6.0 % of a core straddle the 5 % limit */
    w.thresholds.copy_share_pct = 5;
    chain->repeats = 3;
    const double ms[3] = {0.7, 0.9, 1.0};
    for (int i = 0; i < 3; i++) {
        vb_repeat_figures_of(chain, &chain->summary, 1, 1, &chain->repeat[i]);
        chain->repeat[i].copy_cpu_ms = ms[i];
    }
    EXPECT(&w, 2, VB_UNDECIDED);
    base_world(&w);
    remove_strategy(&w, "frb-image", 0);
    remove_strategy(&w, "frb-texture", 0);
    EXPECT(&w, 2, VB_NOT_TESTABLE);
}

Test(claims, c3_spectrum_copy) {
    world w;
    base_world(&w);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "pixel-copy")->summary.process_cpu_pct = 40;
    EXPECT(&w, 3, VB_REFUTED); /* shared-buffer holds there: the copy is the cost */
    software(&w);
    EXPECT(&w, 3, VB_REFUTED);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "shared-buffer")->summary.process_cpu_pct = 40;
    EXPECT(&w, 3, VB_NOT_TESTABLE); /* both fail on a software renderer */
    base_world(&w);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "pixel-copy")->bars = 64;
    EXPECT(&w, 3, VB_NOT_TESTABLE);
}

/* C4 on the copy chain as Flutter runs it (frb-image; pixel-copy where it was not measured). */
Test(claims, c4_high_resolution) {
    world w;
    base_world(&w);
    EXPECT(&w, 4, VB_SUPPORTED); /* frb-image fails at 1920x1080 where shared-buffer holds */
    find(&w, VB_VIEW_WAVEFORM, 1920, 60, "frb-image")->summary.process_cpu_pct = 15;
    find(&w, VB_VIEW_SPECTROGRAM, 1920, 60, "frb-image")->summary.process_cpu_pct = 15;
    EXPECT(&w, 4, VB_REFUTED); /* holds everywhere measured */
    cr_assert(strstr(w.claims[3].reason, "frb-image never stops"), "%s", w.claims[3].reason);
    base_world(&w);
    software(&w);
    for (int s = 0; s < STRATEGIES; s++)
        for (int v = 0; v < VB_VIEW_COUNT; v++)
            find(&w, (vb_view_kind)v, 1920, 60, strategies[s])->summary.process_cpu_pct = 80;
    EXPECT(&w, 4, VB_NOT_TESTABLE); /* everything fails there, GPU path not judgeable */
    w.evidence.software = 0;
    EXPECT(&w, 4, VB_REFUTED); /* on a GPU everything failing means it is not the copy */
    for (int v = 0; v < VB_VIEW_COUNT; v++)
        find(&w, (vb_view_kind)v, 1920, 60, "vulkan-interop")->summary.process_cpu_pct = 10;
    EXPECT(&w, 4, VB_SUPPORTED); /* GPU sharing holds where CPU rendering fails */
    /* the runs straddle the limit where frb-image first stops holding */
    base_world(&w);
    const double cpu[3] = {20, 24, 27};
    repeats(find(&w, VB_VIEW_SPECTROGRAM, 1920, 60, "frb-image"), 3, cpu);
    repeats(find(&w, VB_VIEW_WAVEFORM, 1920, 60, "frb-image"), 3, cpu);
    EXPECT(&w, 4, VB_UNDECIDED);
    base_world(&w);
    remove_strategy(&w, "frb-image", 0);
    EXPECT(&w, 4, VB_SUPPORTED); /* pixel-copy, then: it fails where shared-buffer holds */
    cr_assert(strstr(w.claims[3].reason, "pixel-copy fails"), "%s", w.claims[3].reason);
    remove_strategy(&w, "pixel-copy", 0);
    EXPECT(&w, 4, VB_NOT_TESTABLE);
}

/* C5 on the Flutter chains: any CPU copy of the frame refutes "zero-copy". */
Test(claims, c5_zero_copy_chains) {
    world w;
    base_world(&w);
    vb_point *chain = find(&w, VB_VIEW_SPECTRUM, 1080, 60, "frb-texture");
    chain->summary.copied_mb_per_frame = 0.864;
    chain->summary.copies_per_frame = 1;
    EXPECT(&w, 5, VB_REFUTED);
    cr_assert(strstr(w.claims[4].reason, "frb-texture (sse) copies"), "%s", w.claims[4].reason);
    /* shared-buffer copying says nothing of the chains: not the path C5 speaks of */
    base_world(&w);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "shared-buffer")->summary.copied_mb_per_frame = 0.864;
    EXPECT(&w, 5, VB_SUPPORTED);
    base_world(&w);
    remove_strategy(&w, "frb-image", 0);
    remove_strategy(&w, "frb-texture", 0);
    EXPECT(&w, 5, VB_NOT_TESTABLE);
}

/* C6 among the sharing paths: a copy on the CPU or a pixel upload on any of them refutes it. */
Test(claims, c6_sharing_paths) {
    world w;
    base_world(&w);
    find(&w, VB_VIEW_SPECTROGRAM, 1080, 60, "egl-image")->summary.pixels_to_gpu_mb_per_frame =
        0.864;
    EXPECT(&w, 6, VB_REFUTED);
    cr_assert(strstr(w.claims[5].reason, "egl-image"), "%s", w.claims[5].reason);
    base_world(&w);
    vb_point *vk = find(&w, VB_VIEW_WAVEFORM, 1080, 60, "vulkan-interop");
    vk->producer_process = VB_PRODUCER_SEPARATE;
    vk->summary.copied_mb_per_frame = 0.864;
    EXPECT(&w, 6, VB_REFUTED);
    cr_assert(strstr(w.claims[5].reason, "vulkan-interop (separate process)"), "%s",
              w.claims[5].reason);
    /* a CPU strategy uploading pixels is not a sharing path: it does not decide C6 */
    base_world(&w);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "mapped-pbo")->summary.process_cpu_ms_per_frame = 0.1;
    EXPECT(&w, 6, VB_SUPPORTED);
    cr_assert(strstr(w.claims[5].measured, "DMA-BUF"), "%s", w.claims[5].measured);
    base_world(&w);
    software(&w);
    EXPECT(&w, 6, VB_SUPPORTED);
    cr_assert(strstr(w.claims[5].reason, "software renderer"), "%s", w.claims[5].reason);
    base_world(&w);
    remove_strategy(&w, "gl-texture", 1080);
    remove_strategy(&w, "egl-image", 1080);
    remove_strategy(&w, "vulkan-interop", 1080);
    EXPECT(&w, 6, VB_NOT_TESTABLE);
}

/* C6 speaks of Android's paths: a copy on the GPU (SurfaceTexture's blit under Impeller) is a
 * copy, and a desktop-only path's copies do not decide it while Android's paths were measured. */
Test(claims, c6_judges_android_paths_and_gpu_copies) {
    world w;
    base_world(&w);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "egl-image")->summary.gpu_copied_mb_per_frame = 0.864;
    EXPECT(&w, 6, VB_REFUTED);
    cr_assert(strstr(w.claims[5].reason, "864.0 KB on the GPU"), "%s", w.claims[5].reason);
    cr_assert(strstr(w.claims[5].threshold, "of Android"), "%s", w.claims[5].threshold);
    base_world(&w);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "gl-texture")->summary.gpu_copied_mb_per_frame = 0.864;
    EXPECT(&w, 6, VB_SUPPORTED); /* gl-texture is the Linux desktop's */
    /* without any Android path, every platform's sharing paths are judged */
    remove_strategy(&w, "egl-image", 0);
    remove_strategy(&w, "vulkan-interop", 0);
    EXPECT(&w, 6, VB_REFUTED);
}

/* C7 on the Flutter chain (frb-texture): fails, holds, or runs that disagree. */
Test(claims, c7_decision) {
    world w;
    base_world(&w);
    EXPECT(&w, 7, VB_SUPPORTED);
    cr_assert(strstr(w.claims[6].sensitivity, "1.7x slower"), "%s", w.claims[6].sensitivity);
    vb_point *chain = find(&w, VB_VIEW_SPECTROGRAM, 1080, 60, "frb-texture");
    chain->summary.process_cpu_pct = 30;
    EXPECT(&w, 7, VB_REFUTED);
    cr_assert(strstr(w.claims[6].sensitivity, "1.2x faster"), "%s", w.claims[6].sensitivity);
    software(&w);
    EXPECT(&w, 7, VB_NOT_TESTABLE);
    base_world(&w);
    chain = find(&w, VB_VIEW_SPECTROGRAM, 1080, 60, "frb-texture");
    const double cpu[3] = {20, 24, 27}; /* straddles the 25 % limit */
    repeats(chain, 3, cpu);
    EXPECT(&w, 7, VB_UNDECIDED);
    cr_assert(strstr(w.claims[6].reason, "20.0-27.0 % of a core (3 runs)"), "%s",
              w.claims[6].reason);
    /* shared-buffer failing is not the chain failing: not the path C7 speaks of */
    base_world(&w);
    find(&w, VB_VIEW_SPECTROGRAM, 1080, 60, "shared-buffer")->summary.process_cpu_pct = 30;
    EXPECT(&w, 7, VB_SUPPORTED);
    base_world(&w);
    remove_strategy(&w, "frb-texture", 0);
    EXPECT(&w, 7, VB_SUPPORTED); /* frb-image, then */
    remove_strategy(&w, "frb-image", 0);
    EXPECT(&w, 7, VB_NOT_TESTABLE);
}

/* C3 with repeated runs: decided only when every run agrees. */
Test(claims, c3_undecided_when_runs_straddle) {
    world w;
    base_world(&w);
    vb_point *copy = find(&w, VB_VIEW_SPECTRUM, 1080, 60, "pixel-copy");
    const double cpu[3] = {22, 24, 26};
    repeats(copy, 3, cpu);
    EXPECT(&w, 3, VB_UNDECIDED);
    const double low[3] = {10, 12, 13};
    repeats(copy, 3, low);
    EXPECT(&w, 3, VB_SUPPORTED);
    cr_assert(strstr(w.claims[2].sensitivity, "1.9x slower"), "%s", w.claims[2].sensitivity);
}

/* Copies are exact counts: decided when every run agrees, undecided when they do not. */
Test(claims, copy_counts_undecided_when_runs_disagree) {
    world w;
    base_world(&w);
    vb_point *chain = find(&w, VB_VIEW_SPECTRUM, 1080, 60, "frb-image");
    chain->summary.copied_mb_per_frame = 3 * 0.864;
    chain->repeats = 3;
    const double copied[3] = {0.864, 3 * 0.864, 0.864}; /* 1 frame, 3, 1 */
    for (int i = 0; i < 3; i++) {
        vb_repeat_figures_of(chain, &chain->summary, 1, 1, &chain->repeat[i]);
        chain->repeat[i].copied_mb = copied[i];
    }
    EXPECT(&w, 1, VB_UNDECIDED);
    for (int i = 0; i < 3; i++)
        chain->repeat[i].copied_mb = i == 1 ? 0.864 : 0; /* a copy in one run of three */
    EXPECT(&w, 5, VB_UNDECIDED);
    for (int i = 0; i < 3; i++)
        chain->repeat[i].copied_mb = 0.864;
    EXPECT(&w, 5, VB_REFUTED);
    base_world(&w);
    vb_point *egl = find(&w, VB_VIEW_SPECTRUM, 1080, 60, "egl-image");
    egl->repeats = 2;
    for (int i = 0; i < 2; i++) {
        vb_repeat_figures_of(egl, &egl->summary, 1, 1, &egl->repeat[i]);
        egl->repeat[i].pixels_mb = i ? 0.864 : 0;
    }
    EXPECT(&w, 6, VB_UNDECIDED);
}

Test(claims, holding_the_budget_breaks_on_each_limit) {
    world w;
    base_world(&w);
    vb_thresholds t;
    vb_thresholds_defaults(&t);
    vb_point p = *find(&w, VB_VIEW_SPECTRUM, 1080, 60, "shared-buffer");
    char why[200];
    cr_assert(vb_point_holds(&p, &t, why, sizeof why));
    vb_point q = p;
    q.summary.dropped = 5; /* 5 of 125 due */
    cr_assert_not(vb_point_holds(&q, &t, why, sizeof why));
    cr_assert(strstr(why, "never shown"), "%s", why);
    q = p;
    q.summary.latency_ms.p99 = 40; /* 2.4 frames at 60 fps */
    cr_assert_not(vb_point_holds(&q, &t, why, sizeof why));
    cr_assert(strstr(why, "latency"), "%s", why);
    q = p;
    q.summary.process_cpu_pct = 25.5;
    cr_assert_not(vb_point_holds(&q, &t, why, sizeof why));
    cr_assert(strstr(why, "CPU"), "%s", why);
    q = p;
    q.picture_ok = 0;
    cr_assert_not(vb_point_holds(&q, &t, why, sizeof why));
    q = p;
    q.measured = 0;
    q.status = VB_STRATEGY_FAILED;
    cr_assert_not(vb_point_holds(&q, &t, why, sizeof why));
    cr_assert(strstr(why, "failed"), "%s", why);
}

/* The claims and the decision choose strategies by their facts, not their names: a strategy
 * this build has never heard of, recorded as a Flutter chain the app prefers to every other,
 * is judged by C5 and C7 and chosen by the decision; recorded as a family this build does not
 * know, nothing considers it. */
static const vb_strategy_facts new_chain = {
    .name = "future-chain",
    .summary = "a Flutter chain of a later build",
    .colour = "#123456",
    .family = VB_FAMILY_FLUTTER_CHAIN,
    .platforms = VB_PLATFORM_ANDROID,
    .capabilities = VB_CAP_FRB_CODEC | VB_CAP_VSYNC_DRIVEN,
    .preference = 0, /* before frb-texture's 1 */
};

static void add_strategy_of(world *w, const vb_strategy_facts *facts) {
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        vb_point *p = add(w, (vb_view_kind)v, 1080, 200, 60, "frb-texture");
        p->strategy = facts->name;
        p->facts = facts;
    }
}

Test(claims, strategies_are_chosen_by_their_facts) {
    world w;
    base_world(&w);
    add_strategy_of(&w, &new_chain);
    vb_decisions d;
    vb_decide(&w.evidence, &w.thresholds, &d);
    cr_assert_eq(d.of[0].platform, VB_PLATFORM_ANDROID);
    cr_assert_str_eq(d.of[0].strategy, "future-chain", "%s", d.of[0].text);
    cr_assert(strstr(d.of[0].text, "Decision for Android"), "%s", d.of[0].text);
    /* its path is Android's only: the Linux desktop's decision does not take it */
    cr_assert_str_eq(d.of[1].strategy, "frb-texture", "%s", d.of[1].text);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "future-chain")->summary.copied_mb_per_frame = 0.864;
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "future-chain")->summary.copies_per_frame = 1;
    EXPECT(&w, 5, VB_REFUTED);
    cr_assert(strstr(w.claims[4].reason, "future-chain (sse) copies"), "%s", w.claims[4].reason);
    cr_assert(strstr(w.claims[0].threshold, "frb-image, frb-texture, future-chain"), "%s",
              w.claims[0].threshold);
    find(&w, VB_VIEW_WAVEFORM, 1080, 60, "future-chain")->summary.process_cpu_pct = 30;
    EXPECT(&w, 7, VB_REFUTED); /* C7 judges the chain the app prefers */
    cr_assert(strstr(w.claims[6].threshold, "(future-chain)"), "%s", w.claims[6].threshold);
    vb_decide(&w.evidence, &w.thresholds, &d);
    /* Android has no pixel-buffer texture: after its chain, a GPU sharing path of Android */
    cr_assert_str_eq(d.of[0].strategy, "vulkan-interop", "%s", d.of[0].text);
    cr_assert_str_eq(d.of[1].strategy, "frb-texture", "%s", d.of[1].text);

    vb_strategy_facts unknown = new_chain;
    unknown.family = VB_FAMILY_UNKNOWN;
    base_world(&w);
    add_strategy_of(&w, &unknown);
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "future-chain")->summary.copied_mb_per_frame = 0.864;
    EXPECT(&w, 5, VB_SUPPORTED);
    vb_decide(&w.evidence, &w.thresholds, &d);
    cr_assert_str_eq(d.of[1].strategy, "frb-texture", "%s", d.of[1].text);
    cr_assert_str_neq(d.of[0].strategy, "future-chain", "%s", d.of[0].text);
}

/* A strategy decides only for the platforms its path exists on: in a world where every path
 * holds, Android's decision is never a desktop path (frb-texture's pixel-buffer texture,
 * frb-image's Skia decoder, gl-texture's shared context, the desktop's shared buffer), and
 * where none of Android's paths was measured, it says so instead of deciding. */
Test(claims, each_platform_decides_among_its_own_paths) {
    world w;
    base_world(&w);
    add_strategy_of(&w, &(vb_strategy_facts){.name = "android-chain",
                                             .family = VB_FAMILY_FLUTTER_CHAIN,
                                             .platforms = VB_PLATFORM_ANDROID,
                                             .preference = 3});
    vb_decisions d;
    vb_decide(&w.evidence, &w.thresholds, &d);
    cr_assert_str_eq(d.of[0].strategy, "android-chain", "%s", d.of[0].text);
    cr_assert_str_eq(d.of[1].strategy, "frb-texture", "%s", d.of[1].text);
    cr_assert(strstr(d.of[1].text, "Decision for the Linux desktop"), "%s", d.of[1].text);
    /* the Android chain fails in one view: the next Android path in the app's order */
    find(&w, VB_VIEW_SPECTRUM, 1080, 60, "android-chain")->summary.process_cpu_pct = 30;
    vb_decide(&w.evidence, &w.thresholds, &d);
    cr_assert_str_eq(d.of[0].strategy, "vulkan-interop", "%s", d.of[0].text);
    const char *desktop_only[] = {"frb-texture", "frb-image", "gl-texture", "shared-buffer"};
    for (int i = 0; i < 4; i++)
        cr_assert_str_neq(d.of[0].strategy, desktop_only[i]);
    /* nothing of Android measured: no decision for it, and the desktop's stands */
    base_world(&w);
    const char *android[] = {"egl-image", "vulkan-interop", "pixel-copy", "mapped-pbo"};
    for (int i = 0; i < 4; i++)
        remove_strategy(&w, android[i], 0);
    vb_decide(&w.evidence, &w.thresholds, &d);
    cr_assert_eq(d.of[0].state, VB_NOT_TESTABLE, "%s", d.of[0].text);
    cr_assert_null(d.of[0].strategy, "%s", d.of[0].text);
    cr_assert(strstr(d.of[0].text, "No strategy measured stands for a path it has"), "%s",
              d.of[0].text);
    cr_assert_str_eq(d.of[1].strategy, "frb-texture", "%s", d.of[1].text);
}

/* The clean models are found by their roles: without the copy model C3 has nothing to judge. */
Test(claims, reference_models_are_found_by_role) {
    world w;
    base_world(&w);
    remove_strategy(&w, "pixel-copy", 0);
    EXPECT(&w, 3, VB_NOT_TESTABLE);
    cr_assert(strstr(w.claims[2].measured, "no copy-model run"), "%s", w.claims[2].measured);
}
