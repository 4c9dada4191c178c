/* Results as versioned JSON (jansson): schema "vizbench.run", version VB_RESULTS_VERSION.
 * Holds the full context, every option, the reference limits, and per strategy its status,
 * picture check, summary figures and every frame record (columns of equal length).
 *
 * The writer writes atomically (temp + rename). The reader loads the context, options,
 * limits, statuses, picture checks and frames back (summaries are recomputed from the frames)
 * and refuses anything else with one error naming the file and the field: -VB_ERR_USAGE for
 * malformed or mismatched content, -VB_ERR_FAILURE when the file cannot be read. */
#ifndef VB_RESULTS_RESULTS_JSON_H
#define VB_RESULTS_RESULTS_JSON_H

#include "pipeline/session.h"

#include <jansson.h>

#define VB_RESULTS_SCHEMA "vizbench.run"
#define VB_RESULTS_VERSION 1

int vb_results_json_write(const vb_session *session, const char *path);
/* On success the caller frees with vb_session_free. */
int vb_results_json_read(const char *path, vb_session *session);

/* The frame columns are not built in jansson (about 1 KB per frame there: a 100,000-frame run
 * would take hundreds of MB): the document holds a placeholder for each run's "frames", listed
 * here, and vb_results_file_write streams the columns in their place from the frame store. */
typedef struct vb_frames_splice {
    const vb_run_record **runs; /* owned array, borrowed runs */
    int count, capacity;
} vb_frames_splice;
void vb_frames_splice_free(vb_frames_splice *splice);
/* Writes `root` compact with one trailing newline, atomically (temp + rename: a failure never
 * leaves a half-written file over a good one), each placeholder replaced by its run's frame
 * columns. */
int vb_results_file_write(const json_t *root, vb_frames_splice *splice, const char *path);

/* The same document as a jansson value, frames as placeholders added to `splice` (a new
 * reference; NULL when out of memory), and read back from a whole one: `path` and `base` (e.g.
 * "sessions[3]", or "") name it in errors. A sweep file (results/sweep_json.h) holds one such
 * document per combination. */
json_t *vb_session_json(const vb_session *session, vb_frames_splice *splice);
int vb_session_from_json(json_t *root, const char *path, const char *base, vb_session *session);

#endif
