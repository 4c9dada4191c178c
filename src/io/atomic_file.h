/* Output files that appear whole or not at all.
 *
 * vb_atomic_open creates a temporary file beside the target (same folder, so the final rename is
 * atomic); vb_atomic_commit flushes, syncs and renames it over the target; vb_atomic_abort
 * removes it. A failure at any point leaves the previous target untouched. A target that exists
 * and is not a regular file (/dev/null, a FIFO) is written directly. The caller owns the
 * struct and must end every successful open with exactly one commit or abort. */
#ifndef VB_IO_ATOMIC_FILE_H
#define VB_IO_ATOMIC_FILE_H

#include <stdio.h>

typedef struct vb_atomic_file {
    FILE *stream; /* write here between open and commit */
    char *temp_path;
    char *final_path;
} vb_atomic_file;

int vb_atomic_open(vb_atomic_file *file, const char *path);
/* Checks now that `path` could be written (not a folder; its folder exists and takes a new
 * file), by creating and removing the temporary file an open would: a measurement of minutes
 * then does not find out at its end. An existing non-regular target (a device, a FIFO) is not
 * opened (a FIFO would block) and passes. Leaves nothing behind. */
int vb_atomic_probe(const char *path);
int vb_atomic_commit(vb_atomic_file *file);
void vb_atomic_abort(vb_atomic_file *file);
/* A write to the stream failed with errno `cause` (read it before any clean-up): aborts, sets
 * "TARGET: write failed: CAUSE" and returns -VB_ERR_FAILURE. */
int vb_atomic_fail(vb_atomic_file *file, int cause);

/* An output folder: created if missing (not its parents); an existing folder is fine, anything
 * else there is an error naming the path. */
int vb_folder_ensure(const char *path);

#endif
