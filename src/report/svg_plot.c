#include "report/svg_plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The themed colours: the light one (the attribute), the class that names it, the dark one. */
typedef struct themed_colour {
    const char *light, *name, *dark;
} themed_colour;

static const themed_colour theme[] = {
    {VB_COLOUR_BACKGROUND, "bg", "#16181d"},
    {VB_COLOUR_TEXT, "ink", "#e6e6e6"},
    {VB_COLOUR_CAPTION, "caption", "#c9ccd1"},
    {VB_COLOUR_MUTED, "muted", "#aab0b8"},
    {VB_COLOUR_FAINT, "faint", "#9aa0a8"},
    {VB_COLOUR_GRID, "grid", "#3a3f47"},
    {VB_COLOUR_GOOD, "good", "#56d364"},
    {VB_COLOUR_BAD, "bad", "#ff7b72"},
    {VB_COLOUR_NEUTRAL, "neutral", "#a3aab5"},
    {VB_COLOUR_CELL_GOOD, "cell-good", "#1d4a2b"},
    {VB_COLOUR_CELL_BAD, "cell-bad", "#5a2420"},
    {VB_COLOUR_CELL_NEUTRAL, "cell-neutral", "#2d3139"},
};
#define THEME_COUNT ((int)(sizeof theme / sizeof theme[0]))

/* ` fill="#..."` (or stroke), and for a themed colour the class the dark style recolours:
 * vb-f-NAME for a fill, vb-s-NAME for a stroke. `extra`: another class, or NULL. */
static void paint_with(vb_text *out, const char *property, const char *colour, const char *extra) {
    vb_text_printf(out, " %s=\"%s\"", property, colour);
    const char *name = NULL;
    for (int i = 0; i < THEME_COUNT && !name; i++)
        if (strcmp(theme[i].light, colour) == 0) name = theme[i].name;
    if (name && extra)
        vb_text_printf(out, " class=\"vb-%c-%s %s\"", property[0], name, extra);
    else if (name)
        vb_text_printf(out, " class=\"vb-%c-%s\"", property[0], name);
    else if (extra)
        vb_text_printf(out, " class=\"%s\"", extra);
}

static void paint(vb_text *out, const char *property, const char *colour) {
    paint_with(out, property, colour, NULL);
}

void vb_svg_dark_style(vb_text *out) {
    vb_text_append(out, "@media (prefers-color-scheme:dark){");
    for (int i = 0; i < THEME_COUNT; i++)
        vb_text_printf(out, ".vb-f-%s{fill:%s}.vb-s-%s{stroke:%s}", theme[i].name, theme[i].dark,
                       theme[i].name, theme[i].dark);
    /* Series keep their colours, a little lighter: thin lines in the palette's darker colours
     * (blue #0072B2) would fall near 3:1 against the dark background. */
    vb_text_append(out, ".vb-series{filter:brightness(1.35)}}");
}

/* The font size at which `text` fits in `room` px: DejaVu Sans averages about 0.56 em a
 * character (0.62 in bold), an estimate on the wide side, as the browser's font is unknown. */
static int fitted_size(const char *text, int size, int bold, double room) {
    const double em = (bold ? 0.62 : 0.56) * (double)strlen(text);
    while (size > 9 && em * size > room)
        size--;
    return size;
}

void vb_svg_begin(vb_text *out, int width, int height, const char *id, const char *title,
                  const char *caption) {
    vb_text_printf(out,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" width=\"%d\" "
                   "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                   "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n<title>",
                   id, width, height, width, height);
    vb_text_append_escaped(out, title);
    vb_text_append(out, "</title>\n");
    vb_svg_rect(out, 0, 0, width, height, VB_COLOUR_BACKGROUND, NULL);
    const double room = width - 32;
    vb_svg_text(out, 16, 28, "start", fitted_size(title, 19, 1, room), 1, VB_COLOUR_TEXT, title);
    /* The caption: up to three lines, split at newlines. */
    double y = 50;
    for (const char *line = caption; line && *line && y < 90; y += 17) {
        char text[512];
        size_t cut = strcspn(line, "\n");
        snprintf(text, sizeof text, "%.*s", (int)cut, line);
        vb_svg_text(out, 16, y, "start", fitted_size(text, y == 50 ? 13 : 12, 0, room), 0,
                    y == 50 ? VB_COLOUR_CAPTION : VB_COLOUR_MUTED, text);
        line += cut + (line[cut] ? 1 : 0);
    }
}

void vb_svg_end(vb_text *out) {
    vb_text_append(out, "</svg>\n");
}

