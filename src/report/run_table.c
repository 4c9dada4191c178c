#include "report/run_table.h"

#include "common/error.h"
#include "pipeline/run_summary.h"

static const char *picture_verdict(const vb_strategy_run *run, char *buffer, size_t size) {
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
static const char *picture_short(const vb_strategy_run *run, char *buffer, size_t size) {
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

void vb_run_table_print_rows(const vb_session *s, FILE *out, int columns) {
    const vb_run_options *o = &s->options;
    const int wide = columns >= WIDE_COLUMNS;
    if (wide)
        fprintf(out, "%-14s %7s %7s %7s %6s %8s %8s %8s %8s %8s %7s  %s\n", "strategy", "fps",
                "p50 ms", "p99 ms", "jank", "prod ms", "cons ms", "copy MB", "GPU MB", "up GB/s",
                "CPU %", "picture");
    else
        fprintf(out, "%-14s %5s %7s %7s %7s %7s %7s %6s  %s\n", "strategy", "fps", "p50 ms",
                "p99 ms", "prod ms", "cons ms", "copy MB", "CPU %", "picture");
    for (int i = 0; i < s->run_count; i++) {
        const vb_strategy_run *run = &s->runs[i];
        vb_run_summary sum;
        if (run->status == VB_STRATEGY_UNAVAILABLE || run->status == VB_STRATEGY_NOT_RUN ||
            !run->frames || vb_run_summarize(run, o, &sum) != VB_OK || sum.measured == 0) {
            fprintf(out, "%-14s %s: %s\n", run->ops->name, vb_strategy_status_name(run->status),
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
                    run->ops->name, sum.fps, sum.latency_ms.p50, sum.latency_ms.p99,
                    (long long)sum.jank, sum.producer_cpu_ms.mean, sum.consumer_cpu_ms.mean,
                    sum.copied_mb_per_frame, sum.to_gpu_mb_per_frame, upload, sum.process_cpu_pct,
                    picture_verdict(run, picture, sizeof picture));
        else
            fprintf(out, "%-14s %5.1f %7.3f %7.3f %7.3f %7.3f %7.3f %6.1f  %s\n", run->ops->name,
                    sum.fps, sum.latency_ms.p50, sum.latency_ms.p99, sum.producer_cpu_ms.mean,
                    sum.consumer_cpu_ms.mean, sum.copied_mb_per_frame, sum.process_cpu_pct,
                    picture_short(run, picture, sizeof picture));
        if (run->status != VB_STRATEGY_OK)
            fprintf(out, "%-14s   %s: %s\n", "", vb_strategy_status_name(run->status), run->reason);
    }
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

void vb_run_table_print(const vb_session *s, FILE *out, int columns) {
    vb_run_table_print_header(s, out);
    vb_run_table_print_rows(s, out, columns);
}
