/* Exact counts of the work a thread did, for the gate's deterministic layer: a structural
 * change (an extra copy, an allocation or a GL call in the hot path) moves them by whole units
 * on any machine, where timings only drift.
 *
 * Each thread has its own counters (thread-local, so no thread writes another's and no atomics
 * are needed); a measuring loop reads them before and after a frame and keeps the difference.
 * What is counted:
 *   gl_calls     every OpenGL entry point vizbench calls through display/gl_api.h (the table
 *                counts its own uses), not what the driver does inside;
 *   allocations  malloc, calloc, realloc, aligned_alloc and posix_memalign called from
 *                vizbench's own code (the linker wraps them: meson.build, --wrap), not the
 *                driver's or a library's own;
 *   copies       frame-sized CPU copies a strategy declares with vb_work_copy() where it makes
 *                them (its bytes are in the frame record's bytes_copied).
 * System calls are not counted: the hand-off's futex calls depend on whether the other thread
 * is asleep at that moment, so they are not exact. */
#ifndef VB_COMMON_WORK_COUNTS_H
#define VB_COMMON_WORK_COUNTS_H

#include <stdint.h>

typedef struct vb_work_counts {
    int64_t gl_calls;
    int64_t allocations;
    int64_t copies;
} vb_work_counts;

extern _Thread_local vb_work_counts vb_thread_work;

/* Allocations of every thread since the start, for a whole-process count (bench/). */
int64_t vb_work_allocations_total(void);

static inline void vb_work_copy(void) {
    vb_thread_work.copies++;
}

static inline void vb_work_gl_call(void) {
    vb_thread_work.gl_calls++;
}

#endif
