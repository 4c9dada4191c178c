/* The verdicts in plain text, for a terminal or a CI log: the decision first, a summary table
 * (claim, topic, verdict, the CPU factor it tolerates), then each claim with what the note
 * says, what was measured, the threshold used, the reason for its verdict and its
 * sensitivity. */
#ifndef VB_REPORT_VERDICT_TABLE_H
#define VB_REPORT_VERDICT_TABLE_H

#include "verdict/claims.h"
#include "verdict/decision.h"

#include <stdio.h>

/* The verdicts, then each claim's evidence wrapped at `columns` (at least 60). */
void vb_verdict_table_print(const vb_evidence *evidence, const vb_claim claims[VB_CLAIM_COUNT],
                            const vb_decisions *decision, FILE *out, int columns);

#endif
