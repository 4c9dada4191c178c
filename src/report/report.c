#include "report/report.h"

#include "transfer/strategy.h"

#include "estimate/phone_estimate.h"
#include "io/atomic_file.h"
#include "report/charts.h"
#include "report/estimate_table.h"
#include "report/svg_plot.h"
#include "report/text_buffer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The two documents are built side by side: every table row goes to both. */
typedef struct documents {
    vb_text md, html;
} documents;

static void heading(documents *d, int level, const char *id, const char *text) {
    vb_text_printf(&d->md, "\n%.*s %s\n\n", level, "######", text);
    vb_text_printf(&d->html, "<h%d id=\"%s\">", level, id);
    vb_text_append_escaped(&d->html, text);
    vb_text_printf(&d->html, "</h%d>\n", level);
}

static void paragraph(documents *d, const char *text) {
    vb_text_printf(&d->md, "%s\n\n", text);
    vb_text_append(&d->html, "<p>");
    vb_text_append_escaped(&d->html, text);
    vb_text_append(&d->html, "</p>\n");
}

/* `align`: one letter per column, 'r' for a right-aligned (numeric) column, or NULL. */
static void table_begin(documents *d, const char *css_class, int columns, const char *const *header,
                        const char *align) {
    /* In a box of its own that scrolls sideways: a wide table on a narrow window stays whole
     * and the page around it does not widen. */
    vb_text_printf(&d->html, "<div class=\"table\"><table class=\"%s\">\n<thead><tr>", css_class);
    vb_text_append(&d->md, "|");
    for (int i = 0; i < columns; i++) {
        vb_text_append(&d->html, "<th>");
        vb_text_append_escaped(&d->html, header[i]);
        vb_text_append(&d->html, "</th>");
        vb_text_append(&d->md, " ");
        vb_text_append_md_cell(&d->md, header[i]);
        vb_text_append(&d->md, " |");
    }
    vb_text_append(&d->html, "</tr></thead>\n<tbody>\n");
    vb_text_append(&d->md, "\n|");
    for (int i = 0; i < columns; i++)
        vb_text_append(&d->md, align && align[i] == 'r' ? " ---: |" : " --- |");
    vb_text_append(&d->md, "\n");
}

static void row_begin(documents *d) {
    vb_text_append(&d->html, "<tr>");
    vb_text_append(&d->md, "|");
}

/* `css_class` may be NULL; `md_bold` wraps the Markdown cell in ** **. */
static void cell(documents *d, const char *text, const char *css_class, int md_bold) {
    if (css_class)
        vb_text_printf(&d->html, "<td class=\"%s\">", css_class);
    else
        vb_text_append(&d->html, "<td>");
    vb_text_append_escaped(&d->html, text);
    vb_text_append(&d->html, "</td>");
    vb_text_append(&d->md, md_bold ? " **" : " ");
    vb_text_append_md_cell(&d->md, text);
    vb_text_append(&d->md, md_bold ? "** |" : " |");
}

static void cellf(documents *d, const char *css_class, const char *fmt, ...) VB_PRINTF(3, 4);

static void cellf(documents *d, const char *css_class, const char *fmt, ...) {
    char text[256];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    cell(d, text, css_class, 0);
}

static void row_end(documents *d) {
    vb_text_append(&d->html, "</tr>\n");
    vb_text_append(&d->md, "\n");
}

static void table_end(documents *d) {
    vb_text_append(&d->html, "</tbody>\n</table></div>\n");
    vb_text_append(&d->md, "\n");
}

static const char *verdict_class(vb_verdict v) {
    return v == VB_SUPPORTED   ? "supported"
           : v == VB_REFUTED   ? "refuted"
           : v == VB_UNDECIDED ? "undecided"
                               : "untestable";
}

/* ---- sections ---------------------------------------------------------------------------- */

