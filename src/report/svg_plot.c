#include "report/svg_plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void vb_svg_begin(vb_text *out, int width, int height, const char *id, const char *title,
                  const char *caption) {
    vb_text_printf(out,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" width=\"%d\" "
                   "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                   "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n<title>",
                   id, width, height, width, height);
    vb_text_append_escaped(out, title);
    vb_text_append(out, "</title>\n");
    vb_text_printf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
                   width, height);
    vb_svg_text(out, 16, 28, "start", 19, 1, VB_COLOUR_TEXT, title);
    /* The caption: up to three lines, split at newlines. */
    double y = 50;
    for (const char *line = caption; line && *line && y < 90; y += 17) {
        char text[512];
        size_t cut = strcspn(line, "\n");
        snprintf(text, sizeof text, "%.*s", (int)cut, line);
        vb_svg_text(out, 16, y, "start", y == 50 ? 13 : 12, 0, y == 50 ? "#333333" : "#555555",
                    text);
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
                       "font-weight=\"bold\" fill=\"%s\" transform=\"rotate(-90 %.1f %.1f)\">",
                       x, y, VB_COLOUR_TEXT, x, y);
        vb_text_append_escaped(p->out, y_title);
        vb_text_append(p->out, "</text>\n");
    }
}

void vb_svg_text(vb_text *out, double x, double y, const char *anchor, int size, int bold,
                 const char *fill, const char *text) {
    vb_text_printf(out,
                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s fill=\"%s\">",
                   x, y, anchor, size, bold ? " font-weight=\"bold\"" : "", fill);
    vb_text_append_escaped(out, text);
    vb_text_append(out, "</text>\n");
}

void vb_svg_rect(vb_text *out, double x, double y, double w, double h, const char *fill,
                 const char *title) {
    vb_text_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"", x,
                   y, w > 0 ? w : 0, h > 0 ? h : 0, fill);
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
    vb_text_printf(out,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                   "stroke-width=\"%.1f\"%s/>\n",
                   x1, y1, x2, y2, stroke, width, dashed ? " stroke-dasharray=\"6 4\"" : "");
}

void vb_svg_path_begin(vb_text *out) {
    vb_text_append(out, "<polyline points=\"");
}

void vb_svg_path_point(vb_text *out, double x, double y, int first) {
    vb_text_printf(out, "%s%.1f,%.1f", first ? "" : " ", x, y);
}

void vb_svg_path_end(vb_text *out, const char *stroke, double width) {
    vb_text_printf(out,
                   "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
                   "stroke-linejoin=\"round\"/>\n",
                   stroke, width);
}

void vb_svg_legend(vb_text *out, double x, double y, int count, const char *const *labels,
                   const char *const *colours) {
    for (int i = 0; i < count; i++) {
        vb_svg_rect(out, x, y - 12, 14, 14, colours[i], NULL);
        vb_svg_text(out, x + 20, y, "start", 14, 0, VB_COLOUR_TEXT, labels[i]);
        x += 44 + 8.6 * (double)strlen(labels[i]);
    }
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
