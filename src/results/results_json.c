#include "results/results_json.h"

#include "io/atomic_file.h"

#include "common/error.h"
#include "measure/frame_store.h"
#include "pipeline/run_summary.h"
#include "results/figures_json.h"
#include "results/frame_fields.h"
#include "results/strategy_facts_json.h"
#include "transfer/frb_hop.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ----------------------------------------------------------------------------- */

static json_t *stats_json(const vb_stats *s) {
    return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f}", "count", (json_int_t)s->count,
                     "mean", s->mean, "min", s->min, "p50", s->p50, "p90", s->p90, "p95", s->p95,
                     "p99", s->p99, "max", s->max, "low_1pct_mean", s->low_1pct_mean);
}

static json_t *optional_ms(double value) {
    return value < 0 ? json_null() : json_real(value);
}

/* The run's own figures, each as its aggregation asks: only in runs that have some. */
static void add_figure_summary(json_t *out, const vb_run_record *run, const vb_run_summary *s) {
    if (s->figure_count == 0) return;
    json_t *figures = json_object();
    for (int i = 0; i < s->figure_count; i++) {
        const vb_figure *f = run->figures[i];
        const double values[] = {s->figures[i].mean, s->figures[i].p50, s->figures[i].p99,
                                 s->figure_sums[i]};
        json_t *one =
            json_pack("{s:s, s:I}", "unit", f->unit, "frames", (json_int_t)s->figures[i].count);
        for (int k = 0; vb_figure_aggregation_name(k); k++)
            if (f->aggregation & (1u << k))
                json_object_set_new(one, vb_figure_aggregation_name(k), json_real(values[k]));
        json_object_set_new(figures, f->name, one);
    }
    json_object_set_new(out, "figures", figures);
}

/* The figures of strategies with threads of their own and of display clocks: only in runs that
 * have them, so other results stay as they were. */
static void add_stage_summary(json_t *out, const vb_run_summary *s) {
    if (s->has_stages)
        json_object_set_new(
            out, "threads",
            json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "hop_encode_ms",
                      optional_ms(s->hop_encode_ms), "hop_copy_ms", optional_ms(s->hop_copy_ms),
                      "ui_cpu_ms", optional_ms(s->ui_cpu_ms), "io_cpu_ms",
                      optional_ms(s->io_cpu_ms), "io_upload_ms", optional_ms(s->io_upload_ms),
                      "mipmap_ms", optional_ms(s->mipmap_ms)));
    if (s->has_stages) {
        json_t *threads = json_object_get(out, "threads");
        json_object_set_new(threads, "import_ms", optional_ms(s->import_ms));
        json_object_set_new(threads, "release_wait_ms", optional_ms(s->release_wait_ms));
        json_object_set_new(threads, "sync_wait_ms", optional_ms(s->sync_wait_ms));
    }
    if (s->vsync_hz > 0) {
        json_t *delay = json_object();
        for (int k = 1; k < VB_VSYNC_DELAY_BINS; k++) {
            char key[16];
            snprintf(key, sizeof key, k == VB_VSYNC_DELAY_BINS - 1 ? "%d+" : "%d", k);
            json_object_set_new(delay, key, json_integer(s->delay_frames[k]));
        }
        json_object_set_new(out, "vsync",
                            json_pack("{s:i, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "hz", s->vsync_hz,
                                      "ticks", (json_int_t)s->vsync_ticks, "repeated_ticks",
                                      (json_int_t)s->vsync_repeated, "skipped_at_latch",
                                      (json_int_t)s->vsync_skipped, "frames_of_delay", delay,
                                      "frames_of_delay_mean", optional_ms(s->delay_frames_mean),
                                      "latency_periods_p50", optional_ms(s->latency_periods_p50),
                                      "latency_periods_p99", optional_ms(s->latency_periods_p99)));
    }
}

