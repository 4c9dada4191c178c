/* A second core for one frame: a helper thread that draws the lower half of the rows of each
 * prepared frame while the caller draws the upper half (render/renderer.h: bands of one frame
 * may be drawn at once). Splitting rows, not alternate frames, halves the frame's drawing time,
 * not only the throughput, and leaves the analysis (history: spectrogram columns, peak caps)
 * to one thread, done once per frame.
 *
 * Ownership: the split owns its thread; the renderer and dst are borrowed for one draw call.
 * One caller thread at a time. */
#ifndef VB_RENDER_ROW_SPLIT_H
#define VB_RENDER_ROW_SPLIT_H

#include "render/renderer.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vb_row_split vb_row_split;

/* NULL with the error set when the thread cannot start. */
vb_row_split *vb_row_split_start(void);
void vb_row_split_stop(vb_row_split *split);

/* The renderer's prepared frame (vb_renderer_prepare done) into dst, rows split between the
 * caller and the helper; returns when both halves are written. Same bytes as one thread. */
void vb_row_split_draw(vb_row_split *split, const vb_renderer *renderer, uint8_t *dst,
                       size_t stride);

#endif