static void context_section(documents *d, const vb_evidence *e) {
    vb_text_append(&d->html, "<dl class=\"context\">\n");
    const char *labels[] = {"GL renderer", "machine", "input", "measured", "command", "vizbench"};
    const char *values[] = {e->renderer, e->machine, e->input, e->created, e->command, e->version};
    for (int i = 0; i < 6; i++) {
        vb_text_printf(&d->md, "- **%s**: %s\n", labels[i], values[i]);
        vb_text_printf(&d->html, "<dt>%s</dt><dd>", labels[i]);
        vb_text_append_escaped(&d->html, values[i]);
        vb_text_append(&d->html, "</dd>\n");
    }
    vb_text_append(&d->html, "</dl>\n");
    vb_text_append(&d->md, "\n");
    if (!e->complete) {
        const char *text = "INCOMPLETE: the sweep was interrupted; verdicts use what was measured "
                           "('vizbench sweep --resume' finishes it).";
        vb_text_printf(&d->md, "> **%s**\n\n", text);
        vb_text_append(&d->html, "<p class=\"notice bad\">");
        vb_text_append_escaped(&d->html, text);
        vb_text_append(&d->html, "</p>\n");
    }
    if (e->software) {
        const char *text =
            "Measured on a software renderer (llvmpipe): every GL call runs on the CPU, an "
            "'upload' is a memory copy and there is no GPU bus. CPU-side claims are tested as "
            "they are; claims about the GPU path and the bus are 'not testable here'.";
        vb_text_printf(&d->md, "> **Note:** %s\n\n", text);
        vb_text_append(&d->html, "<p class=\"notice\"><strong>Note:</strong> ");
        vb_text_append_escaped(&d->html, text);
        vb_text_append(&d->html, "</p>\n");
    }
}

static void verdict_section(documents *d, const vb_claim claims[VB_CLAIM_COUNT]) {
    heading(d, 2, "verdicts", "Verdicts on the research note's claims");
    static const char *const header[] = {"claim", "the note says", "measured", "threshold",
                                         "verdict"};
    table_begin(d, "verdicts", 5, header, NULL);
    for (int i = 0; i < VB_CLAIM_COUNT; i++) {
        const vb_claim *c = &claims[i];
        char title[96];
        snprintf(title, sizeof title, "%s %s", c->id, c->topic);
        row_begin(d);
        cell(d, title, "claim", 1);
        cell(d, c->note_says, "quote", 0);
        cell(d, c->measured, NULL, 0);
        cell(d, c->threshold, "small", 0);
        char verdict[1024];
        snprintf(verdict, sizeof verdict, "%s — %s (measured on %s)", vb_verdict_name(c->verdict),
                 c->reason, c->renderer);
        /* The verdict word stands out in both documents. */
        vb_text_printf(&d->html, "<td class=\"verdict %s\"><span class=\"badge\">%s</span> ",
                       verdict_class(c->verdict), vb_verdict_name(c->verdict));
        vb_text_append_escaped(&d->html, c->reason);
        if (c->sensitivity[0]) {
            vb_text_append(&d->html, "; ");
            vb_text_append_escaped(&d->html, c->sensitivity);
        }
        vb_text_append(&d->html, " <em>(measured on ");
        vb_text_append_escaped(&d->html, c->renderer);
        vb_text_append(&d->html, ")</em></td>");
        vb_text_append(&d->md, " **");
        vb_text_append_md_cell(&d->md, vb_verdict_name(c->verdict));
        vb_text_append(&d->md, "**: ");
        vb_text_append_md_cell(&d->md, c->reason);
        if (c->sensitivity[0]) {
            vb_text_append(&d->md, "; ");
            vb_text_append_md_cell(&d->md, c->sensitivity);
        }
        vb_text_append(&d->md, " (measured on ");
        vb_text_append_md_cell(&d->md, c->renderer);
        vb_text_append(&d->md, ") |");
        row_end(d);
    }
    table_end(d);
}

