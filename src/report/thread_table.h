/* The terminal table of the threads and the display clock, under `vizbench run`'s main table for
 * runs that have them (strategies with threads of their own, --vsync): CPU per frame by thread,
 * copies and allocations per frame on every thread, and on a display clock the latency in vsync
 * periods, the mean frames of delay, repeated ticks and frames skipped at the latch. Fits 80
 * columns. Prints nothing when no run has either. */
#ifndef VB_REPORT_THREAD_TABLE_H
#define VB_REPORT_THREAD_TABLE_H

#include "pipeline/session.h"

#include <stdio.h>

void vb_thread_table_print(const vb_session *session, FILE *out);

#endif
