/* Runs a sweep for `vizbench sweep` and `vizbench validate`: the progress line on a terminal
 * (combination k of n, the strategy, time left), each finished combination written to
 * `output` at once (when given), SIGINT / SIGTERM ending it early with what was measured kept.
 * Returns the exit code the sweep deserves (measure_args.h: 0, 1, 3 or 4). */
#ifndef VB_CLI_SWEEP_RUNNER_H
#define VB_CLI_SWEEP_RUNNER_H

#include "pipeline/sweep.h"

int cli_run_sweep(vb_sweep *sweep, const vb_audio *audio, const char *output);

/* The exit code of a sweep's sessions, as cli_session_exit_code for one. */
int cli_sweep_exit_code(const vb_sweep *sweep);

#endif
