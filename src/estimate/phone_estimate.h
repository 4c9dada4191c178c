/* A strategy's estimated CPU time per frame on each phone core class, per thread, for the view
 * that costs that thread most (the note's three views at 1080x200), in the form the CLI, validate
 * and the report print: the cost model (estimate/cost_model.h) run over every view and class.
 * Plain values: nothing to free. */
#ifndef VB_ESTIMATE_PHONE_ESTIMATE_H
#define VB_ESTIMATE_PHONE_ESTIMATE_H

#include "estimate/cost_model.h"

#include <stddef.h>

typedef struct vb_phone_estimate {
    const vb_strategy_facts *facts;
    /* [thread][class]: the costliest view's estimate (stage_count 0: no CPU work there) */
    vb_thread_estimate of[VB_THREAD_COUNT][VB_CORE_CLASS_COUNT];
} vb_phone_estimate;

/* VB_OK, or -VB_ERR_FAILURE (error set) as vb_strategy_estimate_on. */
int vb_phone_estimate_of(const vb_strategy_facts *facts, vb_phone_estimate *out);

/* "0.52-2.1 ms" (two significant figures), or the reason it has none ("not estimated:
 * immutable-copy: the model missed it by +45 % here"). */
void vb_thread_estimate_text(const vb_thread_estimate *t, char *dst, size_t size);

/* The frame budget of a display rate, ms: 1000 / hz. */
static inline double vb_frame_budget_ms(int hz) {
    return 1000.0 / hz;
}

#endif
