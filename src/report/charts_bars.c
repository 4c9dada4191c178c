/* The report's bar charts: CPU per frame by thread, from a sound to its picture, bytes per frame
 * across each boundary (report/charts.h says what each shows). */
#include "report/charts_impl.h"

#include "transfer/strategy.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The points at the headline, view by view, strategy by strategy, into rows (room for
 * VB_VIEW_COUNT x VB_SESSION_MAX_RUNS); their count. */
static int headline_rows(const vb_evidence *e, const vb_point *h, const vb_point **rows) {
    int count = 0;
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int strategies = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    for (int v = 0; v < VB_VIEW_COUNT; v++)
        for (int i = 0; i < strategies; i++) {
            const vb_point *p = vb_chart_at_headline(e, h, (vb_view_kind)v, all[i]->name);
            if (p) rows[count++] = p;
        }
    return count;
}

/* A row's stacked parts (at most 8, in ms) and the label after its bar. */
typedef void (*stacked_parts)(const vb_point *p, double *parts, char *end, size_t size);

/* One stacked bar per row, the views apart by 12 pixels: the row's view and strategy at the
 * left, each part a rectangle with its own tip, the end label after the bar. */
static void stacked_rows(vb_text *out, const vb_plot *plot, double row_height,
                         const vb_point *const *rows, int count, int part_count,
                         const char *const *labels, const char *const *colours,
                         stacked_parts fill) {
    double y = plot->top + 4;
    vb_view_kind last_view = rows[0]->view;
    for (int r = 0; r < count; r++) {
        const vb_point *p = rows[r];
        if (p->view != last_view) {
            y += 12;
            last_view = p->view;
        }
        double parts[8];
        char label[96], end[96];
        fill(p, parts, end, sizeof end);
        snprintf(label, sizeof label, "%s · %s", vb_view_name(p->view), p->strategy);
        vb_svg_text(out, plot->left - 8, y + 16, "end", 13, 0, VB_COLOUR_TEXT, label);
        double x = plot->left;
        for (int k = 0; k < part_count; k++) {
            double w = vb_plot_x(plot, parts[k]) - plot->left;
            char tip[160];
            snprintf(tip, sizeof tip, "%s, %s: %s %.3f ms", vb_view_name(p->view), p->strategy,
                     labels[k], parts[k]);
            vb_svg_rect(out, x, y + 2, w, row_height - 6, colours[k], tip);
            x += w;
        }
        vb_svg_text(out, x + 6, y + 16, "start", 12, 0, VB_COLOUR_TEXT, end);
        y += row_height;
    }
}

/* The producer's and the consumer's thread CPU, and the rest of the process's. */
static void cpu_parts(const vb_point *p, double *parts, char *end, size_t size) {
    const vb_run_summary *s = &p->summary;
    parts[0] = s->producer_cpu_ms.mean;
    parts[1] = s->consumer_cpu_ms.mean;
    parts[2] =
        fmax(0, s->process_cpu_ms_per_frame - s->producer_cpu_ms.mean - s->consumer_cpu_ms.mean);
    snprintf(end, size, "%.2f ms", parts[0] + parts[1] + parts[2]);
}

void vb_chart_cpu_per_frame(const vb_evidence *e, const vb_point *h, vb_chart_set *set) {
    const vb_point *rows[VB_VIEW_COUNT * VB_SESSION_MAX_RUNS];
    const int count = headline_rows(e, h, rows);
    if (count == 0) return;
    double x_max = 0;
    for (int r = 0; r < count; r++) {
        const vb_run_summary *s = &rows[r]->summary;
        x_max = fmax(x_max, fmax(s->process_cpu_ms_per_frame,
                                 s->producer_cpu_ms.mean + s->consumer_cpu_ms.mean));
    }
    char title[160], line[256], text[1024];
    snprintf(title, sizeof title, "CPU time per frame, %dx%d @ %d fps, by thread", h->width,
             h->height, h->fps);
    vb_chart *c = vb_chart_new(set, "cpu-per-frame", title);
    if (!c) return;
    snprintf(line, sizeof line,
             "mean ms of CPU per frame shown; the frame budget is %.1f ms; 'rest of process' = "
             "driver and rasteriser threads",
             1000.0 / h->fps);
    vb_chart_caption(e, line, text, sizeof text);
    vb_text *out = &c->svg;
    static const char *const colours[] = {"#0072B2", "#E69F00", "#999999"};
    static const char *const labels[] = {"producer thread (render + hand-off)",
                                         "consumer thread (upload + draw)", "rest of process"};
    const vb_legend legend = {3, labels, colours, NULL};
    const double row_height = 26;
    const int base = (int)(210 + row_height * count + 12 * VB_VIEW_COUNT);
    vb_svg_begin(out, CHART_WIDTH, vb_chart_height_with_legend(base, &legend, 90), "cpu-per-frame",
                 title, text);
    vb_plot plot = {out,
                    250,
                    110,
                    CHART_WIDTH - 290,
                    row_height * count + 12 * VB_VIEW_COUNT,
                    0,
                    vb_plot_nice_max(x_max * 1.1), /* room for the totals' labels */
                    0,
                    1,
                    0,
                    0};
    vb_plot_axes(&plot, "CPU ms per frame", "", 1);
    stacked_rows(out, &plot, row_height, rows, count, 3, labels, colours, cpu_parts);
    vb_svg_legend(out, &legend, 90, base - 14, CHART_LEGEND_RIGHT);
    vb_svg_end(out);
}