static void point_row(documents *d, const vb_point *p, const vb_thresholds *t, int with_place) {
    row_begin(d);
    if (with_place) {
        cell(d, vb_view_name(p->view), NULL, 0);
        cellf(d, NULL, "%dx%d", p->width, p->height);
        cellf(d, "num", "%d", p->fps);
    } else {
        cell(d, vb_view_name(p->view), NULL, 0);
    }
    cell(d, p->strategy, "name", 0);
    if (!p->measured) {
        char status[400];
        snprintf(status, sizeof status, "%s%s%s", vb_strategy_status_name(p->status),
                 p->run && p->run->reason[0] ? ": " : "", p->run ? p->run->reason : "");
        for (int i = 0; i < 8; i++)
            cell(d, i == 0 ? status : "", NULL, 0);
        row_end(d);
        return;
    }
    const vb_run_summary *s = &p->summary;
    cellf(d, "num", "%.1f", s->fps);
    cellf(d, "num", "%.2f", s->latency_ms.p50);
    cellf(d, "num", "%.2f", s->latency_ms.p99);
    cellf(d, "num", "%.1f", vb_point_dropped_pct(p));
    cellf(d, "num", "%.1f", s->process_cpu_pct);
    const vb_point_bytes bytes = vb_point_bytes_per_frame(p); /* as the bytes chart draws them */
    cellf(d, "num", "%.1f", bytes.copied / 1e3);
    cellf(d, "num", "%.1f", bytes.to_gl / 1e3);
    char why[200];
    const int holds = vb_point_holds(p, t, why, sizeof why);
    char verdict[240];
    snprintf(verdict, sizeof verdict, "%s%s%s", holds ? "holds" : "fails: ", holds ? "" : why,
             p->picture_ok ? "" : " (picture differs)");
    cell(d, verdict, holds ? "good" : "bad", 0);
    row_end(d);
}

static const char *const point_header[] = {"fps shown",      "p50 ms",          "p99 ms",
                                           "never shown %",  "CPU % of a core", "copied KB/frame",
                                           "to GL KB/frame", "budget"};

static void headline_section(documents *d, const vb_evidence *e, const vb_thresholds *t) {
    const vb_point *h = vb_headline_point(e);
    if (!h) return;
    char title[160];
    snprintf(title, sizeof title, "The note's case: %dx%d @ %d fps%s", h->width, h->height, h->fps,
             h->width == VB_NOTE_WIDTH && h->height == VB_NOTE_HEIGHT && h->fps == VB_NOTE_FPS
                 ? ""
                 : " (the note's 1080x200 @ 60 was not measured; first combination shown)");
    heading(d, 2, "headline", title);
    const char *header[10] = {"view", "strategy"};
    memcpy(header + 2, point_header, sizeof point_header);
    table_begin(d, "figures", 10, header, "llrrrrrrrl");
    for (int v = 0; v < VB_VIEW_COUNT; v++)
        for (int i = 0; i < e->count; i++) {
            const vb_point *p = &e->points[i];
            if (p->view == (vb_view_kind)v && p->width == h->width && p->height == h->height &&
                p->fps == h->fps)
                point_row(d, p, t, 0);
        }
    table_end(d);
}

static void charts_section(documents *d, const vb_chart_set *charts) {
    heading(d, 2, "charts", "Charts");
    for (int i = 0; i < charts->count; i++) {
        const vb_chart *c = &charts->charts[i];
        vb_text_printf(&d->md, "![%s](charts/%s.svg)\n\n", c->title, c->id);
        vb_text_append(&d->html, "<figure>\n");
        vb_text_append(&d->html, c->svg.data ? c->svg.data : "");
        vb_text_printf(&d->html, "<figcaption><a href=\"charts/%s.svg\">charts/%s.svg</a>", c->id,
                       c->id);
        vb_text_append(&d->html, "</figcaption>\n</figure>\n");
    }
}

static void strategies_section(documents *d, const vb_evidence *e) {
    heading(d, 2, "strategies", "What each strategy models, and what is measured");
    static const char *const header[] = {"strategy", "vizbench does", "models",
                                         "copies and uploads its counterpart incurs",
                                         "what vizbench measures of them"};
    table_begin(d, "strategies", 5, header, NULL);
    const vb_strategy_facts *all[VB_SESSION_MAX_RUNS];
    const int strategies = vb_evidence_strategies(e, all, VB_SESSION_MAX_RUNS);
    for (int r = 0; r < strategies; r++) {
        /* The file's words; a file of before they were recorded borrows this build's words for
         * a strategy of the same name, and says so where this build has none. */
        const vb_strategy_facts *f = all[r], *live = f;
        if (!f->does) {
            const vb_strategy_ops *ops = vb_strategy_lookup(f->name);
            live = ops ? &ops->facts : NULL;
        }
        const char *missing = "(not recorded in the file, and not in this build)";
        const char *const columns[5] = {f->name, live ? live->does : missing,
                                        live ? live->models : "", live ? live->incurs : "",
                                        live ? live->measures : ""};
        row_begin(d);
        for (int c = 0; c < 5; c++)
            cell(d, columns[c] ? columns[c] : "", c == 0 ? "claim name" : NULL, c == 0);
        row_end(d);
    }
    table_end(d);
}

