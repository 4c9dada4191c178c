/* GPU time of pipeline stages from GL_TIME_ELAPSED queries, read back frames later so the
 * pipeline never stalls on them. Each begin names where its result goes (an int64 field of a
 * frame record); vb_gpu_timer_collect fills in the results that are ready. Use on one thread,
 * its context current. Disabled (every call a no-op, results stay -1) when the driver has no
 * timer queries. */
#ifndef VB_MEASURE_GPU_TIMER_H
#define VB_MEASURE_GPU_TIMER_H

#include "display/gl_api.h"

#include <stdint.h>

#define VB_GPU_TIMER_QUERIES 16

typedef struct vb_gpu_timer {
    int enabled;
    int next;
    GLuint queries[VB_GPU_TIMER_QUERIES];
    int64_t *destination[VB_GPU_TIMER_QUERIES]; /* NULL when the query holds no result to read */
} vb_gpu_timer;

void vb_gpu_timer_init(vb_gpu_timer *timer, int enabled);
void vb_gpu_timer_free(vb_gpu_timer *timer);
/* Queries cannot nest: end one before beginning the next. */
void vb_gpu_timer_begin(vb_gpu_timer *timer, int64_t *destination);
void vb_gpu_timer_end(vb_gpu_timer *timer);
/* Reads results that are available; with `wait`, all of them (at the end of a run). */
void vb_gpu_timer_collect(vb_gpu_timer *timer, int wait);

#endif
