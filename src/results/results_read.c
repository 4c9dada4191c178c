/* Reading results back (results/results_json.h): every field checked through io/json_fields.h,
 * the first problem named with its file and field. */
#include "results/results_json.h"

#include "common/error.h"
#include "io/json_fields.h"
#include "io/json_file.h"
#include "measure/frame_store.h"
#include "results/figures_json.h"
#include "results/frame_fields.h"
#include "results/strategy_facts_json.h"
#include "transfer/frb_hop.h"
#include "transfer/strategy.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_context(vb_json_reader *r, json_t *root, vb_session *s) {
    json_t *context = vb_json_member(r, root, "", "context");
    if (!json_is_object(context)) return vb_json_bad(r, "is missing or not an object");
    json_t *v = vb_json_member(r, context, "context", "vizbench");
    vb_machine_info *m = &s->machine;
    VB_TRY(vb_json_string(r, v, "context.vizbench", "version", m->version, sizeof m->version));
    VB_TRY(vb_json_string(r, v, "context.vizbench", "revision", m->revision, sizeof m->revision));
    json_t *b = vb_json_member(r, context, "context", "build");
    VB_TRY(vb_json_string(r, b, "context.build", "compiler", m->compiler, sizeof m->compiler));
    VB_TRY(vb_json_string(r, b, "context.build", "type", m->build_type, sizeof m->build_type));
    VB_TRY(vb_json_string(r, b, "context.build", "flags", m->build_flags, sizeof m->build_flags));
    json_t *mm = vb_json_member(r, context, "context", "machine");
    VB_TRY(
        vb_json_string(r, mm, "context.machine", "cpu_model", m->cpu_model, sizeof m->cpu_model));
    VB_TRY(vb_json_int32(r, mm, "context.machine", "logical_cores", 1, 1 << 20, &m->logical_cores));
    VB_TRY(vb_json_int(r, mm, "context.machine", "memory_bytes", 0, INT64_MAX, &m->memory_bytes));
    VB_TRY(vb_json_string(r, mm, "context.machine", "kernel", m->kernel, sizeof m->kernel));
    json_t *g = vb_json_member(r, context, "context", "gl");
    VB_TRY(vb_json_bool(r, g, "context.gl", "available", &s->gl_available));
    if (s->gl_available) {
        vb_gl_info *gi = &s->gl;
        VB_TRY(vb_json_string(r, g, "context.gl", "vendor", gi->vendor, sizeof gi->vendor));
        VB_TRY(vb_json_string(r, g, "context.gl", "renderer", gi->renderer, sizeof gi->renderer));
        VB_TRY(vb_json_string(r, g, "context.gl", "version", gi->version, sizeof gi->version));
        VB_TRY(vb_json_bool(r, g, "context.gl", "software", &gi->software));
        /* what the run decided there (optional: results of older versions lack it) */
        json_t *serialized = json_object_get(g, "submissions_serialized");
        s->gl_serialized = json_is_true(serialized);
        const char *api = json_string_value(json_object_get(g, "api")); /* optional, as above */
        gi->es = api && strcmp(api, "gles") == 0;
    } else {
        VB_TRY(vb_json_string(r, g, "context.gl", "reason", s->gl_reason, sizeof s->gl_reason));
    }
    json_t *in = vb_json_member(r, context, "context", "input");
    vb_input_info *i = &s->input;
    VB_TRY(vb_json_string(r, in, "context.input", "name", i->name, sizeof i->name));
    VB_TRY(vb_json_string(r, in, "context.input", "sha256", i->sha256, sizeof i->sha256));
    VB_TRY(vb_json_int32(r, in, "context.input", "sample_rate", 1, 10000000, &i->sample_rate));
    VB_TRY(vb_json_int32(r, in, "context.input", "channels", 1, 1024, &i->channels));
    VB_TRY(vb_json_int(r, in, "context.input", "samples", 0, INT64_MAX, &i->samples));
    VB_TRY(vb_json_int(r, in, "context.input", "frames", 0, INT64_MAX, &i->frames));
    return VB_OK;
}

