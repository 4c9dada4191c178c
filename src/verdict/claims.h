/* The research note's claims (../shared/RESEARCH.md, quoted in the README) and the verdict
 * the evidence gives each: supported, refuted, or not testable here (with the reason: nothing
 * measured where the claim speaks, or a claim about the GPU bus on a software renderer).
 *
 *   C1  ~800 KB per 1080x200 RGBA frame, ~48 MB/s at 60 fps: the arithmetic, then the bytes
 *       each strategy moved per frame
 *   C2  memory bandwidth (> 20 GB/s) handles that easily: memcpy bandwidth, and the share of
 *       a core and of the frame budget pixel-copy spends copying
 *   C3  pixel copy is acceptable for a simple spectrum analyzer (100 bars) at 60 fps
 *   C4  pixel copy is poor for full spectrograms or high-res waveforms: the smallest size x fps
 *       where it stops holding the budget, beside the other strategies there
 *   C5  the shared buffer removes the CPU copy: copies per frame, CPU saved
 *   C6  GPU texture sharing is the true zero-copy path: least CPU, fewest bytes to the GPU
 *   C7  the decision: the shared buffer is fast enough for the trainer's views (1080x200 at
 *       60 fps), and from what size and rate GPU sharing becomes necessary
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

typedef enum { VB_SUPPORTED = 0, VB_REFUTED = 1, VB_NOT_TESTABLE = 2 } vb_verdict;

const char *vb_verdict_name(vb_verdict verdict); /* "supported", "refuted", "not testable here" */

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
} vb_claim;

void vb_claims_evaluate(const vb_evidence *evidence, const vb_thresholds *thresholds,
                        vb_claim claims[VB_CLAIM_COUNT]);

/* Whether a point holds the budget; when not, `why` says which limit it broke (may be NULL). */
int vb_point_holds(const vb_point *point, const vb_thresholds *thresholds, char *why, size_t size);

#endif