/* Strategies with threads of their own and runs on a display clock: CPU per frame by thread,
 * copies, and what the display clock saw. Only when the evidence has such runs. */
static void threads_section(documents *d, const vb_evidence *e) {
    int any = 0;
    for (int i = 0; i < e->count; i++)
        any |= e->points[i].measured &&
               (e->points[i].summary.has_stages || e->points[i].summary.vsync_hz > 0);
    if (!any) return;
    heading(d, 2, "threads", "Threads and the display clock");
    paragraph(d, "CPU ms per frame of the producer (Rust), the UI thread (Dart), the IO thread "
                 "(Flutter's uploads) and the raster thread (the consumer); CPU -> CPU copies per "
                 "frame on every thread. On a display clock: latency in vsync periods (p50, p99), "
                 "mean frames of delay (ticks from ready to the latching tick), ticks that "
                 "repeated the picture, frames never latched; the one-time import per buffer "
                 "(egl-image, vulkan-interop), the producer's wait for a buffer's release, and "
                 "vulkan-interop's CPU wait for the GPU where it is cpu-synchronised.");
    static const char *const header[] = {
        "view",     "size",    "fps",       "strategy",        "producer",    "UI",
        "IO",       "raster",  "copies",    "clock Hz",        "periods",     "delay",
        "repeated", "skipped", "import ms", "release wait ms", "sync wait ms"};
    table_begin(d, "figures", 17, header, "llrlrrrrrrrrrrrrr");
    for (int i = 0; i < e->count; i++) {
        const vb_point *p = &e->points[i];
        const vb_run_summary *s = &p->summary;
        if (!p->measured || !(s->has_stages || s->vsync_hz > 0)) continue;
        row_begin(d);
        cell(d, vb_view_name(p->view), NULL, 0);
        cellf(d, NULL, "%dx%d", p->width, p->height);
        cellf(d, "num", "%d", p->fps);
        cell(d, p->strategy, "name", 0);
        const double ms[4] = {s->producer_cpu_ms.mean, s->ui_cpu_ms, s->io_cpu_ms,
                              s->consumer_cpu_ms.mean};
        for (int k = 0; k < 4; k++)
            if (ms[k] < 0)
                cell(d, "-", "num", 0);
            else
                cellf(d, "num", "%.3f", ms[k]);
        cellf(d, "num", "%.2f", s->copies_per_frame);
        if (s->vsync_hz > 0 && s->latency_periods_p50 >= 0) {
            cellf(d, "num", "%d", s->vsync_hz);
            cellf(d, "num", "%.2f / %.2f", s->latency_periods_p50, s->latency_periods_p99);
            cellf(d, "num", "%.2f", s->delay_frames_mean);
            cellf(d, "num", "%lld", (long long)s->vsync_repeated);
            cellf(d, "num", "%lld", (long long)s->vsync_skipped);
        } else {
            for (int k = 0; k < 5; k++)
                cell(d, "-", "num", 0);
        }
        const double once[3] = {s->import_ms, s->release_wait_ms, s->sync_wait_ms};
        for (int k = 0; k < 3; k++)
            if (once[k] < 0)
                cell(d, "-", "num", 0);
            else
                cellf(d, "num", "%.3f", once[k]);
        row_end(d);
    }
    table_end(d);
}

