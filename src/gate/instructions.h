/* The gate's exact layer: instructions per frame of the producer's CPU stages, counted by
 * callgrind on bench/stage-work (bench/instructions.sh writes the file). Counts repeat exactly
 * from run to run on one machine class, so a tight threshold suffices and no statistics are
 * needed.
 *
 * File: {"schema": "vizbench.instructions", "schema_version": 1, "created", "tool", "machine",
 * "stages": {"render-waveform": {"instructions": N, "frames": F}, ...}}. Reading refuses
 * anything else with one error naming the file and the field (-VB_ERR_USAGE), or
 * -VB_ERR_FAILURE when the file cannot be read. */
#ifndef VB_GATE_INSTRUCTIONS_H
#define VB_GATE_INSTRUCTIONS_H

#include "gate/compare.h"

#define VB_INSTRUCTIONS_SCHEMA "vizbench.instructions"
#define VB_INSTRUCTIONS_VERSION 1
#define VB_INSTRUCTIONS_MAX_STAGES 16
#define VB_INSTRUCTIONS_THRESHOLD_PCT 1.0

typedef struct vb_instruction_counts {
    char machine[192], tool[96], created[32];
    int stage_count;
    char stage[VB_INSTRUCTIONS_MAX_STAGES][48];
    double per_frame[VB_INSTRUCTIONS_MAX_STAGES];
} vb_instruction_counts;

int vb_instructions_read(const char *path, vb_instruction_counts *counts);

typedef struct vb_instruction_row {
    char stage[48];
    double baseline, current; /* per frame; -1 where the stage is missing */
    double change_pct;
    vb_change decision;
} vb_instruction_row;

/* One row per stage in either file (at most 2 x VB_INSTRUCTIONS_MAX_STAGES). A regression is
 * an increase over `threshold_pct`, an improvement a decrease over it. Returns the number of
 * rows; *regressions counts them. */
int vb_instructions_compare(const vb_instruction_counts *baseline,
                            const vb_instruction_counts *current, double threshold_pct,
                            vb_instruction_row *rows, int *regressions);

#endif
