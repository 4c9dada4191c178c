/* Internal to the report's charts: what the chart files share (charts.c: the latency curves
 * and the budget maps; charts_bars.c: the bar charts). */
#ifndef VB_REPORT_CHARTS_IMPL_H
#define VB_REPORT_CHARTS_IMPL_H

#include "report/charts.h"

#include <stddef.h>

#define CHART_WIDTH 960
/* A legend's right edge: the margin the title keeps (svg_plot.c wraps its rows there). */
#define CHART_LEGEND_RIGHT (CHART_WIDTH - 16)

/* The point of `strategy` in `view` at the headline point h's size and fps, or NULL. */
const vb_point *vb_chart_at_headline(const vb_evidence *e, const vb_point *h, vb_view_kind view,
                                     const char *strategy);
/* A new chart in the set (NULL when it is full); its svg is empty. */
vb_chart *vb_chart_new(vb_chart_set *set, const char *id, const char *title);
/* A caption: `first_line`, then the machine, the GL renderer and the input. */
void vb_chart_caption(const vb_evidence *e, const char *first_line, char *dst, size_t size);

/* The height a chart of `base` px needs with `legend` at its foot, drawn from x = left: each
 * row the legend wraps into past the first adds VB_LEGEND_ROW, so rows stay clear of the plot
 * and of one another. */
int vb_chart_height_with_legend(int base, const vb_legend *legend, double left);

/* The bar charts at the headline point h (charts_bars.c). */
void vb_chart_cpu_per_frame(const vb_evidence *e, const vb_point *h, vb_chart_set *set);
void vb_chart_sound_to_screen(const vb_evidence *e, const vb_point *h, vb_chart_set *set);
void vb_chart_bytes_per_frame(const vb_evidence *e, const vb_point *h, vb_chart_set *set);

#endif
