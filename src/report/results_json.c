#include "report/results_json.h"

#include "io/json_file.h"

#include "io/atomic_file.h"

#include "common/error.h"
#include "measure/frame_store.h"
#include "pipeline/run_summary.h"
#include "report/frame_fields.h"

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

static json_t *summary_json(const vb_run_summary *s, const vb_reference_limits *limits) {
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
        "{s:f, s:f, s:f, s:f, s:f, s:f, s:o, s:o, s:o, s:o}", "copied_mb_per_frame",
        s->copied_mb_per_frame, "to_gpu_mb_per_frame", s->to_gpu_mb_per_frame, "copy_gbps",
        s->copy_gbps, "upload_gbps", s->upload_gbps, "copy_rate_gbps", s->copy_rate_gbps,
        "upload_rate_gbps", s->upload_rate_gbps, "copy_vs_memcpy",
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
    return json_pack("{s:I, s:I, s:I, s:f, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:f, s:f, s:o}",
                     "measured", (json_int_t)s->measured, "presented", (json_int_t)s->presented,
                     "dropped", (json_int_t)s->dropped, "budget_ms", s->budget_ms, "latency_ms",
                     stats_json(&s->latency_ms), "interval_ms", stats_json(&s->interval_ms),
                     "stages_ms", stages, "gpu_ms", gpu, "cpu", cpu, "jank", (json_int_t)s->jank,
                     "deadline_misses", (json_int_t)s->deadline_misses, "fps", s->fps,
                     "low_1pct_fps", s->low_1pct_fps, "bandwidth", bandwidth);
}

/* The placeholder for run K's frames: a string no measurement or path produces (a control
 * character, which jansson writes escaped), numbered so the writer can check the order. */
#define SPLICE_MARK "\x1fvizbench-frames-"
#define SPLICE_MARK_ESCAPED "\"\\u001Fvizbench-frames-"

