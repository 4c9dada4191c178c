/* What `vizbench run` found, after its table, as hyperfine says it: each strategy's process CPU
 * per frame as a ratio to the least costly one's, with the spread over the repeats; and where
 * the runs cannot tell strategies apart (one run of each, or repeats whose spreads overlap), a
 * line that says so and how to make them longer and more. */
#ifndef VB_REPORT_RUN_FINDINGS_H
#define VB_REPORT_RUN_FINDINGS_H

#include "pipeline/session.h"

#include <stdio.h>

/* Nothing when fewer than two strategies have a measured run. Lines fit 80 columns. */
void vb_run_findings_print(const vb_session *session, FILE *out);

#endif
