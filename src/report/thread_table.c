#include "report/thread_table.h"

#include "common/error.h"
#include "pipeline/run_summary.h"

static void cell_ms(FILE *out, double ms) {
    if (ms < 0)
        fprintf(out, " %5s", "-");
    else
        fprintf(out, " %5.2f", ms);
}

void vb_thread_table_print(const vb_session *s, FILE *out) {
    int header = 0;
    for (int i = 0; i < s->run_count; i++) {
        const vb_run_record *run = &s->runs[i];
        vb_run_summary sum;
        if (!run->frames || !vb_run_record_has_stages(run) ||
            vb_run_summarize(run, &s->options, &sum) != VB_OK || sum.measured == 0)
            continue;
        if (!header) {
            fprintf(out, "\n%-13s %5s %5s %5s %5s %4s %5s %4s %4s %4s %4s %4s %4s\n", "threads",
                    "prod", "ui", "io", "rast", "copy", "alloc", "Hz", "p50", "p99", "late", "rep",
                    "skip");
            header = 1;
        }
        fprintf(out, "%-13s", run->strategy->name);
        cell_ms(out, sum.producer_cpu_ms.mean);
        cell_ms(out, sum.ui_cpu_ms);
        cell_ms(out, sum.io_cpu_ms);
        cell_ms(out, sum.consumer_cpu_ms.mean);
        fprintf(out, " %4.1f %5.1f", sum.copies_per_frame, sum.allocations_per_frame);
        if (sum.vsync_hz > 0 && sum.latency_periods_p50 >= 0 && sum.delay_frames_mean >= 0)
            fprintf(out, " %4d %4.2f %4.2f %4.2f %4lld %4lld\n", sum.vsync_hz,
                    sum.latency_periods_p50, sum.latency_periods_p99, sum.delay_frames_mean,
                    (long long)sum.vsync_repeated, (long long)sum.vsync_skipped);
        else if (sum.vsync_hz > 0)
            fprintf(out, " %4d %4s %4s %4s %4lld %4lld\n", sum.vsync_hz, "-", "-", "-",
                    (long long)sum.vsync_repeated, (long long)sum.vsync_skipped);
        else
            fputc('\n', out);
    }
    if (!header) return;
    for (int i = 0; i < s->run_count;
         i++) { /* one-time imports and waits (egl-image, vulkan-interop) */
        const vb_run_record *run = &s->runs[i];
        vb_run_summary sum;
        if (!run->frames || !vb_run_record_has_stages(run) ||
            vb_run_summarize(run, &s->options, &sum) != VB_OK ||
            (sum.import_ms < 0 && sum.release_wait_ms < 0))
            continue;
        if (sum.import_ms >= 0)
            fprintf(out, "%-13s import %.3f ms per buffer (once), release wait %.3f ms\n",
                    run->strategy->name, sum.import_ms,
                    sum.release_wait_ms < 0 ? 0.0 : sum.release_wait_ms);
        else /* a queue of buffers mapped once (surface-producer): only the waits */
            fprintf(out, "%-13s release wait %.3f ms\n", run->strategy->name, sum.release_wait_ms);
        if (sum.sync_wait_ms >= 0)
            fprintf(out, "  the producer's CPU wait for the GPU: %.3f ms per frame\n",
                    sum.sync_wait_ms);
        if (run->detail[0]) fprintf(out, "  %.76s\n", run->detail); /* the JSON has it whole */
    }
    fputs("threads: CPU ms per frame of the producer (Rust), the UI thread (Dart), the IO\n"
          "thread (Flutter's uploads) and the raster thread (consumer); copy, alloc: CPU ->\n"
          "CPU copies and allocations per frame, every thread. On a display clock of Hz:\n"
          "p50, p99: latency in vsync periods; late: mean frames of delay (ticks from ready\n"
          "to the latching tick); rep: ticks with no new frame; skip: frames never latched.\n",
          out);
}
