#include "measure/gpu_timer.h"

#include <string.h>

void vb_gpu_timer_init(vb_gpu_timer *t, int enabled) {
    memset(t, 0, sizeof *t);
    t->enabled = enabled;
    if (!enabled) return;
    vb_gl.GenQueries(VB_GPU_TIMER_QUERIES, t->queries);
    /* The first query of a context can return nonsense (llvmpipe: ~2^53 ns); spend it here. */
    GLuint64 discarded;
    vb_gl.BeginQuery(GL_TIME_ELAPSED, t->queries[0]);
    vb_gl.EndQuery(GL_TIME_ELAPSED);
    vb_gl.GetQueryObjectui64v(t->queries[0], GL_QUERY_RESULT, &discarded);
}

void vb_gpu_timer_free(vb_gpu_timer *t) {
    if (t->enabled) vb_gl.DeleteQueries(VB_GPU_TIMER_QUERIES, t->queries);
    memset(t, 0, sizeof *t);
}

static void read_result(vb_gpu_timer *t, int i) {
    GLuint64 ns = 0;
    vb_gl.GetQueryObjectui64v(t->queries[i], GL_QUERY_RESULT, &ns);
    *t->destination[i] = (int64_t)ns;
    t->destination[i] = NULL;
}

void vb_gpu_timer_begin(vb_gpu_timer *t, int64_t *destination) {
    if (!t->enabled) return;
    int i = t->next;
    /* Sixteen queries back is many frames ago; if it is still pending, wait for it rather
     * than lose it. */
    if (t->destination[i]) read_result(t, i);
    t->destination[i] = destination;
    vb_gl.BeginQuery(GL_TIME_ELAPSED, t->queries[i]);
}

void vb_gpu_timer_end(vb_gpu_timer *t) {
    if (!t->enabled) return;
    vb_gl.EndQuery(GL_TIME_ELAPSED);
    t->next = (t->next + 1) % VB_GPU_TIMER_QUERIES;
}

void vb_gpu_timer_collect(vb_gpu_timer *t, int wait) {
    if (!t->enabled) return;
    for (int i = 0; i < VB_GPU_TIMER_QUERIES; i++) {
        if (!t->destination[i]) continue;
        GLuint available = 0; /* uiv: the form ES 3.0 has too */
        if (!wait) vb_gl.GetQueryObjectuiv(t->queries[i], GL_QUERY_RESULT_AVAILABLE, &available);
        if (wait || available) read_result(t, i);
    }
}
