#include "transfer/stage_thread.h"

#include "common/clock.h"
#include "common/error.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>

typedef struct start_gate {
    vb_stage_thread *thread;
    sem_t entered;
    int status;
    char error[256];
} start_gate;

static void fail(vb_stage_thread *t, const char *message) {
    char reason[320];
    snprintf(reason, sizeof reason, "%s thread: %s", t->name, message);
    pthread_mutex_lock(&t->lock);
    t->failed = 1;
    pthread_cond_broadcast(&t->changed);
    pthread_mutex_unlock(&t->lock);
    if (t->sink && t->sink->fail) t->sink->fail(t->sink->context, reason);
}

static void *stage_main(void *opaque) {
    start_gate *gate = opaque;
    vb_stage_thread *t = gate->thread;
    gate->status = t->enter ? t->enter(t->context) : VB_OK;
    if (gate->status != VB_OK) snprintf(gate->error, sizeof gate->error, "%s", vb_error_get());
    const int entered = gate->status == VB_OK;
    sem_post(&gate->entered); /* gate is gone after this */
    if (!entered) return NULL;
    for (;;) {
        pthread_mutex_lock(&t->lock);
        while (t->count == 0 && !t->closing && !t->failed)
            pthread_cond_wait(&t->changed, &t->lock);
        if (t->failed || t->abandoned || t->count == 0) {
            pthread_mutex_unlock(&t->lock);
            break;
        }
        const int slot = t->queue[t->head];
        pthread_mutex_unlock(&t->lock);
        if (t->work(t->context, slot) != VB_OK) {
            fail(t, vb_error_get());
            break;
        }
        pthread_mutex_lock(&t->lock);
        t->head = (t->head + 1) % VB_RING_MAX_SLOTS;
        t->count--;
        t->done++;
        pthread_cond_broadcast(&t->changed);
        pthread_mutex_unlock(&t->lock);
    }
    if (t->leave) t->leave(t->context);
    return NULL;
}

int vb_stage_thread_start(vb_stage_thread *t) {
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->changed, NULL);
    t->head = t->count = 0;
    t->pushed = t->done = 0;
    t->closing = t->failed = t->abandoned = 0;
    start_gate gate = {.thread = t};
    sem_init(&gate.entered, 0, 0);
    if (pthread_create(&t->thread, NULL, stage_main, &gate) != 0) {
        sem_destroy(&gate.entered);
        vb_error_set("cannot start the %s thread", t->name);
        return -VB_ERR_FAILURE;
    }
    while (sem_wait(&gate.entered) != 0 && errno == EINTR) {
    }
    sem_destroy(&gate.entered);
    if (gate.status != VB_OK) {
        pthread_join(t->thread, NULL);
        vb_error_set("%s thread: %s", t->name, gate.error);
        return gate.status;
    }
    t->started = 1;
    return VB_OK;
}

void vb_stage_thread_push(vb_stage_thread *t, int slot) {
    pthread_mutex_lock(&t->lock);
    t->queue[(t->head + t->count) % VB_RING_MAX_SLOTS] = slot;
    t->count++;
    t->pushed++;
    pthread_cond_broadcast(&t->changed);
    pthread_mutex_unlock(&t->lock);
}

int vb_stage_thread_finish(vb_stage_thread *t, int64_t deadline_ns) {
    if (!t->started) return VB_OK;
    pthread_mutex_lock(&t->lock);
    while (t->done < t->pushed && !t->failed && vb_now_ns() < deadline_ns) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 50000000L; /* re-check the deadline every 50 ms */
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&t->changed, &t->lock, &until);
    }
    const int all_done = t->done == t->pushed;
    t->closing = 1;
    t->abandoned = !all_done; /* what is left is not done: the run failed or ran out of time */
    pthread_cond_broadcast(&t->changed);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    t->started = 0;
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->changed);
    if (!all_done) {
        vb_error_set("%s thread: %lld of %lld frames not done in time", t->name,
                     (long long)(t->pushed - t->done), (long long)t->pushed);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}
