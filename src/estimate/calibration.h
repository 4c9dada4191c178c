/* The cost model checked on this machine: fed this machine's own figures (its x86-64 instruction
 * counts of each stage, committed in bench/baselines/instructions.json, its clock, copy rate and
 * page-fault cost measured here), does the model (estimate/cost_model.h, point form) predict the
 * time each stage takes here? Where it does within VB_COST_TOLERANCE the model is used for that
 * stage on phone cores; where it does not it is not, and says so.
 *
 * Measured here: the clock (a chain of 100 dependent adds per loop turn: one add a cycle on any
 * x86-64 or aarch64 core, so turns x 100 / seconds is cycles per second); the copy rate (memcpy
 * of a frame between two buffers, bytes read plus written per second, the best of 9); the cost
 * of a page fault (a fresh anonymous mapping of a frame, one byte written per 4 KB page, then
 * unmapped: ns per page, the best of 9); and each stage's CPU time and page faults per frame
 * (its thread's CPU clock, the fastest of 9 passes, and its minor faults, their median). One figure
 * is fitted: this core's instructions per cycle, taken for each stage from the other stages' (the
 * median of their instructions / (time x clock), over the compute-bound ones: under one byte of
 * traffic per instruction, under one fault a frame, at least 10 000 instructions), so no stage's
 * prediction is fitted to its own time. The kernel's work per fault is expressed as instructions
 * at the median IPC: (fault ns - 4096 / copy rate) x clock x IPC.
 *
 * One correction of the counts: callgrind counts each iteration of `rep movsb` as an
 * instruction, and glibc's memcpy of a whole frame is one here, so an x86 count holds one
 * instruction per byte a stage copies with memcpy (vb_cpu_stage_memcpy_bytes); those are taken
 * out (where the count holds them) and the bytes stay as traffic. The aarch64 counts have no such
 * artefact: memcpy is a loop of 16- and 32-byte loads and stores there.
 * Stages under 10 000 instructions a frame are too short to time and are left out (their share
 * of any frame is below a microsecond). */
#ifndef VB_ESTIMATE_CALIBRATION_H
#define VB_ESTIMATE_CALIBRATION_H

#include "estimate/cpu_stage.h"

#include <jansson.h>

#define VB_CALIBRATION_STAGES_MAX 16
/* The whole calibration is made this many times (a shared machine's clock and neighbours move
 * between rounds): the machine's figures are the round of the middle clock's, each stage's row
 * the round of its middle error, with the errors' spread beside it. */
#define VB_CALIBRATION_ROUNDS 3

typedef struct vb_stage_calibration_row {
    const char *stage;
    double instructions;              /* per frame, the committed x86 count */
    double compute_instructions;      /* ... without rep movsb's per-byte iterations */
    double traffic_bytes, faults;     /* per frame */
    double measured_ns, predicted_ns; /* per frame */
    double fitted_ipc;                /* the other stages' IPC used for this one */
    double error;                     /* predicted / measured - 1, the middle round's */
    double error_min, error_max;      /* over the rounds */
    int timed;                        /* 0: too short to time, no prediction */
    int within;                       /* |error| <= VB_COST_TOLERANCE */
} vb_stage_calibration_row;

typedef struct vb_calibration {
    double clock_ghz, traffic_gbps;
    double fault_ns, fault_instructions, median_ipc;
    int count;
    vb_stage_calibration_row rows[VB_CALIBRATION_STAGES_MAX];
    char machine[160]; /* the CPU's model name */
} vb_calibration;

/* Measures this machine and predicts every stage, VB_CALIBRATION_ROUNDS times (about 10 s on one
 * core). VB_OK, or
 * -VB_ERR_FAILURE (error set) when a stage cannot run or this build has no x86-64 counts to use
 * (an aarch64 build, or a stage the committed file lacks). */
int vb_calibration_measure(vb_calibration *out);

/* The committed calibration (bench/baselines/calibration.json, built in): VB_OK, or
 * -VB_ERR_FAILURE (error set) where none is committed or it does not read. */
int vb_calibration_committed(vb_calibration *out);

/* The calibration as "vizbench.calibration" JSON (the committed bench/baselines/calibration.json
 * is one): a new reference the caller owns. */
json_t *vb_calibration_to_json(const vb_calibration *c, const char *created, const char *revision);

#endif
