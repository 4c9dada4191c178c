/* Internal to the verdicts: queries over the evidence and the wording helpers the claims share.
 * Points returned are borrowed from the evidence. */
#ifndef VB_VERDICT_CLAIM_SUPPORT_H
#define VB_VERDICT_CLAIM_SUPPORT_H

#include "common/error.h"
#include "verdict/claims.h"

#include <stddef.h>

/* Appends to the string in dst (never past size). */
void vb_claim_appendf(char *dst, size_t size, const char *fmt, ...) VB_PRINTF(3, 4);
/* Sets the verdict and its reason. */
void vb_claim_set(vb_claim *c, vb_verdict verdict, const char *fmt, ...) VB_PRINTF(3, 4);

/* A point whose process CPU lies within 10 % of the limit: run-to-run noise on a shared machine
 * can move it across, so a verdict it decides says so (appended by caution_if_near). */
int vb_claim_near_cpu_limit(const vb_point *p, const vb_thresholds *t);
void vb_claim_note_narrow_margin(vb_claim *c, const vb_thresholds *t);
void vb_claim_caution_if_near(vb_claim *c, const vb_point *a, const vb_point *b,
                              const vb_thresholds *t);

/* A CPU-rendered strategy's point, from its facts; `copy_free` keeps those that
 * copied nothing on the CPU (C4's "a strategy without the copy"). */
int vb_claim_cpu_rendered(const vb_point *p, int copy_free);

/* The point of `strategy` at the note's case in `view`; the spectrum there if measured, else
 * any view. */
const vb_point *vb_claim_note_point(const vb_evidence *e, vb_view_kind view, const char *strategy);
const vb_point *vb_claim_note_point_any_view(const vb_evidence *e, const char *strategy);

double vb_claim_pixel_rate(const vb_point *p);
/* The measured point of `strategy` in `view` (any view when view < 0) with the smallest pixel
 * rate that does not hold the budget; NULL when it holds everywhere. */
const vb_point *vb_claim_smallest_failure(const vb_evidence *e, int view, const char *strategy,
                                          const vb_thresholds *t, int *measured_points);
const vb_point *vb_claim_largest_point(const vb_evidence *e, const char *strategy);
const vb_point *vb_claim_at_same_place(const vb_evidence *e, const vb_point *at,
                                       const char *strategy);

/* The name of the evidence's first strategy with `role` (VB_ROLE_*), else `otherwise` (the role's
 * name, which names no strategy, so that every lookup by it finds nothing). */
const char *vb_claim_role(const vb_evidence *e, unsigned role, const char *otherwise);
/* The evidence's strategies of `family`, in its order, as "a, b" ("" for none). */
void vb_claim_family_names(const vb_evidence *e, vb_strategy_family family, const char *sep,
                           char *dst, size_t size);
/* The evidence's strategies in the app's order of preference: by family (the Flutter chains,
 * Android's own paths, GPU sharing, the clean models), then by each one's preference. */
int vb_evidence_by_preference(const vb_evidence *e, const vb_strategy_facts **out, int max);

/* The points of the Flutter chains and of the GPU sharing paths at the note's case in `view`
 * (any view when < 0, the spectrum first), into out[]; returns how many. The sharing paths are
 * Android's (the note's primary target: GPU-rendered strategies of the GPU sharing family or
 * Android's own paths whose path exists on Android) where the evidence has any, else the GPU
 * sharing family of every platform (files of builds before the Android paths). */
int vb_claim_chain_points(const vb_evidence *e, int view, const vb_point **out, int max);
int vb_claim_sharing_points(const vb_evidence *e, int view, const vb_point **out, int max);
/* Whether the evidence has a GPU sharing path of Android; the sharing paths' names, "a, b". */
int vb_claim_has_android_sharing(const vb_evidence *e);
void vb_claim_sharing_names(const vb_evidence *e, char *dst, size_t size);
/* The name with the run's FRB codec ("NAME (sse)") for a strategy of the frb-codec capability,
 * with its producer's process ("NAME (separate process)") for one of producer-process. */
void vb_claim_path_name(const vb_point *p, char *dst, size_t size);
/* A verdict resting on a CPU share `share` (range over the runs) against `limit`: sets
 * c->cpu_factor (limit / the worst share when it holds, limit / the best when it fails) and
 * says it in c->sensitivity, for `what` ("NAME holds the note's case"). */
void vb_claim_cpu_sensitivity(vb_claim *c, vb_range share, double limit, const char *what);

/* The GL renderer's name without its details: "llvmpipe", "NVIDIA H200/PCIe/SSE2". */
void vb_claim_renderer_name(const vb_evidence *e, char *dst, size_t size);

/* "spectrum 1080x200@60" */
void vb_claim_describe_point(const vb_point *p, char *dst, size_t size);
/* "A holds; B: 100 % never shown" for every strategy at at's place. */
void vb_claim_strategies_at(const vb_evidence *e, const vb_point *at, const vb_thresholds *t,
                            char *dst, size_t size);
/* The rule "holds the budget" in words, with the thresholds. */
void vb_claim_holds_rule(const vb_thresholds *t, char *dst, size_t size);

#endif
