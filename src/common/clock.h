/* The clocks every measurement uses: monotonic wall time (shared by all threads, so timestamps
 * of the producer and the consumer compare directly) and CPU time of the calling thread or the
 * whole process (the latter includes driver threads, e.g. llvmpipe's rasterisers). */
#ifndef VB_COMMON_CLOCK_H
#define VB_COMMON_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t vb_clock_ns(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static inline int64_t vb_now_ns(void) {
    return vb_clock_ns(CLOCK_MONOTONIC);
}

static inline int64_t vb_thread_cpu_ns(void) {
    return vb_clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static inline int64_t vb_process_cpu_ns(void) {
    return vb_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
}

/* Sleeps until monotonic time `deadline_ns` (returns at once if it has passed). */
static inline void vb_sleep_until_ns(int64_t deadline_ns) {
    struct timespec t = {.tv_sec = deadline_ns / 1000000000, .tv_nsec = deadline_ns % 1000000000};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) != 0) {
    }
}

#endif