static int read_options(vb_json_reader *r, json_t *root, vb_run_options *o) {
    json_t *opt = vb_json_member(r, root, "", "options");
    if (!json_is_object(opt)) return vb_json_bad(r, "is missing or not an object");
    vb_run_options_defaults(o);
    char text[32];
    VB_TRY(vb_json_string(r, opt, "options", "view", text, sizeof text));
    if (vb_view_from_name(text, &o->view.view) != VB_OK)
        return vb_json_bad(r, "names no known view");
    VB_TRY(vb_json_int32(r, opt, "options", "width", VB_MIN_WIDTH, VB_MAX_WIDTH, &o->view.width));
    VB_TRY(
        vb_json_int32(r, opt, "options", "height", VB_MIN_HEIGHT, VB_MAX_HEIGHT, &o->view.height));
    VB_TRY(vb_json_int32(r, opt, "options", "fps", VB_MIN_FPS, VB_MAX_FPS, &o->view.fps));
    VB_TRY(vb_json_int32(r, opt, "options", "fft_size", 16, 1 << 20, &o->view.fft_size));
    VB_TRY(vb_json_int32(r, opt, "options", "bars", 1, VB_MAX_BARS, &o->view.bars));
    VB_TRY(vb_json_number(r, opt, "options", "window_ms", VB_MIN_WINDOW_MS, VB_MAX_WINDOW_MS,
                          &o->view.window_ms));
    VB_TRY(vb_json_number(r, opt, "options", "floor_db", VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB,
                          &o->view.floor_db));
    VB_TRY(vb_json_string(r, opt, "options", "pace", text, sizeof text));
    if (vb_pace_from_name("options.pace", text, &o->pace) != VB_OK)
        return vb_json_bad(r, "is neither realtime nor max");
    VB_TRY(vb_json_int(r, opt, "options", "frames", 1, INT64_MAX / 2, &o->frames));
    VB_TRY(vb_json_int(r, opt, "options", "warmup", 0, INT64_MAX / 2, &o->warmup));
    VB_TRY(vb_json_int32(r, opt, "options", "slots", 1, 1024, &o->slots));
    VB_TRY(vb_json_int(r, opt, "options", "verify_every", 0, INT64_MAX, &o->verify_every));
    /* Optional (some results of older versions lack them); compare warns when they differ. */
    o->pool = json_is_true(json_object_get(opt, "pool"));
    json_t *vsync = json_object_get(opt, "vsync_hz");
    if (vsync)
        VB_TRY(vb_json_int32(r, opt, "options", "vsync_hz", 0, VB_VSYNC_MAX_HZ, &o->vsync_hz));
    json_t *codec = json_object_get(opt, "frb_codec");
    if (codec) {
        const char *name;
        VB_TRY(vb_json_string_ref(r, opt, "options", "frb_codec", &name));
        if (vb_frb_codec_from_name("options.frb_codec", name, &o->frb_codec) != VB_OK)
            return vb_json_bad(r, "is neither sse nor dco");
    }
    json_t *where = json_object_get(opt, "producer_process");
    if (where) {
        const char *name;
        VB_TRY(vb_json_string_ref(r, opt, "options", "producer_process", &name));
        if (vb_producer_process_from_name("options.producer_process", name, &o->producer_process) !=
            VB_OK)
            return vb_json_bad(r, "is neither same nor separate");
    }
    json_t *gl_api = json_object_get(opt, "gl_api"); /* optional: auto before --gl-api */
    if (json_is_string(gl_api) && strcmp(json_string_value(gl_api), "auto") != 0 &&
        vb_gl_api_from_name("options.gl_api", json_string_value(gl_api), &o->gl_api) != VB_OK)
        return vb_json_bad(r, "is not auto, gl or gles");
    json_t *timers = vb_json_member(r, opt, "options", "gpu_timers");
    if (json_is_string(timers) &&
        vb_gpu_timers_from_name("options.gpu_timers", json_string_value(timers), &o->gpu_timers) !=
            VB_OK)
        return vb_json_bad(r, "is not auto, on or off");
    return VB_OK;
}

static int read_reference(vb_json_reader *r, json_t *root, vb_reference_limits *l) {
    json_t *ref = vb_json_member(r, root, "", "reference");
    if (!json_is_object(ref)) return vb_json_bad(r, "is missing or not an object");
    int64_t frame_bytes;
    VB_TRY(vb_json_int(r, ref, "reference", "frame_bytes", 1, INT64_MAX, &frame_bytes));
    l->frame_bytes = (size_t)frame_bytes;
    VB_TRY(vb_json_number(r, ref, "reference", "memcpy_gbps", 0, 1e6, &l->memcpy_gbps));
    VB_TRY(vb_json_number(r, ref, "reference", "memset_gbps", 0, 1e6, &l->memset_gbps));
    VB_TRY(vb_json_number(r, ref, "reference", "upload_gbps", 0, 1e6, &l->upload_gbps));
    VB_TRY(vb_json_number(r, ref, "reference", "upload_ms", 0, 1e9, &l->upload_ms));
    return VB_OK;
}

