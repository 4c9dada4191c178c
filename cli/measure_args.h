/* What the measuring subcommands (run, sweep, validate) share: strategy lists, the recorded
 * command line, the input's identity, the planted faults of VIZBENCH_FAULT, and the SIGINT /
 * SIGTERM handling that lets a measurement stop early and keep what it measured. */
#ifndef VB_CLI_MEASURE_ARGS_H
#define VB_CLI_MEASURE_ARGS_H

#include "pipeline/session.h"

#include <stdatomic.h>
#include <stddef.h>

/* Exit codes of the measuring commands beyond the common 0/1/2. */
#define EXIT_UNAVAILABLE 3
#define EXIT_INTERRUPTED 4

/* "pixel-copy,gl-texture" or "all" into `ops` (at most VB_SESSION_MAX_RUNS, no repeats).
 * `option` names the option in errors. VB_OK or -VB_ERR_USAGE. */
int cli_parse_strategy_list(const char *option, const char *arg, const vb_strategy_ops **ops,
                            int *count);

/* "vizbench ARGS..." as typed, for the results' record. */
void cli_describe_command(int argc, char **argv, char *dst, size_t size);

/* Name, format and SHA-256 of the input (`path`, or the bundled fixture when NULL); frames at
 * `fps`. */
int cli_input_info(const char *path, const vb_audio *audio, int fps, vb_input_info *info);

/* Reads VIZBENCH_FAULT into `options` (strings point into static storage); parse_fault reads
 * such a value. VB_OK, or -VB_ERR_USAGE with the error naming VIZBENCH_FAULT. */
int cli_read_fault(vb_run_options *options);
int cli_parse_fault(const char *value, vb_run_options *options);

/* Set by SIGINT / SIGTERM between cli_catch_stop_signals and cli_restore_signals; a second
 * signal ends the process the usual way. */
extern atomic_int cli_stop_requested;
void cli_catch_stop_signals(void);
void cli_restore_signals(void);

/* The exit code a finished session deserves: 4 incomplete, 1 a strategy failed or showed a
 * different picture, 3 a strategy was unavailable, else 0. */
int cli_session_exit_code(const vb_session *session);

#endif