static json_t *summary_json(const vb_run_record *run, const vb_run_summary *s,
                            const vb_reference_limits *limits) {
    json_t *stages =
        json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "wait", stats_json(&s->wait_ms),
                  "analysis", stats_json(&s->analysis_ms), "render", stats_json(&s->render_ms),
                  "transfer", stats_json(&s->transfer_ms), "queue", stats_json(&s->queue_ms),
                  "upload", stats_json(&s->upload_ms), "compose", stats_json(&s->compose_ms));
    json_t *gpu =
        json_pack("{s:o, s:o, s:o}", "render", optional_ms(s->gpu_render_ms), "upload",
                  optional_ms(s->gpu_upload_ms), "compose", optional_ms(s->gpu_compose_ms));
    json_t *cpu = json_pack(
        "{s:o, s:o, s:f, s:f, s:f, s:f}", "producer_ms", stats_json(&s->producer_cpu_ms),
        "consumer_ms", stats_json(&s->consumer_cpu_ms), "producer_pct_of_core", s->producer_cpu_pct,
        "consumer_pct_of_core", s->consumer_cpu_pct, "process_pct_of_core", s->process_cpu_pct,
        "process_ms_per_frame", s->process_cpu_ms_per_frame);
    json_t *bandwidth = json_pack(
        "{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:o, s:o, s:o, s:o}", "copied_mb_per_frame",
        s->copied_mb_per_frame, "gpu_copied_mb_per_frame", s->gpu_copied_mb_per_frame,
        "to_gpu_mb_per_frame", s->to_gpu_mb_per_frame, "copy_gbps", s->copy_gbps, "upload_gbps",
        s->upload_gbps, "copy_rate_gbps", s->copy_rate_gbps, "upload_rate_gbps",
        s->upload_rate_gbps, "copy_vs_memcpy",
        s->copy_gbps > 0 && limits->memcpy_gbps > 0 ? json_real(s->copy_gbps / limits->memcpy_gbps)
                                                    : json_null(),
        "upload_vs_reference",
        s->upload_gbps > 0 && limits->upload_gbps > 0
            ? json_real(s->upload_gbps / limits->upload_gbps)
            : json_null(),
        "gpu_upload_gbps", s->gpu_upload_gbps > 0 ? json_real(s->gpu_upload_gbps) : json_null(),
        "gpu_upload_vs_reference",
        s->gpu_upload_gbps > 0 && limits->upload_gbps > 0
            ? json_real(s->gpu_upload_gbps / limits->upload_gbps)
            : json_null());
    json_t *out = json_pack(
        "{s:I, s:I, s:I, s:f, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:f, s:f, s:o}", "measured",
        (json_int_t)s->measured, "presented", (json_int_t)s->presented, "dropped",
        (json_int_t)s->dropped, "budget_ms", s->budget_ms, "latency_ms", stats_json(&s->latency_ms),
        "interval_ms", stats_json(&s->interval_ms), "stages_ms", stages, "gpu_ms", gpu, "cpu", cpu,
        "jank", (json_int_t)s->jank, "deadline_misses", (json_int_t)s->deadline_misses, "fps",
        s->fps, "low_1pct_fps", s->low_1pct_fps, "bandwidth", bandwidth);
    if (out) {
        json_object_set_new(out, "work",
                            json_pack("{s:f, s:f}", "copies_per_frame", s->copies_per_frame,
                                      "allocations_per_frame", s->allocations_per_frame));
        add_stage_summary(out, s);
        add_figure_summary(out, run, s);
    }
    return out;
}

/* The placeholder for run K's frames: a string no measurement or path produces (a control
 * character, which jansson writes escaped), numbered so the writer can check the order. */
#define SPLICE_MARK "\x1fvizbench-frames-"
#define SPLICE_MARK_ESCAPED "\"\\u001Fvizbench-frames-"

static json_t *frames_placeholder(const vb_run_record *run, vb_frames_splice *splice) {
    if (splice->count == splice->capacity) {
        int grown = splice->capacity ? 2 * splice->capacity : 8;
        const vb_run_record **runs = realloc(splice->runs, sizeof *runs * (size_t)grown);
        if (!runs) return NULL;
        splice->runs = runs;
        splice->capacity = grown;
    }
    char mark[64];
    snprintf(mark, sizeof mark, SPLICE_MARK "%d\x1f", splice->count);
    splice->runs[splice->count++] = run;
    return json_string(mark);
}

