#include "results/frames_csv.h"

#include "common/error.h"
#include "measure/frame_store.h"
#include "io/atomic_file.h"

#include <errno.h>
#include <stdio.h>

static void write_span(FILE *f, int64_t from, int64_t to) {
    if (from < 0 || to < 0)
        fputs(",", f);
    else
        fprintf(f, ",%.4f", (double)(to - from) / 1e6);
}

static void write_ms(FILE *f, int64_t ns) {
    if (ns < 0)
        fputs(",", f);
    else
        fprintf(f, ",%.4f", (double)ns / 1e6);
}

int vb_frames_csv_write(const vb_session *s, const char *path) {
    vb_atomic_file file;
    int status = vb_atomic_open(&file, path);
    if (status != VB_OK) return status;
    FILE *f = file.stream;
    fputs("strategy,sequence,audio_frame,presented,dropped,skipped,warmup,verified,perturbed,"
          "ready_ms,latency_ms,wait_ms,analysis_ms,render_ms,transfer_ms,queue_ms,upload_ms,"
          "compose_ms,producer_cpu_ms,consumer_cpu_ms,gpu_render_ms,gpu_upload_ms,"
          "gpu_compose_ms,bytes_copied,bytes_to_gpu,bytes_uploaded,picture_error\n",
          f);
    for (int i = 0; i < s->run_count; i++) {
        const vb_strategy_run *run = &s->runs[i];
        for (int64_t n = 0; n < run->length && run->frames; n++) {
            const vb_frame_record *r = &run->frames[n];
            fprintf(f, "%s,%lld,%lld,%d,%d,%d,%d,%d,%d", run->strategy->name,
                    (long long)r->sequence, (long long)r->audio_frame,
                    !!(r->flags & VB_FRAME_PRESENTED), !!(r->flags & VB_FRAME_DROPPED),
                    !!(r->flags & VB_FRAME_SKIPPED), !!(r->flags & VB_FRAME_WARMUP),
                    !!(r->flags & VB_FRAME_VERIFIED), !!(r->flags & VB_FRAME_PERTURBED));
            write_ms(f, r->ready_ns);
            write_span(f, r->ready_ns, r->presented_ns);
            write_span(f, r->ready_ns, r->acquired_ns);
            write_span(f, r->acquired_ns, r->analyzed_ns);
            write_span(f, r->analyzed_ns, r->rendered_ns);
            write_span(f, r->rendered_ns, r->handed_ns);
            write_span(f, r->handed_ns, r->taken_ns);
            write_span(f, r->taken_ns, r->uploaded_ns);
            write_span(f, r->uploaded_ns, r->presented_ns);
            write_ms(f, r->producer_cpu_ns);
            write_ms(f, r->consumer_cpu_ns);
            write_ms(f, r->gpu_render_ns);
            write_ms(f, r->gpu_upload_ns);
            write_ms(f, r->gpu_compose_ns);
            fprintf(f, ",%lld,%lld,%lld,", (long long)r->bytes_copied, (long long)r->bytes_to_gpu,
                    (long long)r->bytes_uploaded);
            if (r->picture_error >= 0) fprintf(f, "%d", r->picture_error);
            fputc('\n', f);
            vb_frame_store_passed(run->frames, n);
        }
    }
    if (ferror(f)) {
        return vb_atomic_fail(&file, errno);
    }
    return vb_atomic_commit(&file);
}
