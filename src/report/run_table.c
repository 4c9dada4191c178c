#include "report/run_table.h"

#include "common/error.h"
#include "pipeline/run_summary.h"

#include <math.h>
#include <string.h>

static const char *picture_verdict(const vb_run_record *run, char *buffer, size_t size) {
    const vb_picture_result *p = &run->picture;
    if (p->checked == 0) return "not checked";
    if (p->exact)
        snprintf(buffer, size, "%s (%lld exact)", p->passed ? "pass" : "FAIL",
                 (long long)p->checked);
    else
        snprintf(buffer, size, "%s (max %d, p99.9 %d)", p->passed ? "pass" : "FAIL", p->max_error,
                 p->p999_error);
    return buffer;
}

/* The same in at most 11 columns: "pass, exact", "pass, max 2" (the legend says what). */
static const char *picture_short(const vb_run_record *run, char *buffer, size_t size) {
    const vb_picture_result *p = &run->picture;
    if (p->checked == 0) return "unchecked";
    if (p->exact)
        snprintf(buffer, size, "%s, exact", p->passed ? "pass" : "FAIL");
    else
        snprintf(buffer, size, "%s, max %d", p->passed ? "pass" : "FAIL", p->max_error);
    return buffer;
}

void vb_run_table_print_header(const vb_session *s, FILE *out) {
    const vb_run_options *o = &s->options;
    /* Each line under 80 columns (a long input name or renderer string aside). */
    fprintf(out, "vizbench run: %s %dx%d @ %d fps, %s pace, %lld frames + %lld warm-up\n",
            vb_view_name(o->view.view), o->view.width, o->view.height, o->view.fps,
            vb_pace_name(o->pace), (long long)o->frames, (long long)o->warmup);
    fprintf(out, "input: %s\n", s->input.name);
    if (s->gl_available) {
        fprintf(out, "GL: %s | %s\n", s->gl.renderer, s->gl.version);
        if (s->gl.software)
            fputs("    a software renderer: uploads are CPU copies, there is no GPU bus\n", out);
    } else {
        fprintf(out, "GL: unavailable (%s)\n", s->gl_reason);
    }
    fprintf(out, "reference: memcpy %.1f GB/s, memset %.1f GB/s, frame %.2f MB\n",
            s->limits.memcpy_gbps, s->limits.memset_gbps, (double)s->limits.frame_bytes / 1e6);
    if (s->limits.upload_gbps > 0)
        fprintf(out, "           glTexSubImage2D %.2f GB/s (%.3f ms a frame)\n",
                s->limits.upload_gbps, s->limits.upload_ms);
    fputc('\n', out);
}

/* Below this many columns the table leaves out jank, GPU MB and upload GB/s (in the JSON). */
#define WIDE_COLUMNS 118

/* The figures the repeated table shows, as hyperfine does: mean +- sd, min..max. */
enum { FIGURE_FPS, FIGURE_P50, FIGURE_P99, FIGURE_PRODUCER, FIGURE_CPU, FIGURE_COUNT };

static double figure_of(const vb_run_summary *sum, int figure) {
    switch (figure) {
    case FIGURE_FPS:
        return sum->fps;
    case FIGURE_P50:
        return sum->latency_ms.p50;
    case FIGURE_P99:
        return sum->latency_ms.p99;
    case FIGURE_PRODUCER:
        return sum->producer_cpu_ms.mean;
    default:
        return sum->process_cpu_pct;
    }
}

/* How many runs of each strategy the session holds, the most of any. */
/* The strategy's own figures (record/figure.h) under its row: "  echo bounce: mean 12, p99 30
 * ns (25 frames)", as each figure aggregates. */
static void own_figures_line(FILE *out, const vb_run_record *run, const vb_run_summary *sum) {
    for (int i = 0; i < sum->figure_count; i++) {
        const vb_figure *f = run->figures[i];
        const vb_stats *st = &sum->figures[i];
        fprintf(out, "%-14s   %s:", "", f->label);
        const struct {
            unsigned bit;
            const char *name;
            double value;
        } parts[] = {{VB_FIGURE_MEAN, "mean", st->mean},
                     {VB_FIGURE_P50, "p50", st->p50},
                     {VB_FIGURE_P99, "p99", st->p99},
                     {VB_FIGURE_SUM, "sum", sum->figure_sums[i]}};
        for (size_t k = 0, shown = 0; k < sizeof parts / sizeof parts[0]; k++)
            if (f->aggregation & parts[k].bit)
                fprintf(out, "%s %s %.6g", shown++ ? "," : "", parts[k].name, parts[k].value);
        fprintf(out, " %s (%lld frames)\n", f->unit, (long long)st->count);
    }
}

static int repeats_of(const vb_session *s) {
    int most = 1;
    for (int i = 0; i < s->run_count; i++) {
        int n = 0;
        for (int j = 0; j < s->run_count; j++)
            n += s->runs[j].strategy == s->runs[i].strategy;
        if (n > most) most = n;
    }
    return most;
}

