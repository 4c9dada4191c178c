/* libFuzzer harness: the option-value parsers every subcommand uses (numbers, sizes, view
 * options, strategy lists, pace and GPU-timer names), the strategies' own options (--frb-codec,
 * --producer-process, --gl-api) and the environment's simulated faults (VIZBENCH_FAULT, and
 * VIZBENCH_GL_HIDE's list; the other VIZBENCH_* variables are only tested for being set).
 *
 * Input: lines "K VALUE", K selecting the option (a byte: K - '8', modulo the number of
 * options, so '8' to 'J' name them in turn). All option lines are applied to one set of view
 * options, as a command line would. Checked, beyond "no crash, no sanitizer finding": an
 * accepted value lies within the option's documented bounds (a name reads back as given, a fault
 * names a known kind and strategy exactly as given); a refused one leaves an error message
 * naming the option; options that validate and are small enough to draw quickly are drawn, so an
 * accepted combination cannot crash the renderer. A broken property calls abort(), which
 * libFuzzer reports as a crash. */
#include "../../cli/measure_args.h"
#include "../../cli/view_args.h"
#include "audio/audio.h"
#include "audio/test_signal.h"
#include "common/error.h"
#include "common/parse.h"
#include "display/gl_context.h"
#include "pipeline/run.h"
#include "render/renderer.h"
#include "transfer/frb_hop.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void require(int condition, const char *what, const char *value) {
    if (condition) return;
    fprintf(stderr, "fuzz_options: %s (value '%s', error '%s')\n", what, value, vb_error_get());
    abort();
}

/* A refused value must leave a message that names the option. */
static void require_named_error(const char *option, const char *value) {
    require(strstr(vb_error_get(), option) != NULL, "error does not name the option", value);
}

static const vb_audio *signal_audio(void) {
    static vb_audio audio;
    static int ready;
    if (!ready) {
        vb_audio_wrap(vb_signal_log_sweep(48000, 48000, 20.0, 20000.0), 48000, 48000, "sweep",
                      &audio);
        ready = 1;
    }
    return &audio;
}

/* The faults VIZBENCH_FAULT names and the field each sets (cli/measure_args.c's table). */
static const struct {
    const char *kind;
    size_t member;
} fault_fields[] = {
    {"fence", offsetof(vb_run_options, fault_fence_never_signals)},
    {"release-fence", offsetof(vb_run_options, fault_release_fence_never_signals)},
    {"map-fail", offsetof(vb_run_options, fault_map_fails)},
    {"copy-fence", offsetof(vb_run_options, fault_copy_fence_never_signals)},
    {"fail", offsetof(vb_run_options, fault_fail_mid_run)},
    {"vk-fence", offsetof(vb_run_options, fault_vk_fence)},
    {"uuid", offsetof(vb_run_options, fault_uuid_mismatch)},
    {"producer-kill", offsetof(vb_run_options, fault_producer)},
    {"producer-garbage", offsetof(vb_run_options, fault_producer)},
    {"producer-hang", offsetof(vb_run_options, fault_producer)},
};

static const char *fault_field(const vb_run_options *o, size_t member) {
    const char *target;
    memcpy(&target, (const char *)o + member, sizeof target);
    return target;
}

/* slow:STRATEGY:US accepted: that strategy, and the microseconds the value itself says. */
static void require_slow_as_given(const vb_run_options *o, const char *value) {
    require(vb_strategy_find(o->fault_slow_strategy) != NULL, "slow fault: unknown strategy",
            value);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "slow:%s:", o->fault_slow_strategy);
    require(strncmp(value, prefix, strlen(prefix)) == 0, "slow fault: not the strategy given",
            value);
    long long us = 0;
    require(vb_parse_int("us", value + strlen(prefix), 1, 10000000, &us) == VB_OK &&
                o->fault_slow_ns == us * 1000,
            "slow fault: not the microseconds given", value);
}

/* KIND:STRATEGY accepted: one field set, to a known strategy, reading back as the value. */
static void require_fault_as_given(const vb_run_options *o, const char *value) {
    int set = 0;
    for (size_t i = 0; i < sizeof fault_fields / sizeof fault_fields[0]; i++) {
        const char *target = fault_field(o, fault_fields[i].member);
        if (!target) continue;
        char again[128];
        snprintf(again, sizeof again, "%s:%s", fault_fields[i].kind, target);
        set += strcmp(again, value) == 0;
        require(vb_strategy_find(target) != NULL, "fault: unknown strategy", value);
    }
    require(set == 1, "fault: not read back as given", value);
    const int producer = strncmp(value, "producer-", 9) == 0;
    require(producer == (o->fault_producer_kind != 0), "fault: producer kind", value);
}

static void apply_fault(const char *value) {
    vb_run_options o;
    memset(&o, 0, sizeof o);
    if (cli_parse_fault(value, &o) != VB_OK) {
        require_named_error("VIZBENCH_FAULT", value);
        return;
    }
    if (o.fault_slow_strategy)
        require_slow_as_given(&o, value);
    else
        require_fault_as_given(&o, value);
}

/* VIZBENCH_GL_HIDE: each capability is hidden exactly when the list holds its whole name. */
static void apply_gl_hide(const char *list) {
    static const char *const names[] = {
        "GL_ARB_buffer_storage",       "GL_ARB_timer_query",    "GL_ARB_texture_buffer_object",
        "EGL_KHR_gl_texture_2D_image", "EGL_KHR_fence_sync",    "GL_EXT_memory_object_fd",
        "GL_EXT_semaphore_fd",         "GL_EXT_buffer_storage", "GL_EXT_disjoint_timer_query",
        "GL_EXT_texture_buffer"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int listed = 0;
        const size_t length = strlen(names[i]);
        for (const char *item = list; item; item = strchr(item, ',') ? strchr(item, ',') + 1 : NULL)
            listed |= strncmp(item, names[i], length) == 0 &&
                      (item[length] == ',' || item[length] == '\0');
        require(vb_gl_name_listed(list, names[i]) == listed, "GL_HIDE list read wrongly", list);
    }
}