static void all_points_section(documents *d, const vb_evidence *e, const vb_thresholds *t) {
    heading(d, 2, "measurements", "Every measurement");
    const char *full[12] = {"view", "size", "fps", "strategy"};
    memcpy(full + 4, point_header, sizeof point_header);
    table_begin(d, "figures", 12, full, "llrlrrrrrrrl");
    for (int i = 0; i < e->count; i++)
        point_row(d, &e->points[i], t, 1);
    table_end(d);
}

static void method_section(documents *d, const vb_thresholds *t) {
    heading(d, 2, "method", "Method");
    char text[1024];
    snprintf(text, sizeof text,
             "Each combination of size x fps x view runs every strategy in turn on two threads "
             "(producer: analysis, render, hand-off; consumer: upload, draw, fence), realtime "
             "pace unless stated: frame n is due n/fps after the start, the display shows the "
             "newest frame, a producer a whole frame late skips to the newest one. Latency: audio "
             "window ready -> fence signalled after the frame is drawn. CPU: process CPU time "
             "(all threads, the GL driver's included) per wall second, as %% of one core. Every "
             "strategy's last frame is read back and compared with the CPU reference render.");
    paragraph(d, text);
    snprintf(text, sizeof text,
             "Thresholds (options of vizbench validate): holds the budget = reference picture, at "
             "most %.1f %% of due frames never shown (--max-dropped), p99 latency at most %.1f "
             "frame periods (--max-latency-frames), process CPU at most %.0f %% of one core "
             "(--max-cpu); C1 tolerance %.0f %% (--arith-tolerance); C2 'easily' = copying takes "
             "at most %.1f %% of a core (--copy-share).",
             t->max_dropped_pct, t->max_latency_frames, t->max_cpu_pct, t->arithmetic_pct,
             t->copy_share_pct);
    paragraph(d, text);
}

/* ---- files ------------------------------------------------------------------------------- */

/* The page's style: light, and dark where the reader's system prefers it (the charts' own
 * colours follow through vb_svg_dark_style, added after this). */
static const char *const style =
    ":root{color-scheme:light dark}"
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;font-size:18px;line-height:1.45;"
    "color:#1b1b1b;background:#ffffff;margin:24px auto;max-width:1500px;padding:0 24px}"
    "h1{font-size:34px;margin-bottom:4px}h2{font-size:26px;margin-top:40px;"
    "border-bottom:3px solid #1b1b1b;padding-bottom:4px}"
    "div.table{overflow-x:auto;margin:12px 0 24px}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #b8b8b8;padding:8px 10px;vertical-align:top;text-align:left}"
    "th{background:#eef0f3;font-size:16px}td.num{text-align:right;font-variant-numeric:"
    "tabular-nums}table.figures td{font-size:15px;padding:4px 8px}"
    "table.figures th{font-size:15px;padding:6px 8px}td.name{white-space:nowrap}"
    "td.claim{font-weight:bold}td.quote{font-style:italic}"
    "table.verdicts td:nth-child(1){width:11%}table.verdicts td:nth-child(2){width:15%}"
    "table.verdicts td:nth-child(3){width:34%}table.verdicts td:nth-child(4){width:15%}"
    "td.small{font-size:15px;color:#333}"
    "td.verdict{min-width:260px}.badge{display:inline-block;font-weight:bold;color:#fff;"
    "padding:2px 10px;border-radius:4px;margin-bottom:4px}"
    "td.supported .badge{background:#1a7f37}td.refuted .badge{background:#b42318}"
    "td.untestable .badge{background:#6b7280}"
    "td.undecided .badge{background:#a16207}"
    "td.good{color:#1a7f37;font-weight:bold}td.bad{color:#b42318}"
    "dl.context{display:grid;grid-template-columns:max-content auto;gap:2px 16px;"
    "font-size:16px}dt{font-weight:bold}dd{margin:0;word-break:break-word}"
    ".notice{background:#fff7e0;border-left:6px solid #e6a700;padding:10px 14px}"
    ".notice.bad{background:#fdecea;border-left-color:#b42318}"
    "figure{margin:24px 0}figure svg{width:100%;max-width:1200px;height:auto;"
    "border:1px solid #ddd}"
    "figcaption{font-size:14px;color:#555}"
    "@media (max-width:1100px){body{font-size:16px;padding:0 16px}h1{font-size:28px}"
    "h2{font-size:22px}th,td{padding:6px 8px}table.figures td,table.figures th{font-size:14px;"
    "padding:4px 6px}td.verdict{min-width:200px}}"
    "@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#111317}"
    "h2{border-bottom-color:#e6e6e6}th,td{border-color:#4a4f57}th{background:#23272e}"
    "td.small{color:#c9ccd1}td.good{color:#56d364}td.bad{color:#ff7b72}"
    "td.untestable .badge{background:#5b626e}"
    "td.undecided .badge{background:#8a5a0a}"
    ".notice{background:#2e2712}.notice.bad{background:#3d1b19;border-left-color:#ff7b72}"
    "figure svg{border-color:#3a3f47}figcaption{color:#aab0b8}a{color:#79b8ff}"
    "a:visited{color:#c5a3ff}}";

