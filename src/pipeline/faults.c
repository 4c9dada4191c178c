/* The simulated faults of VIZBENCH_FAULT that strike inside a run's loops, as wrappers around
 * the steps of pipeline/steps.h: put in place only for the strategy a fault is aimed at, so a
 * run without one measures a path with no fault checks in it (issue 28). The faults a strategy
 * itself simulates (its fences, its producer process) reach it through its configuration. */
#include "pipeline/steps.h"

#include "common/clock.h"
#include "common/error.h"

/* The planted slowdown: real CPU work (not a sleep), so it shows in the thread's CPU time and
 * competes for the core the way a slower renderer would. */
static void burn_cpu(int64_t ns) {
    const int64_t end = vb_thread_cpu_ns() + ns;
    volatile uint64_t sink = 0;
    while (vb_thread_cpu_ns() < end)
        for (int i = 0; i < 256; i++)
            sink = sink * 6364136223846793005ULL + 1442695040888963407ULL;
}

/* VIZBENCH_FAULT=fail:STRATEGY: frame n fails from `fail_at` on (-1: never). */
static int simulated_failure(int64_t fail_at, int64_t n) {
    if (fail_at < 0 || n < fail_at) return VB_OK;
    vb_error_set("simulated failure at frame %lld (VIZBENCH_FAULT)", (long long)n);
    return -VB_ERR_FAILURE;
}

/* slow:STRATEGY:US: the extra work inside the render stage, after the render itself. */
static int render_slowly(vb_producer *pr, int slot, vb_frame_record *rec, int status) {
    status = pr->inner.render(pr, slot, rec, status);
    burn_cpu(pr->slow_ns);
    return status;
}

/* fail:STRATEGY, a frame made here: fails once handed off, before its hand-off time. */
static int hand_off_failing(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec,
                            int status) {
    status = pr->inner.hand_off(pr, n, slot, rec, status);
    if (status == VB_OK) status = simulated_failure(pr->fail_at, n);
    return status;
}

/* fail:STRATEGY, a frame made in another process: fails once its figures arrived. */
static int make_failing(vb_producer *pr, int64_t n, int slot, vb_frame_record *rec) {
    int status = pr->inner.make(pr, n, slot, rec);
    if (status != VB_OK) return status;
    status = simulated_failure(pr->fail_at, n);
    if (status != VB_OK) vb_pipeline_fail(pr->p, pr->p->producer_error, vb_error_get());
    return status;
}

void vb_producer_add_faults(vb_producer *pr, int remote) {
    const vb_run_options *o = pr->p->options;
    const vb_strategy_ops *ops = pr->p->ops;
    pr->inner = pr->steps;
    pr->fail_at =
        vb_pipeline_is_fault_target(o->fault_fail_mid_run, ops) ? o->warmup + o->frames / 2 : -1;
    pr->slow_ns = vb_pipeline_is_fault_target(o->fault_slow_strategy, ops) ? o->fault_slow_ns : 0;
    if (pr->slow_ns > 0) pr->steps.render = render_slowly;
    if (pr->fail_at >= 0 && remote) pr->steps.make = make_failing;
    if (pr->fail_at >= 0 && !remote) pr->steps.hand_off = hand_off_failing;
}

/* fence:STRATEGY: the display's fence never signals; the wait lasts its whole timeout. */
static int fence_never_signals(const pipeline *p, vb_presenter *presenter) {
    (void)presenter;
    const int64_t timeout_ns = p->options->fence_timeout_ns;
    vb_sleep_until_ns(vb_now_ns() + timeout_ns);
    vb_error_set("fence did not signal within %.0f ms (simulated by VIZBENCH_FAULT)",
                 (double)timeout_ns / 1e6);
    return -VB_ERR_FAILURE;
}

vb_consumer_wait vb_consumer_fence_wait(const pipeline *p, vb_consumer_wait plain) {
    return vb_pipeline_is_fault_target(p->options->fault_fence_never_signals, p->ops)
               ? fence_never_signals
               : plain;
}
