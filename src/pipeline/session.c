#include "pipeline/session.h"

#include "common/error.h"
#include "display/gl_context.h"
#include "measure/memory_use.h"

#include <stdio.h>
#include <string.h>

atomic_int vb_session_current_run;

/* The session's GL, and the plain-upload reference measured on it; without either the
 * reason in s->gl_reason. */
static void open_gl(vb_session *s, vb_gl_contexts *gl, int es) {
    const vb_run_options *o = &s->options;
    s->gl_available =
        vb_gl_contexts_open(gl, o->view.width, o->view.height, o->visible, es) == VB_OK;
    if (s->gl_available) {
        s->gl = gl->info;
        s->gl_serialized = vb_gl_submissions_serialized(&gl->info);
        s->gpu_timers_used = vb_gpu_timers_enabled(o->gpu_timers, &gl->info);
        /* The plain-upload reference, on the consumer's context like the strategies' uploads. */
        int measured =
            vb_gl_make_consumer_current(gl) == VB_OK &&
            vb_reference_limits_measure_upload(&s->limits, o->view.width, o->view.height) == VB_OK;
        vb_gl_release_current();
        if (!measured) {
            snprintf(s->gl_reason, sizeof s->gl_reason, "%s", vb_error_get());
            s->gl_available = 0;
            s->gl_serialized = s->gpu_timers_used = 0;
            vb_gl_contexts_close(gl);
        }
    } else {
        snprintf(s->gl_reason, sizeof s->gl_reason, "%s", vb_error_get());
    }
}

int vb_session_run(vb_session *s, const vb_audio *audio, const vb_strategy_ops *const *strategies,
                   int count, const atomic_int *stop) {
    const vb_run_options *o = &s->options;
    vb_utc_timestamp(s->created, sizeof s->created);
    vb_machine_info_read(&s->machine);
    const size_t frame_bytes = (size_t)o->view.width * (size_t)o->view.height * 4;
    if (vb_reference_limits_measure_cpu(&s->limits, frame_bytes) != VB_OK) return -VB_ERR_FAILURE;

    vb_gl_contexts gl;
    open_gl(s, &gl, count > 0 && vb_run_gl_es(o, strategies[0]));

    if (s->on_context) s->on_context(s, s->on_context_user);
    s->setup_peak_bytes = s->peak_bytes = vb_memory_peak_bytes();
    const int sampling = vb_memory_sampler_start() == VB_OK; /* else each peak is the process's */
    int gl_open = s->gl_available;
    s->complete = 1;
    s->run_count = 0;
    int status = VB_OK;
    for (int i = 0; i < count && i < VB_SESSION_MAX_RUNS; i++) {
        vb_run_record *run = &s->runs[s->run_count++];
        atomic_store(&vb_session_current_run, i);
        if (stop && atomic_load(stop)) {
            memset(run, 0, sizeof *run);
            run->strategy = &strategies[i]->facts;
            run->status = VB_STRATEGY_NOT_RUN;
            snprintf(run->reason, sizeof run->reason, "not run: stopped by a signal");
            run->memory = VB_MEMORY_UNKNOWN;
            run->gl_es = -1;
            s->complete = 0;
            continue;
        }
        /* Fresh contexts for each run after the first: the driver's memory for one strategy (a
         * software rasteriser's bins for the frame's size, its compiled shaders) goes with its
         * contexts, so it is not counted again in every later strategy's memory, and each
         * strategy starts from the same driver state. */
        const int es = vb_run_gl_es(o, strategies[i]); /* the API is each run's own */
        if (gl_open && (i > 0 || gl.info.es != es)) {
            vb_gl_contexts_close(&gl);
            gl_open = 0;
        }
        if (s->gl_available && !gl_open)
            gl_open =
                vb_gl_contexts_open(&gl, o->view.width, o->view.height, o->visible, es) == VB_OK;
        vb_memory_use memory = {.producer_process_peak_bytes = -1, .peak_is_own = sampling};
        vb_memory_window_start();
        memory.start_bytes = vb_memory_resident_bytes();
        if (s->gl_available && !gl_open) { /* this GL opened before: this run fails, not all */
            memset(run, 0, sizeof *run);
            run->strategy = &strategies[i]->facts;
            run->status = VB_STRATEGY_FAILED;
            snprintf(run->reason, sizeof run->reason, "%s", vb_error_get());
        } else if (vb_run_strategy(o, audio, gl_open ? &gl : NULL, strategies[i], stop, run) !=
                   VB_OK) {
            status = -VB_ERR_FAILURE;
            run->status = VB_STRATEGY_FAILED;
            snprintf(run->reason, sizeof run->reason, "%s", vb_error_get());
        }
        run->gl_es = gl_open ? gl.info.es : -1;
        snprintf(run->gl_version, sizeof run->gl_version, "%s", gl_open ? gl.info.version : "");
        memory.peak_bytes = sampling ? vb_memory_window_peak() : vb_memory_peak_bytes();
        memory.producer_process_peak_bytes = run->memory.producer_process_peak_bytes;
        run->memory = memory;
        vb_memory_window_start(); /* what the run freed goes back before it is counted */
        run->memory.end_bytes = vb_memory_resident_bytes();
        if (run->status == VB_STRATEGY_INTERRUPTED) s->complete = 0;
    }
    if (gl_open) vb_gl_contexts_close(&gl);
    vb_memory_sampler_stop();
    s->peak_bytes = vb_memory_peak_bytes(); /* the kernel's own, never reset: the true peak */
    return status;
}

void vb_session_free(vb_session *s) {
    for (int i = 0; i < s->run_count; i++)
        vb_run_record_free(&s->runs[i]);
    s->run_count = 0;
}

int vb_session_repeat_fits(int distinct, int repeats) {
    if (repeats < 1 || distinct * repeats > VB_SESSION_MAX_RUNS) {
        vb_error_set("--repeat %d x %d strategies is over %d runs", repeats, distinct,
                     VB_SESSION_MAX_RUNS);
        return -VB_ERR_USAGE;
    }
    return VB_OK;
}

int vb_session_repeat(const vb_strategy_ops **list, int *count, int repeats) {
    const int distinct = *count;
    if (vb_session_repeat_fits(distinct, repeats) != VB_OK) return -VB_ERR_USAGE;
    for (int r = 1; r < repeats; r++)
        for (int i = 0; i < distinct; i++)
            list[r * distinct + i] = list[i];
    *count = distinct * repeats;
    return VB_OK;
}
