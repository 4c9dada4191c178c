#include "results/sweep_json.h"

#include "common/error.h"
#include "io/json_fields.h"
#include "io/json_file.h"
#include "transfer/frame_ring.h"
#include "results/results_json.h"
#include "results/strategy_facts_json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *grid_json(const vb_sweep_grid *g) {
    json_t *sizes = json_array(), *fps = json_array(), *views = json_array(),
           *strategies = json_array();
    char text[32];
    for (int i = 0; i < g->size_count; i++) {
        snprintf(text, sizeof text, "%dx%d", g->widths[i], g->heights[i]);
        json_array_append_new(sizes, json_string(text));
    }
    for (int i = 0; i < g->fps_count; i++)
        json_array_append_new(fps, json_integer(g->fps[i]));
    for (int i = 0; i < g->view_count; i++)
        json_array_append_new(views, json_string(vb_view_name(g->views[i])));
    json_t *facts = json_object(); /* each strategy's once, by name */
    for (int i = 0; i < g->strategy_count; i++) {
        json_array_append_new(strategies, json_string(g->strategies[i]->name));
        json_t *f = vb_strategy_facts_to_json(g->strategies[i]);
        if (f) json_object_set_new(f, "description", json_string(g->strategies[i]->summary));
        json_object_set_new(facts, g->strategies[i]->name, f);
    }
    const vb_run_options *o = &g->base;
    json_t *out = json_pack(
        "{s:o, s:o, s:o, s:o, s:f, s:f, s:s, s:i, s:b, s:I, s:i, s:s, s:i, s:i, "
        "s:f, s:f, s:s}",
        "sizes", sizes, "fps", fps, "views", views, "strategies", strategies, "seconds", g->seconds,
        "warmup_seconds", g->warmup_seconds, "pace", vb_pace_name(o->pace), "slots", o->slots,
        "pool", o->pool, "verify_every", (json_int_t)o->verify_every, "picture_tolerance",
        o->picture_tolerance, "gpu_timers", vb_gpu_timers_name(o->gpu_timers), "fft_size",
        o->view.fft_size, "bars", o->view.bars, "window_ms", o->view.window_ms, "floor_db",
        o->view.floor_db, "freq_scale", vb_freq_scale_name(o->view.freq_scale));
    json_object_set_new(out, "gl_api", json_string(vb_gl_api_name(o->gl_api)));
    json_object_set_new(out, "strategy_facts", facts);
    return out;
}

int vb_sweep_json_write(const vb_sweep *sweep, const char *path) {
    vb_frames_splice splice = {0};
    json_t *sessions = json_array();
    for (int i = 0; i < sweep->count; i++)
        json_array_append_new(sessions, sweep->sessions[i]
                                            ? vb_session_json(sweep->sessions[i], &splice)
                                            : json_null());
    const vb_input_info *in = &sweep->input;
    json_t *root = json_pack(
        "{s:s, s:i, s:b, s:s, s:s, s:o, s:{s:s, s:s, s:i, s:i, s:I}, s:i, s:i, s:o}", "schema",
        VB_SWEEP_SCHEMA, "schema_version", VB_SWEEP_VERSION, "complete", vb_sweep_complete(sweep),
        "created", sweep->created, "command", sweep->command, "grid", grid_json(&sweep->grid),
        "input", "name", in->name, "sha256", in->sha256, "sample_rate", in->sample_rate, "channels",
        in->channels, "samples", (json_int_t)in->samples, "combinations", sweep->count, "measured",
        vb_sweep_measured_count(sweep), "sessions", sessions);
    int status = VB_OK;
    if (!root) {
        vb_error_set("%s: cannot build the sweep results (out of memory)", path);
        status = -VB_ERR_FAILURE;
    } else {
        status = vb_results_file_write(root, &splice, path);
    }
    json_decref(root);
    vb_frames_splice_free(&splice);
    return status;
}

/* ---- reading ----------------------------------------------------------------------------- */

