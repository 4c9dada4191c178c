/* libFuzzer harness: the option-value parsers every subcommand uses (numbers, sizes, view
 * options, strategy lists, pace and GPU-timer names).
 *
 * Input: lines "K VALUE", K selecting the option (a byte, taken modulo the number of options).
 * All lines are applied to one set of view options, as a command line would. Checked, beyond
 * "no crash, no sanitizer finding": an accepted value lies within the option's documented
 * bounds; a refused one leaves an error message naming the option; options that validate and
 * are small enough to draw quickly are drawn, so an accepted combination cannot crash the
 * renderer. A broken property calls abort(), which libFuzzer reports as a crash. */
#include "../../cli/measure_args.h"
#include "../../cli/view_args.h"
#include "audio/audio.h"
#include "audio/test_signal.h"
#include "common/error.h"
#include "common/parse.h"
#include "pipeline/run.h"
#include "render/renderer.h"

#include <math.h>
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
        int key = (unsigned char)line[0] % 14;
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
