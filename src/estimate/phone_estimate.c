/* The estimates per core class and thread (estimate/phone_estimate.h). */
#include "estimate/phone_estimate.h"

#include "common/error.h"

#include <stdio.h>
#include <string.h>

int vb_phone_estimate_of(const vb_strategy_facts *facts, vb_phone_estimate *out) {
    memset(out, 0, sizeof *out);
    out->facts = facts;
    for (int c = 0; c < VB_CORE_CLASS_COUNT; c++) {
        for (int v = 0; v < VB_VIEW_COUNT; v++) {
            vb_strategy_estimate e;
            if (vb_strategy_estimate_on(facts, (vb_view_kind)v, vb_core_class_at(c), &e) != VB_OK)
                return -VB_ERR_FAILURE;
            for (int t = 0; t < VB_THREAD_COUNT; t++) {
                vb_thread_estimate *best = &out->of[t][c];
                /* a view the model cannot estimate wins: its gap is what the reader must see */
                const int worse =
                    v == 0 || (best->estimated && !e.thread[t].estimated) ||
                    (e.thread[t].estimated && best->estimated && e.thread[t].ns.hi > best->ns.hi);
                if (worse) *best = e.thread[t];
            }
        }
    }
    return VB_OK;
}

static void format_ms(double ns, char *dst, size_t size) {
    const double ms = ns / 1e6;
    snprintf(dst, size, ms >= 10 ? "%.0f" : ms >= 1 ? "%.1f" : ms >= 0.1 ? "%.2f" : "%.3f", ms);
}

void vb_thread_estimate_text(const vb_thread_estimate *t, char *dst, size_t size) {
    if (!t->stage_count) {
        snprintf(dst, size, "-");
    } else if (!t->estimated) {
        char floor[16];
        format_ms(t->floor_ns, floor, sizeof floor);
        if (t->floor_ns > 0)
            snprintf(dst, size,
                     "not estimated (%s), but at least %s ms (its instructions at the "
                     "core's issue width and top clock)",
                     t->missing, floor);
        else
            snprintf(dst, size, "not estimated (%s)", t->missing);
    } else {
        char lo[16], hi[16];
        format_ms(t->ns.lo, lo, sizeof lo);
        format_ms(t->ns.hi, hi, sizeof hi);
        snprintf(dst, size, "%s-%s ms", lo, hi);
    }
}
