/* A run's own figures (record/figure.h: those its strategy declares) in a results file, beside
 * its columns, so that the file reads without the strategy's code:
 *   "figures": [{"name": "echo_bounce_ns", "label": "echo bounce", "unit": "ns",
 *                "owner": "consumer", "aggregation": ["mean", "p99"], "gate": "exact"}]
 * The values are columns of "frames" under each name; the summary's aggregates are under
 * "summary.figures". */
#ifndef VB_RESULTS_FIGURES_JSON_H
#define VB_RESULTS_FIGURES_JSON_H

#include "io/json_fields.h"
#include "pipeline/run.h"

/* A new array (caller owns it), NULL when out of memory. */
json_t *vb_figures_to_json(const vb_run_record *run);
/* The declarations of `list` (an array, or NULL: none) into run->figures (interned: lasting)
 * and run->figure_count. VB_OK, -VB_ERR_USAGE (a bad field) or -VB_ERR_FAILURE (memory). */
int vb_figures_read(vb_json_reader *reader, json_t *list, const char *prefix, vb_run_record *run);
/* "mean", "p50", "p99", "sum": the name of aggregation bit `index`, NULL past them. */
const char *vb_figure_aggregation_name(int index);

#endif