/* A chart's standalone file: the XML declaration, and the dark style inside the <svg> (after
 * its first line), as the file is viewed without the page's stylesheet. */
static int write_chart_file(const vb_chart *chart, const char *path) {
    const char *svg = chart->svg.data ? chart->svg.data : "";
    const char *first_line_end = strchr(svg, '\n');
    const size_t head = first_line_end ? (size_t)(first_line_end - svg) + 1 : 0;
    vb_text file;
    vb_text_init(&file);
    vb_text_printf(&file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%.*s<style>", (int)head,
                   svg);
    vb_svg_dark_style(&file);
    vb_text_printf(&file, "</style>\n%s", svg + head);
    int status = file.failed ? -VB_ERR_FAILURE : vb_text_write_file(&file, path);
    vb_text_free(&file);
    return status;
}

/* The decision, first: per platform, what to use, up to where, what beyond
 * (verdict/decision.h). */
static void decision_section(documents *d, const vb_decisions *decisions) {
    heading(d, 2, "decision", "Decision");
    for (int i = 0; i < VB_DECISION_PLATFORMS; i++)
        paragraph(d, decisions->of[i].text);
}

/* One strategy's rows of the phone table: a row per thread with CPU work; why a cell has no
 * figure goes to `notes`. */
static void phone_rows(documents *d, const vb_phone_estimate *e, vb_text *notes) {
    int first = 1;
    for (int t = 0; t < VB_THREAD_COUNT; t++) {
        if (!e->of[t][0].stage_count) continue;
        row_begin(d);
        cell(d, first ? e->facts->name : "", NULL, 0);
        cell(d, vb_app_thread_label((vb_app_thread)t), NULL, 0);
        for (int c = 0; c < VB_CORE_CLASS_COUNT; c++) {
            char text[300];
            vb_thread_estimate_text(&e->of[t][c], text, sizeof text);
            cell(d, e->of[t][c].estimated ? text : "not estimated", NULL, 0);
        }
        row_end(d);
        if (!e->of[t][0].estimated) {
            char why[400];
            vb_thread_estimate_text(&e->of[t][0], why, sizeof why); /* the reason and floor */
            vb_text_printf(notes, " %s on %s, a little core: %s.", e->facts->name,
                           vb_app_thread_label((vb_app_thread)t), why);
        }
        first = 0;
    }
}

/* Android's candidates on phone cores: the cost model's estimates (estimate/), from this build's
 * committed aarch64 counts, not from the evidence the rest of the report reads. */
