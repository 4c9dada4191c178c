/* Small SVG plotting: a document, a plot area with linear or log10 axes (ticks, grid, labels
 * with units), and the shapes charts are drawn with. Text is escaped; numbers are written with
 * one decimal, so the same input gives the same bytes. Sizes are in SVG user units (px). */
#ifndef VB_REPORT_SVG_PLOT_H
#define VB_REPORT_SVG_PLOT_H

#include "report/text_buffer.h"

/* The light theme's ink, grid and verdict colours. Each is written as the attribute (a viewer
 * without CSS still reads the chart) and with a class that vb_svg_dark_style recolours when the
 * reader prefers a dark scheme; other colours (the strategies' Okabe and Ito palette) stay. */
#define VB_COLOUR_BACKGROUND "#ffffff"
#define VB_COLOUR_TEXT "#1b1b1b"
#define VB_COLOUR_CAPTION "#333333"
#define VB_COLOUR_MUTED "#555555"
#define VB_COLOUR_FAINT "#777777"
#define VB_COLOUR_GRID "#d9d9d9"
#define VB_COLOUR_GOOD "#1a7f37"
#define VB_COLOUR_BAD "#b42318"
#define VB_COLOUR_NEUTRAL "#6b7280"
#define VB_COLOUR_CELL_GOOD "#d1f0da"
#define VB_COLOUR_CELL_BAD "#f8d4cf"
#define VB_COLOUR_CELL_NEUTRAL "#e5e7eb"

/* How a series is told apart without its colour: a dash pattern ("" = solid) and a marker. */
typedef enum vb_marker {
    VB_MARKER_CIRCLE,
    VB_MARKER_SQUARE,
    VB_MARKER_TRIANGLE,
    VB_MARKER_DIAMOND,
    VB_MARKER_TRIANGLE_DOWN,
    VB_MARKER_PLUS,
    VB_MARKER_CROSS,
    VB_MARKER_BAR,
    VB_MARKER_COUNT
} vb_marker;

typedef struct vb_series_style {
    const char *colour;
    const char *dash;
    vb_marker marker;
} vb_series_style;

typedef struct vb_plot {
    vb_text *out;
    double left, top, width, height; /* the plot area inside the document */
    double x_min, x_max, y_min, y_max;
    int x_log, y_log;
} vb_plot;

/* <svg> with a white background, the title (bold) and under it the caption (up to three lines,
 * split at newlines): plots start below y = 100. A line too long for the width is set smaller
 * rather than running off the edge. */
void vb_svg_begin(vb_text *out, int width, int height, const char *id, const char *title,
                  const char *caption);
void vb_svg_end(vb_text *out);

/* The CSS, for a <style> element, that recolours the themed colours above under
 * `prefers-color-scheme: dark` (the page has it once; each standalone SVG file has its own). */
void vb_svg_dark_style(vb_text *out);

/* The axis maximum for data reaching `value` on a linear axis from 0: `value` rounded up to the
 * tick step vb_plot_axes will use for that maximum, so the axis ends on a labelled tick. */
double vb_plot_nice_max(double value);

/* Data coordinates to document coordinates (log axes clamp at the minimum). */
double vb_plot_x(const vb_plot *plot, double value);
double vb_plot_y(const vb_plot *plot, double value);

/* Grid, ticks and tick labels of both axes, the axis titles. `y_categories`: no y ticks. */
void vb_plot_axes(const vb_plot *plot, const char *x_title, const char *y_title, int y_categories);

void vb_svg_text(vb_text *out, double x, double y, const char *anchor, int size, int bold,
                 const char *fill, const char *text);
void vb_svg_rect(vb_text *out, double x, double y, double w, double h, const char *fill,
                 const char *title);
void vb_svg_line(vb_text *out, double x1, double y1, double x2, double y2, const char *stroke,
                 double width, int dashed);
/* A polyline built point by point, stroked in the style's colour and dash; `title` (or NULL) is
 * its tooltip. */
void vb_svg_path_begin(vb_text *out);
void vb_svg_path_point(vb_text *out, double x, double y, int first);
void vb_svg_path_end(vb_text *out, const vb_series_style *style, double width, const char *title);
/* The style's marker centred on (x, y): hollow, so markers drawn on one spot stay apart by
 * shape; `title` (or NULL) is its tooltip. */
void vb_svg_marker(vb_text *out, double x, double y, const vb_series_style *style,
                   const char *title);
/* A legend: coloured squares (`colours`) or line samples with the series' dash and marker
 * (`styles`), each with its label. Entries run left to right and wrap into rows that fit
 * between x = left and x = right, VB_LEGEND_ROW apart; a label's width is estimated (its
 * characters at VB_LEGEND_EM of the font size), wide on purpose, as the reader's font is
 * unknown. Each entry is a <g class="vb-legend-entry"> inside one <g class="vb-legend">, so a
 * test or a browser can find them. */
typedef struct vb_legend {
    int count;
    const char *const *labels;
    const char *const *colours;    /* squares, or NULL */
    const vb_series_style *styles; /* line samples, when colours is NULL */
} vb_legend;

#define VB_LEGEND_ROW 22
#define VB_LEGEND_EM 0.62
#define VB_LEGEND_MAX 64 /* entries drawn at most */

/* How many rows the legend wraps into between x = left and x = right (1 when it is empty), so
 * that a chart can make room for them before it starts. */
int vb_legend_rows(const vb_legend *legend, double left, double right);
/* The legend, its first row's baseline at y; returns the baseline a row after its last. */
double vb_svg_legend(vb_text *out, const vb_legend *legend, double left, double y, double right);

/* "1 KB", "10 MB", "0.5": compact labels for tick values. */
void vb_format_bytes(double bytes, char *dst, int size);

#endif
