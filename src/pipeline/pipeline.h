/* The state one strategy's run shares between its threads (pipeline/run.c starts them,
 * pipeline/producer.c and pipeline/consumer.c are their bodies), and the helpers all three use.
 * Private to src/pipeline/. Who writes what: the options, audio, GL, strategy and config are
 * set before the threads start and only read after; each thread writes its own error slot and
 * the frame records' fields of its side; the ring's counters order the slots' contents. */
#ifndef VB_PIPELINE_PIPELINE_H
#define VB_PIPELINE_PIPELINE_H

#include "common/clock.h"
#include "pipeline/run.h"
#include "measure/frame_store.h"
#include "transfer/frame_ring.h"

#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* How long the consumer waits for the next frame before calling the producer stuck: 10 s, or 5
 * fence timeouts when those are longer (a run under valgrind compiles shaders for seconds). */
#define FRAME_ARRIVAL_LIMIT_NS 10000000000LL
#define FRAME_ARRIVAL_FENCES 5
#define ARRIVAL_SLICE_NS 50000000LL

typedef struct pipeline {
    const vb_run_options *options;
    const vb_audio *audio;
    vb_gl_contexts *gl;
    const vb_strategy_ops *ops;
    vb_strategy *strategy;
    vb_strategy_config config;
    vb_run_record *run;
    vb_frame_ring ring;
    int64_t audio_frames;
    const atomic_int *stop;
    atomic_int failed;
    atomic_int producer_done;
    atomic_int consumer_ok;
    sem_t consumer_ready;
    sem_t consumer_finished;
    int64_t start_ns; /* written by the producer before its first publish */
    int64_t process_cpu_start, process_cpu_end;
    /* A producer in another process: its process CPU as last reported (-1 before), the last
     * frame's share, and the sum over the measured frames (added to process_cpu). */
    int64_t remote_cpu_seen, remote_cpu_frame, remote_cpu_measured;
    /* The sequence each slot held before (the consumer's), for GPU times learnt late. */
    int64_t previous_in_slot[VB_RING_MAX_SLOTS];
    int64_t measured_start_ns, measured_end_ns;
    /* The sequence number in each ring slot: written by the producer before it publishes the
     * slot, read by the consumer after taking it (the ring's counters order the two). Frames
     * skipped by a late producer leave gaps, so slot and sequence are not tied. */
    int64_t slot_sequence[VB_RING_MAX_SLOTS];
    /* When each slot reached the ring (monotonic ns), written just before its publish: a display
     * clock latches only frames that arrived by its tick. */
    int64_t slot_arrival_ns[VB_RING_MAX_SLOTS];
    int64_t stage_published; /* frames a strategy's last stage published (its thread only) */
    char producer_error[256];
    char consumer_error[256];
    pthread_mutex_t stage_error_lock; /* the strategy's own threads may fail at once */
    char stage_error[320];
} pipeline;

/* The GL turn-taking of a software renderer (display/gl_turns.h says why). */
#define vb_pipeline_gl_begin vb_gl_turn_begin
#define vb_pipeline_gl_end vb_gl_turn_end

/* The thread bodies: `opaque` is the pipeline. */
void *vb_pipeline_producer(void *opaque);
void *vb_pipeline_consumer(void *opaque);

/* Publishes the next slot in order (the producer's, or a strategy's last stage's, `published`-th
 * frame), stamped with its arrival. */
static inline void vb_pipeline_publish(pipeline *p, int64_t published) {
    p->slot_arrival_ns[published % p->options->slots] = vb_now_ns();
    vb_frame_ring_publish(&p->ring);
}

static inline void vb_pipeline_fail(pipeline *p, char *slot, const char *message) {
    snprintf(slot, 256, "%s", message);
    atomic_store(&p->failed, 1);
    vb_frame_ring_cancel(&p->ring);
}

static inline int vb_pipeline_stopping(pipeline *p) {
    return atomic_load(&p->failed) || (p->stop && atomic_load(p->stop));
}

/* Signals go to the main thread, which sets `stop`; the workers only look at the flag. */
static inline void vb_pipeline_block_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static inline int vb_pipeline_is_fault_target(const char *fault, const vb_strategy_ops *ops) {
    return fault && strcmp(fault, ops->facts.name) == 0;
}

#endif
