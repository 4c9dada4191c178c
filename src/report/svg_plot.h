/* Small SVG plotting: a document, a plot area with linear or log10 axes (ticks, grid, labels
 * with units), and the shapes charts are drawn with. Text is escaped; numbers are written with
 * one decimal, so the same input gives the same bytes. Sizes are in SVG user units (px). */
#ifndef VB_REPORT_SVG_PLOT_H
#define VB_REPORT_SVG_PLOT_H

#include "report/text_buffer.h"

/* Colour-blind-safe palette (Okabe and Ito), and the verdict colours. */
#define VB_COLOUR_TEXT "#1b1b1b"
#define VB_COLOUR_GRID "#d9d9d9"
#define VB_COLOUR_GOOD "#1a7f37"
#define VB_COLOUR_BAD "#b42318"
#define VB_COLOUR_NEUTRAL "#6b7280"

typedef struct vb_plot {
    vb_text *out;
    double left, top, width, height; /* the plot area inside the document */
    double x_min, x_max, y_min, y_max;
    int x_log, y_log;
} vb_plot;

/* <svg> with a white background, the title (bold) and under it the caption (up to three lines,
 * split at newlines): plots start below y = 100. */
void vb_svg_begin(vb_text *out, int width, int height, const char *id, const char *title,
                  const char *caption);
void vb_svg_end(vb_text *out);

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
/* A polyline of `count` data points, or begin/point/end for one built point by point. */
void vb_svg_path_begin(vb_text *out);
void vb_svg_path_point(vb_text *out, double x, double y, int first);
void vb_svg_path_end(vb_text *out, const char *stroke, double width);
/* A legend row of coloured squares with labels, from (x, y) to the right. */
void vb_svg_legend(vb_text *out, double x, double y, int count, const char *const *labels,
                   const char *const *colours);

/* "1 KB", "10 MB", "0.5": compact labels for tick values. */
void vb_format_bytes(double bytes, char *dst, int size);

#endif