static double scaled(double value, double min, double max, int log_axis) {
    if (log_axis) {
        if (value < min) value = min;
        return (log10(value) - log10(min)) / (log10(max) - log10(min));
    }
    return (value - min) / (max - min);
}

double vb_plot_x(const vb_plot *p, double value) {
    return p->left + p->width * scaled(value, p->x_min, p->x_max, p->x_log);
}

double vb_plot_y(const vb_plot *p, double value) {
    return p->top + p->height * (1.0 - scaled(value, p->y_min, p->y_max, p->y_log));
}

/* Linear ticks at 1, 2 or 5 x 10^k, about five of them. */
static double nice_step(double range) {
    double raw = range / 5.0;
    double magnitude = pow(10.0, floor(log10(raw)));
    double fraction = raw / magnitude;
    return (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10) * magnitude;
}

double vb_plot_nice_max(double value) {
    if (!(value > 0)) return 1;
    /* A larger maximum may pick a larger step; round up again until the step stays. */
    double top = value;
    for (int i = 0; i < 8; i++) {
        const double step = nice_step(top);
        top = ceil(value / step - 1e-9) * step;
        if (nice_step(top) == step) break;
    }
    return top;
}

static void tick_label(double value, int log_axis, int bytes, char *dst, int size) {
    if (bytes)
        vb_format_bytes(value, dst, size);
    else if (log_axis || fabs(value - round(value)) < 1e-9)
        snprintf(dst, (size_t)size, "%g", value);
    else
        snprintf(dst, (size_t)size, "%.1f", value);
}

static void axis_ticks(const vb_plot *p, int vertical, int bytes) {
    const double min = vertical ? p->y_min : p->x_min, max = vertical ? p->y_max : p->x_max;
    const int log_axis = vertical ? p->y_log : p->x_log;
    double values[64];
    int count = 0;
    if (log_axis) {
        for (double v = pow(10.0, ceil(log10(min) - 1e-9)); v <= max * 1.000001 && count < 64;
             v *= 10)
            values[count++] = v;
    } else {
        double step = nice_step(max - min);
        for (double v = ceil(min / step) * step; v <= max + step * 1e-6 && count < 64; v += step)
            values[count++] = fabs(v) < step * 1e-9 ? 0 : v;
    }
    for (int i = 0; i < count; i++) {
        char label[32];
        tick_label(values[i], log_axis, bytes, label, sizeof label);
        if (vertical) {
            double y = vb_plot_y(p, values[i]);
            vb_svg_line(p->out, p->left, y, p->left + p->width, y, VB_COLOUR_GRID, 1, 0);
            vb_svg_text(p->out, p->left - 8, y + 5, "end", 13, 0, VB_COLOUR_TEXT, label);
        } else {
            double x = vb_plot_x(p, values[i]);
            vb_svg_line(p->out, x, p->top, x, p->top + p->height, VB_COLOUR_GRID, 1, 0);
            vb_svg_text(p->out, x, p->top + p->height + 20, "middle", 13, 0, VB_COLOUR_TEXT, label);
        }
    }
}

void vb_plot_axes(const vb_plot *p, const char *x_title, const char *y_title, int y_categories) {
    const int x_bytes = strstr(x_title, "bytes") != NULL;
    axis_ticks(p, 0, x_bytes);
    if (!y_categories) axis_ticks(p, 1, strstr(y_title, "bytes") != NULL);
    vb_svg_line(p->out, p->left, p->top + p->height, p->left + p->width, p->top + p->height,
                VB_COLOUR_TEXT, 1.5, 0);
    vb_svg_line(p->out, p->left, p->top, p->left, p->top + p->height, VB_COLOUR_TEXT, 1.5, 0);
    vb_svg_text(p->out, p->left + p->width / 2, p->top + p->height + 44, "middle", 14, 1,
                VB_COLOUR_TEXT, x_title);
    if (y_title[0]) {
        double x = p->left - 58, y = p->top + p->height / 2;
        vb_text_printf(p->out,
                       "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"14\" "
                       "font-weight=\"bold\" transform=\"rotate(-90 %.1f %.1f)\"",
                       x, y, x, y);
        paint(p->out, "fill", VB_COLOUR_TEXT);
        vb_text_append(p->out, ">");
        vb_text_append_escaped(p->out, y_title);
        vb_text_append(p->out, "</text>\n");
    }
}

