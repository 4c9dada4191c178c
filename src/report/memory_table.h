/* The terminal lines on memory under `vizbench run`'s tables: each run's own peak resident
 * memory (the process's peak reset before it), its producer process's where it had one, and
 * the whole run's peak (set-up included). Fits 80 columns; prints nothing when the figures are
 * unknown (read from a file made before they were measured). */
#ifndef VB_REPORT_MEMORY_TABLE_H
#define VB_REPORT_MEMORY_TABLE_H

#include "pipeline/session.h"

#include <stdio.h>

void vb_memory_table_print(const vb_session *session, FILE *out);

#endif