/* The repeated table's cells: per strategy two lines (mean+-sd, then min..max) of every figure,
 * and its pictures; the columns are as wide as their widest cell. */
enum { REPEAT_COLUMNS = FIGURE_COUNT + 2 }; /* strategy, figures, picture */
typedef char repeat_cell[32];

static void repeated_cells(const vb_session *s, const vb_strategy_facts *strategy,
                           repeat_cell cells[2][REPEAT_COLUMNS]) {
    double v[VB_SESSION_MAX_RUNS][FIGURE_COUNT];
    int n = 0, passed = 0, runs = 0;
    memset(cells, 0, 2 * sizeof cells[0]);
    snprintf(cells[0][0], sizeof cells[0][0], "%s", strategy->name);
    for (int i = 0; i < s->run_count; i++) {
        const vb_run_record *run = &s->runs[i];
        if (run->strategy != strategy) continue;
        runs++;
        vb_run_summary sum;
        if (run->status != VB_STRATEGY_OK || !run->frames ||
            vb_run_summarize(run, &s->options, &sum) != VB_OK || sum.measured == 0)
            continue;
        passed += run->picture.passed;
        for (int f = 0; f < FIGURE_COUNT; f++)
            v[n][f] = figure_of(&sum, f);
        n++;
    }
    snprintf(cells[0][REPEAT_COLUMNS - 1], sizeof cells[0][0], "%d/%d pass", passed, runs);
    for (int f = 0; f < FIGURE_COUNT && n > 0; f++) {
        double mean = 0, low = v[0][f], high = v[0][f], squares = 0;
        for (int k = 0; k < n; k++) {
            mean += v[k][f] / n;
            if (v[k][f] < low) low = v[k][f];
            if (v[k][f] > high) high = v[k][f];
        }
        for (int k = 0; k < n; k++)
            squares += (v[k][f] - mean) * (v[k][f] - mean);
        const double sd = n > 1 ? sqrt(squares / (n - 1)) : 0;
        /* decimals by size, so that a column stays narrow: 3 under 0.1, 2 under 10, 1 under 100 */
        const int digits = mean < 0.1 ? 3 : mean < 10 ? 2 : mean < 100 ? 1 : 0;
        snprintf(cells[0][1 + f], sizeof cells[0][0], "%.*f+-%.*f", digits, mean, digits, sd);
        snprintf(cells[1][1 + f], sizeof cells[0][0], "%.*f..%.*f", digits, low, digits, high);
    }
    if (n == 0) snprintf(cells[0][1], sizeof cells[0][0], "nothing measured");
}

static void print_cells(FILE *out, repeat_cell *cells, const int *widths, int columns) {
    char text[256];
    int length = 0;
    for (int c = 0; c < columns; c++)
        length += snprintf(text + length, sizeof text - (size_t)length, "%s%-*s", c ? " " : "",
                           widths[c], cells[c]);
    while (length > 0 && text[length - 1] == ' ')
        text[--length] = '\0';
    fprintf(out, "%s\n", text);
}

static void print_repeated_table(const vb_session *s, FILE *out, int repeats, int width) {
    static const char *const header[REPEAT_COLUMNS] = {"strategy", "fps",   "p50 ms", "p99 ms",
                                                       "prod ms",  "CPU %", "picture"};
    repeat_cell cells[VB_SESSION_MAX_RUNS][2][REPEAT_COLUMNS]; /* 28 KB */
    int rows = 0, widths[REPEAT_COLUMNS];
    for (int c = 0; c < REPEAT_COLUMNS; c++)
        widths[c] = (int)strlen(header[c]);
    for (int i = 0; i < s->run_count; i++) {
        int first = 1;
        for (int j = 0; j < i; j++)
            first &= s->runs[j].strategy != s->runs[i].strategy;
        if (!first) continue;
        repeated_cells(s, s->runs[i].strategy, cells[rows]);
        for (int line = 0; line < 2; line++)
            for (int c = 0; c < REPEAT_COLUMNS; c++)
                if ((int)strlen(cells[rows][line][c]) > widths[c])
                    widths[c] = (int)strlen(cells[rows][line][c]);
        rows++;
    }
    fprintf(out, "%d runs of each strategy, interleaved: mean+-sd (first line), min..max\n",
            repeats);
    /* Too wide for the terminal (max pace: five-digit fps): the pictures go under the table. */
    int total = REPEAT_COLUMNS - 1;
    for (int c = 0; c < REPEAT_COLUMNS; c++)
        total += widths[c];
    const int shown = total > width ? REPEAT_COLUMNS - 1 : REPEAT_COLUMNS;
    repeat_cell head[REPEAT_COLUMNS];
    for (int c = 0; c < REPEAT_COLUMNS; c++)
        snprintf(head[c], sizeof head[c], "%s", header[c]);
    print_cells(out, head, widths, shown);
    for (int r = 0; r < rows; r++)
        for (int line = 0; line < 2; line++)
            print_cells(out, cells[r][line], widths, shown);
    if (shown < REPEAT_COLUMNS) {
        fputs("pictures:", out);
        for (int r = 0; r < rows; r++)
            fprintf(out, "%s %s %s", r ? "," : "", cells[r][0][0], cells[r][0][REPEAT_COLUMNS - 1]);
        fputc('\n', out);
    }
    fputs("\nfps: frames presented per second (1000 / mean interval); p50, p99: latency,\n"
          "audio window ready -> presented; prod ms: the producer's thread CPU per frame;\n"
          "CPU %: the process, all threads, of one core; sd: the sample standard deviation\n"
          "over the runs. Every run, with every figure, is in the JSON.\n",
          out);
}

