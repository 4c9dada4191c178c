#include "verdict/decision.h"

#include "verdict/claim_support.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

const char *vb_decision_platform_label(unsigned platform) {
    switch (platform) {
    case VB_PLATFORM_ANDROID:
        return "Android";
    case VB_PLATFORM_LINUX:
        return "the Linux desktop";
    case VB_PLATFORM_WINDOWS:
        return "Windows";
    case VB_PLATFORM_MACOS_IOS:
        return "macOS and iOS";
    default:
        return "no platform";
    }
}

/* The evidence's strategies of a known family whose path exists on `platform`, in the app's
 * order of preference (their names). */
static int preferred(const vb_evidence *e, unsigned platform, const char **names) {
    const vb_strategy_facts *order[VB_SESSION_MAX_RUNS];
    const int n = vb_evidence_by_preference(e, order, VB_SESSION_MAX_RUNS);
    int kept = 0;
    for (int i = 0; i < n; i++)
        if (order[i]->family != VB_FAMILY_UNKNOWN && (order[i]->platforms & platform))
            names[kept++] = order[i]->name;
    return kept;
}

/* How `strategy` fares in every view measured at (width, height, fps): VB_HOLDS in all,
 * VB_FAILS in one at least, else VB_HOLD_UNDECIDED; -1 when nothing was measured there. */
static int judge_everywhere(const vb_evidence *e, const vb_thresholds *t, const char *strategy,
                            int width, int height, int fps, char *why, size_t size) {
    int views = 0, fails = 0, undecided = 0;
    if (why) why[0] = '\0';
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        const vb_point *p = vb_evidence_find(e, (vb_view_kind)v, width, height, fps, strategy);
        if (!p) continue;
        views++;
        char reason[300];
        const vb_hold hold = vb_point_judge(p, t, reason, sizeof reason);
        if (hold != VB_HOLDS && why && !why[0]) {
            vb_claim_appendf(why, size, "%s: ", vb_view_name((vb_view_kind)v));
            vb_claim_appendf(why, size, "%s", reason);
        }
        fails += hold == VB_FAILS;
        undecided += hold == VB_HOLD_UNDECIDED;
    }
    if (views == 0) return -1;
    return fails ? VB_FAILS : undecided ? VB_HOLD_UNDECIDED : VB_HOLDS;
}

/* The sizes x rates measured with `strategy`, by pixel rate: the smallest where it does not
 * hold in every view, and the largest below it where it does. */
static void limits(const vb_evidence *e, const vb_thresholds *t, const char *strategy,
                   const vb_point **held, const vb_point **failed) {
    *held = *failed = NULL;
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        if (strcmp(p->strategy, strategy) != 0) continue;
        if (judge_everywhere(e, t, strategy, p->width, p->height, p->fps, NULL, 0) != VB_HOLDS) {
            if (!*failed || vb_claim_pixel_rate(p) < vb_claim_pixel_rate(*failed)) *failed = p;
        }
    }
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        if (strcmp(p->strategy, strategy) != 0) continue;
        if (*failed && vb_claim_pixel_rate(p) >= vb_claim_pixel_rate(*failed)) continue;
        if (judge_everywhere(e, t, strategy, p->width, p->height, p->fps, NULL, 0) == VB_HOLDS &&
            (!*held || vb_claim_pixel_rate(p) > vb_claim_pixel_rate(*held)))
            *held = p;
    }
}

static void context(const vb_evidence *e, char *dst, size_t size) {
    char renderer[160];
    vb_claim_renderer_name(e, renderer, sizeof renderer);
    const int quick = strstr(e->command, "--quick") != NULL;
    int runs = 1;
    for (int i = 0; i < e->count; i++)
        if (e->points[i].repeats > runs) runs = e->points[i].repeats;
    dst[0] = '\0';
    vb_claim_appendf(dst, size, "%s%s on %s, %d run%s a point", quick ? "quick, " : "", renderer,
                     e->machine, runs, runs == 1 ? "" : "s");
}

/* What the hand-off is of the delay from a sound to its picture, view by view. */
static void describe_sound_to_picture(const vb_evidence *e, vb_decision *d) {
    double low = 100, high = 0;
    int shown = 0;
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        const vb_point *p = vb_claim_note_point(e, (vb_view_kind)v, d->strategy);
        if (!p) continue;
        vb_sound_budget b;
        vb_point_sound_budget(p, &b);
        vb_claim_appendf(d->text, sizeof d->text, "%s %s %.1f ms",
                         shown++ ? ","
                                 : " From a "
                                   "sound to its "
                                   "picture:",
                         vb_view_name((vb_view_kind)v), b.total_ms);
        if (b.hand_off_pct < low) low = b.hand_off_pct;
        if (b.hand_off_pct > high) high = b.hand_off_pct;
    }
    if (shown)
        vb_claim_appendf(d->text, sizeof d->text, "; the hand-off is %.0f-%.0f %% of it.", low,
                         high);
}

