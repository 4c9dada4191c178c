/* A thread of a strategy's own between producer and consumer (the FRB hop's UI thread, Flutter's
 * IO thread): it takes slots in the order they were pushed and runs `work` on each. A failure
 * of `work` goes to the run's sink (the run ends with that reason) and the thread stops taking
 * work. Pushes come from one thread (the producer, or the previous stage); the queue never holds
 * more than the ring's slots, since a slot is pushed once per trip round the ring. */
#ifndef VB_TRANSFER_STAGE_THREAD_H
#define VB_TRANSFER_STAGE_THREAD_H

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

/* Starts the thread once enter has succeeded on it; VB_OK, or enter's error (the thread joined). */
int vb_stage_thread_start(vb_stage_thread *thread);
void vb_stage_thread_push(vb_stage_thread *thread, int slot);
/* Waits until every pushed slot is done, the thread failed, or deadline_ns (monotonic) passed,
 * then stops and joins it: VB_OK when every slot was done. Safe on a thread never started. */
int vb_stage_thread_finish(vb_stage_thread *thread, int64_t deadline_ns);

#endif