/* grid.gl_api: optional, as sweeps before --gl-api ran each strategy's own (auto). */
static int read_grid_gl_api(vb_json_reader *r, json_t *root, vb_sweep_grid *g) {
    const char *text = json_string_value(json_object_get(json_object_get(root, "grid"), "gl_api"));
    if (text && strcmp(text, "auto") != 0 &&
        vb_gl_api_from_name("grid.gl_api", text, &g->base.gl_api) != VB_OK)
        return vb_json_bad_field(r, "grid.gl_api", "is not auto, gl or gles");
    return VB_OK;
}

static int read_grid(vb_json_reader *r, json_t *root, vb_sweep_grid *g) {
    json_t *grid;
    VB_TRY(vb_json_object(r, root, "", "grid", &grid));
    memset(g, 0, sizeof *g);
    vb_run_options_defaults(&g->base);
    json_t *list;
    char field[64];
    VB_TRY(vb_json_array(r, grid, "grid", "sizes", 1, VB_SWEEP_MAX_SIZES, &list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *text = json_string_value(json_array_get(list, i));
        int w, h, used = 0;
        snprintf(field, sizeof field, "grid.sizes[%zu]", i);
        if (!text || sscanf(text, "%dx%d%n", &w, &h, &used) != 2 || text[used] ||
            w < VB_MIN_WIDTH || w > VB_MAX_WIDTH || h < VB_MIN_HEIGHT || h > VB_MAX_HEIGHT)
            return vb_json_bad_field(r, field, "is not a size WIDTHxHEIGHT within the limits");
        g->widths[g->size_count] = w;
        g->heights[g->size_count++] = h;
    }
    VB_TRY(vb_json_array(r, grid, "grid", "fps", 1, VB_SWEEP_MAX_FPS, &list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *value = json_array_get(list, i);
        snprintf(field, sizeof field, "grid.fps[%zu]", i);
        if (!json_is_integer(value) || json_integer_value(value) < VB_MIN_FPS ||
            json_integer_value(value) > VB_MAX_FPS)
            return vb_json_bad_field(r, field, "is not a frame rate within the limits");
        g->fps[g->fps_count++] = (int)json_integer_value(value);
    }
    VB_TRY(vb_json_array(r, grid, "grid", "views", 1, VB_VIEW_COUNT, &list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *text = json_string_value(json_array_get(list, i));
        snprintf(field, sizeof field, "grid.views[%zu]", i);
        if (!text || vb_view_from_name(text, &g->views[g->view_count]) != VB_OK)
            return vb_json_bad_field(r, field, "names no known view");
        g->view_count++;
    }
    VB_TRY(vb_json_array(r, grid, "grid", "strategies", 1, VB_SESSION_MAX_RUNS, &list));
    /* optional: files before facts were recorded have none */
    json_t *all_facts = json_object_get(grid, "strategy_facts");
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *text = json_string_value(json_array_get(list, i));
        snprintf(field, sizeof field, "grid.strategies[%zu]", i);
        if (!text || !text[0]) return vb_json_bad_field(r, field, "is not a strategy's name");
        json_t *facts = json_object_get(all_facts, text);
        if (facts && !json_is_object(facts)) return vb_json_bad_field(r, field, "has bad facts");
        char at[128];
        snprintf(at, sizeof at, "grid.strategy_facts.%.80s", text);
        const char *summary = json_string_value(json_object_get(facts, "description"));
        VB_TRY(vb_strategy_facts_read(r, facts, at, text, summary,
                                      &g->strategies[g->strategy_count++]));
    }
    VB_TRY(vb_json_number(r, grid, "grid", "seconds", 0.001, 86400, &g->seconds));
    VB_TRY(vb_json_number(r, grid, "grid", "warmup_seconds", 0, 86400, &g->warmup_seconds));
    const char *text;
    VB_TRY(vb_json_string_ref(r, grid, "grid", "pace", &text));
    if (vb_pace_from_name("grid.pace", text, &g->base.pace) != VB_OK)
        return vb_json_bad_field(r, "grid.pace", "is neither realtime nor max");
    double value;
    VB_TRY(vb_json_number(r, grid, "grid", "slots", 3, VB_RING_MAX_SLOTS, &value));
    g->base.slots = (int)value;
    VB_TRY(vb_json_bool(r, grid, "grid", "pool", &g->base.pool));
    VB_TRY(vb_json_number(r, grid, "grid", "verify_every", 0, 1e9, &value));
    g->base.verify_every = (int64_t)value;
    VB_TRY(vb_json_number(r, grid, "grid", "picture_tolerance", 0, 255, &value));
    g->base.picture_tolerance = (int)value;
    VB_TRY(vb_json_string_ref(r, grid, "grid", "gpu_timers", &text));
    if (vb_gpu_timers_from_name("grid.gpu_timers", text, &g->base.gpu_timers) != VB_OK)
        return vb_json_bad_field(r, "grid.gpu_timers", "is not auto, on or off");
    VB_TRY(vb_json_number(r, grid, "grid", "fft_size", 16, 1 << 20, &value));
    g->base.view.fft_size = (int)value;
    VB_TRY(vb_json_number(r, grid, "grid", "bars", 1, VB_MAX_BARS, &value));
    g->base.view.bars = (int)value;
    VB_TRY(vb_json_number(r, grid, "grid", "window_ms", VB_MIN_WINDOW_MS, VB_MAX_WINDOW_MS,
                          &g->base.view.window_ms));
    VB_TRY(vb_json_number(r, grid, "grid", "floor_db", VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB,
                          &g->base.view.floor_db));
    VB_TRY(vb_json_string_ref(r, grid, "grid", "freq_scale", &text));
    if (vb_freq_scale_from_name("grid.freq_scale", text, &g->base.view.freq_scale) != VB_OK)
        return vb_json_bad_field(r, "grid.freq_scale", "is neither log nor linear");
    return VB_OK;
}

static int read_input(vb_json_reader *r, json_t *root, vb_input_info *in) {
    json_t *input;
    VB_TRY(vb_json_object(r, root, "", "input", &input));
    VB_TRY(vb_json_string(r, input, "input", "name", in->name, sizeof in->name));
    VB_TRY(vb_json_string(r, input, "input", "sha256", in->sha256, sizeof in->sha256));
    VB_TRY(vb_json_int32(r, input, "input", "sample_rate", 1, 10000000, &in->sample_rate));
    VB_TRY(vb_json_int32(r, input, "input", "channels", 1, 1024, &in->channels));
    VB_TRY(vb_json_int(r, input, "input", "samples", 0, INT64_MAX, &in->samples));
    return VB_OK;
}

/* A session read back must be the combination its place in the list says. */
static int check_combination(vb_json_reader *r, const vb_sweep *sweep, int index) {
    vb_run_options expected;
    vb_sweep_combination_options(&sweep->grid, index, &expected);
    const vb_run_options *got = &sweep->sessions[index]->options;
    if (got->view.view != expected.view.view || got->view.width != expected.view.width ||
        got->view.height != expected.view.height || got->view.fps != expected.view.fps ||
        got->pace != expected.pace) {
        char field[64];
        snprintf(field, sizeof field, "sessions[%d].options", index);
        return vb_json_bad_field(r, field, "do not match the grid's combination at that place");
    }
    return VB_OK;
}

static int read_sweep(vb_json_reader *r, json_t *root, vb_sweep *sweep) {
    vb_sweep_grid grid;
    VB_TRY(read_grid(r, root, &grid));
    VB_TRY(read_grid_gl_api(r, root, &grid));
    VB_TRY(vb_sweep_init(sweep, &grid));
    VB_TRY(read_input(r, root, &sweep->input));
    VB_TRY(vb_json_string(r, root, "", "created", sweep->created, sizeof sweep->created));
    VB_TRY(vb_json_string(r, root, "", "command", sweep->command, sizeof sweep->command));
    json_t *sessions;
    VB_TRY(vb_json_array(r, root, "", "sessions", 0, SIZE_MAX, &sessions));
    if ((int)json_array_size(sessions) != sweep->count)
        return vb_json_bad(r, "does not hold one entry per combination of the grid");
    for (int i = 0; i < sweep->count; i++) {
        json_t *item = json_array_get(sessions, (size_t)i);
        if (json_is_null(item)) continue;
        vb_session *s = malloc(sizeof *s);
        if (!s) {
            vb_error_set("%s: out of memory", r->path);
            return -VB_ERR_FAILURE;
        }
        char base[32];
        snprintf(base, sizeof base, "sessions[%d]", i);
        int status = vb_session_from_json(item, r->path, base, s);
        if (status != VB_OK) {
            free(s);
            return status;
        }
        sweep->sessions[i] = s;
        VB_TRY(check_combination(r, sweep, i));
    }
    return VB_OK;
}

/* A single run as a sweep of one combination. */
static int sweep_of_session(const char *path, json_t *root, vb_sweep *sweep) {
    vb_session *s = malloc(sizeof *s);
    if (!s) {
        vb_error_set("%s: out of memory", path);
        return -VB_ERR_FAILURE;
    }
    int status = vb_session_from_json(root, path, "", s);
    if (status != VB_OK) {
        free(s);
        return status;
    }
    vb_sweep_grid grid;
    memset(&grid, 0, sizeof grid);
    grid.base = s->options;
    grid.size_count = grid.fps_count = grid.view_count = 1;
    grid.widths[0] = s->options.view.width;
    grid.heights[0] = s->options.view.height;
    grid.fps[0] = s->options.view.fps;
    grid.views[0] = s->options.view.view;
    for (int i = 0; i < s->run_count; i++)
        grid.strategies[grid.strategy_count++] = s->runs[i].strategy;
    grid.seconds = (double)s->options.frames / s->options.view.fps;
    grid.warmup_seconds = (double)s->options.warmup / s->options.view.fps;
    status = vb_sweep_init(sweep, &grid);
    if (status != VB_OK) {
        vb_session_free(s);
        free(s);
        return status;
    }
    sweep->sessions[0] = s;
    sweep->input = s->input;
    snprintf(sweep->created, sizeof sweep->created, "%s", s->created);
    snprintf(sweep->command, sizeof sweep->command, "%s", s->command);
    return VB_OK;
}

static int read_document(const char *path, vb_sweep *sweep, int accept_runs) {
    memset(sweep, 0, sizeof *sweep);
    json_t *root;
    VB_TRY(vb_json_file_read(path, &root));
    vb_json_reader reader;
    vb_json_reader_init(&reader, path, "");
    const char *schema = json_string_value(json_object_get(root, "schema"));
    json_t *version = json_object_get(root, "schema_version");
    int status;
    if (!json_is_object(root)) {
        vb_error_set("%s: the top level is not an object (not a vizbench results file)", path);
        status = -VB_ERR_USAGE;
    } else if (accept_runs && schema && strcmp(schema, VB_RESULTS_SCHEMA) == 0) {
        status = sweep_of_session(path, root, sweep);
    } else if (!schema || strcmp(schema, VB_SWEEP_SCHEMA) != 0) {
        status =
            vb_json_bad_field(&reader, "schema",
                              accept_runs ? "is neither " VB_SWEEP_SCHEMA " nor " VB_RESULTS_SCHEMA
                                          : "is not " VB_SWEEP_SCHEMA);
    } else if (!json_is_integer(version) || json_integer_value(version) != VB_SWEEP_VERSION) {
        vb_error_set("%s: schema_version is not %d (the only one this vizbench reads)", path,
                     VB_SWEEP_VERSION);
        status = -VB_ERR_USAGE;
    } else {
        status = read_sweep(&reader, root, sweep);
    }
    json_decref(root);
    if (status != VB_OK) vb_sweep_free(sweep);
    return status;
}

int vb_sweep_json_read(const char *path, vb_sweep *sweep) {
    return read_document(path, sweep, 0);
}

int vb_results_read_any(const char *path, vb_sweep *sweep) {
    return read_document(path, sweep, 1);
}
