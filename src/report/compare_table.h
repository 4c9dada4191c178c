/* What `vizbench compare` prints and writes: the timing comparison (gate/compare.h) and the
 * instruction counts (gate/instructions.h), as a plain-text table for a terminal or CI log and
 * as Markdown for a pull-request comment (regressions and improvements first, every row in a
 * folded section). Either part may be absent (NULL / 0 rows). Names are printed as given:
 * the caller makes them relative. */
#ifndef VB_REPORT_COMPARE_TABLE_H
#define VB_REPORT_COMPARE_TABLE_H

#include "gate/compare.h"
#include "gate/instructions.h"
#include "report/text_buffer.h"

typedef struct vb_compare_report {
    const vb_comparison *timing; /* NULL: instruction counts only */
    const vb_compare_options *options;
    const vb_instruction_row *instructions;
    int instruction_rows;
    double instruction_threshold_pct;
    const char *baseline_name, *current_name; /* as given on the command line */
} vb_compare_report;

/* The Markdown stays under VB_COMPARE_MD_LIMIT characters whatever the input (a pull-request
 * comment takes 65,536): the changes first, then every row folded, each list cut with a count
 * of what did not fit. A row is at most VB_COMPARE_MD_ROW_MAX characters. */
#define VB_COMPARE_MD_LIMIT 60000
#define VB_COMPARE_MD_ROW_MAX 400

void vb_compare_text(const vb_compare_report *report, vb_text *out);
void vb_compare_markdown(const vb_compare_report *report, vb_text *out);
/* Regressions that fail the comparison: the timing rows' unless advisory (cross-machine),
 * and the instruction counts'. */
int vb_compare_failing_regressions(const vb_compare_report *report);

#endif
