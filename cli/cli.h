/* Shared by the subcommands: messages, input loading and the exit-code convention.
 * Exit codes: 0 success, 1 failure (input, output or runtime), 2 usage error. */
#ifndef VB_CLI_CLI_H
#define VB_CLI_CLI_H

#include "audio/audio.h"
#include "common/error.h"

#include <stdio.h>

#define EXIT_USAGE 2

/* The next item of a comma-separated list, as strtok_r splits it (pass the list first, then
 * NULL), with the spaces around it dropped: "pixel-copy, shared-buffer" lists two. NULL after
 * the last. The list is written into. */
char *cli_next_item(char *list, char **save);

/* Prints "vizbench: <message>" on stderr, one line. */
void cli_print_error(const char *message);
/* Prints the library's last error and maps a negative status to its exit code. */
int cli_fail(int status);
/* Prints "vizbench COMMAND: unknown option ..." style messages for getopt errors. */
int cli_usage_error(const char *command, const char *fmt, ...) VB_PRINTF(2, 3);

/* The help lines of a strategy-list option: "  OPTION   comma-separated, of: NAMES..., or all
 * (default all)", the names from the registry, wrapped at 80 columns. */
void cli_print_strategy_help(FILE *out, const char *option);

/* Long options are matched by their whole name only: getopt_long would take any unambiguous
 * prefix (`--warmup 10` as `--warmup-seconds 10`, which a hyperfine user reads as ten warm-up
 * runs). Call before the getopt_long loop: -1 when every "--name" in argv (up to "--") is one of
 * `options`, else prints "unknown option '--x' (did you mean --y?)" and returns EXIT_USAGE.
 * `short_options` is getopt's string, so that the values of options are skipped. */
struct option;
int cli_check_long_options(const char *command, int argc, char **argv, const struct option *options,
                           const char *short_options);

/* The width to lay tables out in: $COLUMNS when set, else the terminal's when `out` is one,
 * else 80. */
int cli_columns(FILE *out);

/* Loads `path`, or the bundled fixture when path is NULL. Prints the error on failure. */
int cli_load_input(const char *path, vb_audio *audio);

int cmd_render(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_estimate(int argc, char **argv);

#endif
