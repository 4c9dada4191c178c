/* Row-major rasteriser for pictures made of vertical runs: every pixel column is a short list of
 * "from row y down, this colour" changes (a waveform column, a spectrum bar).
 *
 * Why: writing those runs column by column strides through memory a row apart. Instead the
 * changes are bucketed by row (a counting sort), one working row is patched at each change and
 * copied out whole, so the frame is written once, in order, at close to memcpy speed.
 *
 * Use: begin, then push changes in top-to-bottom order per column (a change may cover a run of
 * columns, as a bar does), then draw. Owns its buffers; no allocation after init. */
#ifndef VB_RENDER_SPAN_RASTER_H
#define VB_RENDER_SPAN_RASTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct vb_span_raster {
    int width, height;
    int capacity, count;
    uint32_t *top_colour; /* [width] colour of each column at row 0 */
    uint32_t *working_row;
    int *change_row;   /* [capacity] in push order */
    int *change_first; /* first column of the change */
    int *change_end;   /* one past its last column */
    uint32_t *change_colour;
    int *sorted;    /* [capacity] change indices ordered by row, push order kept within a row */
    int *row_first; /* [height + 1] first sorted index of each row */
} vb_span_raster;

int vb_span_raster_init(vb_span_raster *r, int width, int height, int changes_per_column);
void vb_span_raster_free(vb_span_raster *r);

/* Starts a frame with every column `background` from row 0. */
void vb_span_raster_begin(vb_span_raster *r, uint32_t background);

/* From row `row` down (until a later change), columns [first, end) show `colour`. Rows outside
 * [0, height) are ignored. */
static inline void vb_span_raster_change_run(vb_span_raster *r, int first, int end, int row,
                                             uint32_t colour) {
    if (row < 0 || row >= r->height || r->count >= r->capacity) return;
    r->change_row[r->count] = row;
    r->change_first[r->count] = first;
    r->change_end[r->count] = end;
    r->change_colour[r->count] = colour;
    r->count++;
}

static inline void vb_span_raster_change(vb_span_raster *r, int x, int row, uint32_t colour) {
    vb_span_raster_change_run(r, x, x + 1, row, colour);
}

void vb_span_raster_draw(vb_span_raster *r, uint8_t *dst, size_t stride);

#endif
