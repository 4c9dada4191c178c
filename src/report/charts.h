/* The report's charts, each an SVG document built from the evidence:
 *   latency-cdf-VIEW   distribution of frame latency per strategy, with the frame budget;
 *   cpu-per-frame      CPU ms per frame per strategy, stacked by thread (producer, consumer,
 *                      the rest of the process: driver and rasteriser threads);
 *   sound-to-screen    per view and strategy, the delay from a sound to its picture: the
 *                      analysis window's lag, then each stage, the hand-off's share;
 *   bytes-per-frame    bytes per frame across each boundary (CPU copy, pixels to GL,
 *                      analysis data to GL), log scale;
 *   budget-map-VIEW    C4's size x fps map: where each strategy holds the budget.
 * The first three are drawn at the headline combination: the note's case (1080x200 @ 60 fps)
 * when measured, else the first combination measured. Every chart's caption names the
 * machine, the GL renderer and the input. */
#ifndef VB_REPORT_CHARTS_H
#define VB_REPORT_CHARTS_H

#include "report/svg_plot.h"
#include "report/text_buffer.h"
#include "verdict/claims.h"

#define VB_MAX_CHARTS 12

typedef struct vb_chart {
    char id[48];     /* also the file name: charts/ID.svg */
    char title[160]; /* for the report's headings and alt text */
    vb_text svg;
} vb_chart;

typedef struct vb_chart_set {
    vb_chart charts[VB_MAX_CHARTS];
    int count;
} vb_chart_set;

/* VB_OK or -VB_ERR_FAILURE (out of memory). Free with vb_charts_free. */
int vb_charts_build(const vb_evidence *evidence, const vb_thresholds *thresholds,
                    vb_chart_set *charts);
void vb_charts_free(vb_chart_set *charts);

/* The headline combination's first point (any strategy), or NULL when nothing was measured. */
const vb_point *vb_headline_point(const vb_evidence *evidence);

/* Bytes per frame across each boundary, all from the point's run summary: what the report's
 * tables print (copied, to GL) and what the bytes chart draws (copied, pixels, analysis data),
 * so the two cannot disagree. Pixels count every thread's uploads, a Flutter chain's IO or
 * raster thread's included; the analysis data are the rest of what reaches GL. */
typedef struct vb_point_bytes {
    double copied;   /* CPU -> CPU */
    double to_gl;    /* CPU -> GL, all of it: pixels + analysis */
    double pixels;   /* of which pixel uploads */
    double analysis; /* of which analysis data */
} vb_point_bytes;
vb_point_bytes vb_point_bytes_per_frame(const vb_point *point);

/* A point's strategy's colour (its facts'; grey where the file recorded none), dash pattern and
 * marker in line charts (by its position among the evidence's strategies), the same in every
 * chart: the curves of strategies with like figures lie on one another, and dash and marker
 * still tell them apart. */
vb_series_style vb_strategy_style(const vb_evidence *evidence, const vb_point *point);

#endif
