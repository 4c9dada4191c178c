/* The research note's claims (in our words: docs/claims.md) and the verdict
 * the evidence gives each: supported, refuted, or not testable here (with the reason: nothing
 * measured where the claim speaks, or a claim about the GPU bus on a software renderer).
 *
 * Each claim is judged on the paths it speaks of (claims_paths.c), chosen by the strategies'
 * facts (record/strategy_facts.h), never by name: the note's decision as Flutter runs it (the
 * flutter-chain family: FRB's codec, Dart's copy, Flutter's image or texture chain) and GPU
 * sharing as the platforms do it (the gpu-sharing family); the clean models by their roles.
 *
 *   C1  ~800 KB per 1080x200 RGBA frame, ~48 MB/s at 60 fps: the arithmetic, then the bytes
 *       the Flutter chains copy per frame against one frame's
 *   C2  memory bandwidth (> 20 GB/s) handles that easily: the CPU the Flutter chains spend
 *       copying frame bytes (codec, Dart's copy), as a share of a core
 *   C3  pixel copy is acceptable for a simple spectrum analyzer (100 bars) at 60 fps: the
 *       copy model
 *   C4  pixel copy is poor for full spectrograms or high-res waveforms: the smallest size x fps
 *       where the copy chain (the image chain, else the copy model) stops holding the budget
 *   C5  FRB's zero-copy buffer satisfies zero-copy: the copies the Flutter chains make, and
 *       their hand-off's CPU beside the zero-copy model's
 *   C6  GPU texture sharing is the true zero-copy path: every sharing path free of CPU copies
 *       and pixel uploads, and its CPU beside the sharing ideal's
 *   C7  the decision: the Flutter chain the app prefers holds the trainer's views (1080x200 at
 *       60 fps), and from what size and rate GPU sharing becomes necessary
 *
 * A verdict on measured figures is decided only when every repeated run (--repeat) agrees;
 * where the runs straddle a threshold it is undecided, with the range.
 *
 * "Holds the budget" (vb_point_holds): the run ended normally with the reference picture, at
 * most max_dropped_pct of due frames never shown, p99 latency at most max_latency_frames frame
 * periods (a two-stage pipeline, like Flutter's UI and raster threads, is a frame behind by
 * design), and process CPU at most max_cpu_pct of one core. Every threshold is an option. */
#ifndef VB_VERDICT_CLAIMS_H
#define VB_VERDICT_CLAIMS_H

#include "verdict/evidence.h"

#include <stddef.h>

/* The note's own case and figures. */
#define VB_NOTE_WIDTH 1080
#define VB_NOTE_HEIGHT 200
#define VB_NOTE_FPS 60
#define VB_NOTE_BARS 100
#define VB_NOTE_FRAME_BYTES 800e3
#define VB_NOTE_RATE_BYTES 48e6
#define VB_NOTE_MEMORY_GBPS 20.0

typedef struct vb_thresholds {
    double arithmetic_pct;     /* C1: how far the note's rounded figures may be off */
    double copy_share_pct;     /* C2: "easily" = copying costs at most this % of a core */
    double max_dropped_pct;    /* frames never shown, % of those due */
    double max_latency_frames; /* p99 latency, in frame periods */
    double max_cpu_pct;        /* process CPU, % of one core */
} vb_thresholds;

void vb_thresholds_defaults(vb_thresholds *thresholds);

typedef enum {
    VB_SUPPORTED = 0,
    VB_REFUTED = 1,
    VB_NOT_TESTABLE = 2,
    VB_UNDECIDED = 3, /* the repeated runs' range straddles the threshold */
} vb_verdict;

/* "supported", "refuted", "not testable here", "undecided" */
const char *vb_verdict_name(vb_verdict verdict);

#define VB_CLAIM_COUNT 7

typedef struct vb_claim {
    const char *id;        /* "C1" .. "C7" */
    const char *topic;     /* a few words */
    const char *note_says; /* the note's words */
    vb_verdict verdict;
    char measured[1200]; /* the evidence, with figures */
    char threshold[400]; /* the rule applied, with the option values */
    char reason[700];    /* why this verdict */
    char renderer[160];  /* the GL renderer it was measured on */
    /* Verdicts that rest on a CPU share: how many times slower the CPU could be (or the budget
     * smaller) before the verdict flips (< 1: how much faster it would have to be); 0 when the
     * verdict rests on no CPU share. `sensitivity` says it in words. */
    double cpu_factor;
    char sensitivity[320];
} vb_claim;

void vb_claims_evaluate(const vb_evidence *evidence, const vb_thresholds *thresholds,
                        vb_claim claims[VB_CLAIM_COUNT]);

/* Whether a point holds the budget in every one of its repeated runs (VB_HOLDS), in none
 * (VB_FAILS), or in some only (VB_HOLD_UNDECIDED: the runs straddle a limit); when not held,
 * `why` (may be NULL) names the limits broken, with their range over the runs. */
typedef enum { VB_FAILS = 0, VB_HOLDS = 1, VB_HOLD_UNDECIDED = 2 } vb_hold;
vb_hold vb_point_judge(const vb_point *point, const vb_thresholds *thresholds, char *why,
                       size_t size);
/* vb_point_judge(...) == VB_HOLDS. */
int vb_point_holds(const vb_point *point, const vb_thresholds *thresholds, char *why, size_t size);

#endif
