/* The cost model on this machine (estimate/calibration.h). */
#include "estimate/calibration.h"

#include "common/clock.h"
#include "common/error.h"
#include "estimate/cost_model.h"
#include "estimate/stage_counts.h"
#include "measure/machine_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define PASSES 9
#define MIN_TIMED_INSTRUCTIONS 10000.0
#define PASS_NS 20000000.0 /* each pass at least 20 ms of CPU time */

/* 100 dependent adds per turn: a cycle each, the loop's own work overlapping them. */
static double measure_clock_ghz(void) {
    double best = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        uint64_t x = 0;
        const long turns = 200000;
        const int64_t start = vb_thread_cpu_ns();
        for (long i = 0; i < turns; i++) {
#if defined(__x86_64__)
            __asm__ volatile(".rept 100\n\taddq $1, %0\n\t.endr" : "+r"(x));
#elif defined(__aarch64__)
            __asm__ volatile(".rept 100\n\tadd %0, %0, #1\n\t.endr" : "+r"(x));
#else
            x += (uint64_t)i; /* no dependent chain known for this architecture */
#endif
        }
        const double ns = (double)(vb_thread_cpu_ns() - start);
        const double ghz = (double)turns * 100.0 / ns;
        if (ns > 0 && ghz > best && x) best = ghz;
    }
    return best;
}

/* memcpy of a frame, bytes read plus written per ns (GB/s), the best of PASSES. */
static double measure_traffic_gbps(size_t bytes) {
    uint8_t *a = malloc(bytes), *b = malloc(bytes);
    if (!a || !b) {
        free(a);
        free(b);
        return 0;
    }
    memset(a, 1, bytes);
    memset(b, 2, bytes);
    double best = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        const int copies = 100;
        const int64_t start = vb_thread_cpu_ns();
        for (int i = 0; i < copies; i++) {
            a[(size_t)i % bytes] = (uint8_t)i;
            memcpy(i % 2 ? a : b, i % 2 ? b : a, bytes);
        }
        const double ns = (double)(vb_thread_cpu_ns() - start);
        if (ns > 0 && 2.0 * (double)bytes * copies / ns > best)
            best = 2.0 * (double)bytes * copies / ns;
    }
    free(a);
    free(b);
    return best;
}

static int compare_doubles(const void *a, const void *b) {
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The kernel's cost of a fresh page: a frame-sized anonymous mapping, a byte written per page,
 * unmapped; ns per page, the best of PASSES. */
static double measure_fault_ns(size_t bytes) {
    const size_t pages = bytes / 4096;
    double best = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        const int rounds = 20;
        const int64_t start = vb_thread_cpu_ns();
        for (int r = 0; r < rounds; r++) {
            volatile uint8_t *m =
                mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m == MAP_FAILED) return 0;
            for (size_t p = 0; p < pages; p++)
                m[p * 4096] = (uint8_t)p;
            munmap((void *)m, bytes);
        }
        const double ns = (double)(vb_thread_cpu_ns() - start) / (double)(rounds * pages);
        if (ns > 0 && (best == 0 || ns < best)) best = ns;
    }
    return best;
}
static volatile uint64_t sink; /* the stages' checksums go here, so no work is dropped */

static long thread_minor_faults(void) {
    struct rusage usage;
    return getrusage(RUSAGE_THREAD, &usage) == 0 ? usage.ru_minflt : 0;
}

/* CPU ns per frame of a stage, the fastest of PASSES passes of enough frames each (another
 * process on the machine, or on this core's SMT sibling, only adds time: the fastest pass is the
 * least disturbed), and its minor faults per frame, their median. */
static int time_stage(const char *name, double *ns_per_frame, double *faults_per_frame) {
    vb_cpu_stage *stage;
    if (vb_cpu_stage_open(name, &stage) != VB_OK) return -VB_ERR_FAILURE;
    int64_t n = 0;
    const int64_t first = vb_thread_cpu_ns();
    for (int i = 0; i < 3; i++) /* warm: caches, the allocator, the renderer's history */
        sink += vb_cpu_stage_frame(stage, n++);
    const double warm_ns = (double)(vb_thread_cpu_ns() - first) / 3.0;
    int64_t frames = warm_ns > 0 ? (int64_t)(PASS_NS / warm_ns) + 1 : 1000;
    if (frames > 20000) frames = 20000;
    double passes[PASSES], faults[PASSES];
    for (int pass = 0; pass < PASSES; pass++) {
        const long faults_before = thread_minor_faults();
        const int64_t start = vb_thread_cpu_ns();
        for (int64_t i = 0; i < frames; i++)
            sink += vb_cpu_stage_frame(stage, n++);
        passes[pass] = (double)(vb_thread_cpu_ns() - start) / (double)frames;
        faults[pass] = (double)(thread_minor_faults() - faults_before) / (double)frames;
    }
    const int failed = vb_cpu_stage_failed(stage);
    vb_cpu_stage_close(stage);
    if (failed) return -VB_ERR_FAILURE;
    qsort(passes, PASSES, sizeof passes[0], compare_doubles);
    qsort(faults, PASSES, sizeof faults[0], compare_doubles);
    *ns_per_frame = passes[0];
    *faults_per_frame = faults[PASSES / 2];
    return VB_OK;
}

