#include "report/charts.h"
#include "report/charts_impl.h"

#include "common/error.h"
#include "report/svg_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Dash patterns and markers by position among the evidence's strategies (the registry's order
 * when it was written), so a strategy looks the same in every chart of one report. */
vb_series_style vb_strategy_style(const vb_evidence *e, const vb_point *point) {
    /* Twelve, one for each of the eleven strategies and one to spare: a repeated pattern
     * makes two curves of one colour family indistinguishable in print. */
    static const char *const dashes[] = {"",        "9 4",          "2 3",     "9 3 2 3",
                                         "5 5",     "14 4 3 4 3 4", "1 6",     "12 6",
                                         "3 3 9 3", "6 2",          "1 3 5 3", "16 3 1 3 1 3"};
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int count = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    int index = 0;
    while (index < count && strcmp(all[index]->name, point->strategy) != 0)
        index++;
    const int n = (int)(sizeof dashes / sizeof dashes[0]);
    const char *colour = point->facts->colour ? point->facts->colour : VB_COLOUR_MUTED;
    return (vb_series_style){colour, dashes[index % n], (vb_marker)(index % VB_MARKER_COUNT)};
}

const vb_point *vb_headline_point(const vb_evidence *e) {
    const vb_point *first = NULL;
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        if (!p->measured) continue;
        if (p->width == VB_NOTE_WIDTH && p->height == VB_NOTE_HEIGHT && p->fps == VB_NOTE_FPS)
            return p;
        if (!first) first = p;
    }
    return first;
}

const vb_point *vb_chart_at_headline(const vb_evidence *e, const vb_point *h, vb_view_kind view,
                                     const char *strategy) {
    return vb_evidence_find(e, view, h->width, h->height, h->fps, strategy);
}

vb_chart *vb_chart_new(vb_chart_set *set, const char *id, const char *title) {
    if (set->count == VB_MAX_CHARTS) return NULL;
    vb_chart *c = &set->charts[set->count++];
    snprintf(c->id, sizeof c->id, "%s", id);
    snprintf(c->title, sizeof c->title, "%s", title);
    vb_text_init(&c->svg);
    return c;
}

int vb_chart_height_with_legend(int base, const vb_legend *legend, double left) {
    return base + VB_LEGEND_ROW * (vb_legend_rows(legend, left, CHART_LEGEND_RIGHT) - 1);
}