/* ---- from a sound to its picture --------------------------------------------------------- */

/* The analysis window's lag and each stage's mean; the total and the hand-off's share. */
static void sound_parts(const vb_point *p, double *parts, char *end, size_t size) {
    vb_sound_budget b;
    vb_point_sound_budget(p, &b);
    const double stages[8] = {b.window_ms,   b.wait_ms,  b.analysis_ms, b.render_ms,
                              b.transfer_ms, b.queue_ms, b.upload_ms,   b.draw_ms};
    memcpy(parts, stages, sizeof stages);
    snprintf(end, size, "%.1f ms, hand-off %.0f %%", b.total_ms, b.hand_off_pct);
}

/* Per view and strategy at the headline: the analysis window's lag, then each stage's mean,
 * stacked; the hand-off's share (transfer, queue, upload) at the end of each bar. */
void vb_chart_sound_to_screen(const vb_evidence *e, const vb_point *h, vb_chart_set *set) {
    const vb_point *rows[VB_VIEW_COUNT * VB_SESSION_MAX_RUNS];
    const int count = headline_rows(e, h, rows);
    if (count == 0) return;
    double x_max = 0;
    for (int r = 0; r < count; r++) {
        vb_sound_budget b;
        vb_point_sound_budget(rows[r], &b);
        if (b.total_ms > x_max) x_max = b.total_ms;
    }
    char title[160], text[1024];
    snprintf(title, sizeof title, "From a sound to its picture, %dx%d @ %d fps", h->width,
             h->height, h->fps);
    vb_chart *c = vb_chart_new(set, "sound-to-screen", title);
    if (!c) return;
    vb_chart_caption(
        e,
        "mean ms from a sound to its frame: the analysis window's lag, then each stage; "
        "% = hand-off (transfer + queue + upload)",
        text, sizeof text);
    vb_text *out = &c->svg;
    static const char *const colours[] = {"#BBBBBB", "#88CCEE", "#44AA99", "#117733",
                                          "#CC6677", "#AA4499", "#DDCC77", "#332288"};
    static const char *const labels[] = {"analysis window", "wait for a slot", "analysis", "render",
                                         "hand-off",        "queue",           "upload",   "draw"};
    /* Two legends, the stages before the hand-off over those from it on; each may wrap. */
    const vb_legend before = {4, labels, colours, NULL}, after = {4, labels + 4, colours + 4, NULL};
    const double row_height = 26;
    const int base = (int)(240 + row_height * count + 12 * VB_VIEW_COUNT);
    const int height =
        vb_chart_height_with_legend(vb_chart_height_with_legend(base, &before, 40), &after, 40);
    vb_svg_begin(out, CHART_WIDTH, height, "sound-to-screen", title, text);
    vb_plot plot = {out,
                    250,
                    130,
                    CHART_WIDTH - 300,
                    row_height * count + 12 * VB_VIEW_COUNT,
                    0,
                    vb_plot_nice_max(x_max * 1.15), /* room for the labels */
                    0,
                    1,
                    0,
                    0};
    vb_plot_axes(&plot, "ms from the sound", "", 1);
    stacked_rows(out, &plot, row_height, rows, count, 8, labels, colours, sound_parts);
    const double next = vb_svg_legend(out, &before, 40, base - 36, CHART_LEGEND_RIGHT);
    vb_svg_legend(out, &after, 40, next, CHART_LEGEND_RIGHT);
    vb_svg_end(out);
}

