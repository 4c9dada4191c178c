/* Where a run's frame records live, so that memory stays flat however long the run.
 *
 * A short run (up to VB_FRAME_STORE_SPOOL_MIN records, about 1.4 MB) keeps its records in
 * ordinary memory. A longer one spools them: the records are a shared mapping of an unlinked
 * temporary file in $TMPDIR (default /var/tmp, on disk), written in place exactly as memory
 * would be, and the passes over them (the run itself, the summary, the JSON and CSV writers)
 * tell the store which records they are done with, so the kernel writes those pages back and
 * drops them from the process (they are read back from the file if touched again). Every
 * record is kept: nothing is summarised away. If no temporary file can be made, the store
 * falls back to memory (and says so on stderr once); its space is reserved when it is made
 * (posix_fallocate), so a disk that fills up later cannot fault a write to it.
 *
 * Records come zeroed. Thread-safety: as plain memory; releasing a page another thread writes
 * to is harmless (the write lands in the file's page). */
#ifndef VB_MEASURE_FRAME_STORE_H
#define VB_MEASURE_FRAME_STORE_H

#include "record/frame_record.h"

#include <stdint.h>

#define VB_FRAME_STORE_SPOOL_MIN 8192
/* Passes release records in batches of this many. */
#define VB_FRAME_STORE_BATCH 4096

/* NULL (error set) when out of memory. */
vb_frame_record *vb_frame_store_alloc(int64_t count);
void vb_frame_store_free(vb_frame_record *frames);
/* Records [from, to) may leave memory (whole pages inside the range; no-op unless spooled). */
void vb_frame_store_release(vb_frame_record *frames, int64_t from, int64_t to);

/* For a pass over records 0 .. count-1: call after record n; releases each finished batch. */
static inline void vb_frame_store_passed(vb_frame_record *frames, int64_t n) {
    if ((n + 1) % VB_FRAME_STORE_BATCH == 0)
        vb_frame_store_release(frames, n + 1 - VB_FRAME_STORE_BATCH, n + 1);
}

#endif
