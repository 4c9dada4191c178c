#include "report/sweep_json.h"

#include "common/error.h"
#include "io/json_file.h"
#include "transfer/frame_ring.h"
#include "report/results_json.h"

#include <math.h>
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
    for (int i = 0; i < g->strategy_count; i++)
        json_array_append_new(strategies, json_string(g->strategies[i]->name));
    const vb_run_options *o = &g->base;
    return json_pack("{s:o, s:o, s:o, s:o, s:f, s:f, s:s, s:i, s:b, s:I, s:i, s:s, s:i, s:i, "
                     "s:f, s:f, s:s}",
                     "sizes", sizes, "fps", fps, "views", views, "strategies", strategies,
                     "seconds", g->seconds, "warmup_seconds", g->warmup_seconds, "pace",
                     vb_pace_name(o->pace), "slots", o->slots, "pool", o->pool, "verify_every",
                     (json_int_t)o->verify_every, "picture_tolerance", o->picture_tolerance,
                     "gpu_timers", vb_gpu_timers_name(o->gpu_timers), "fft_size", o->view.fft_size,
                     "bars", o->view.bars, "window_ms", o->view.window_ms, "floor_db",
                     o->view.floor_db, "freq_scale", vb_freq_scale_name(o->view.freq_scale));
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

static int bad(const char *path, const char *field, const char *what) {
    vb_error_set("%s: field '%s' %s", path, field, what);
    return -VB_ERR_USAGE;
}

#define TRY(call)                                                                                  \
    do {                                                                                           \
        int try_status = (call);                                                                   \
        if (try_status != VB_OK) return try_status;                                                \
    } while (0)

static int get_array(const char *path, json_t *object, const char *name, size_t max, json_t **out) {
    *out = json_object_get(object, name);
    char field[64];
    snprintf(field, sizeof field, "grid.%s", name);
    if (!json_is_array(*out)) return bad(path, field, "is missing or not an array");
    if (json_array_size(*out) == 0 || json_array_size(*out) > max)
        return bad(path, field, "has no entries or too many");
    return VB_OK;
}

static int get_number(const char *path, json_t *object, const char *name, double min, double max,
                      double *out) {
    json_t *value = json_object_get(object, name);
    char field[64];
    snprintf(field, sizeof field, "grid.%s", name);
    if (!json_is_number(value)) return bad(path, field, "is missing or not a number");
    *out = json_number_value(value);
    if (!(*out >= min && *out <= max)) return bad(path, field, "is out of range");
    return VB_OK;
}

static int get_string(const char *path, json_t *object, const char *name, const char **out) {
    *out = json_string_value(json_object_get(object, name));
    char field[64];
    snprintf(field, sizeof field, "grid.%s", name);
    return *out ? VB_OK : bad(path, field, "is missing or not a string");
}

