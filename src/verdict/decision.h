/* The decision the evidence supports, one per platform, in one to three sentences each, for
 * the front of validate's output and of the report: which strategy to use for the note's case
 * (1080x200 at 60 fps) on that platform, up to which size and rate it holds, what to use beyond,
 * on which machine and renderer; or "undecided" where the repeated runs disagree.
 *
 * The platforms, in order: Android (the app's primary target), then the Linux desktop. A
 * strategy decides only for the platforms its facts say its real path exists on
 * (record/strategy_facts.h: a desktop's pixel-buffer texture is not on Android, for one).
 *
 * The rule, per platform: the first strategy of that platform, in the order the app would
 * prefer them, that holds the budget (vb_point_judge, every run) in every view measured at the
 * note's case. The order comes from the strategies' facts: by family, the note's decision as
 * Flutter runs it first, then Android's own paths, GPU sharing, the clean models, and within a
 * family by each one's preference; a strategy of a family this build does not know is never
 * chosen. Beyond its first failure: the first strategy of that platform holding there. */
#ifndef VB_VERDICT_DECISION_H
#define VB_VERDICT_DECISION_H

#include "verdict/claims.h"

typedef struct vb_decision {
    unsigned platform;    /* the VB_PLATFORM_* bit it is for */
    vb_verdict state;     /* VB_SUPPORTED: decided; VB_UNDECIDED; VB_NOT_TESTABLE: nothing */
    const char *strategy; /* the strategy chosen, or NULL */
    char text[1000];
} vb_decision;

#define VB_DECISION_PLATFORMS 2
typedef struct vb_decisions {
    vb_decision of[VB_DECISION_PLATFORMS]; /* Android, then the Linux desktop */
} vb_decisions;

/* "Android", "the Linux desktop", "Windows", "macOS and iOS" (for a VB_PLATFORM_* bit). */
const char *vb_decision_platform_label(unsigned platform);

/* The decision for one platform. */
void vb_decide_for(const vb_evidence *evidence, const vb_thresholds *thresholds, unsigned platform,
                   vb_decision *decision);
/* Every platform's, in order. */
void vb_decide(const vb_evidence *evidence, const vb_thresholds *thresholds,
               vb_decisions *decisions);

#endif