void vb_svg_text(vb_text *out, double x, double y, const char *anchor, int size, int bold,
                 const char *fill, const char *text) {
    vb_text_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s", x, y,
                   anchor, size, bold ? " font-weight=\"bold\"" : "");
    paint(out, "fill", fill);
    vb_text_append(out, ">");
    vb_text_append_escaped(out, text);
    vb_text_append(out, "</text>\n");
}

void vb_svg_rect(vb_text *out, double x, double y, double w, double h, const char *fill,
                 const char *title) {
    vb_text_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", x, y,
                   w > 0 ? w : 0, h > 0 ? h : 0);
    paint(out, "fill", fill);
    if (title) {
        vb_text_append(out, "><title>");
        vb_text_append_escaped(out, title);
        vb_text_append(out, "</title></rect>\n");
    } else {
        vb_text_append(out, "/>\n");
    }
}

void vb_svg_line(vb_text *out, double x1, double y1, double x2, double y2, const char *stroke,
                 double width, int dashed) {
    vb_text_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"", x1, y1, x2, y2);
    paint(out, "stroke", stroke);
    vb_text_printf(out, " stroke-width=\"%.1f\"%s/>\n", width,
                   dashed ? " stroke-dasharray=\"6 4\"" : "");
}

void vb_svg_path_begin(vb_text *out) {
    vb_text_append(out, "<polyline points=\"");
}

void vb_svg_path_point(vb_text *out, double x, double y, int first) {
    vb_text_printf(out, "%s%.1f,%.1f", first ? "" : " ", x, y);
}

/* The element's end: "/>", or its tooltip as a <title> child and the closing tag. */
static void close_with_title(vb_text *out, const char *element, const char *title) {
    if (!title) {
        vb_text_append(out, "/>\n");
        return;
    }
    vb_text_append(out, "><title>");
    vb_text_append_escaped(out, title);
    vb_text_printf(out, "</title></%s>\n", element);
}

static void stroke_style(vb_text *out, const vb_series_style *style, double width) {
    vb_text_printf(out, " stroke=\"%s\" stroke-width=\"%.1f\"", style->colour, width);
    if (style->dash && style->dash[0]) vb_text_printf(out, " stroke-dasharray=\"%s\"", style->dash);
}

void vb_svg_path_end(vb_text *out, const vb_series_style *style, double width, const char *title) {
    vb_text_append(out, "\" fill=\"none\" class=\"vb-series\"");
    stroke_style(out, style, width);
    vb_text_append(out, " stroke-linejoin=\"round\"");
    close_with_title(out, "polyline", title);
}

/* A closed polygon through `count` (dx, dy) offsets from (x, y), in units of the marker's size. */
static void marker_polygon(vb_text *out, double x, double y, double r, int count,
                           const double (*corners)[2]) {
    vb_text_append(out, "<polygon points=\"");
    for (int i = 0; i < count; i++)
        vb_text_printf(out, "%s%.1f,%.1f", i ? " " : "", x + r * corners[i][0],
                       y + r * corners[i][1]);
    vb_text_append(out, "\"");
}

