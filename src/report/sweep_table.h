/* The plain-text table of a sweep: one row per combination and strategy, the figures that say
 * whether it keeps up (delivered fps, latency, missed frames, CPU) and what crossed each
 * boundary. For a terminal or a CI log. */
#ifndef VB_REPORT_SWEEP_TABLE_H
#define VB_REPORT_SWEEP_TABLE_H

#include "verdict/evidence.h"

#include <stdio.h>

void vb_sweep_table_print(const vb_evidence *evidence, FILE *out);

#endif