void vb_chart_caption(const vb_evidence *e, const char *first_line, char *dst, size_t size) {
    snprintf(dst, size, "%.300s\n%.120s | GL: %.160s\ninput: %.200s", first_line, e->machine,
             e->renderer, e->input);
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* ---- latency distribution ---------------------------------------------------------------- */

/* The measured frames' latencies in ms, sorted; NULL (count 0) when out of memory. */
static double *sorted_latencies(const vb_run_record *run, size_t *count) {
    double *values = malloc(sizeof(double) * (size_t)(run->length > 0 ? run->length : 1));
    *count = 0;
    if (!values) return NULL;
    for (int64_t f = 0; f < run->length; f++)
        if (vb_frame_is_measured(&run->frames[f]))
            values[(*count)++] =
                (double)(run->frames[f].presented_ns - run->frames[f].ready_ns) / 1e6;
    qsort(values, *count, sizeof *values, compare_doubles);
    return values;
}

/* One strategy's latencies at the headline combination, sorted (NULL when out of memory). */
typedef struct latency_series {
    const vb_point *point;
    double *values;
    size_t count;
} latency_series;

/* Where the latency axis ends: at the slowest frame plotted, rounded up to a tick, so the
 * curves use the width. A lone stall past twice the worst p99 would squeeze every curve into
 * the left edge, so the axis stops there and the tail is drawn at the edge. The budget is
 * taken in when it lies within half as much again, so its line shows where it is near. */
static double latency_axis_max(const latency_series *series, int count, double budget) {
    double data = 0, worst_p99 = 0;
    for (int i = 0; i < count; i++) {
        if (series[i].count) data = fmax(data, series[i].values[series[i].count - 1]);
        worst_p99 = fmax(worst_p99, series[i].point->summary.latency_ms.p99);
    }
    if (worst_p99 > 0) data = fmin(data, 2 * worst_p99);
    if (budget <= 1.5 * data) data = fmax(data, budget);
    return vb_plot_nice_max(data);
}

/* One strategy's cumulative curve (a step per frame), with its p50, p90 and p99 marked; the
 * curve and each mark carry a tooltip with the figures, as the budget map's cells do. */
static void latency_curve(const vb_plot *plot, const vb_point *p, const double *values, size_t n,
                          const vb_series_style *style) {
    const vb_stats *s = &p->summary.latency_ms;
    char tip[256];
    snprintf(tip, sizeof tip,
             "%s, %s %dx%d @ %d fps: %zu frames; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
             "slowest %.2f ms",
             p->strategy, vb_view_name(p->view), p->width, p->height, p->fps, n, s->p50, s->p90,
             s->p99, n ? values[n - 1] : 0.0);
    vb_svg_path_begin(plot->out);
    /* From the fastest frame: a line along the axis from 0 would only hide the others'. */
    vb_svg_path_point(plot->out, vb_plot_x(plot, n ? fmin(values[0], plot->x_max) : 0),
                      vb_plot_y(plot, 0), 1);
    for (size_t k = 0; k < n; k++) {
        double x = vb_plot_x(plot, fmin(values[k], plot->x_max));
        vb_svg_path_point(plot->out, x, vb_plot_y(plot, 100.0 * (double)k / (double)n), 0);
        vb_svg_path_point(plot->out, x, vb_plot_y(plot, 100.0 * (double)(k + 1) / (double)n), 0);
    }
    vb_svg_path_end(plot->out, style, 2.5, tip);
    const double marks[3][2] = {{50, s->p50}, {90, s->p90}, {99, s->p99}};
    for (int m = 0; m < 3; m++) {
        snprintf(tip, sizeof tip, "%s: p%.0f %.2f ms (%.0f %% of frames within it)", p->strategy,
                 marks[m][0], marks[m][1], marks[m][0]);
        vb_svg_marker(plot->out, vb_plot_x(plot, fmin(marks[m][1], plot->x_max)),
                      vb_plot_y(plot, marks[m][0]), style, tip);
    }
}

/* The budget's line, or where it lies past the axis, a note saying so. */
static void budget_line(const vb_plot *plot, double budget, int all_within) {
    char line[128];
    if (budget <= plot->x_max) {
        const double bx = vb_plot_x(plot, budget);
        vb_svg_line(plot->out, bx, plot->top, bx, plot->top + plot->height, VB_COLOUR_BAD, 2, 1);
        snprintf(line, sizeof line, "budget 1/fps = %.1f ms", budget);
        const int room_right = bx + 180 < plot->left + plot->width;
        vb_svg_text(plot->out, room_right ? bx + 6 : bx - 6, plot->top + plot->height - 10,
                    room_right ? "start" : "end", 13, 1, VB_COLOUR_BAD, line);
        return;
    }
    /* Above the plot's top right corner, where no curve runs. */
    snprintf(line, sizeof line, "budget 1/fps = %.1f ms: past the axis%s ->", budget,
             all_within ? ", every frame within it" : "");
    vb_svg_text(plot->out, plot->left + plot->width, plot->top - 10, "end", 13, 1, VB_COLOUR_BAD,
                line);
}

static int latency_series_collect(const vb_evidence *e, const vb_point *h, vb_view_kind view,
                                  latency_series *series) {
    int count = 0;
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int strategies = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    for (int i = 0; i < strategies && count < VB_SESSION_MAX_RUNS; i++) {
        const vb_point *p = vb_chart_at_headline(e, h, view, all[i]->name);
        if (!p || !p->run || !p->run->frames) continue;
        series[count].point = p;
        series[count].values = sorted_latencies(p->run, &series[count].count);
        count++;
    }
    return count;
}

static void draw_latency_cdf(vb_chart *c, const vb_evidence *e, const vb_point *h,
                             const latency_series *series, int count) {
    char line[256], text[1024];
    snprintf(line, sizeof line,
             "latency = audio window ready -> frame shown (fence signalled); %s pace; curves to "
             "the left are faster; marks: p50, p90, p99",
             vb_pace_name(h->pace));
    vb_chart_caption(e, line, text, sizeof text);
    vb_text *out = &c->svg;
    const double budget = 1000.0 / h->fps;
    const char *labels[VB_SESSION_MAX_RUNS];
    vb_series_style styles[VB_SESSION_MAX_RUNS];
    for (int i = 0; i < count; i++) {
        styles[i] = vb_strategy_style(e, series[i].point);
        labels[i] = series[i].point->strategy;
    }
    /* The legend under the axis title; eleven strategies wrap into rows, which grow the
     * chart downwards so the plot keeps its place. */
    const vb_legend legend = {count, labels, NULL, styles};
    vb_svg_begin(out, CHART_WIDTH, vb_chart_height_with_legend(500, &legend, 90), c->id, c->title,
                 text);
    vb_plot plot = {
        out, 90, 120, CHART_WIDTH - 130, 280, 0, latency_axis_max(series, count, budget), 0,
        100, 0,  0};
    vb_plot_axes(&plot, "latency (ms)", "frames (%)", 0);
    int all_within = 1;
    for (int i = 0; i < count; i++) {
        latency_curve(&plot, series[i].point, series[i].values, series[i].count, &styles[i]);
        all_within &= series[i].count == 0 || series[i].values[series[i].count - 1] <= budget;
    }
    budget_line(&plot, budget, all_within);
    vb_svg_legend(out, &legend, 90, 486, CHART_LEGEND_RIGHT);
    vb_svg_end(out);
}

static void latency_cdf(const vb_evidence *e, const vb_point *h, vb_view_kind view,
                        vb_chart_set *set) {
    latency_series series[VB_SESSION_MAX_RUNS];
    const int count = latency_series_collect(e, h, view, series);
    if (count == 0) return;
    char id[48], title[160];
    snprintf(id, sizeof id, "latency-cdf-%s", vb_view_name(view));
    snprintf(title, sizeof title, "Frame latency, %s %dx%d @ %d fps: share of frames within x ms",
             vb_view_name(view), h->width, h->height, h->fps);
    vb_chart *c = vb_chart_new(set, id, title);
    int failed = 0;
    for (int i = 0; i < count; i++)
        failed |= series[i].values == NULL;
    if (c && failed) c->svg.failed = 1; /* vb_charts_build reports it */
    if (c && !failed) draw_latency_cdf(c, e, h, series, count);
    for (int i = 0; i < count; i++)
        free(series[i].values);
}

/* ---- CPU per frame, by thread ------------------------------------------------------------ */

/* ---- where each strategy holds the budget (C4) ------------------------------------------- */

typedef struct place {
    int width, height, fps;
} place;

static int compare_places(const void *a, const void *b) {
    const place *x = a, *y = b;
    double rx = (double)x->width * x->height * x->fps, ry = (double)y->width * y->height * y->fps;
    if (rx != ry) return rx < ry ? -1 : 1;
    return x->width * x->height - y->width * y->height;
}

/* The first limit a point broke, in a word or two, for a small map cell. */
static const char *failure_code(const char *why) {
    if (strstr(why, "different picture")) return "fails: picture";
    if (strstr(why, "did not run")) return "fails: no run";
    if (strstr(why, "never shown")) return "fails: drops";
    if (strstr(why, "latency")) return "fails: latency";
    if (strstr(why, "CPU")) return "fails: CPU";
    return "fails";
}

static void budget_map(const vb_evidence *e, const vb_thresholds *t, vb_view_kind view,
                       vb_chart_set *set) {
    place places[64];
    int count = 0;
    for (int i = 0; i < e->count && count < 64; i++) {
        const vb_point *p = &e->points[i];
        if (p->view != view) continue;
        int known = 0;
        for (int k = 0; k < count; k++)
            known |= places[k].width == p->width && places[k].height == p->height &&
                     places[k].fps == p->fps;
        if (!known) places[count++] = (place){p->width, p->height, p->fps};
    }
    if (count == 0) return;
    qsort(places, (size_t)count, sizeof *places, compare_places);
    char id[48], title[160], line[400], text[1024];
    snprintf(id, sizeof id, "budget-map-%s", vb_view_name(view));
    snprintf(title, sizeof title, "Where each strategy holds the budget: %s", vb_view_name(view));
    vb_chart *c = vb_chart_new(set, id, title);
    if (!c) return;
    snprintf(line, sizeof line,
             "holds = reference picture, <= %.1f %% frames never shown, p99 latency <= %.1f "
             "frames, CPU <= %.0f %% of a core; cell: fps shown, CPU %%",
             t->max_dropped_pct, t->max_latency_frames, t->max_cpu_pct);
    vb_chart_caption(e, line, text, sizeof text);
    vb_text *out = &c->svg;
    const double left = 150, top = 124, row = 56;
    const double cell = fmin(130, (CHART_WIDTH - left - 20) / count);
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int rows = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    const int height = (int)(top + 18 + row * rows + 16);
    vb_svg_begin(out, CHART_WIDTH, height, id, title, text);
    for (int k = 0; k < count; k++) {
        char label[48];
        snprintf(label, sizeof label, "%dx%d", places[k].width, places[k].height);
        vb_svg_text(out, left + cell * k + cell / 2, top - 8, "middle", 13, 1, VB_COLOUR_TEXT,
                    label);
        snprintf(label, sizeof label, "@ %d fps", places[k].fps);
        vb_svg_text(out, left + cell * k + cell / 2, top + 8, "middle", 12, 0, VB_COLOUR_TEXT,
                    label);
    }
    for (int s = 0, r = 0; s < rows; s++) {
        const char *name = all[s]->name;
        double y = top + 18 + row * r++;
        vb_svg_text(out, left - 10, y + row / 2 + 5, "end", 14, 1, VB_COLOUR_TEXT, name);
        for (int k = 0; k < count; k++) {
            const vb_point *p = NULL;
            for (int i = 0; i < e->count && !p; i++) {
                const vb_point *q = &e->points[i];
                if (q->view == view && q->width == places[k].width &&
                    q->height == places[k].height && q->fps == places[k].fps &&
                    strcmp(q->strategy, name) == 0)
                    p = q;
            }
            const double x = left + cell * k;
            char why[200] = "", first[48], second[48], tip[320];
            const int holds = p && vb_point_holds(p, t, why, sizeof why);
            const char *fill = !p || !p->measured ? VB_COLOUR_CELL_NEUTRAL
                               : holds            ? VB_COLOUR_CELL_GOOD
                                                  : VB_COLOUR_CELL_BAD;
            const char *ink = !p || !p->measured ? VB_COLOUR_NEUTRAL
                              : holds            ? VB_COLOUR_GOOD
                                                 : VB_COLOUR_BAD;
            if (!p || !p->measured) {
                snprintf(first, sizeof first, "%s",
                         p ? vb_strategy_status_name(p->status) : "not measured");
                second[0] = '\0';
                snprintf(tip, sizeof tip, "%s: %s", name, first);
            } else {
                snprintf(first, sizeof first, "%s", holds ? "holds" : failure_code(why));
                snprintf(second, sizeof second, "%.0f fps · %.0f %%", p->summary.fps,
                         p->summary.process_cpu_pct);
                snprintf(tip, sizeof tip, "%s at %dx%d@%d: %s%s%s", name, p->width, p->height,
                         p->fps, holds ? "holds the budget" : "fails: ", holds ? "" : why, "");
            }
            vb_svg_rect(out, x + 2, y + 2, cell - 4, row - 4, fill, tip);
            vb_svg_text(out, x + cell / 2, y + 22, "middle", 14, 1, ink, first);
            if (second[0])
                vb_svg_text(out, x + cell / 2, y + 40, "middle", 12, 0, VB_COLOUR_TEXT, second);
        }
    }
    vb_svg_end(out);
}

int vb_charts_build(const vb_evidence *e, const vb_thresholds *t, vb_chart_set *set) {
    memset(set, 0, sizeof *set);
    const vb_point *h = vb_headline_point(e);
    if (h) {
        for (int v = 0; v < VB_VIEW_COUNT; v++)
            latency_cdf(e, h, (vb_view_kind)v, set);
        vb_chart_cpu_per_frame(e, h, set);
        vb_chart_sound_to_screen(e, h, set);
        vb_chart_bytes_per_frame(e, h, set);
    }
    for (int v = 0; v < VB_VIEW_COUNT; v++)
        budget_map(e, t, (vb_view_kind)v, set);
    for (int i = 0; i < set->count; i++)
        if (set->charts[i].svg.failed) {
            vb_charts_free(set);
            vb_error_set("report: out of memory drawing the charts");
            return -VB_ERR_FAILURE;
        }
    return VB_OK;
}

void vb_charts_free(vb_chart_set *set) {
    for (int i = 0; i < set->count; i++)
        vb_text_free(&set->charts[i].svg);
    set->count = 0;
}