/* Up to where the chosen strategy holds, and which of the platform's holds beyond. */
static void describe_limits(const vb_evidence *e, const vb_thresholds *t, const char *label,
                            const char *const *preference, int preferences, vb_decision *d) {
    const vb_point *held, *failed;
    limits(e, t, d->strategy, &held, &failed);
    if (!failed) {
        const vb_point *big = vb_claim_largest_point(e, d->strategy);
        if (big)
            vb_claim_appendf(d->text, sizeof d->text,
                             " It holds at every size and rate measured, up to %dx%d at %d fps.",
                             big->width, big->height, big->fps);
        return;
    }
    char why[300];
    judge_everywhere(e, t, d->strategy, failed->width, failed->height, failed->fps, why,
                     sizeof why);
    if (held)
        vb_claim_appendf(d->text, sizeof d->text, " It holds up to %dx%d at %d fps", held->width,
                         held->height, held->fps);
    else
        vb_claim_appendf(d->text, sizeof d->text, " It holds at the note's case only");
    vb_claim_appendf(d->text, sizeof d->text, " and not at %dx%d at %d fps (%s)", failed->width,
                     failed->height, failed->fps, why);
    const char *beyond = NULL;
    for (int i = 0; i < preferences && !beyond; i++)
        if (judge_everywhere(e, t, preference[i], failed->width, failed->height, failed->fps, NULL,
                             0) == VB_HOLDS)
            beyond = preference[i];
    if (beyond)
        vb_claim_appendf(d->text, sizeof d->text, "; there use %s, which holds in every view.",
                         beyond);
    else
        vb_claim_appendf(d->text, sizeof d->text,
                         "; there no strategy of %s measured holds in every view%s.", label,
                         e->software ? " (on this software renderer the GPU paths run on the "
                                       "CPU too)"
                                     : "");
}

void vb_decide(const vb_evidence *e, const vb_thresholds *t, vb_decisions *out) {
    static const unsigned order[VB_DECISION_PLATFORMS] = {VB_PLATFORM_ANDROID, VB_PLATFORM_LINUX};
    for (int i = 0; i < VB_DECISION_PLATFORMS; i++)
        vb_decide_for(e, t, order[i], &out->of[i]);
}

void vb_decide_for(const vb_evidence *e, const vb_thresholds *t, unsigned platform,
                   vb_decision *d) {
    memset(d, 0, sizeof *d);
    d->platform = platform;
    const char *label = vb_decision_platform_label(platform);
    char where[400];
    context(e, where, sizeof where);
    const char *undecided = NULL;
    char undecided_why[300] = "";
    const char *preference[VB_SESSION_MAX_RUNS];
    const int preferences = preferred(e, platform, preference);
    for (int i = 0; i < preferences && !d->strategy; i++) {
        char why[300];
        const int hold = judge_everywhere(e, t, preference[i], VB_NOTE_WIDTH, VB_NOTE_HEIGHT,
                                          VB_NOTE_FPS, why, sizeof why);
        if (hold == VB_HOLDS) d->strategy = preference[i];
        if (hold == VB_HOLD_UNDECIDED && !undecided) {
            undecided = preference[i];
            vb_claim_appendf(undecided_why, sizeof undecided_why, "%s", why);
        }
    }
    if (!d->strategy) {
        d->state = undecided ? VB_UNDECIDED : VB_NOT_TESTABLE;
        if (undecided)
            snprintf(d->text, sizeof d->text,
                     "Decision for %s (%s): undecided. No strategy of %s holds the note's case "
                     "(1080x200 at 60 fps) in every run; %s holds in some runs only (%s).",
                     label, where, label, undecided, undecided_why);
        else
            snprintf(d->text, sizeof d->text, "Decision for %s (%s): none. %s", label, where,
                     preferences ? "No strategy of it measured holds the note's case (1080x200 "
                                   "at 60 fps) in every view."
                                 : "No strategy measured stands for a path it has.");
        return;
    }
    d->state = VB_SUPPORTED;
    /* The CPU margin at the note's case: its worst run in any view. */
    double worst = 0;
    for (int v = 0; v < VB_VIEW_COUNT; v++) {
        const vb_point *p = vb_claim_note_point(e, (vb_view_kind)v, d->strategy);
        if (!p) continue;
        const vb_range cpu = vb_point_range(p, offsetof(vb_repeat_figures, process_cpu_pct));
        if (cpu.high > worst) worst = cpu.high;
    }
    snprintf(d->text, sizeof d->text,
             "Decision for %s (%s): for the note's case, 1080x200 at 60 fps, use %s: it holds "
             "the budget in every view measured",
             label, where, d->strategy);
    if (worst > 0)
        vb_claim_appendf(d->text, sizeof d->text, ", on any CPU up to %.1fx slower",
                         t->max_cpu_pct / worst);
    if (undecided)
        vb_claim_appendf(d->text, sizeof d->text, " (%s, preferred, is undecided: %s)", undecided,
                         undecided_why);
    vb_claim_appendf(d->text, sizeof d->text, ".");
    describe_sound_to_picture(e, d);
    describe_limits(e, t, label, preference, preferences, d);
}
