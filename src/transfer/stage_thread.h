/* A thread of a strategy's own between producer and consumer (the FRB hop's UI thread, Flutter's
 * IO thread): it takes slots in the order they were pushed and runs `work` on each. A failure
 * of `work` goes to the run's sink (the run ends with that reason) and the thread stops taking
 * work. Pushes come from one thread (the producer, or the previous stage); the queue never holds
 * more than the ring's slots, since a slot is pushed once per trip round the ring. */
#ifndef VB_TRANSFER_STAGE_THREAD_H
#define VB_TRANSFER_STAGE_THREAD_H

#include "common/clock.h"
#include "common/work_counts.h"
#include "transfer/frame_ring.h"
#include "transfer/strategy.h"

#include <pthread.h>
#include <stdint.h>

typedef struct vb_stage_thread {
    /* set before start, read-only after */
    const char *name;                     /* "ui", "io": in errors */
    int (*enter)(void *context);          /* optional, first on the thread (a GL context current) */
    int (*work)(void *context, int slot); /* VB_OK, or an error (set) */
    void (*leave)(void *context);         /* optional, last on the thread */
    void *context;
    const vb_strategy_sink *sink;
    /* the thread's state, under lock */
    pthread_t thread;
    int started;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int queue[VB_RING_MAX_SLOTS];
    int head, count;
    int64_t pushed, done;
    int closing, failed, abandoned;
} vb_stage_thread;

/* What one stage's work on one frame cost its thread: started before the work, stopped after,
 * it adds the thread's allocations, copies and GL calls since the start to the frame's stage
 * record and returns the thread CPU time spent (the UI's or the IO thread's). */
typedef struct vb_stage_meter {
    int64_t cpu_start;
    vb_work_counts work_start;
} vb_stage_meter;

static inline vb_stage_meter vb_stage_meter_start(void) {
    return (vb_stage_meter){vb_thread_cpu_ns(), vb_thread_work};
}

static inline int64_t vb_stage_meter_stop(const vb_stage_meter *m, vb_stage_record *r) {
    r->allocations += vb_thread_work.allocations - m->work_start.allocations;
    r->copies += vb_thread_work.copies - m->work_start.copies;
    r->gl_calls += vb_thread_work.gl_calls - m->work_start.gl_calls;
    return vb_thread_cpu_ns() - m->cpu_start;
}

/* Starts the thread once enter has succeeded on it; VB_OK, or enter's error (the thread joined). */
int vb_stage_thread_start(vb_stage_thread *thread);
void vb_stage_thread_push(vb_stage_thread *thread, int slot);
/* Waits until every pushed slot is done, the thread failed, or deadline_ns (monotonic) passed,
 * then stops and joins it: VB_OK when every slot was done. Safe on a thread never started. */
int vb_stage_thread_finish(vb_stage_thread *thread, int64_t deadline_ns);

#endif