static int read_grid(const char *path, json_t *root, vb_sweep_grid *g) {
    json_t *grid = json_object_get(root, "grid");
    if (!json_is_object(grid)) return bad(path, "grid", "is missing or not an object");
    memset(g, 0, sizeof *g);
    vb_run_options_defaults(&g->base);
    json_t *list;
    char field[64];
    TRY(get_array(path, grid, "sizes", VB_SWEEP_MAX_SIZES, &list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *text = json_string_value(json_array_get(list, i));
        int w, h, used = 0;
        snprintf(field, sizeof field, "grid.sizes[%zu]", i);
        if (!text || sscanf(text, "%dx%d%n", &w, &h, &used) != 2 || text[used] ||
            w < VB_MIN_WIDTH || w > VB_MAX_WIDTH || h < VB_MIN_HEIGHT || h > VB_MAX_HEIGHT)
            return bad(path, field, "is not a size WIDTHxHEIGHT within the limits");
        g->widths[g->size_count] = w;
        g->heights[g->size_count++] = h;
    }
    TRY(get_array(path, grid, "fps", VB_SWEEP_MAX_FPS, &list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *value = json_array_get(list, i);
        snprintf(field, sizeof field, "grid.fps[%zu]", i);
        if (!json_is_integer(value) || json_integer_value(value) < VB_MIN_FPS ||
            json_integer_value(value) > VB_MAX_FPS)
            return bad(path, field, "is not a frame rate within the limits");
        g->fps[g->fps_count++] = (int)json_integer_value(value);
    }
    TRY(get_array(path, grid, "views", VB_VIEW_COUNT, &list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *text = json_string_value(json_array_get(list, i));
        snprintf(field, sizeof field, "grid.views[%zu]", i);
        if (!text || vb_view_from_name(text, &g->views[g->view_count]) != VB_OK)
            return bad(path, field, "names no known view");
        g->view_count++;
    }
    TRY(get_array(path, grid, "strategies", VB_SESSION_MAX_RUNS, &list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *text = json_string_value(json_array_get(list, i));
        snprintf(field, sizeof field, "grid.strategies[%zu]", i);
        const vb_strategy_ops *ops = text ? vb_strategy_find(text) : NULL;
        if (!ops) return bad(path, field, "names no known strategy");
        g->strategies[g->strategy_count++] = ops;
    }
    TRY(get_number(path, grid, "seconds", 0.001, 86400, &g->seconds));
    TRY(get_number(path, grid, "warmup_seconds", 0, 86400, &g->warmup_seconds));
    const char *text;
    TRY(get_string(path, grid, "pace", &text));
    if (vb_pace_from_name("grid.pace", text, &g->base.pace) != VB_OK)
        return bad(path, "grid.pace", "is neither realtime nor max");
    double value;
    TRY(get_number(path, grid, "slots", 3, VB_RING_MAX_SLOTS, &value));
    g->base.slots = (int)value;
    json_t *pool = json_object_get(grid, "pool");
    if (!json_is_boolean(pool)) return bad(path, "grid.pool", "is missing or not true or false");
    g->base.pool = json_is_true(pool);
    TRY(get_number(path, grid, "verify_every", 0, 1e9, &value));
    g->base.verify_every = (int64_t)value;
    TRY(get_number(path, grid, "picture_tolerance", 0, 255, &value));
    g->base.picture_tolerance = (int)value;
    TRY(get_string(path, grid, "gpu_timers", &text));
    if (vb_gpu_timers_from_name("grid.gpu_timers", text, &g->base.gpu_timers) != VB_OK)
        return bad(path, "grid.gpu_timers", "is not auto, on or off");
    TRY(get_number(path, grid, "fft_size", 16, 1 << 20, &value));
    g->base.view.fft_size = (int)value;
    TRY(get_number(path, grid, "bars", 1, VB_MAX_BARS, &value));
    g->base.view.bars = (int)value;
    TRY(get_number(path, grid, "window_ms", VB_MIN_WINDOW_MS, VB_MAX_WINDOW_MS,
                   &g->base.view.window_ms));
    TRY(get_number(path, grid, "floor_db", VB_MIN_FLOOR_DB, VB_MAX_FLOOR_DB,
                   &g->base.view.floor_db));
    TRY(get_string(path, grid, "freq_scale", &text));
    if (vb_freq_scale_from_name("grid.freq_scale", text, &g->base.view.freq_scale) != VB_OK)
        return bad(path, "grid.freq_scale", "is neither log nor linear");
    return VB_OK;
}

static int read_input(const char *path, json_t *root, vb_input_info *in) {
    json_t *input = json_object_get(root, "input");
    const char *name = json_string_value(json_object_get(input, "name"));
    const char *sha = json_string_value(json_object_get(input, "sha256"));
    json_t *rate = json_object_get(input, "sample_rate");
    json_t *channels = json_object_get(input, "channels");
    json_t *samples = json_object_get(input, "samples");
    if (!name || !sha || !json_is_integer(rate) || !json_is_integer(channels) ||
        !json_is_integer(samples))
        return bad(path, "input",
                   "is missing or lacks name, sha256, sample_rate, channels or "
                   "samples");
    snprintf(in->name, sizeof in->name, "%s", name);
    snprintf(in->sha256, sizeof in->sha256, "%s", sha);
    in->sample_rate = (int)json_integer_value(rate);
    in->channels = (int)json_integer_value(channels);
    in->samples = json_integer_value(samples);
    return VB_OK;
}

/* A session read back must be the combination its place in the list says. */
static int check_combination(const char *path, const vb_sweep *sweep, int index) {
    vb_run_options expected;
    vb_sweep_combination_options(&sweep->grid, index, &expected);
    const vb_run_options *got = &sweep->sessions[index]->options;
    if (got->view.view != expected.view.view || got->view.width != expected.view.width ||
        got->view.height != expected.view.height || got->view.fps != expected.view.fps ||
        got->pace != expected.pace) {
        char field[64];
        snprintf(field, sizeof field, "sessions[%d].options", index);
        return bad(path, field, "do not match the grid's combination at that place");
    }
    return VB_OK;
}

static int read_sweep(const char *path, json_t *root, vb_sweep *sweep) {
    vb_sweep_grid grid;
    TRY(read_grid(path, root, &grid));
    TRY(vb_sweep_init(sweep, &grid));
    TRY(read_input(path, root, &sweep->input));
    const char *created = json_string_value(json_object_get(root, "created"));
    const char *command = json_string_value(json_object_get(root, "command"));
    if (!created) return bad(path, "created", "is missing or not a string");
    if (!command) return bad(path, "command", "is missing or not a string");
    snprintf(sweep->created, sizeof sweep->created, "%s", created);
    snprintf(sweep->command, sizeof sweep->command, "%s", command);
    json_t *sessions = json_object_get(root, "sessions");
    if (!json_is_array(sessions)) return bad(path, "sessions", "is missing or not an array");
    if ((int)json_array_size(sessions) != sweep->count)
        return bad(path, "sessions", "does not hold one entry per combination of the grid");
    for (int i = 0; i < sweep->count; i++) {
        json_t *item = json_array_get(sessions, (size_t)i);
        if (json_is_null(item)) continue;
        vb_session *s = malloc(sizeof *s);
        if (!s) {
            vb_error_set("%s: out of memory", path);
            return -VB_ERR_FAILURE;
        }
        char base[32];
        snprintf(base, sizeof base, "sessions[%d]", i);
        int status = vb_session_from_json(item, path, base, s);
        if (status != VB_OK) {
            free(s);
            return status;
        }
        sweep->sessions[i] = s;
        TRY(check_combination(path, sweep, i));
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
        grid.strategies[grid.strategy_count++] = s->runs[i].ops;
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
    TRY(vb_json_file_read(path, &root));
    const char *schema = json_string_value(json_object_get(root, "schema"));
    json_t *version = json_object_get(root, "schema_version");
    int status;
    if (!json_is_object(root)) {
        vb_error_set("%s: the top level is not an object (not a vizbench results file)", path);
        status = -VB_ERR_USAGE;
    } else if (accept_runs && schema && strcmp(schema, VB_RESULTS_SCHEMA) == 0) {
        status = sweep_of_session(path, root, sweep);
    } else if (!schema || strcmp(schema, VB_SWEEP_SCHEMA) != 0) {
        status = bad(path, "schema",
                     accept_runs ? "is neither " VB_SWEEP_SCHEMA " nor " VB_RESULTS_SCHEMA
                                 : "is not " VB_SWEEP_SCHEMA);
    } else if (!json_is_integer(version) || json_integer_value(version) != VB_SWEEP_VERSION) {
        vb_error_set("%s: schema_version is not %d (the only one this vizbench reads)", path,
                     VB_SWEEP_VERSION);
        status = -VB_ERR_USAGE;
    } else {
        status = read_sweep(path, root, sweep);
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