static int compute_bound(const vb_stage_calibration_row *r) {
    return r->timed && r->traffic_bytes < r->compute_instructions && r->faults < 1 &&
           r->compute_instructions >= MIN_TIMED_INSTRUCTIONS;
}

/* The median IPC of the compute-bound stages other than `skip`; 0 where there is none. */
static double ipc_without(const vb_calibration *c, int skip) {
    double ipcs[VB_CALIBRATION_STAGES_MAX];
    int count = 0;
    for (int i = 0; i < c->count; i++)
        if (i != skip && compute_bound(&c->rows[i]))
            ipcs[count++] = c->rows[i].instructions / (c->rows[i].measured_ns * c->clock_ghz);
    if (!count) return 0;
    qsort(ipcs, (size_t)count, sizeof ipcs[0], compare_doubles);
    return count % 2 ? ipcs[count / 2] : (ipcs[count / 2 - 1] + ipcs[count / 2]) / 2;
}

static int measure_rows(vb_calibration *c) {
    for (int i = 0; i < vb_cpu_stage_count() && c->count < VB_CALIBRATION_STAGES_MAX; i++) {
        vb_stage_calibration_row *r = &c->rows[c->count];
        r->stage = vb_cpu_stage_name(i);
        if (vb_stage_instructions(VB_ISA_X86_64, r->stage, &r->instructions) != VB_OK)
            return -VB_ERR_FAILURE;
        r->traffic_bytes = vb_cpu_stage_traffic_bytes(r->stage);
        const double copied = vb_cpu_stage_memcpy_bytes(r->stage);
        r->compute_instructions =
            r->instructions >= copied ? r->instructions - copied : r->instructions;
        r->timed = r->instructions >= MIN_TIMED_INSTRUCTIONS;
        if (r->timed && time_stage(r->stage, &r->measured_ns, &r->faults) != VB_OK)
            return -VB_ERR_FAILURE;
        c->count++;
    }
    return VB_OK;
}

static int measure_once(vb_calibration *c) {
    memset(c, 0, sizeof *c);
#if !defined(__x86_64__)
    vb_error_set("the calibration uses the x86-64 counts: this is not an x86-64 build");
    return -VB_ERR_FAILURE;
#endif
    vb_machine_info info;
    vb_machine_info_read(&info);
    snprintf(c->machine, sizeof c->machine, "%s", info.cpu_model);
    const size_t frame = (size_t)VB_CPU_STAGE_WIDTH * 4 * VB_CPU_STAGE_HEIGHT;
    c->clock_ghz = measure_clock_ghz();
    c->traffic_gbps = measure_traffic_gbps(frame);
    c->fault_ns = measure_fault_ns(frame);
    if (c->clock_ghz <= 0 || c->traffic_gbps <= 0 || c->fault_ns <= 0) {
        vb_error_set("calibration: the clock, the copy rate or the fault cost could not be "
                     "measured");
        return -VB_ERR_FAILURE;
    }
    if (measure_rows(c) != VB_OK) return -VB_ERR_FAILURE;
    c->median_ipc = ipc_without(c, -1);
    const double fault_compute_ns = c->fault_ns - VB_PAGE_BYTES / c->traffic_gbps;
    c->fault_instructions =
        fault_compute_ns > 0 ? fault_compute_ns * c->clock_ghz * c->median_ipc : 0;
    for (int i = 0; i < c->count; i++) {
        vb_stage_calibration_row *r = &c->rows[i];
        r->fitted_ipc = ipc_without(c, i);
        if (!r->timed || r->fitted_ipc <= 0) continue;
        const vb_stage_work work = {.instructions = r->compute_instructions,
                                    .traffic_bytes = r->traffic_bytes,
                                    .faults = r->faults,
                                    .fault_instructions = c->fault_instructions};
        r->predicted_ns = vb_cost_point_ns(&work, c->clock_ghz, r->fitted_ipc, c->traffic_gbps);
        r->error = r->predicted_ns / r->measured_ns - 1;
        r->within = r->error >= -VB_COST_TOLERANCE && r->error <= VB_COST_TOLERANCE;
    }
    return VB_OK;
}