/* One figure's column. -1 means "did not happen"; nothing else below it, and nothing the field
 * cannot hold. A column always written must be there; the others read as -1 when absent (files
 * before work counts, runs without stages). */
static int read_column(vb_json_reader *r, json_t *frames, const char *prefix, vb_run_record *run,
                       const vb_figure *figure) {
    json_t *column = vb_json_member(r, frames, prefix, figure->name);
    const int optional =
        figure->presence == VB_FIGURE_WORK_COUNT || figure->presence == VB_FIGURE_STAGES;
    if (!column && optional) {
        for (int64_t n = 0; n < run->length; n++)
            vb_figure_store(&run->frames[n], figure, -1);
        return VB_OK;
    }
    if (!json_is_array(column)) return vb_json_bad(r, "is missing or not an array");
    if ((int64_t)json_array_size(column) != run->length)
        return vb_json_bad(r, "does not have 'count' entries");
    for (int64_t n = 0; n < run->length; n++) {
        json_t *value = json_array_get(column, (size_t)n);
        if (!json_is_integer(value)) return vb_json_bad(r, "holds a value that is not an integer");
        json_int_t v = json_integer_value(value);
        if (v < -1 || !vb_figure_store(&run->frames[n], figure, v))
            return vb_json_bad(r, "holds a value out of range");
    }
    return VB_OK;
}