static json_t *frames_placeholder(const vb_strategy_run *run, vb_frames_splice *splice) {
    if (splice->count == splice->capacity) {
        int grown = splice->capacity ? 2 * splice->capacity : 8;
        const vb_strategy_run **runs = realloc(splice->runs, sizeof *runs * (size_t)grown);
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
static int write_frames(FILE *f, const vb_strategy_run *run) {
    fprintf(f, "{\"count\":%lld", (long long)run->length);
#define VB_STREAM_INT_COLUMN(field)                                                                \
    fputs(",\"" #field "\":[", f);                                                                 \
    for (int64_t n = 0; n < run->length; n++) {                                                    \
        fprintf(f, n ? ",%lld" : "%lld", (long long)run->frames[n].field);                         \
        vb_frame_store_passed(run->frames, n);                                                     \
    }                                                                                              \
    fputc(']', f);
#define VB_STREAM_HEX_COLUMN(field)                                                                \
    fputs(",\"" #field "\":[", f);                                                                 \
    for (int64_t n = 0; n < run->length; n++) {                                                    \
        fprintf(f, n ? ",\"%016" PRIx64 "\"" : "\"%016" PRIx64 "\"", run->frames[n].field);        \
        vb_frame_store_passed(run->frames, n);                                                     \
    }                                                                                              \
    fputc(']', f);
    VB_FRAME_INT_FIELDS(VB_STREAM_INT_COLUMN)
    VB_FRAME_WORK_FIELDS(VB_STREAM_INT_COLUMN)
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

static json_t *strategy_json(const vb_session *session, const vb_strategy_run *run,
                             vb_frames_splice *splice) {
    const vb_picture_result *p = &run->picture;
    json_t *out = json_pack("{s:s, s:s, s:b, s:s, s:s?}", "name", run->ops->name, "description",
                            run->ops->summary, "renders_on_gpu", run->ops->renders_on_gpu, "status",
                            vb_strategy_status_name(run->status), "reason",
                            run->reason[0] ? run->reason : NULL);
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
    vb_run_summary summary;
    if (vb_run_summarize(run, &session->options, &summary) == VB_OK)
        json_object_set_new(out, "summary", summary_json(&summary, &session->limits));
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
    json_t *reference =
        json_pack("{s:I, s:f, s:f, s:f, s:f}", "frame_bytes", (json_int_t)s->limits.frame_bytes,
                  "memcpy_gbps", s->limits.memcpy_gbps, "memset_gbps", s->limits.memset_gbps,
                  "upload_gbps", s->limits.upload_gbps, "upload_ms", s->limits.upload_ms);
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

/* ---- reading ----------------------------------------------------------------------------- */

typedef struct reader {
    const char *path;
    const char *base; /* where the document sits in the file: "" or "sessions[3]" */
    char field[160];
} reader;

static int bad(reader *r, const char *what) {
    vb_error_set("%s: field '%s%s%s' %s", r->path, r->base, r->base[0] ? "." : "", r->field, what);
    return -VB_ERR_USAGE;
}

static json_t *member(reader *r, json_t *object, const char *prefix, const char *name) {
    snprintf(r->field, sizeof r->field, "%s%s%s", prefix, prefix[0] ? "." : "", name);
    return json_is_object(object) ? json_object_get(object, name) : NULL;
}

static int read_int(reader *r, json_t *object, const char *prefix, const char *name, int64_t min,
                    int64_t max, int64_t *out) {
    json_t *value = member(r, object, prefix, name);
    if (!value) return bad(r, "is missing");
    if (!json_is_integer(value)) return bad(r, "is not an integer");
    json_int_t v = json_integer_value(value);
    if (v < min || v > max) return bad(r, "is out of range");
    *out = v;
    return VB_OK;
}

static int read_number(reader *r, json_t *object, const char *prefix, const char *name, double min,
                       double max, double *out) {
    json_t *value = member(r, object, prefix, name);
    if (!value) return bad(r, "is missing");
    if (!json_is_number(value)) return bad(r, "is not a number");
    double v = json_number_value(value);
    if (!(v >= min && v <= max)) return bad(r, "is out of range");
    *out = v;
    return VB_OK;
}

static int read_string(reader *r, json_t *object, const char *prefix, const char *name, char *dst,
                       size_t size) {
    json_t *value = member(r, object, prefix, name);
    if (!value) return bad(r, "is missing");
    if (!json_is_string(value)) return bad(r, "is not a string");
    snprintf(dst, size, "%s", json_string_value(value));
    return VB_OK;
}

static int read_bool(reader *r, json_t *object, const char *prefix, const char *name, int *out) {
    json_t *value = member(r, object, prefix, name);
    if (!value) return bad(r, "is missing");
    if (!json_is_boolean(value)) return bad(r, "is not true or false");
    *out = json_is_true(value);
    return VB_OK;
}

#define TRY(call)                                                                                  \
    do {                                                                                           \
        int try_status = (call);                                                                   \
        if (try_status != VB_OK) return try_status;                                                \
    } while (0)

static int read_int32(reader *r, json_t *o, const char *prefix, const char *name, int64_t min,
                      int64_t max, int *out) {
    int64_t v;
    TRY(read_int(r, o, prefix, name, min, max, &v));
    *out = (int)v;
    return VB_OK;
}

static int read_context(reader *r, json_t *root, vb_session *s) {
    json_t *context = member(r, root, "", "context");
    if (!json_is_object(context)) return bad(r, "is missing or not an object");
    json_t *v = member(r, context, "context", "vizbench");
    vb_machine_info *m = &s->machine;
    TRY(read_string(r, v, "context.vizbench", "version", m->version, sizeof m->version));
    TRY(read_string(r, v, "context.vizbench", "revision", m->revision, sizeof m->revision));
    json_t *b = member(r, context, "context", "build");
    TRY(read_string(r, b, "context.build", "compiler", m->compiler, sizeof m->compiler));
    TRY(read_string(r, b, "context.build", "type", m->build_type, sizeof m->build_type));
    TRY(read_string(r, b, "context.build", "flags", m->build_flags, sizeof m->build_flags));
    json_t *mm = member(r, context, "context", "machine");
    TRY(read_string(r, mm, "context.machine", "cpu_model", m->cpu_model, sizeof m->cpu_model));
    TRY(read_int32(r, mm, "context.machine", "logical_cores", 1, 1 << 20, &m->logical_cores));
    TRY(read_int(r, mm, "context.machine", "memory_bytes", 0, INT64_MAX, &m->memory_bytes));
    TRY(read_string(r, mm, "context.machine", "kernel", m->kernel, sizeof m->kernel));
    json_t *g = member(r, context, "context", "gl");
    TRY(read_bool(r, g, "context.gl", "available", &s->gl_available));
    if (s->gl_available) {
        vb_gl_info *gi = &s->gl;
        TRY(read_string(r, g, "context.gl", "vendor", gi->vendor, sizeof gi->vendor));
        TRY(read_string(r, g, "context.gl", "renderer", gi->renderer, sizeof gi->renderer));
        TRY(read_string(r, g, "context.gl", "version", gi->version, sizeof gi->version));
        TRY(read_bool(r, g, "context.gl", "software", &gi->software));
        /* what the run decided there (optional: results of older versions lack it) */
        json_t *serialized = json_object_get(g, "submissions_serialized");
        s->gl_serialized = json_is_true(serialized);
    } else {
        TRY(read_string(r, g, "context.gl", "reason", s->gl_reason, sizeof s->gl_reason));
    }
    json_t *in = member(r, context, "context", "input");
    vb_input_info *i = &s->input;
    TRY(read_string(r, in, "context.input", "name", i->name, sizeof i->name));
    TRY(read_string(r, in, "context.input", "sha256", i->sha256, sizeof i->sha256));
    TRY(read_int32(r, in, "context.input", "sample_rate", 1, 10000000, &i->sample_rate));
    TRY(read_int32(r, in, "context.input", "channels", 1, 1024, &i->channels));
    TRY(read_int(r, in, "context.input", "samples", 0, INT64_MAX, &i->samples));
    TRY(read_int(r, in, "context.input", "frames", 0, INT64_MAX, &i->frames));
    return VB_OK;
}

static int read_options(reader *r, json_t *root, vb_run_options *o) {
    json_t *opt = member(r, root, "", "options");
    if (!json_is_object(opt)) return bad(r, "is missing or not an object");
    vb_run_options_defaults(o);
    char text[32];
    TRY(read_string(r, opt, "options", "view", text, sizeof text));
    if (vb_view_from_name(text, &o->view.view) != VB_OK) return bad(r, "names no known view");
    TRY(read_int32(r, opt, "options", "width", VB_MIN_WIDTH, VB_MAX_WIDTH, &o->view.width));
    TRY(read_int32(r, opt, "options", "height", VB_MIN_HEIGHT, VB_MAX_HEIGHT, &o->view.height));
    TRY(read_int32(r, opt, "options", "fps", VB_MIN_FPS, VB_MAX_FPS, &o->view.fps));
    TRY(read_int32(r, opt, "options", "fft_size", 16, 1 << 20, &o->view.fft_size));
    TRY(read_int32(r, opt, "options", "bars", 1, VB_MAX_BARS, &o->view.bars));
    TRY(read_number(r, opt, "options", "window_ms", VB_MIN_WINDOW_MS, VB_MAX_WINDOW_MS,
                    &o->view.window_ms));
    TRY(read_number(r, opt, "options", "floor_db", VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB,
                    &o->view.floor_db));
    TRY(read_string(r, opt, "options", "pace", text, sizeof text));
    if (vb_pace_from_name("options.pace", text, &o->pace) != VB_OK)
        return bad(r, "is neither realtime nor max");
    TRY(read_int(r, opt, "options", "frames", 1, INT64_MAX / 2, &o->frames));
    TRY(read_int(r, opt, "options", "warmup", 0, INT64_MAX / 2, &o->warmup));
    TRY(read_int32(r, opt, "options", "slots", 1, 1024, &o->slots));
    TRY(read_int(r, opt, "options", "verify_every", 0, INT64_MAX, &o->verify_every));
    /* Optional (some results of older versions lack them); compare warns when they differ. */
    o->pool = json_is_true(json_object_get(opt, "pool"));
    json_t *timers = member(r, opt, "options", "gpu_timers");
    if (json_is_string(timers) &&
        vb_gpu_timers_from_name("options.gpu_timers", json_string_value(timers), &o->gpu_timers) !=
            VB_OK)
        return bad(r, "is not auto, on or off");
    return VB_OK;
}

static int read_reference(reader *r, json_t *root, vb_reference_limits *l) {
    json_t *ref = member(r, root, "", "reference");
    if (!json_is_object(ref)) return bad(r, "is missing or not an object");
    int64_t frame_bytes;
    TRY(read_int(r, ref, "reference", "frame_bytes", 1, INT64_MAX, &frame_bytes));
    l->frame_bytes = (size_t)frame_bytes;
    TRY(read_number(r, ref, "reference", "memcpy_gbps", 0, 1e6, &l->memcpy_gbps));
    TRY(read_number(r, ref, "reference", "memset_gbps", 0, 1e6, &l->memset_gbps));
    TRY(read_number(r, ref, "reference", "upload_gbps", 0, 1e6, &l->upload_gbps));
    TRY(read_number(r, ref, "reference", "upload_ms", 0, 1e9, &l->upload_ms));
    return VB_OK;
}

static int read_frames(reader *r, json_t *frames, const char *prefix, vb_strategy_run *run) {
    int64_t count;
    TRY(read_int(r, frames, prefix, "count", 0, (int64_t)1 << 32, &count));
    /* Allocate by what the document holds, not by what it claims: an absurd count with short
     * columns is refused here, before a huge allocation. */
    json_t *column = member(r, frames, prefix, "sequence");
    if (!json_is_array(column)) return bad(r, "is missing or not an array");
    if ((int64_t)json_array_size(column) != count) return bad(r, "does not have 'count' entries");
    run->length = count;
    run->frames = vb_frame_store_alloc(count);
    if (!run->frames) {
        vb_error_set("%s: out of memory for %lld frames", r->path, (long long)count);
        return -VB_ERR_FAILURE;
    }
/* -1 means "did not happen"; nothing else below it, and nothing the field cannot hold. */
#define VB_READ_INT_COLUMN(field)                                                                  \
    column = member(r, frames, prefix, #field);                                                    \
    if (!json_is_array(column)) return bad(r, "is missing or not an array");                       \
    if ((int64_t)json_array_size(column) != count) return bad(r, "does not have 'count' entries"); \
    for (int64_t n = 0; n < count; n++) {                                                          \
        json_t *value = json_array_get(column, (size_t)n);                                         \
        if (!json_is_integer(value)) return bad(r, "holds a value that is not an integer");        \
        json_int_t v = json_integer_value(value);                                                  \
        run->frames[n].field = v;                                                                  \
        if (v < -1 || run->frames[n].field != v) return bad(r, "holds a value out of range");      \
    }
#define VB_READ_HEX_COLUMN(field)                                                                  \
    column = member(r, frames, prefix, #field);                                                    \
    if (!json_is_array(column)) return bad(r, "is missing or not an array");                       \
    if ((int64_t)json_array_size(column) != count) return bad(r, "does not have 'count' entries"); \
    for (int64_t n = 0; n < count; n++) {                                                          \
        const char *text = json_string_value(json_array_get(column, (size_t)n));                   \
        char *end = NULL;                                                                          \
        if (!text || strlen(text) != 16) return bad(r, "holds a value that is not 16 hex digits"); \
        run->frames[n].field = strtoull(text, &end, 16);                                           \
        if (*end) return bad(r, "holds a value that is not 16 hex digits");                        \
    }
    VB_FRAME_INT_FIELDS(VB_READ_INT_COLUMN)
#define VB_READ_OPTIONAL_INT_COLUMN(field)                                                         \
    if (!member(r, frames, prefix, #field)) {                                                      \
        for (int64_t n = 0; n < count; n++)                                                        \
            run->frames[n].field = -1;                                                             \
    } else {                                                                                       \
        VB_READ_INT_COLUMN(field)                                                                  \
    }
    VB_FRAME_WORK_FIELDS(VB_READ_OPTIONAL_INT_COLUMN)
    VB_FRAME_CHECKSUM_FIELDS(VB_READ_HEX_COLUMN)
    return VB_OK;
}

static int read_strategy(reader *r, json_t *item, int index, vb_strategy_run *run) {
    char prefix[64], text[64];
    snprintf(prefix, sizeof prefix, "strategies[%d]", index);
    if (!json_is_object(item)) {
        snprintf(r->field, sizeof r->field, "%s", prefix);
        return bad(r, "is not an object");
    }
    TRY(read_string(r, item, prefix, "name", text, sizeof text));
    run->ops = vb_strategy_find(text);
    if (!run->ops) return bad(r, "names no known strategy");
    TRY(read_string(r, item, prefix, "status", text, sizeof text));
    int found = 0;
    for (int s = VB_STRATEGY_OK; s <= VB_STRATEGY_NOT_RUN; s++)
        if (strcmp(text, vb_strategy_status_name((vb_strategy_status)s)) == 0) {
            run->status = (vb_strategy_status)s;
            found = 1;
        }
    if (!found) return bad(r, "is not a known status");
    json_t *reason = member(r, item, prefix, "reason");
    if (reason && json_is_string(reason))
        snprintf(run->reason, sizeof run->reason, "%s", json_string_value(reason));
    json_t *frames = member(r, item, prefix, "frames");
    if (!frames) return VB_OK; /* unavailable or not run: nothing was measured */
    char sub[96];
    snprintf(sub, sizeof sub, "%s.frames", prefix);
    TRY(read_frames(r, frames, sub, run));
    TRY(read_int(r, item, prefix, "produced", 0, run->length, &run->produced));
    TRY(read_int(r, item, prefix, "process_cpu_ns", INT64_MIN, INT64_MAX, &run->process_cpu_ns));
    TRY(read_int(r, item, prefix, "measured_wall_ns", INT64_MIN, INT64_MAX,
                 &run->measured_wall_ns));
    snprintf(sub, sizeof sub, "%s.picture", prefix);
    json_t *p = member(r, item, prefix, "picture");
    vb_picture_result *pr = &run->picture;
    TRY(read_int(r, p, sub, "checked", 0, INT64_MAX, &pr->checked));
    TRY(read_bool(r, p, sub, "exact", &pr->exact));
    TRY(read_bool(r, p, sub, "passed", &pr->passed));
    TRY(read_int32(r, p, sub, "tolerance", 0, 255, &pr->tolerance));
    TRY(read_int32(r, p, sub, "max_error", 0, 255, &pr->max_error));
    TRY(read_int32(r, p, sub, "p999_error", -1, 255, &pr->p999_error));
    TRY(read_int(r, p, sub, "differing_pixels", 0, INT64_MAX, &pr->differing_pixels));
    TRY(read_int(r, p, sub, "first_failure", -1, INT64_MAX, &pr->first_failure));
    return VB_OK;
}

static int read_session(reader *r, json_t *root, vb_session *s) {
    char text[64];
    if (!json_is_object(root)) {
        vb_error_set("%s: %s is not an object (not a vizbench results document)", r->path,
                     r->base[0] ? r->base : "the top level");
        return -VB_ERR_USAGE;
    }
    TRY(read_string(r, root, "", "schema", text, sizeof text));
    if (strcmp(text, VB_RESULTS_SCHEMA) != 0) return bad(r, "is not " VB_RESULTS_SCHEMA);
    int64_t version;
    TRY(read_int(r, root, "", "schema_version", 0, INT32_MAX, &version));
    if (version != VB_RESULTS_VERSION) {
        vb_error_set("%s: schema_version %lld is not supported (this vizbench reads %d)", r->path,
                     (long long)version, VB_RESULTS_VERSION);
        return -VB_ERR_USAGE;
    }
    TRY(read_bool(r, root, "", "complete", &s->complete));
    TRY(read_string(r, root, "", "created", s->created, sizeof s->created));
    TRY(read_string(r, root, "", "command", s->command, sizeof s->command));
    TRY(read_context(r, root, s));
    TRY(read_options(r, root, &s->options));
    s->gpu_timers_used =
        json_is_true(json_object_get(json_object_get(root, "options"), "gpu_timers_used"));
    TRY(read_reference(r, root, &s->limits));
    json_t *strategies = member(r, root, "", "strategies");
    if (!json_is_array(strategies)) return bad(r, "is missing or not an array");
    if (json_array_size(strategies) > VB_SESSION_MAX_RUNS) return bad(r, "has too many entries");
    for (size_t i = 0; i < json_array_size(strategies); i++) {
        vb_strategy_run *run = &s->runs[s->run_count++];
        TRY(read_strategy(r, json_array_get(strategies, i), (int)i, run));
    }
    return VB_OK;
}

int vb_session_from_json(json_t *root, const char *path, const char *base, vb_session *s) {
    memset(s, 0, sizeof *s);
    reader r = {.path = path, .base = base};
    int status = read_session(&r, root, s);
    if (status != VB_OK) vb_session_free(s);
    return status;
}

int vb_results_json_read(const char *path, vb_session *s) {
    memset(s, 0, sizeof *s);
    json_t *root;
    int status = vb_json_file_read(path, &root);
    if (status != VB_OK) return status;
    status = vb_session_from_json(root, path, "", s);
    json_decref(root);
    return status;
}
