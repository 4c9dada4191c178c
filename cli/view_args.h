/* The view options every subcommand that draws accepts (--view, --size, --fps, --fft, --bars,
 * --window-ms, --floor-db, --freq-scale): one parser, one help text, so the commands agree. */
#ifndef VB_CLI_VIEW_ARGS_H
#define VB_CLI_VIEW_ARGS_H

#include "render/view_options.h"

#include <getopt.h>
#include <stdio.h>

enum {
    CLI_OPT_VIEW = 256,
    CLI_OPT_SIZE,
    CLI_OPT_FPS,
    CLI_OPT_FFT,
    CLI_OPT_BARS,
    CLI_OPT_WINDOW_MS,
    CLI_OPT_FLOOR_DB,
    CLI_OPT_FREQ_SCALE,
    CLI_OPT_VIEW_END, /* subcommands number their own options from here */
};

#define CLI_VIEW_OPTIONS                                                                           \
    {"view", required_argument, NULL, CLI_OPT_VIEW},                                               \
        {"size", required_argument, NULL, CLI_OPT_SIZE},                                           \
        {"fps", required_argument, NULL, CLI_OPT_FPS},                                             \
        {"fft", required_argument, NULL, CLI_OPT_FFT},                                             \
        {"bars", required_argument, NULL, CLI_OPT_BARS},                                           \
        {"window-ms", required_argument, NULL, CLI_OPT_WINDOW_MS},                                 \
        {"floor-db", required_argument, NULL, CLI_OPT_FLOOR_DB}, {                                 \
        "freq-scale", required_argument, NULL, CLI_OPT_FREQ_SCALE                                  \
    }

static inline int cli_is_view_option(int opt) {
    return opt >= CLI_OPT_VIEW && opt < CLI_OPT_VIEW_END;
}

/* Parses one view option into `view`; VB_OK or -VB_ERR_USAGE with the error naming it. */
int cli_parse_view_option(int opt, const char *arg, vb_view_options *view);
void cli_print_view_help(FILE *out, const char *default_view);

#endif
