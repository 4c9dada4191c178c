/* The report for the steering group, in a folder:
 *   report.html  self-contained (inline CSS and SVG, no network), readable on a projector:
 *                the decision first, then the verdict table, the note's case, the charts, what each
 *                strategy models, every measurement, the method;
 *   report.md    the same tables, for slides or an issue, linking the charts;
 *   charts/ID.svg each chart on its own (report/charts.h).
 * Every file is written atomically; the folder must exist. */
#ifndef VB_REPORT_REPORT_H
#define VB_REPORT_REPORT_H

#include "verdict/claims.h"
#include "verdict/decision.h"

int vb_report_write(const vb_evidence *evidence, const vb_claim claims[VB_CLAIM_COUNT],
                    const vb_decisions *decision, const vb_thresholds *thresholds,
                    const char *folder);

#endif
