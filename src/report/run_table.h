/* The terminal table of `vizbench run`: a header with the context that decides how to read
 * the figures (GL renderer, software or not, reference limits), then one row per strategy. */
#ifndef VB_REPORT_RUN_TABLE_H
#define VB_REPORT_RUN_TABLE_H

#include "pipeline/session.h"

#include <stdio.h>

/* The header (what is measured, GL, references; printed before measuring) and the rows (after);
 * every line fits 80 columns, and the rows take `columns` (the terminal's width) to show more. */
void vb_run_table_print_header(const vb_session *session, FILE *out);
void vb_run_table_print_rows(const vb_session *session, FILE *out, int columns);

#endif