void vb_frames_splice_free(vb_frames_splice *splice) {
    free(splice->runs);
    splice->runs = NULL;
    splice->count = splice->capacity = 0;
}

/* {"count":N,"sequence":[...],...}: integers and 16-hex-digit strings only, so printf writes
 * them exactly as jansson would; one pass per column, each batch of spooled records released
 * behind it. */
static void write_column(FILE *f, const vb_run_record *run, const vb_figure *figure) {
    fprintf(f, ",\"%s\":[", figure->name);
    for (int64_t n = 0; n < run->length; n++) {
        fprintf(f, n ? ",%lld" : "%lld", (long long)vb_figure_value(&run->frames[n], figure));
        vb_frame_store_passed(run->frames, n);
    }
    fputc(']', f);
}

static int write_frames(FILE *f, const vb_run_record *run) {
    fprintf(f, "{\"count\":%lld", (long long)run->length);
    const int stages = vb_run_record_has_stages(run);
    for (int i = 0; i < vb_core_figure_count; i++)
        if (vb_core_figures[i].presence != VB_FIGURE_STAGES || stages)
            write_column(f, run, &vb_core_figures[i]);
    for (int i = 0; i < run->figure_count; i++)
        write_column(f, run, run->figures[i]);
#define VB_STREAM_HEX_COLUMN(field)                                                                \
    fputs(",\"" #field "\":[", f);                                                                 \
    for (int64_t n = 0; n < run->length; n++) {                                                    \
        fprintf(f, n ? ",\"%016" PRIx64 "\"" : "\"%016" PRIx64 "\"", run->frames[n].field);        \
        vb_frame_store_passed(run->frames, n);                                                     \
    }                                                                                              \
    fputc(']', f);
    VB_FRAME_CHECKSUM_FIELDS(VB_STREAM_HEX_COLUMN)
    return fputc('}', f) == EOF ? -1 : 0;
}

int vb_results_file_write(const json_t *root, vb_frames_splice *splice, const char *path) {
    char *text = json_dumps(root, JSON_COMPACT);
    if (!text) {
        vb_error_set("%s: cannot build the results (out of memory)", path);
        return -VB_ERR_FAILURE;
    }
    vb_atomic_file file;
    int status = vb_atomic_open(&file, path);
    if (status != VB_OK) {
        free(text);
        return status;
    }
    const char *at = text;
    int next = 0, failed = 0;
    for (const char *mark; !failed && (mark = strstr(at, SPLICE_MARK_ESCAPED));) {
        char *end = NULL;
        long index = strtol(mark + strlen(SPLICE_MARK_ESCAPED), &end, 10);
        if (index != next || next >= splice->count || strncmp(end, "\\u001F\"", 7) != 0) {
            failed = 1; /* cannot happen unless a string collides with the mark */
            break;
        }
        failed = fwrite(at, 1, (size_t)(mark - at), file.stream) != (size_t)(mark - at) ||
                 write_frames(file.stream, splice->runs[next]) != 0;
        next++;
        at = end + 7;
    }
    if (!failed && next != splice->count) failed = 1;
    if (!failed) failed = fputs(at, file.stream) == EOF || fputc('\n', file.stream) == EOF;
    const int cause = errno; /* before free() */
    free(text);
    if (failed || ferror(file.stream)) return vb_atomic_fail(&file, cause);
    return vb_atomic_commit(&file);
}

static json_t *strategy_json(const vb_session *session, const vb_run_record *run,
                             vb_frames_splice *splice) {
    const vb_picture_result *p = &run->picture;
    json_t *out = json_pack("{s:s, s:s, s:b, s:s, s:s?}", "name", run->strategy->name,
                            "description", run->strategy->summary, "renders_on_gpu",
                            vb_facts_have(run->strategy, VB_CAP_RENDERS_ON_GPU), "status",
                            vb_strategy_status_name(run->status), "reason",
                            run->reason[0] ? run->reason : NULL);
    json_object_set_new(out, "facts", vb_strategy_facts_to_json(run->strategy));
    if (run->figure_count > 0) json_object_set_new(out, "figures", vb_figures_to_json(run));
    if (run->detail[0]) json_object_set_new(out, "detail", json_string(run->detail));
    if (run->gl_es >= 0) /* the API is each run's own (--gl-api, VB_CAP_GLES_BY_DEFAULT) */
        json_object_set_new(
            out, "gl",
            json_pack("{s:s, s:s}", "api", run->gl_es ? "gles" : "gl", "version", run->gl_version));
    if (!run->frames) return out;
    json_object_set_new(out, "picture",
                        json_pack("{s:I, s:b, s:b, s:i, s:i, s:i, s:I, s:I}", "checked",
                                  (json_int_t)p->checked, "exact", p->exact, "passed",
                                  p->checked > 0 && p->passed, "tolerance", p->tolerance,
                                  "max_error", p->max_error, "p999_error", p->p999_error,
                                  "differing_pixels", (json_int_t)p->differing_pixels,
                                  "first_failure", (json_int_t)p->first_failure));
    json_object_set_new(out, "produced", json_integer(run->produced));
    json_object_set_new(out, "process_cpu_ns", json_integer(run->process_cpu_ns));
    json_object_set_new(out, "measured_wall_ns", json_integer(run->measured_wall_ns));
    const vb_memory_use *m = &run->memory;
    if (m->peak_bytes >= 0)
        json_object_set_new(out, "memory",
                            json_pack("{s:I, s:I, s:I, s:b}", "peak_bytes",
                                      (json_int_t)m->peak_bytes, "start_bytes",
                                      (json_int_t)m->start_bytes, "end_bytes",
                                      (json_int_t)m->end_bytes, "peak_is_own", m->peak_is_own));
    if (m->peak_bytes >= 0 && m->producer_process_peak_bytes >= 0)
        json_object_set_new(json_object_get(out, "memory"), "producer_process_peak_bytes",
                            json_integer(m->producer_process_peak_bytes));
    if (run->vsync.hz > 0)
        json_object_set_new(out, "vsync",
                            json_pack("{s:i, s:I, s:I, s:I, s:I}", "hz", run->vsync.hz, "ticks",
                                      (json_int_t)run->vsync.ticks, "latched",
                                      (json_int_t)run->vsync.latched, "repeated",
                                      (json_int_t)run->vsync.repeated, "skipped",
                                      (json_int_t)run->vsync.skipped));
    vb_run_summary summary;
    if (vb_run_summarize(run, &session->options, &summary) == VB_OK)
        json_object_set_new(out, "summary", summary_json(run, &summary, &session->limits));
    json_object_set_new(out, "frames", frames_placeholder(run, splice));
    return out;
}

json_t *vb_session_json(const vb_session *s, vb_frames_splice *splice) {
    const vb_machine_info *m = &s->machine;
    const vb_gl_info *g = &s->gl;
    const vb_run_options *o = &s->options;
    json_t *gl = s->gl_available
                     ? json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b}", "available",
                                 1, "vendor", g->vendor, "renderer", g->renderer, "version",
                                 g->version, "glsl_version", g->glsl_version, "video_driver",
                                 g->video_driver, "software", g->software, "buffer_storage",
                                 g->has_buffer_storage, "timer_query", g->has_timer_query,
                                 "submissions_serialized", s->gl_serialized)
                     : json_pack("{s:b, s:s}", "available", 0, "reason", s->gl_reason);
    if (s->gl_available) /* the first run's contexts; each run's own API is in its "gl" */
        json_object_set_new(gl, "api", json_string(g->es ? "gles" : "gl"));
    json_t *context = json_pack(
        "{s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:{s:s, s:i, s:I, s:s}, s:o, s:{s:s, s:s, s:i, s:i, "
        "s:I, s:I}}",
        "vizbench", "version", m->version, "revision", m->revision, "build", "compiler",
        m->compiler, "type", m->build_type, "flags", m->build_flags, "machine", "cpu_model",
        m->cpu_model, "logical_cores", m->logical_cores, "memory_bytes",
        (json_int_t)m->memory_bytes, "kernel", m->kernel, "gl", gl, "input", "name", s->input.name,
        "sha256", s->input.sha256, "sample_rate", s->input.sample_rate, "channels",
        s->input.channels, "samples", (json_int_t)s->input.samples, "frames",
        (json_int_t)s->input.frames);
    json_t *options = json_pack(
        "{s:s, s:i, s:i, s:i, s:i, s:i, s:f, s:f, s:s, s:s, s:I, s:I, s:i, s:b, s:I, s:i, s:b, "
        "s:I, s:s, s:b}",
        "view", vb_view_name(o->view.view), "width", o->view.width, "height", o->view.height, "fps",
        o->view.fps, "fft_size", o->view.fft_size, "bars", o->view.bars, "window_ms",
        o->view.window_ms, "floor_db", o->view.floor_db, "freq_scale",
        vb_freq_scale_name(o->view.freq_scale), "pace", vb_pace_name(o->pace), "frames",
        (json_int_t)o->frames, "warmup", (json_int_t)o->warmup, "slots", o->slots, "pool", o->pool,
        "verify_every", (json_int_t)o->verify_every, "picture_tolerance", o->picture_tolerance,
        "window", o->visible, "fence_timeout_ms", (json_int_t)(o->fence_timeout_ns / 1000000),
        "gpu_timers", vb_gpu_timers_name(o->gpu_timers), "gpu_timers_used",
        s->gl_available && s->gpu_timers_used);
    if (options) {
        json_object_set_new(options, "vsync_hz", json_integer(o->vsync_hz));
        json_object_set_new(options, "frb_codec", json_string(vb_frb_codec_name(o->frb_codec)));
        json_object_set_new(options, "gl_api", json_string(vb_gl_api_name(o->gl_api)));
        json_object_set_new(options, "producer_process",
                            json_string(vb_producer_process_name(o->producer_process)));
    }
    json_t *reference =
        json_pack("{s:I, s:f, s:f, s:f, s:f}", "frame_bytes", (json_int_t)s->limits.frame_bytes,
                  "memcpy_gbps", s->limits.memcpy_gbps, "memset_gbps", s->limits.memset_gbps,
                  "upload_gbps", s->limits.upload_gbps, "upload_ms", s->limits.upload_ms);
    if (reference && s->peak_bytes >= 0)
        json_object_set_new(reference, "memory",
                            json_pack("{s:I, s:I}", "peak_bytes", (json_int_t)s->peak_bytes,
                                      "setup_peak_bytes", (json_int_t)s->setup_peak_bytes));
    json_t *strategies = json_array();
    for (int i = 0; i < s->run_count; i++)
        json_array_append_new(strategies, strategy_json(s, &s->runs[i], splice));
    return json_pack("{s:s, s:i, s:b, s:s, s:s, s:o, s:o, s:o, s:o}", "schema", VB_RESULTS_SCHEMA,
                     "schema_version", VB_RESULTS_VERSION, "complete", s->complete, "created",
                     s->created, "command", s->command, "context", context, "options", options,
                     "reference", reference, "strategies", strategies);
}

int vb_results_json_write(const vb_session *session, const char *path) {
    vb_frames_splice splice = {0};
    json_t *root = vb_session_json(session, &splice);
    int status = VB_OK;
    if (!root) {
        vb_error_set("%s: cannot build the results (out of memory)", path);
        status = -VB_ERR_FAILURE;
    } else {
        status = vb_results_file_write(root, &splice, path);
    }
    json_decref(root);
    vb_frames_splice_free(&splice);
    return status;
}