/* A strategy's own options: names that read back as given. */
static void apply_strategy_option(int key, const char *value) {
    const char *option = NULL, *back = NULL;
    int status;
    if (key == 0) {
        vb_frb_codec codec;
        option = "--frb-codec";
        status = vb_frb_codec_from_name(option, value, &codec);
        if (status == VB_OK) back = vb_frb_codec_name(codec);
    } else if (key == 1) {
        vb_producer_process where;
        option = "--producer-process";
        status = vb_producer_process_from_name(option, value, &where);
        if (status == VB_OK) back = vb_producer_process_name(where);
    } else {
        int api;
        option = "--gl-api";
        status = vb_gl_api_from_name(option, value, &api);
        if (status == VB_OK) back = vb_gl_api_name(api);
    }
    if (status == VB_OK)
        require(strcmp(back, value) == 0, "strategy option round trip", value);
    else
        require_named_error(option, value);
}

static void apply(int key, const char *value, vb_view_options *view) {
    long long n = 0;
    double d = 0.0;
    int w = 0, h = 0, status;
    switch (key) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7: {
        const char *names[] = {"--view", "--size",      "--fps",      "--fft",
                               "--bars", "--window-ms", "--floor-db", "--freq-scale"};
        vb_view_options before = *view;
        status = cli_parse_view_option(CLI_OPT_VIEW + key, value, view);
        if (status != VB_OK) {
            /* --view's message names the value ("unknown view"), the others the option. */
            if (key != 0) require_named_error(names[key], value);
            *view = before; /* as a command would exit here, keep a valid state */
        }
        return;
    }
    case 8:
        status = vb_parse_int("--frames", value, 1, INT64_MAX / 2, &n);
        if (status == VB_OK)
            require(n >= 1 && n <= INT64_MAX / 2, "int out of bounds", value);
        else
            require_named_error("--frames", value);
        return;
    case 9:
        status = vb_parse_double("--seconds", value, 0.001, 3600.0, &d);
        if (status == VB_OK)
            require(isfinite(d) && d >= 0.001 && d <= 3600.0, "double out of bounds", value);
        else
            require_named_error("--seconds", value);
        return;
    case 10:
        status = vb_parse_size("--sizes", value, VB_MIN_WIDTH, VB_MIN_HEIGHT, VB_MAX_WIDTH,
                               VB_MAX_HEIGHT, &w, &h);
        if (status == VB_OK)
            require(w >= VB_MIN_WIDTH && w <= VB_MAX_WIDTH && h >= VB_MIN_HEIGHT &&
                        h <= VB_MAX_HEIGHT &&
                        (int64_t)w * h * 4 <= (int64_t)VB_MAX_WIDTH * VB_MAX_HEIGHT * 4,
                    "size out of bounds", value);
        else
            require_named_error("--sizes", value);
        return;
    case 11: {
        const vb_strategy_ops *ops[VB_SESSION_MAX_RUNS];
        int count = -1;
        status = cli_parse_strategy_list("--strategy", value, ops, &count);
        if (status == VB_OK) {
            require(count >= 1 && count <= VB_SESSION_MAX_RUNS, "strategy count", value);
            for (int i = 0; i < count; i++)
                for (int j = i + 1; j < count; j++)
                    require(ops[i] != ops[j], "strategy listed twice", value);
        } else {
            require(vb_error_get()[0] != '\0', "strategy list refused without a message", value);
        }
        return;
    }
    case 12: {
        vb_pace pace;
        status = vb_pace_from_name("--pace", value, &pace);
        if (status == VB_OK)
            require(strcmp(vb_pace_name(pace), value) == 0, "pace round trip", value);
        else
            require_named_error("--pace", value);
        return;
    }
    case 14:
    case 15:
    case 16:
        apply_strategy_option(key - 14, value);
        return;
    case 17:
        apply_fault(value);
        return;
    case 18:
        apply_gl_hide(value);
        return;
    default: {
        int setting;
        status = vb_gpu_timers_from_name("--gpu-timers", value, &setting);
        if (status == VB_OK)
            require(strcmp(vb_gpu_timers_name(setting), value) == 0, "gpu-timers round trip",
                    value);
        else
            require_named_error("--gpu-timers", value);
        return;
    }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    vb_view_options view;
    vb_view_options_defaults(&view);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        vb_error_set("%s", "");
        int key = (unsigned char)(line[0] - '8') % 19;
        apply(key, line[0] && line[1] ? line + 2 : "", &view);
    }
    /* Whatever the parsers accepted must validate, or be refused naming an option; a valid
     * small view must draw. Large ones are skipped only to keep the fuzzer fast. */
    if (vb_view_options_validate(&view) == VB_OK &&
        (int64_t)view.width * view.height <= 256 * 128) {
        vb_renderer *r = vb_renderer_create(&view, signal_audio());
        require(r != NULL, "valid options refused by the renderer", text);
        uint8_t *pixels = malloc((size_t)view.width * (size_t)view.height * 4);
        if (pixels) {
            int64_t frames = vb_renderer_frame_count(r);
            vb_renderer_render(r, frames > 0 ? frames - 1 : 0, pixels, (size_t)view.width * 4);
            free(pixels);
        }
        vb_renderer_destroy(r);
    }
    free(text);
    return 0;
}