static int read_frames(vb_json_reader *r, json_t *frames, const char *prefix, vb_run_record *run) {
    int64_t count;
    VB_TRY(vb_json_int(r, frames, prefix, "count", 0, (int64_t)1 << 32, &count));
    /* Allocate by what the document holds, not by what it claims: an absurd count with short
     * columns is refused here, before a huge allocation. */
    json_t *column = vb_json_member(r, frames, prefix, "sequence");
    if (!json_is_array(column)) return vb_json_bad(r, "is missing or not an array");
    if ((int64_t)json_array_size(column) != count)
        return vb_json_bad(r, "does not have 'count' entries");
    run->length = count;
    run->frames = vb_frame_store_alloc(count);
    if (!run->frames) {
        vb_error_set("%s: out of memory for %lld frames", r->path, (long long)count);
        return -VB_ERR_FAILURE;
    }
    for (int64_t n = 0; n < count; n++)
        for (int i = 0; i < VB_FRAME_STRATEGY_FIGURES; i++)
            run->frames[n].strategy_figures[i] = -1;
#define VB_READ_HEX_COLUMN(field)                                                                  \
    column = vb_json_member(r, frames, prefix, #field);                                            \
    if (!json_is_array(column)) return vb_json_bad(r, "is missing or not an array");               \
    if ((int64_t)json_array_size(column) != count)                                                 \
        return vb_json_bad(r, "does not have 'count' entries");                                    \
    for (int64_t n = 0; n < count; n++) {                                                          \
        const char *text = json_string_value(json_array_get(column, (size_t)n));                   \
        char *end = NULL;                                                                          \
        if (!text || strlen(text) != 16)                                                           \
            return vb_json_bad(r, "holds a value that is not 16 hex digits");                      \
        run->frames[n].field = strtoull(text, &end, 16);                                           \
        if (*end) return vb_json_bad(r, "holds a value that is not 16 hex digits");                \
    }
    for (int i = 0; i < vb_core_figure_count; i++)
        VB_TRY(read_column(r, frames, prefix, run, &vb_core_figures[i]));
    for (int i = 0; i < run->figure_count; i++)
        VB_TRY(read_column(r, frames, prefix, run, run->figures[i]));
    VB_FRAME_CHECKSUM_FIELDS(VB_READ_HEX_COLUMN)
    return VB_OK;
}

/* The run's GL API and version; optional: files made before runs recorded them have none. */
static int read_run_gl(vb_json_reader *r, json_t *item, const char *prefix, vb_run_record *run) {
    run->gl_es = -1;
    json_t *gl = vb_json_member(r, item, prefix, "gl");
    if (!gl) return VB_OK;
    char sub[96], api[8];
    snprintf(sub, sizeof sub, "%s.gl", prefix);
    VB_TRY(vb_json_string(r, gl, sub, "api", api, sizeof api));
    if (strcmp(api, "gl") != 0 && strcmp(api, "gles") != 0)
        return vb_json_bad(r, "is neither gl nor gles");
    run->gl_es = strcmp(api, "gles") == 0;
    return vb_json_string(r, gl, sub, "version", run->gl_version, sizeof run->gl_version);
}

static int read_strategy(vb_json_reader *r, json_t *item, int index, vb_run_record *run) {
    char prefix[64], text[64];
    snprintf(prefix, sizeof prefix, "strategies[%d]", index);
    if (!json_is_object(item)) {
        snprintf(r->field, sizeof r->field, "%s", prefix);
        return vb_json_bad(r, "is not an object");
    }
    const char *name, *summary = NULL;
    VB_TRY(vb_json_string_ref(r, item, prefix, "name", &name));
    if (!name[0]) return vb_json_bad(r, "is empty");
    json_t *description = vb_json_member(r, item, prefix, "description");
    if (description) VB_TRY(vb_json_string_ref(r, item, prefix, "description", &summary));
    json_t *facts = vb_json_member(r, item, prefix, "facts");
    if (facts && !json_is_object(facts)) return vb_json_bad(r, "is not an object");
    char facts_at[96];
    snprintf(facts_at, sizeof facts_at, "%s.facts", prefix);
    VB_TRY(vb_strategy_facts_read(r, facts, facts_at, name, summary, &run->strategy));
    char figures_at[96];
    snprintf(figures_at, sizeof figures_at, "%s.figures", prefix);
    VB_TRY(vb_figures_read(r, json_object_get(item, "figures"), figures_at, run));
    VB_TRY(vb_json_string(r, item, prefix, "status", text, sizeof text));
    int found = 0;
    for (int s = VB_STRATEGY_OK; s <= VB_STRATEGY_NOT_RUN; s++)
        if (strcmp(text, vb_strategy_status_name((vb_strategy_status)s)) == 0) {
            run->status = (vb_strategy_status)s;
            found = 1;
        }
    if (!found) return vb_json_bad(r, "is not a known status");
    if (json_is_string(json_object_get(item, "reason"))) /* null: none */
        VB_TRY(vb_json_string(r, item, prefix, "reason", run->reason, sizeof run->reason));
    if (json_is_string(json_object_get(item, "detail")))
        VB_TRY(vb_json_string(r, item, prefix, "detail", run->detail, sizeof run->detail));
    VB_TRY(read_run_gl(r, item, prefix, run));
    run->memory = VB_MEMORY_UNKNOWN;
    json_t *memory = vb_json_member(r, item, prefix, "memory");
    if (memory) { /* optional: files before memory was measured have none */
        char sub[96];
        snprintf(sub, sizeof sub, "%s.memory", prefix);
        vb_memory_use *m = &run->memory;
        VB_TRY(vb_json_int(r, memory, sub, "peak_bytes", 0, INT64_MAX, &m->peak_bytes));
        VB_TRY(vb_json_int(r, memory, sub, "start_bytes", -1, INT64_MAX, &m->start_bytes));
        VB_TRY(vb_json_int(r, memory, sub, "end_bytes", -1, INT64_MAX, &m->end_bytes));
        VB_TRY(vb_json_bool(r, memory, sub, "peak_is_own", &m->peak_is_own));
        if (json_object_get(memory, "producer_process_peak_bytes"))
            VB_TRY(vb_json_int(r, memory, sub, "producer_process_peak_bytes", 0, INT64_MAX,
                               &m->producer_process_peak_bytes));
    }
    json_t *vsync = vb_json_member(r, item, prefix, "vsync");
    if (vsync) { /* optional: runs on a display clock */
        char sub[96];
        snprintf(sub, sizeof sub, "%s.vsync", prefix);
        VB_TRY(
            vb_json_int32(r, vsync, sub, "hz", VB_VSYNC_MIN_HZ, VB_VSYNC_MAX_HZ, &run->vsync.hz));
        VB_TRY(vb_json_int(r, vsync, sub, "ticks", 0, INT64_MAX, &run->vsync.ticks));
        VB_TRY(vb_json_int(r, vsync, sub, "latched", 0, INT64_MAX, &run->vsync.latched));
        VB_TRY(vb_json_int(r, vsync, sub, "repeated", 0, INT64_MAX, &run->vsync.repeated));
        VB_TRY(vb_json_int(r, vsync, sub, "skipped", 0, INT64_MAX, &run->vsync.skipped));
        run->vsync.period_ns = 1000000000LL / run->vsync.hz;
    }
    json_t *frames = vb_json_member(r, item, prefix, "frames");
    if (!frames) return VB_OK; /* unavailable or not run: nothing was measured */
    char sub[96];
    snprintf(sub, sizeof sub, "%s.frames", prefix);
    VB_TRY(read_frames(r, frames, sub, run));
    VB_TRY(vb_json_int(r, item, prefix, "produced", 0, run->length, &run->produced));
    VB_TRY(
        vb_json_int(r, item, prefix, "process_cpu_ns", INT64_MIN, INT64_MAX, &run->process_cpu_ns));
    VB_TRY(vb_json_int(r, item, prefix, "measured_wall_ns", INT64_MIN, INT64_MAX,
                       &run->measured_wall_ns));
    snprintf(sub, sizeof sub, "%s.picture", prefix);
    json_t *p = vb_json_member(r, item, prefix, "picture");
    vb_picture_result *pr = &run->picture;
    VB_TRY(vb_json_int(r, p, sub, "checked", 0, INT64_MAX, &pr->checked));
    VB_TRY(vb_json_bool(r, p, sub, "exact", &pr->exact));
    VB_TRY(vb_json_bool(r, p, sub, "passed", &pr->passed));
    VB_TRY(vb_json_int32(r, p, sub, "tolerance", 0, 255, &pr->tolerance));
    VB_TRY(vb_json_int32(r, p, sub, "max_error", 0, 255, &pr->max_error));
    VB_TRY(vb_json_int32(r, p, sub, "p999_error", -1, 255, &pr->p999_error));
    VB_TRY(vb_json_int(r, p, sub, "differing_pixels", 0, INT64_MAX, &pr->differing_pixels));
    VB_TRY(vb_json_int(r, p, sub, "first_failure", -1, INT64_MAX, &pr->first_failure));
    return VB_OK;
}

static int read_session(vb_json_reader *r, json_t *root, vb_session *s) {
    char text[64];
    if (!json_is_object(root)) {
        vb_error_set("%s: %s is not an object (not a vizbench results document)", r->path,
                     r->base[0] ? r->base : "the top level");
        return -VB_ERR_USAGE;
    }
    VB_TRY(vb_json_string(r, root, "", "schema", text, sizeof text));
    if (strcmp(text, VB_RESULTS_SCHEMA) != 0) return vb_json_bad(r, "is not " VB_RESULTS_SCHEMA);
    int64_t version;
    VB_TRY(vb_json_int(r, root, "", "schema_version", 0, INT32_MAX, &version));
    if (version != VB_RESULTS_VERSION) {
        vb_error_set("%s: schema_version %lld is not supported (this vizbench reads %d)", r->path,
                     (long long)version, VB_RESULTS_VERSION);
        return -VB_ERR_USAGE;
    }
    VB_TRY(vb_json_bool(r, root, "", "complete", &s->complete));
    VB_TRY(vb_json_string(r, root, "", "created", s->created, sizeof s->created));
    VB_TRY(vb_json_string(r, root, "", "command", s->command, sizeof s->command));
    VB_TRY(read_context(r, root, s));
    VB_TRY(read_options(r, root, &s->options));
    s->gpu_timers_used =
        json_is_true(json_object_get(json_object_get(root, "options"), "gpu_timers_used"));
    VB_TRY(read_reference(r, root, &s->limits));
    s->setup_peak_bytes = s->peak_bytes = -1;
    json_t *memory = json_object_get(json_object_get(root, "reference"), "memory");
    if (memory) { /* optional, as the runs' */
        VB_TRY(
            vb_json_int(r, memory, "reference.memory", "peak_bytes", 0, INT64_MAX, &s->peak_bytes));
        VB_TRY(vb_json_int(r, memory, "reference.memory", "setup_peak_bytes", 0, INT64_MAX,
                           &s->setup_peak_bytes));
    }
    json_t *strategies = vb_json_member(r, root, "", "strategies");
    if (!json_is_array(strategies)) return vb_json_bad(r, "is missing or not an array");
    if (json_array_size(strategies) > VB_SESSION_MAX_RUNS)
        return vb_json_bad(r, "has too many entries");
    for (size_t i = 0; i < json_array_size(strategies); i++) {
        vb_run_record *run = &s->runs[s->run_count++];
        VB_TRY(read_strategy(r, json_array_get(strategies, i), (int)i, run));
    }
    return VB_OK;
}

int vb_session_from_json(json_t *root, const char *path, const char *base, vb_session *s) {
    memset(s, 0, sizeof *s);
    vb_json_reader r;
    vb_json_reader_init(&r, path, base);
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
