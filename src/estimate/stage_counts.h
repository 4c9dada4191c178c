/* The committed instruction counts of the CPU stages (estimate/cpu_stage.h), built into the
 * program: bench/baselines/instructions.json (x86-64, callgrind on the gcc release build, the
 * gate's exact layer) and bench/baselines/instructions-aarch64.json (aarch64, qemu's execution
 * trace of the cross build), and the calibration of the cost model on the machine that took them
 * (bench/baselines/calibration.json, `vizbench estimate --calibrate --export-json`). The files
 * are parsed on first use (thread-safe); the counts live until the process ends. */
#ifndef VB_ESTIMATE_STAGE_COUNTS_H
#define VB_ESTIMATE_STAGE_COUNTS_H

typedef enum { VB_ISA_X86_64 = 0, VB_ISA_AARCH64, VB_ISA_COUNT } vb_isa;

/* "x86-64", "aarch64". */
const char *vb_isa_name(vb_isa isa);

/* Instructions per frame of `stage` on `isa`, VB_OK; -VB_ERR_FAILURE when that file has no count
 * of the stage (error set: which file, which stage). */
int vb_stage_instructions(vb_isa isa, const char *stage, double *per_frame);
/* The tool and the date that took a file's counts ("callgrind ... 2026-12-03"). */
const char *vb_stage_counts_origin(vb_isa isa);

/* The committed calibration (estimate/calibration.h) of a stage: its error on the machine that
 * took it (predicted / measured - 1), whether it was within the model's tolerance, its page
 * faults per frame there and the kernel's instructions per fault. VB_OK, or -VB_ERR_FAILURE when
 * the committed calibration has no such stage or did not time it. */
int vb_stage_calibration(const char *stage, double *error, int *within, double *faults,
                         double *fault_instructions);
/* The committed calibration's machine and date, or "" where none is committed. */
const char *vb_stage_calibration_origin(void);
/* The committed calibration document itself (borrowed; NULL where it does not parse). */
struct json_t;
const struct json_t *vb_stage_calibration_document(void);

#endif