/* ---- bytes per frame across each boundary ------------------------------------------------ */

vb_point_bytes vb_point_bytes_per_frame(const vb_point *p) {
    const vb_run_summary *s = &p->summary;
    const double to_gl = s->to_gpu_mb_per_frame * 1e6, pixels = s->pixels_to_gpu_mb_per_frame * 1e6;
    return (vb_point_bytes){s->copied_mb_per_frame * 1e6, to_gl, pixels, fmax(0, to_gl - pixels)};
}

/* The chart's three bars of a point, in the legend's order. */
static void bytes_split(const vb_point *p, double out[3]) {
    const vb_point_bytes b = vb_point_bytes_per_frame(p);
    out[0] = b.copied;
    out[1] = b.pixels;
    out[2] = b.analysis;
}

void vb_chart_bytes_per_frame(const vb_evidence *e, const vb_point *h, vb_chart_set *set) {
    vb_view_kind view = VB_VIEW_SPECTRUM;
    const vb_point *rows[VB_SESSION_MAX_RUNS];
    int count = 0;
    for (int attempt = 0; attempt <= VB_VIEW_COUNT && count == 0; attempt++) {
        if (attempt > 0) view = (vb_view_kind)(attempt - 1);
        const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
        const int strategies = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
        for (int i = 0; i < strategies; i++) {
            const vb_point *p = vb_chart_at_headline(e, h, view, all[i]->name);
            if (p) rows[count++] = p;
        }
    }
    if (count == 0) return;
    char title[160], line[256], text[1024];
    snprintf(title, sizeof title, "Bytes per frame across each boundary, %s %dx%d @ %d fps",
             vb_view_name(view), h->width, h->height, h->fps);
    vb_chart *c = vb_chart_new(set, "bytes-per-frame", title);
    if (!c) return;
    snprintf(line, sizeof line,
             "log scale; one %dx%d RGBA frame = %.0f bytes; '0' = nothing crosses that boundary",
             h->width, h->height, (double)h->width * h->height * 4);
    vb_chart_caption(e, line, text, sizeof text);
    vb_text *out = &c->svg;
    static const char *const colours[] = {"#D55E00", "#0072B2", "#CC79A7"};
    static const char *const labels[] = {"CPU -> CPU copy", "CPU -> GL: pixels",
                                         "CPU -> GL: analysis data"};
    const vb_legend legend = {3, labels, colours, NULL};
    const double group = 3 * 20 + 16;
    const int base = (int)(215 + group * count);
    vb_svg_begin(out, CHART_WIDTH, vb_chart_height_with_legend(base, &legend, 90),
                 "bytes-per-frame", title, text);
    double x_max = 10;
    for (int r = 0; r < count; r++) {
        double b[3];
        bytes_split(rows[r], b);
        for (int k = 0; k < 3; k++)
            x_max = fmax(x_max, b[k]);
    }
    x_max = pow(10.0, ceil(log10(x_max * 1.5)));
    vb_plot plot = {out, 170, 110, CHART_WIDTH - 230, group * count, 10, x_max, 0, 1, 1, 0};
    vb_plot_axes(&plot, "bytes per frame (log scale)", "", 1);
    double y = plot.top + 6;
    for (int r = 0; r < count; r++) {
        double b[3];
        bytes_split(rows[r], b);
        vb_svg_text(out, plot.left - 8, y + 36, "end", 14, 1, VB_COLOUR_TEXT, rows[r]->strategy);
        for (int k = 0; k < 3; k++) {
            char label[48], tip[160];
            if (b[k] > 0) {
                double w = vb_plot_x(&plot, fmax(b[k], 10)) - plot.left;
                vb_format_bytes(b[k], label, sizeof label);
                /* The exact figure in the tooltip: the one the tables round. */
                snprintf(tip, sizeof tip, "%s, %s: %.0f B per frame", rows[r]->strategy, labels[k],
                         b[k]);
                vb_svg_rect(out, plot.left, y + k * 20, w, 16, colours[k], tip);
                vb_svg_text(out, plot.left + w + 6, y + k * 20 + 13, "start", 12, 0, VB_COLOUR_TEXT,
                            label);
            } else {
                vb_svg_text(out, plot.left + 6, y + k * 20 + 13, "start", 12, 0, VB_COLOUR_FAINT,
                            "0");
            }
        }
        y += group;
    }
    vb_svg_legend(out, &legend, 90, base - 14, CHART_LEGEND_RIGHT);
    vb_svg_end(out);
}
