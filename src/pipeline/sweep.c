#include "pipeline/sweep.h"

#include "audio/frame_clock.h"
#include "common/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

atomic_int vb_sweep_current_combination;

void vb_sweep_grid_defaults(vb_sweep_grid *g, int quick) {
    memset(g, 0, sizeof *g);
    static const int widths[] = {1080, 1920, 3840}, heights[] = {200, 1080, 2160};
    g->size_count = quick ? 2 : 3;
    for (int i = 0; i < g->size_count; i++) {
        g->widths[i] = widths[i];
        g->heights[i] = heights[i];
    }
    g->fps_count = 2;
    g->fps[0] = 60;
    g->fps[1] = 120;
    g->view_count = VB_VIEW_COUNT;
    for (int v = 0; v < VB_VIEW_COUNT; v++)
        g->views[v] = (vb_view_kind)v;
    for (int i = 0; i < vb_strategy_count && i < VB_SESSION_MAX_RUNS; i++)
        g->strategies[g->strategy_count++] = &vb_strategy_list[i]->facts;
    g->seconds = quick ? 0.5 : 2.0;
    g->warmup_seconds = quick ? 0.15 : 0.25;
    vb_run_options_defaults(&g->base);
}

void vb_sweep_grid_validate(vb_sweep_grid *g, int quick) {
    vb_sweep_grid_defaults(g, 0);
    /* The phone's case and 4K: 1920x1080 (the sweep's middle size) is left out so that three
     * runs of every strategy at every point stay within about 8 minutes on 2 cores. */
    g->widths[1] = 3840;
    g->heights[1] = 2160;
    g->size_count = quick ? 1 : 2;
    g->seconds = quick ? 0.4 : 0.75;
    g->warmup_seconds = quick ? 0.1 : 0.2;
}

int vb_sweep_grid_repeat(vb_sweep_grid *g, int repeats) {
    const int distinct = g->strategy_count;
    if (vb_session_repeat_fits(distinct, repeats) != VB_OK) {
        char why[160];
        snprintf(why, sizeof why, "%s", vb_error_get());
        vb_error_set("%s per combination", why);
        return -VB_ERR_USAGE;
    }
    for (int r = 1; r < repeats; r++)
        for (int i = 0; i < distinct; i++)
            g->strategies[r * distinct + i] = g->strategies[i];
    g->strategy_count = distinct * repeats;
    return VB_OK;
}

int vb_sweep_grid_repeats(const vb_sweep_grid *g) {
    int repeats = 0;
    for (int i = 0; i < g->strategy_count; i++)
        repeats += g->strategies[i] == g->strategies[0];
    return repeats > 0 ? repeats : 1;
}

int vb_sweep_combination_count(const vb_sweep_grid *g) {
    return g->size_count * g->fps_count * g->view_count;
}

static int64_t frames_for(double seconds, int fps, int64_t minimum) {
    int64_t frames = (int64_t)llround(seconds * fps);
    return frames < minimum ? minimum : frames;
}

void vb_sweep_combination_options(const vb_sweep_grid *g, int index, vb_run_options *o) {
    const int view = index % g->view_count;
    const int fps = index / g->view_count % g->fps_count;
    const int size = index / g->view_count / g->fps_count;
    *o = g->base;
    o->view.view = g->views[view];
    o->view.width = g->widths[size];
    o->view.height = g->heights[size];
    o->view.fps = g->fps[fps];
    o->frames = frames_for(g->seconds, o->view.fps, 1);
    o->warmup = frames_for(g->warmup_seconds, o->view.fps, 0);
}

int vb_sweep_init(vb_sweep *sweep, const vb_sweep_grid *grid) {
    memset(sweep, 0, sizeof *sweep);
    sweep->grid = *grid;
    sweep->count = vb_sweep_combination_count(grid);
    sweep->sessions = calloc((size_t)(sweep->count > 0 ? sweep->count : 1), sizeof(vb_session *));
    if (!sweep->sessions) {
        vb_error_set("sweep: out of memory");
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

void vb_sweep_free(vb_sweep *sweep) {
    for (int i = 0; i < sweep->count && sweep->sessions; i++)
        if (sweep->sessions[i]) {
            vb_session_free(sweep->sessions[i]);
            free(sweep->sessions[i]);
        }
    free(sweep->sessions);
    sweep->sessions = NULL;
    sweep->count = 0;
}

int vb_sweep_measured_count(const vb_sweep *sweep) {
    int measured = 0;
    for (int i = 0; i < sweep->count; i++)
        measured += sweep->sessions[i] && sweep->sessions[i]->complete;
    return measured;
}

int vb_sweep_complete(const vb_sweep *sweep) {
    return vb_sweep_measured_count(sweep) == sweep->count;
}

/* The grid's strategies as this build runs them. */
static int live_strategies(const vb_sweep_grid *g, const vb_strategy_ops **ops) {
    for (int i = 0; i < g->strategy_count; i++) {
        ops[i] = vb_strategy_lookup(g->strategies[i]->name);
        if (!ops[i]) {
            vb_error_set("sweep: strategy '%s' is not in this build: it cannot be measured",
                         g->strategies[i]->name);
            return -VB_ERR_USAGE;
        }
    }
    return VB_OK;
}

int vb_sweep_run(vb_sweep *sweep, const vb_audio *audio, vb_sweep_done_fn on_done, void *context,
                 const atomic_int *stop) {
    const vb_strategy_ops *strategies[VB_SESSION_MAX_RUNS];
    int status = live_strategies(&sweep->grid, strategies);
    if (status != VB_OK) return status;
    for (int i = 0; i < sweep->count; i++) {
        if (stop && atomic_load(stop)) break;
        if (sweep->sessions[i] && sweep->sessions[i]->complete) continue;
        atomic_store(&vb_session_current_run, 0);
        atomic_store(&vb_sweep_current_combination, i);
        vb_session *s = sweep->sessions[i];
        if (s) {
            vb_session_free(s);
        } else {
            s = malloc(sizeof *s);
            if (!s) {
                vb_error_set("sweep: out of memory");
                return -VB_ERR_FAILURE;
            }
            sweep->sessions[i] = s;
        }
        memset(s, 0, sizeof *s);
        vb_sweep_combination_options(&sweep->grid, i, &s->options);
        s->input = sweep->input;
        s->input.frames = vb_frame_count(audio->length, audio->sample_rate, s->options.view.fps);
        snprintf(s->command, sizeof s->command, "%s", sweep->command);
        status = vb_session_run(s, audio, strategies, sweep->grid.strategy_count, stop);
        if (status != VB_OK) return status;
        if (on_done && (status = on_done(context, sweep, i)) != VB_OK) return status;
    }
    return VB_OK;
}
