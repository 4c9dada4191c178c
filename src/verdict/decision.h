/* The decision the evidence supports, in one to three sentences, for the front of validate's
 * output and of the report: which strategy to use for the note's case (1080x200 at 60 fps),
 * up to which size and rate it holds, what to use beyond, on which machine and renderer; or
 * "undecided" where the repeated runs disagree.
 *
 * The rule: the first strategy, in the order the app would prefer them, that holds the budget
 * (vb_point_judge, every run) in every view measured at the note's case. The order comes from
 * the strategies' facts: by family, the note's decision as Flutter runs it first, then GPU
 * sharing as the platforms do it, then the clean models (record/strategy_facts.h), and within a
 * family by each one's preference; a strategy of a family this build does not know is never
 * chosen. Beyond its first failure: the first strategy in that order holding there. */
#ifndef VB_VERDICT_DECISION_H
#define VB_VERDICT_DECISION_H

#include "verdict/claims.h"

typedef struct vb_decision {
    vb_verdict state;     /* VB_SUPPORTED: decided; VB_UNDECIDED; VB_NOT_TESTABLE: nothing */
    const char *strategy; /* the strategy chosen, or NULL */
    char text[1000];
} vb_decision;

void vb_decide(const vb_evidence *evidence, const vb_thresholds *thresholds, vb_decision *decision);

#endif
