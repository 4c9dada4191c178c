/* The run's options: defaults and the names options, files and tables spell. */
#include "pipeline/run.h"

#include "common/error.h"

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

const char *vb_pace_name(vb_pace pace) {
    return pace == VB_PACE_MAX ? "max" : "realtime";
}

int vb_pace_from_name(const char *option, const char *name, vb_pace *pace) {
    if (strcmp(name, "realtime") == 0) {
        *pace = VB_PACE_REALTIME;
    } else if (strcmp(name, "max") == 0) {
        *pace = VB_PACE_MAX;
    } else {
        vb_error_set("%s: unknown pace '%s' (expected realtime or max)", option, name);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

const char *vb_gpu_timers_name(int setting) {
    return setting == VB_GPU_TIMERS_ON ? "on" : setting == VB_GPU_TIMERS_OFF ? "off" : "auto";
}

int vb_gpu_timers_from_name(const char *option, const char *name, int *setting) {
    if (strcmp(name, "auto") == 0) {
        *setting = VB_GPU_TIMERS_AUTO;
    } else if (strcmp(name, "on") == 0) {
        *setting = VB_GPU_TIMERS_ON;
    } else if (strcmp(name, "off") == 0) {
        *setting = VB_GPU_TIMERS_OFF;
    } else {
        vb_error_set("%s: expected auto, on or off, got '%s'", option, name);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

int vb_gpu_timers_enabled(int setting, const vb_gl_info *gl) {
    if (!gl->has_timer_query || setting == VB_GPU_TIMERS_OFF) return 0;
    return setting == VB_GPU_TIMERS_ON || !gl->software;
}

const char *vb_strategy_status_name(vb_strategy_status status) {
    static const char *const names[] = {"ok", "unavailable", "failed", "interrupted", "not-run"};
    return names[status];
}
