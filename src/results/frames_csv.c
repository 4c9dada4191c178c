#include "results/frames_csv.h"

#include "common/error.h"
#include "measure/frame_store.h"
#include "io/atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

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

/* The strategies' own figures of the whole session, each once by name (the columns after the
 * core ones: a run without one leaves its cell empty). */
#define CSV_MAX_OWN (VB_SESSION_MAX_RUNS * VB_FRAME_STRATEGY_FIGURES)
static int own_columns(const vb_session *s, const char **names) {
    int count = 0;
    for (int i = 0; i < s->run_count; i++)
        for (int k = 0; k < s->runs[i].figure_count; k++) {
            int seen = 0;
            for (int c = 0; c < count && !seen; c++)
                seen = strcmp(names[c], s->runs[i].figures[k]->name) == 0;
            if (!seen) names[count++] = s->runs[i].figures[k]->name;
        }
    return count;
}

static void write_own(FILE *f, const vb_run_record *run, const vb_frame_record *r,
                      const char *name) {
    for (int k = 0; k < run->figure_count; k++) {
        const int64_t v = vb_figure_value(r, run->figures[k]);
        if (strcmp(run->figures[k]->name, name) == 0 && v >= 0) {
            fprintf(f, ",%lld", (long long)v);
            return;
        }
    }
    fputc(',', f);
}

int vb_frames_csv_write(const vb_session *s, const char *path) {
    vb_atomic_file file;
    int status = vb_atomic_open(&file, path);
    if (status != VB_OK) return status;
    FILE *f = file.stream;
    const char *own[CSV_MAX_OWN];
    const int owns = own_columns(s, own);
    fputs("strategy,sequence,audio_frame,presented,dropped,skipped,warmup,verified,perturbed,"
          "ready_ms,latency_ms,wait_ms,analysis_ms,render_ms,transfer_ms,queue_ms,upload_ms,"
          "compose_ms,producer_cpu_ms,consumer_cpu_ms,gpu_render_ms,gpu_upload_ms,"
          "gpu_compose_ms,bytes_copied,bytes_to_gpu,bytes_uploaded,picture_error",
          f);
    for (int c = 0; c < owns; c++)
        fprintf(f, ",%s", own[c]);
    fputc('\n', f);
    for (int i = 0; i < s->run_count; i++) {
        const vb_run_record *run = &s->runs[i];
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
            for (int c = 0; c < owns; c++)
                write_own(f, run, r, own[c]);
            fputc('\n', f);
            vb_frame_store_passed(run->frames, n);
        }
    }
    if (ferror(f)) {
        return vb_atomic_fail(&file, errno);
    }
    return vb_atomic_commit(&file);
}
