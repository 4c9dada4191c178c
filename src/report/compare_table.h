/* What `vizbench compare` prints and writes: the timing comparison (gate/compare.h) and the
 * instruction counts (gate/instructions.h), as a plain-text table for a terminal or CI log and
 * as Markdown for a pull-request comment (regressions and improvements first, every row in a
 * folded section). Either part may be absent (NULL / 0 rows). */
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

void vb_compare_text(const vb_compare_report *report, vb_text *out);
void vb_compare_markdown(const vb_compare_report *report, vb_text *out);

#endif
