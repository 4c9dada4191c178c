/* Per-frame rows as CSV, one row per frame of every strategy that measured any: the raw
 * stage times turned into milliseconds, the flags as 0/1 columns, empty cells for what did not
 * happen (a dropped frame has no present time). Written atomically. */
#ifndef VB_RESULTS_FRAMES_CSV_H
#define VB_RESULTS_FRAMES_CSV_H

#include "pipeline/session.h"

int vb_frames_csv_write(const vb_session *session, const char *path);

#endif
