/* The run's options: defaults and the names options, files and tables spell. */
#include "pipeline/run.h"

#include "common/error.h"
#include "common/name_table.h"

#include <string.h>

void vb_run_options_defaults(vb_run_options *o) {
    memset(o, 0, sizeof *o);
    vb_view_options_defaults(&o->view);
    o->pace = VB_PACE_REALTIME;
    o->frames = 300;
    o->warmup = 30;
    o->slots = 3;
    o->picture_tolerance = 2;
    o->fence_timeout_ns = 2000000000LL;
}

/* In enum order: the names options, files and tables spell. */
static const char *const pace_names[] = {[VB_PACE_REALTIME] = "realtime", [VB_PACE_MAX] = "max"};
static const char *const gpu_timers_names[] = {
    [VB_GPU_TIMERS_AUTO] = "auto", [VB_GPU_TIMERS_ON] = "on", [VB_GPU_TIMERS_OFF] = "off"};

const char *vb_pace_name(vb_pace pace) {
    return pace == VB_PACE_MAX ? pace_names[VB_PACE_MAX] : pace_names[VB_PACE_REALTIME];
}

int vb_pace_from_name(const char *option, const char *name, vb_pace *pace) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(pace_names, 2);
    int index = vb_name_find(&table, name);
    if (index < 0) {
        char names[64];
        vb_name_join(&table, ", ", " or ", names, sizeof names);
        vb_error_set("%s: unknown pace '%s' (expected %s)", option, name, names);
        return -VB_ERR_USAGE;
    }
    *pace = (vb_pace)index;
    return VB_OK;
}

const char *vb_gpu_timers_name(int setting) {
    return setting == VB_GPU_TIMERS_ON || setting == VB_GPU_TIMERS_OFF
               ? gpu_timers_names[setting]
               : gpu_timers_names[VB_GPU_TIMERS_AUTO];
}

int vb_gpu_timers_from_name(const char *option, const char *name, int *setting) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(gpu_timers_names, 3);
    int index = vb_name_find(&table, name);
    if (index < 0) {
        char names[64];
        vb_name_join(&table, ", ", " or ", names, sizeof names);
        vb_error_set("%s: expected %s, got '%s'", option, names, name);
        return -VB_ERR_USAGE;
    }
    *setting = index;
    return VB_OK;
}

static const char *const gl_api_names[] = {
    [VB_GL_API_AUTO] = "auto", [VB_GL_API_GL] = "gl", [VB_GL_API_GLES] = "gles"};

const char *vb_gl_api_name(int setting) {
    return setting == VB_GL_API_GL || setting == VB_GL_API_GLES ? gl_api_names[setting]
                                                                : gl_api_names[VB_GL_API_AUTO];
}

int vb_gl_api_from_name(const char *option, const char *name, int *setting) {
    /* Only the two an option can force; auto is what no option means. */
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(gl_api_names + 1, 2);
    int index = vb_name_find(&table, name);
    if (index < 0) {
        vb_error_set("%s: '%s' is not gl or gles", option, name);
        return -VB_ERR_USAGE;
    }
    *setting = index + 1;
    return VB_OK;
}

int vb_run_gl_es(const vb_run_options *o, const vb_strategy_ops *ops) {
    if (o->gl_api != VB_GL_API_AUTO) return o->gl_api == VB_GL_API_GLES;
    return vb_strategy_has(ops, VB_CAP_GLES_BY_DEFAULT);
}

int vb_gpu_timers_enabled(int setting, const vb_gl_info *gl) {
    if (!gl->has_timer_query || setting == VB_GPU_TIMERS_OFF) return 0;
    return setting == VB_GPU_TIMERS_ON || !gl->software;
}

const char *vb_strategy_status_name(vb_strategy_status status) {
    static const char *const names[] = {"ok", "unavailable", "failed", "interrupted", "not-run"};
    return names[status];
}

int vb_run_vsync_hz(const vb_run_options *o, const vb_strategy_ops *ops) {
    if (o->vsync_hz > 0) return o->vsync_hz;
    return vb_strategy_has(ops, VB_CAP_VSYNC_DRIVEN) ? o->view.fps : 0;
}

int vb_run_record_has_stages(const vb_run_record *run) {
    return run->vsync.hz > 0 || vb_facts_have(run->strategy, VB_CAP_STAGE_FIGURES);
}

static const char *const producer_process_names[] = {
    [VB_PRODUCER_SAME] = "same", [VB_PRODUCER_SEPARATE] = "separate"};

const char *vb_producer_process_name(vb_producer_process where) {
    return producer_process_names[where == VB_PRODUCER_SEPARATE ? VB_PRODUCER_SEPARATE
                                                                : VB_PRODUCER_SAME];
}

int vb_producer_process_from_name(const char *option, const char *name,
                                  vb_producer_process *where) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(producer_process_names, 2);
    int index = vb_name_find(&table, name);
    if (index < 0) {
        vb_error_set("%s: unknown producer process '%s' (expected same or separate)", option, name);
        return -VB_ERR_USAGE;
    }
    *where = (vb_producer_process)index;
    return VB_OK;
}
