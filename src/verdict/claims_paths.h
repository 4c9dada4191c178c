/* Internal to the verdicts: the claims judged on the app's real paths (claims_paths.c); each
 * fills one vb_claim from the evidence (verdict/claims.h says what each claim is). */
#ifndef VB_VERDICT_CLAIMS_PATHS_H
#define VB_VERDICT_CLAIMS_PATHS_H

#include "verdict/claims.h"

void vb_claim_frame_arithmetic(const vb_evidence *e, const vb_thresholds *t, vb_claim *c);
void vb_claim_bandwidth(const vb_evidence *e, const vb_thresholds *t, vb_claim *c);
void vb_claim_shared_buffer(const vb_evidence *e, const vb_thresholds *t, vb_claim *c);
void vb_claim_gpu_texture(const vb_evidence *e, const vb_thresholds *t, vb_claim *c);
void vb_claim_decision(const vb_evidence *e, const vb_thresholds *t, vb_claim *c);

#endif