void vb_svg_marker(vb_text *out, double x, double y, const vb_series_style *style,
                   const char *title) {
    static const double square[][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    static const double triangle[][2] = {{0, -1.3}, {1.2, 0.9}, {-1.2, 0.9}};
    static const double diamond[][2] = {{0, -1.35}, {1.35, 0}, {0, 1.35}, {-1.35, 0}};
    static const double down[][2] = {{0, 1.3}, {1.2, -0.9}, {-1.2, -0.9}};
    static const double plus[][2] = {{-0.4, -1.3}, {0.4, -1.3}, {0.4, -0.4},  {1.3, -0.4},
                                     {1.3, 0.4},   {0.4, 0.4},  {0.4, 1.3},   {-0.4, 1.3},
                                     {-0.4, 0.4},  {-1.3, 0.4}, {-1.3, -0.4}, {-0.4, -0.4}};
    static const double cross[][2] = {{-1.2, -0.6}, {-0.6, -1.2}, {0, -0.6},   {0.6, -1.2},
                                      {1.2, -0.6},  {0.6, 0},     {1.2, 0.6},  {0.6, 1.2},
                                      {0, 0.6},     {-0.6, 1.2},  {-1.2, 0.6}, {-0.6, 0}};
    static const double bar[][2] = {{-1.4, -0.55}, {1.4, -0.55}, {1.4, 0.55}, {-1.4, 0.55}};
    const double r = 4.5;
    const char *element = "polygon";
    switch (style->marker) {
    case VB_MARKER_SQUARE:
        marker_polygon(out, x, y, r, 4, square);
        break;
    case VB_MARKER_TRIANGLE:
        marker_polygon(out, x, y, r, 3, triangle);
        break;
    case VB_MARKER_DIAMOND:
        marker_polygon(out, x, y, r, 4, diamond);
        break;
    case VB_MARKER_TRIANGLE_DOWN:
        marker_polygon(out, x, y, r, 3, down);
        break;
    case VB_MARKER_PLUS:
        marker_polygon(out, x, y, r, 12, plus);
        break;
    case VB_MARKER_CROSS:
        marker_polygon(out, x, y, r, 12, cross);
        break;
    case VB_MARKER_BAR:
        marker_polygon(out, x, y, r, 4, bar);
        break;
    default:
        vb_text_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", x, y, r * 1.1);
        element = "circle";
    }
    /* Filled with the background: a hollow shape over the curve, in either theme. */
    paint_with(out, "fill", VB_COLOUR_BACKGROUND, "vb-series");
    stroke_style(out, &(vb_series_style){style->colour, "", style->marker}, 2);
    close_with_title(out, element, title);
}

/* The legend's labels are set at this size; a line sample is this long, its label after it. */
#define LEGEND_FONT 14
#define LEGEND_LINE 40
#define LEGEND_GAP 24 /* between one entry's label and the next entry */

/* Where an entry's label starts, from the entry's left: after its square or its line. */
static double legend_label_offset(const vb_legend *legend) {
    return legend->colours ? 20 : LEGEND_LINE + 8;
}

/* An entry's width, its label estimated at VB_LEGEND_EM a character (bytes: wider still for
 * the few characters outside ASCII). */
static double legend_entry_width(const vb_legend *legend, int i) {
    return legend_label_offset(legend) +
           VB_LEGEND_EM * LEGEND_FONT * (double)strlen(legend->labels[i]);
}

/* Each entry's left edge and row: left to right, a new row where the next would run past
 * `right` (a row holds one entry at least, however long); entries past VB_LEGEND_MAX are left
 * out. Returns the rows. */
static int legend_place(const vb_legend *legend, double left, double right, double *xs, int *rows) {
    double x = left;
    int row = 0;
    for (int i = 0; i < legend->count && i < VB_LEGEND_MAX; i++) {
        const double w = legend_entry_width(legend, i);
        if (x > left && x + w > right) {
            x = left;
            row++;
        }
        if (xs) xs[i] = x;
        if (rows) rows[i] = row;
        x += w + LEGEND_GAP;
    }
    return row + 1;
}

int vb_legend_rows(const vb_legend *legend, double left, double right) {
    return legend_place(legend, left, right, NULL, NULL);
}

/* One entry with its label's baseline at y: a square, or a line with the series' marker. */
static void legend_entry(vb_text *out, const vb_legend *legend, int i, double x, double y) {
    vb_text_append(out, "<g class=\"vb-legend-entry\">\n");
    if (legend->colours) {
        vb_svg_rect(out, x, y - 12, 14, 14, legend->colours[i], NULL);
    } else {
        vb_svg_path_begin(out);
        vb_svg_path_point(out, x, y - 5, 1);
        vb_svg_path_point(out, x + LEGEND_LINE, y - 5, 0);
        vb_svg_path_end(out, &legend->styles[i], 3, NULL);
        vb_svg_marker(out, x + LEGEND_LINE / 2, y - 5, &legend->styles[i], NULL);
    }
    vb_svg_text(out, x + legend_label_offset(legend), y, "start", LEGEND_FONT, 0, VB_COLOUR_TEXT,
                legend->labels[i]);
    vb_text_append(out, "</g>\n");
}

double vb_svg_legend(vb_text *out, const vb_legend *legend, double left, double y, double right) {
    double xs[VB_LEGEND_MAX];
    int rows[VB_LEGEND_MAX];
    const int count = legend_place(legend, left, right, xs, rows);
    vb_text_append(out, "<g class=\"vb-legend\">\n");
    for (int i = 0; i < legend->count && i < VB_LEGEND_MAX; i++)
        legend_entry(out, legend, i, xs[i], y + VB_LEGEND_ROW * rows[i]);
    vb_text_append(out, "</g>\n");
    return y + VB_LEGEND_ROW * count;
}

void vb_format_bytes(double bytes, char *dst, int size) {
    static const char *const units[] = {"B", "KB", "MB", "GB"};
    int unit = 0;
    while (bytes >= 1000 && unit < 3) {
        bytes /= 1000;
        unit++;
    }
    snprintf(dst, (size_t)size, "%g %s", round(bytes * 10) / 10, units[unit]);
}
