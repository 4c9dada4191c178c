/* Sweeps as versioned JSON (jansson): schema "vizbench.sweep", version VB_SWEEP_VERSION. Holds
 * the grid, the input, and per combination (in the grid's order) either null (not measured
 * yet) or the whole "vizbench.run" document of its session (results/results_json.h), so each
 * combination can be taken out and read on its own.
 *
 * vb_results_read_any reads either kind of file into a vb_sweep: a run file becomes a sweep of
 * one combination. Errors name the file and the field: -VB_ERR_USAGE for malformed or
 * mismatched content, -VB_ERR_FAILURE when the file cannot be read or written. */
#ifndef VB_RESULTS_SWEEP_JSON_H
#define VB_RESULTS_SWEEP_JSON_H

#include "pipeline/sweep.h"

#define VB_SWEEP_SCHEMA "vizbench.sweep"
#define VB_SWEEP_VERSION 1

/* Written atomically: an interrupted write leaves the previous file whole. */
int vb_sweep_json_write(const vb_sweep *sweep, const char *path);
/* On success the caller frees with vb_sweep_free. */
int vb_sweep_json_read(const char *path, vb_sweep *sweep);
int vb_results_read_any(const char *path, vb_sweep *sweep);

#endif
