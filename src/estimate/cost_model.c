/* The cost model (estimate/cost_model.h). */
#include "estimate/cost_model.h"

#include "common/error.h"
#include "estimate/cpu_stage.h"
#include "estimate/stage_counts.h"

#include <stdio.h>
#include <string.h>

static const char *const thread_names[VB_THREAD_COUNT] = {"producer", "ui", "io", "raster"};
static const char *const thread_labels[VB_THREAD_COUNT] = {
    "the Rust producer", "Flutter's UI thread", "Flutter's IO thread or worker",
    "Flutter's raster thread"};

const char *vb_app_thread_name(vb_app_thread thread) {
    return thread < VB_THREAD_COUNT ? thread_names[thread] : "unknown";
}

const char *vb_app_thread_label(vb_app_thread thread) {
    return thread < VB_THREAD_COUNT ? thread_labels[thread] : "an unknown thread";
}

vb_interval vb_cost_stage_ns(const vb_core_class *core, const vb_stage_work *w) {
    const double instructions = w->instructions + w->faults * w->fault_instructions;
    const double traffic = w->traffic_bytes + w->faults * VB_PAGE_BYTES;
    const double fast_compute = instructions / (core->ipc.hi * core->clock_ghz.hi);
    const double slow_compute = instructions / (core->ipc.lo * core->clock_ghz.lo);
    const double fast_memory = traffic / core->traffic_gbps.hi; /* GB/s = bytes per ns */
    const double slow_memory = traffic / core->traffic_gbps.lo;
    return (vb_interval){fast_compute > fast_memory ? fast_compute : fast_memory,
                         slow_compute + slow_memory};
}

double vb_cost_point_ns(const vb_stage_work *w, double clock_ghz, double ipc, double traffic_gbps) {
    const double instructions = w->instructions + w->faults * w->fault_instructions;
    const double traffic = w->traffic_bytes + w->faults * VB_PAGE_BYTES;
    return instructions / (ipc * clock_ghz) + traffic / traffic_gbps;
}

static int thread_from_name(const char *name, size_t length) {
    for (int t = 0; t < VB_THREAD_COUNT; t++)
        if (strlen(thread_names[t]) == length && strncmp(thread_names[t], name, length) == 0)
            return t;
    return -1;
}

/* "render" and "analyze" are the view's; other names are stages as they are. */
static const char *stage_for_view(const char *token, size_t length, vb_view_kind view) {
    char name[64];
    if (length >= sizeof name) return NULL;
    memcpy(name, token, length);
    name[length] = '\0';
    char full[80];
    if (strcmp(name, "render") == 0 || strcmp(name, "analyze") == 0)
        snprintf(full, sizeof full, "%s-%s", name, vb_view_name(view));
    else
        snprintf(full, sizeof full, "%s", name);
    for (int i = 0; i < vb_cpu_stage_count(); i++)
        if (strcmp(vb_cpu_stage_name(i), full) == 0) return vb_cpu_stage_name(i);
    return NULL;
}

/* Adds one stage's estimate to its thread, or says why it has none. */
static void add_stage(vb_thread_estimate *t, const char *stage, const vb_core_class *core) {
    t->stages[t->stage_count++] = stage;
    vb_stage_work work = {0};
    double error;
    int within;
    if (vb_stage_instructions(VB_ISA_AARCH64, stage, &work.instructions) != VB_OK) {
        t->estimated = 0;
        snprintf(t->missing, sizeof t->missing, "%s: no aarch64 count", stage);
        return;
    }
    t->floor_ns += work.instructions / (core->issue_width * core->clock_ghz.hi);
    if (vb_stage_calibration(stage, &error, &within, &work.faults, &work.fault_instructions) !=
        VB_OK) {
        t->estimated = 0;
        snprintf(t->missing, sizeof t->missing, "%s: not calibrated", stage);
        return;
    }
    if (!within) {
        t->estimated = 0;
        snprintf(t->missing, sizeof t->missing, "%s: the model missed it by %+.0f %% on x86", stage,
                 error * 100);
        return;
    }
    work.traffic_bytes = vb_cpu_stage_traffic_bytes(stage);
    const vb_interval ns = vb_cost_stage_ns(core, &work);
    t->ns.lo += ns.lo;
    t->ns.hi += ns.hi;
}

/* One "thread: stage, stage" clause. */
static int parse_clause(const char *clause, size_t length, vb_view_kind view,
                        const vb_core_class *core, vb_strategy_estimate *out) {
    const char *colon = memchr(clause, ':', length);
    while (length && *clause == ' ')
        clause++, length--;
    const int thread = colon ? thread_from_name(clause, (size_t)(colon - clause)) : -1;
    if (thread < 0) return -VB_ERR_FAILURE;
    vb_thread_estimate *t = &out->thread[thread];
    t->estimated = 1;
    const char *p = colon + 1, *end = clause + length;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == ','))
            p++;
        const char *token = p;
        while (p < end && *p != ',' && *p != ' ')
            p++;
        if (p == token) break;
        const char *stage = stage_for_view(token, (size_t)(p - token), view);
        if (!stage || t->stage_count == VB_THREAD_STAGES_MAX) return -VB_ERR_FAILURE;
        add_stage(t, stage, core);
    }
    return VB_OK;
}

int vb_strategy_estimate_on(const vb_strategy_facts *facts, vb_view_kind view,
                            const vb_core_class *core, vb_strategy_estimate *out) {
    memset(out, 0, sizeof *out);
    const char *work = facts ? facts->cpu_work : NULL;
    if (!work || !*work) {
        vb_error_set("%s: its facts list no CPU work", facts ? facts->name : "a strategy");
        return -VB_ERR_FAILURE;
    }
    for (const char *clause = work; *clause;) {
        const char *semicolon = strchr(clause, ';');
        const size_t length = semicolon ? (size_t)(semicolon - clause) : strlen(clause);
        if (parse_clause(clause, length, view, core, out) != VB_OK) {
            vb_error_set("%s: cannot read its CPU work '%s'", facts->name, work);
            return -VB_ERR_FAILURE;
        }
        clause += length + (semicolon ? 1 : 0);
    }
    return VB_OK;
}
