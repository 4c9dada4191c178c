/* The phone-cost model (estimate/): the stage formula against hand-worked figures, the interval's
 * ends from the ranges' ends, a strategy's thread as the sum of its stages' estimates, the
 * stages of every registered strategy known to the stage list, and the CPU stages themselves
 * (a copy stage's output is its input; an encode's is FRB's message). */
#include "test_helpers.h"

#include "estimate/cost_model.h"
#include "estimate/cpu_stage.h"
#include "estimate/stage_counts.h"
#include "transfer/strategy.h"

#include <string.h>

static const vb_core_class test_core = {
    .name = "test",
    .label = "a test core",
    .clock_ghz = {1.0, 2.0},
    .ipc = {0.5, 2.0},
    .traffic_gbps = {4.0, 8.0},
};

Test(cost_model, a_stage_is_compute_plus_memory_at_the_slow_ends_and_their_max_at_the_fast) {
    /* 4e6 instructions: at 2 GHz x IPC 2, 1 ms; at 1 GHz x IPC 0.5, 8 ms. 8e6 bytes: at 8 GB/s
     * 1 ms, at 4 GB/s 2 ms. Best: max(1, 1) = 1 ms; worst: 8 + 2 = 10 ms. */
    const vb_stage_work work = {.instructions = 4e6, .traffic_bytes = 8e6};
    const vb_interval ns = vb_cost_stage_ns(&test_core, &work);
    cr_assert_float_eq(ns.lo, 1e6, 1e-3);
    cr_assert_float_eq(ns.hi, 10e6, 1e-3);
    /* The point form at 1 GHz, IPC 1, 4 GB/s: 4 ms + 2 ms. */
    cr_assert_float_eq(vb_cost_point_ns(&work, 1.0, 1.0, 4.0), 6e6, 1e-3);
}

Test(cost_model, a_page_fault_is_its_kernel_instructions_and_the_page_it_zeroes) {
    const vb_stage_work faulting = {.faults = 10, .fault_instructions = 1000};
    const vb_stage_work same = {.instructions = 10 * 1000, .traffic_bytes = 10 * VB_PAGE_BYTES};
    const vb_interval a = vb_cost_stage_ns(&test_core, &faulting);
    const vb_interval b = vb_cost_stage_ns(&test_core, &same);
    cr_assert_float_eq(a.lo, b.lo, 1e-6);
    cr_assert_float_eq(a.hi, b.hi, 1e-6);
}

Test(cost_model, every_registered_strategys_cpu_work_reads_and_names_known_stages) {
    for (int i = 0; i < vb_strategy_count; i++) {
        const vb_strategy_facts *f = &vb_strategy_list[i]->facts;
        vb_strategy_estimate e;
        cr_assert_eq(vb_strategy_estimate_on(f, VB_VIEW_SPECTRUM, &test_core, &e), VB_OK, "%s: %s",
                     f->name, vb_error_get());
        int stages = 0;
        for (int t = 0; t < VB_THREAD_COUNT; t++) {
            for (int s = 0; s < e.thread[t].stage_count; s++) {
                cr_assert(vb_cpu_stage_traffic_bytes(e.thread[t].stages[s]) >= 0, "%s: %s", f->name,
                          e.thread[t].stages[s]);
                stages++;
            }
        }
        cr_assert_gt(stages, 0, "%s lists no stage", f->name);
        cr_assert_gt(e.thread[VB_THREAD_PRODUCER].stage_count, 0, "%s: no producer work", f->name);
    }
}

Test(cost_model, an_estimated_thread_is_the_sum_of_its_stages) {
    const vb_strategy_ops *ops = vb_strategy_lookup("pixel-copy");
    cr_assert_not_null(ops);
    vb_strategy_estimate e;
    cr_assert_eq(vb_strategy_estimate_on(&ops->facts, VB_VIEW_WAVEFORM, &test_core, &e), VB_OK);
    const vb_thread_estimate *t = &e.thread[VB_THREAD_PRODUCER];
    cr_assert_eq(t->stage_count, 2);
    cr_assert_str_eq(t->stages[0], "render-waveform");
    cr_assert_str_eq(t->stages[1], "hand-off-pixel-copy");
    if (!t->estimated) return; /* the committed calibration left a stage out: nothing to sum */
    vb_interval sum = {0, 0};
    for (int s = 0; s < t->stage_count; s++) {
        vb_stage_work work = {.traffic_bytes = vb_cpu_stage_traffic_bytes(t->stages[s])};
        cr_assert_eq(vb_stage_instructions(VB_ISA_AARCH64, t->stages[s], &work.instructions),
                     VB_OK);
        double error = 0;
        int within = 0;
        if (vb_stage_calibration(t->stages[s], &error, &within, &work.faults,
                                 &work.fault_instructions) != VB_OK)
            work.faults = 0;
        const vb_interval ns = vb_cost_stage_ns(&test_core, &work);
        sum.lo += ns.lo;
        sum.hi += ns.hi;
    }
    cr_assert_float_eq(t->ns.lo, sum.lo, 1e-6 * sum.lo + 1e-9);
    cr_assert_float_eq(t->ns.hi, sum.hi, 1e-6 * sum.hi + 1e-9);
}

Test(cost_model, facts_that_name_an_unknown_stage_or_thread_are_refused) {
    vb_strategy_facts f = {.name = "bad", .cpu_work = "producer: render, teleport"};
    vb_strategy_estimate e;
    cr_assert_eq(vb_strategy_estimate_on(&f, VB_VIEW_WAVEFORM, &test_core, &e), -VB_ERR_FAILURE);
    f.cpu_work = "gpu: render";
    cr_assert_eq(vb_strategy_estimate_on(&f, VB_VIEW_WAVEFORM, &test_core, &e), -VB_ERR_FAILURE);
    f.cpu_work = NULL;
    cr_assert_eq(vb_strategy_estimate_on(&f, VB_VIEW_WAVEFORM, &test_core, &e), -VB_ERR_FAILURE);
}

Test(cpu_stage, every_listed_stage_opens_runs_and_closes) {
    cr_assert_eq(vb_cpu_stage_name(vb_cpu_stage_count()), NULL);
    for (int i = 0; i < vb_cpu_stage_count(); i++) {
        vb_cpu_stage *stage = NULL;
        const char *name = vb_cpu_stage_name(i);
        cr_assert_eq(vb_cpu_stage_open(name, &stage), VB_OK, "%s: %s", name, vb_error_get());
        for (int n = 0; n < 3; n++)
            (void)vb_cpu_stage_frame(stage, n);
        cr_assert_not(vb_cpu_stage_failed(stage), "%s: %s", name, vb_error_get());
        vb_cpu_stage_close(stage);
    }
    vb_cpu_stage *stage = NULL;
    cr_assert_eq(vb_cpu_stage_open("render-nothing", &stage), -VB_ERR_USAGE);
    cr_assert_eq(vb_cpu_stage_traffic_bytes("render-nothing"), -1);
}