static void phone_section(documents *d) {
    heading(d, 2, "phone", "Android candidates on phone cores (estimated)");
    char text[1024];
    snprintf(text, sizeof text,
             "Estimates, not measurements: each Android candidate's CPU time per frame at "
             "1080x200 (its costliest view), per thread the app would run it on, from this "
             "build's exact aarch64 instruction counts of each stage and a cost model over three "
             "core classes, best to worst case over each class's clock, IPC and copy-rate "
             "ranges (docs/cost-model.md; `vizbench estimate --sources`). A thread's whole "
             "frame is %.1f ms at 60 Hz, %.1f at 90 Hz, %.1f at 120 Hz. GL calls' CPU time is "
             "the driver's and is not estimated.",
             vb_frame_budget_ms(60), vb_frame_budget_ms(90), vb_frame_budget_ms(120));
    paragraph(d, text);
    const char *header[2 + VB_CORE_CLASS_COUNT] = {"strategy", "thread"};
    char labels[VB_CORE_CLASS_COUNT][64];
    for (int c = 0; c < VB_CORE_CLASS_COUNT; c++) {
        const vb_core_class *k = vb_core_class_at(c);
        snprintf(labels[c], sizeof labels[c], "%s (%s)", k->name, k->label);
        header[2 + c] = labels[c];
    }
    table_begin(d, "phone", 2 + VB_CORE_CLASS_COUNT, header, "llrrr");
    vb_text notes;
    vb_text_init(&notes);
    const vb_strategy_facts *android[64], *pick;
    const int count = vb_estimate_android_candidates(android, 64, &pick);
    for (int i = 0; i < count; i++) {
        vb_phone_estimate e;
        if (vb_phone_estimate_of(android[i], &e) == VB_OK) phone_rows(d, &e, &notes);
    }
    table_end(d);
    if (notes.length) {
        snprintf(text, sizeof text,
                 "Not estimated (the model could not reproduce the stage "
                 "on the calibration machine, or a count is missing):");
        vb_text_printf(&d->md, "%s%s\n\n", text, notes.data ? notes.data : "");
        vb_text_append(&d->html, "<p>");
        vb_text_append_escaped(&d->html, text);
        if (notes.data) vb_text_append_escaped(&d->html, notes.data);
        vb_text_append(&d->html, "</p>\n");
    }
    vb_text_free(&notes);
    if (pick) {
        vb_estimate_pick_sentence(pick, text, sizeof text);
        if (*text) paragraph(d, text);
    }
}

int vb_report_write(const vb_evidence *e, const vb_claim claims[VB_CLAIM_COUNT],
                    const vb_decisions *decision, const vb_thresholds *t, const char *folder) {
    vb_chart_set charts;
    int status = vb_charts_build(e, t, &charts);
    if (status != VB_OK) return status;
    documents d;
    vb_text_init(&d.md);
    vb_text_init(&d.html);
    const char *title = "Does the research note hold? vizbench's verdicts, with the evidence";
    vb_text_printf(&d.md, "# %s\n\n", title);
    vb_text_append(&d.html, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                            "lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
    vb_text_append_escaped(&d.html, title);
    vb_text_printf(&d.html, "</title>\n<style>%s", style);
    vb_svg_dark_style(&d.html);
    vb_text_append(&d.html, "</style>\n</head>\n<body>\n<h1>");
    vb_text_append_escaped(&d.html, title);
    vb_text_append(&d.html, "</h1>\n");
    decision_section(&d, decision);
    phone_section(&d);
    context_section(&d, e);
    verdict_section(&d, claims);
    headline_section(&d, e, t);
    charts_section(&d, &charts);
    strategies_section(&d, e);
    threads_section(&d, e);
    all_points_section(&d, e, t);
    method_section(&d, t);
    vb_text_append(&d.html, "</body>\n</html>\n");

    char path[4096];
    if (d.md.failed || d.html.failed) {
        vb_error_set("report: out of memory");
        status = -VB_ERR_FAILURE;
        goto done;
    }
    snprintf(path, sizeof path, "%s/charts", folder);
    if ((status = vb_folder_ensure(path)) != VB_OK) goto done;
    for (int i = 0; i < charts.count && status == VB_OK; i++) {
        snprintf(path, sizeof path, "%s/charts/%s.svg", folder, charts.charts[i].id);
        status = write_chart_file(&charts.charts[i], path);
    }
    if (status == VB_OK) {
        snprintf(path, sizeof path, "%s/report.md", folder);
        status = vb_text_write_file(&d.md, path);
    }
    if (status == VB_OK) {
        snprintf(path, sizeof path, "%s/report.html", folder);
        status = vb_text_write_file(&d.html, path);
    }
done:
    vb_text_free(&d.md);
    vb_text_free(&d.html);
    vb_charts_free(&charts);
    return status;
}