/* The runs whose contexts were another API than the header's GL line (the gles-by-default
 * strategies in a run without --gl-api): one line per such run, so no figure is read as the
 * header's API. Nothing when every run used the header's. */
static void other_api_lines(const vb_session *s, FILE *out) {
    for (int i = 0; i < s->run_count; i++) {
        const vb_run_record *run = &s->runs[i];
        if (run->gl_es >= 0 && s->gl_available && run->gl_es != s->gl.es)
            fprintf(out, "%-14s ran on %s\n", run->strategy->name, run->gl_version);
    }
}

void vb_run_table_print_rows(const vb_session *s, FILE *out, int columns) {
    const vb_run_options *o = &s->options;
    const int repeats = repeats_of(s);
    if (repeats > 1) {
        print_repeated_table(s, out, repeats, columns);
        return;
    }
    const int wide = columns >= WIDE_COLUMNS;
    if (wide)
        fprintf(out, "%-14s %7s %7s %7s %6s %8s %8s %8s %8s %8s %7s  %s\n", "strategy", "fps",
                "p50 ms", "p99 ms", "jank", "prod ms", "cons ms", "copy MB", "GPU MB", "up GB/s",
                "CPU %", "picture");
    else
        fprintf(out, "%-14s %5s %7s %7s %7s %7s %7s %6s  %s\n", "strategy", "fps", "p50 ms",
                "p99 ms", "prod ms", "cons ms", "copy MB", "CPU %", "picture");
    for (int i = 0; i < s->run_count; i++) {
        const vb_run_record *run = &s->runs[i];
        vb_run_summary sum;
        if (run->status == VB_STRATEGY_UNAVAILABLE || run->status == VB_STRATEGY_NOT_RUN ||
            !run->frames || vb_run_summarize(run, o, &sum) != VB_OK || sum.measured == 0) {
            fprintf(out, "%-14s %s: %s\n", run->strategy->name,
                    vb_strategy_status_name(run->status),
                    run->reason[0] ? run->reason : "nothing measured");
            continue;
        }
        char picture[64], upload[16];
        /* An upload bandwidth that does not apply (nothing uploaded: gl-texture) is "-". */
        if (sum.upload_gbps > 0)
            snprintf(upload, sizeof upload, "%8.2f", sum.upload_gbps);
        else
            snprintf(upload, sizeof upload, "%8s", "-");
        if (wide)
            fprintf(out, "%-14s %7.1f %7.3f %7.3f %6lld %8.3f %8.3f %8.3f %8.3f %s %7.1f  %s\n",
                    run->strategy->name, sum.fps, sum.latency_ms.p50, sum.latency_ms.p99,
                    (long long)sum.jank, sum.producer_cpu_ms.mean, sum.consumer_cpu_ms.mean,
                    sum.copied_mb_per_frame, sum.to_gpu_mb_per_frame, upload, sum.process_cpu_pct,
                    picture_verdict(run, picture, sizeof picture));
        else
            fprintf(out, "%-14s %5.1f %7.3f %7.3f %7.3f %7.3f %7.3f %6.1f  %s\n",
                    run->strategy->name, sum.fps, sum.latency_ms.p50, sum.latency_ms.p99,
                    sum.producer_cpu_ms.mean, sum.consumer_cpu_ms.mean, sum.copied_mb_per_frame,
                    sum.process_cpu_pct, picture_short(run, picture, sizeof picture));
        if (run->status != VB_STRATEGY_OK)
            fprintf(out, "%-14s   %s: %s\n", "", vb_strategy_status_name(run->status), run->reason);
        own_figures_line(out, run, &sum);
    }
    other_api_lines(s, out);
    fputs("\nfps: frames presented per second (1000 / mean interval); p50, p99: latency,\n"
          "audio window ready -> presented; prod, cons ms: thread CPU per frame of the\n"
          "producer and the consumer; copy MB: CPU -> CPU per frame; CPU %: the process,\n"
          "all threads, of one core.",
          out);
    if (wide)
        fputs(" jank: frames over 1/fps; GPU MB: CPU -> GPU per frame;\nup GB/s: bytes / time in "
              "the upload call (-: nothing uploaded).\n",
              out);
    else
        fprintf(out,
                "\npicture: the CPU reference picture, exactly or within a largest channel\n"
                "error. Jank, GPU MB and upload GB/s: in the JSON, or at %d columns.\n",
                WIDE_COLUMNS);
}
