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

void vb_run_table_print_header(const vb_session *s, FILE *out) {
    const vb_run_options *o = &s->options;
    fprintf(out, "vizbench run: %s %dx%d at %d fps, %s pace, %lld frames (+%lld warm-up), %s\n",
            vb_view_name(o->view.view), o->view.width, o->view.height, o->view.fps,
            vb_pace_name(o->pace), (long long)o->frames, (long long)o->warmup, s->input.name);
    if (s->gl_available)
        fprintf(out, "GL: %s | %s%s\n", s->gl.renderer, s->gl.version,
                s->gl.software ? " | software renderer: uploads are CPU copies, no GPU bus" : "");
    else
        fprintf(out, "GL: unavailable (%s)\n", s->gl_reason);
    fprintf(out, "reference: memcpy %.1f GB/s, memset %.1f GB/s", s->limits.memcpy_gbps,
            s->limits.memset_gbps);
    if (s->limits.upload_gbps > 0)
        fprintf(out, ", glTexSubImage2D %.2f GB/s (%.3f ms/frame)", s->limits.upload_gbps,
                s->limits.upload_ms);
    fprintf(out, "; frame %.2f MB\n\n", (double)s->limits.frame_bytes / 1e6);
}

void vb_run_table_print_rows(const vb_session *s, FILE *out) {
    const vb_run_options *o = &s->options;

    fprintf(out, "%-14s %7s %7s %7s %6s %8s %8s %8s %8s %8s %7s  %s\n", "strategy", "fps", "p50 ms",
            "p99 ms", "jank", "prod ms", "cons ms", "copy MB", "GPU MB", "up GB/s", "CPU %",
            "picture");
    for (int i = 0; i < s->run_count; i++) {
        const vb_strategy_run *run = &s->runs[i];
        vb_run_summary sum;
        if (run->status == VB_STRATEGY_UNAVAILABLE || run->status == VB_STRATEGY_NOT_RUN ||
            !run->frames || vb_run_summarize(run, o, &sum) != VB_OK || sum.measured == 0) {
            fprintf(out, "%-14s %s: %s\n", run->ops->name, vb_strategy_status_name(run->status),
                    run->reason[0] ? run->reason : "nothing measured");
            continue;
        }
        char picture[64];
        fprintf(out, "%-14s %7.1f %7.3f %7.3f %6lld %8.3f %8.3f %8.3f %8.3f %8.2f %7.1f  %s\n",
                run->ops->name, sum.fps, sum.latency_ms.p50, sum.latency_ms.p99,
                (long long)sum.jank, sum.producer_cpu_ms.mean, sum.consumer_cpu_ms.mean,
                sum.copied_mb_per_frame, sum.to_gpu_mb_per_frame, sum.upload_gbps,
                sum.process_cpu_pct, picture_verdict(run, picture, sizeof picture));
        if (run->status != VB_STRATEGY_OK)
            fprintf(out, "%-14s   %s: %s\n", "", vb_strategy_status_name(run->status), run->reason);
    }
    fputs("\nfps: frames presented per second; p50/p99: latency, audio window ready -> presented; "
          "jank: frames over 1/fps; prod/cons:"
          " thread CPU ms per frame;\ncopy MB: CPU->CPU per frame; GPU MB: CPU->GPU per frame; "
          "up GB/s: bytes / time in the upload call; CPU %: process, all threads, of one core\n",
          out);
}

void vb_run_table_print(const vb_session *s, FILE *out) {
    vb_run_table_print_header(s, out);
    vb_run_table_print_rows(s, out);
}