/* The index (0 .. VB_CALIBRATION_ROUNDS-1) of the middle of the rounds' values. */
static int middle_of(const double v[VB_CALIBRATION_ROUNDS]) {
    int order[VB_CALIBRATION_ROUNDS];
    for (int i = 0; i < VB_CALIBRATION_ROUNDS; i++)
        order[i] = i;
    for (int i = 0; i < VB_CALIBRATION_ROUNDS; i++)
        for (int j = i + 1; j < VB_CALIBRATION_ROUNDS; j++)
            if (v[order[j]] < v[order[i]]) {
                const int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
    return order[VB_CALIBRATION_ROUNDS / 2];
}

int vb_calibration_measure(vb_calibration *c) {
    vb_calibration rounds[VB_CALIBRATION_ROUNDS]; /* a few KB */
    for (int k = 0; k < VB_CALIBRATION_ROUNDS; k++)
        if (measure_once(&rounds[k]) != VB_OK) return -VB_ERR_FAILURE;
    double clocks[VB_CALIBRATION_ROUNDS];
    for (int k = 0; k < VB_CALIBRATION_ROUNDS; k++)
        clocks[k] = rounds[k].clock_ghz;
    *c = rounds[middle_of(clocks)];
    for (int i = 0; i < c->count; i++) {
        if (!c->rows[i].timed) continue;
        double errors[VB_CALIBRATION_ROUNDS];
        for (int k = 0; k < VB_CALIBRATION_ROUNDS; k++)
            errors[k] = rounds[k].rows[i].error;
        c->rows[i] = rounds[middle_of(errors)].rows[i];
        c->rows[i].error_min = c->rows[i].error_max = errors[0];
        for (int k = 1; k < VB_CALIBRATION_ROUNDS; k++) {
            if (errors[k] < c->rows[i].error_min) c->rows[i].error_min = errors[k];
            if (errors[k] > c->rows[i].error_max) c->rows[i].error_max = errors[k];
        }
    }
    return VB_OK;
}

json_t *vb_calibration_to_json(const vb_calibration *c, const char *created, const char *revision) {
    json_t *stages = json_object();
    for (int i = 0; i < c->count; i++) {
        const vb_stage_calibration_row *r = &c->rows[i];
        json_t *row = json_pack("{s:f, s:f, s:f, s:b}", "instructions_per_frame", r->instructions,
                                "compute_instructions", r->compute_instructions, "traffic_bytes",
                                r->traffic_bytes, "timed", r->timed);
        if (r->timed) {
            json_object_update_new(row,
                                   json_pack("{s:f, s:f, s:f, s:f}", "faults_per_frame", r->faults,
                                             "measured_ns", r->measured_ns, "predicted_ns",
                                             r->predicted_ns, "fitted_ipc", r->fitted_ipc));
            json_object_update_new(row, json_pack("{s:f, s:f, s:f, s:b}", "error", r->error,
                                                  "error_min", r->error_min, "error_max",
                                                  r->error_max, "within", r->within));
        }
        json_object_set_new(stages, r->stage, row);
    }
    return json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:o}", "schema",
                     "vizbench.calibration", "schema_version", 1, "created", created, "tool",
                     "vizbench estimate --calibrate", "machine", c->machine, "revision", revision,
                     "clock_ghz", c->clock_ghz, "traffic_gbps", c->traffic_gbps, "fault_ns",
                     c->fault_ns, "fault_instructions", c->fault_instructions, "median_ipc",
                     c->median_ipc, "tolerance", VB_COST_TOLERANCE, "stages", stages);
}

static double number_of(const json_t *object, const char *name) {
    return json_number_value(json_object_get(object, name));
}

int vb_calibration_committed(vb_calibration *c) {
    memset(c, 0, sizeof *c);
    const json_t *doc = vb_stage_calibration_document();
    const json_t *stages = json_object_get(doc, "stages");
    c->clock_ghz = number_of(doc, "clock_ghz");
    c->traffic_gbps = number_of(doc, "traffic_gbps");
    c->fault_ns = number_of(doc, "fault_ns");
    c->fault_instructions = number_of(doc, "fault_instructions");
    c->median_ipc = number_of(doc, "median_ipc");
    snprintf(c->machine, sizeof c->machine, "%s",
             json_string_value(json_object_get(doc, "machine"))
                 ? json_string_value(json_object_get(doc, "machine"))
                 : "");
    for (int i = 0; i < vb_cpu_stage_count() && c->count < VB_CALIBRATION_STAGES_MAX; i++) {
        const json_t *row = json_object_get(stages, vb_cpu_stage_name(i));
        if (!row) continue;
        vb_stage_calibration_row *r = &c->rows[c->count++];
        r->stage = vb_cpu_stage_name(i);
        r->instructions = number_of(row, "instructions_per_frame");
        r->compute_instructions = number_of(row, "compute_instructions");
        r->faults = number_of(row, "faults_per_frame");
        r->traffic_bytes = number_of(row, "traffic_bytes");
        r->timed = json_is_true(json_object_get(row, "timed"));
        r->measured_ns = number_of(row, "measured_ns");
        r->predicted_ns = number_of(row, "predicted_ns");
        r->fitted_ipc = number_of(row, "fitted_ipc");
        r->error = number_of(row, "error");
        r->error_min = number_of(row, "error_min");
        r->error_max = number_of(row, "error_max");
        r->within = json_is_true(json_object_get(row, "within"));
    }
    if (!c->count || c->clock_ghz <= 0) {
        vb_error_set("bench/baselines/calibration.json: no calibration is committed");
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}
