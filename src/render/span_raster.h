/* Row-major rasteriser for pictures made of vertical runs: every pixel column is a short list of
 * "from row y down, this colour" changes (a waveform column, a spectrum bar).
 *
 * Why: writing those runs column by column strides through memory a row apart. Instead the
 * changes are bucketed by row (a counting sort); each row is the row above it, copied, with that
 * row's changes patched in, so the frame is written once, in order, at close to memset speed.
 * The copy is from the row just written (in cache, one stride below in the same buffer), not
 * from a separate working row: on this machine glibc's `rep movsb` from a separate buffer ran at
 * 1.1-3 x a memset depending on where the two buffers lay, the row above at 1.1-1.2 x always.
 *
 * Use: begin, then push changes through a pusher in top-to-bottom order per column (a change may
 * cover a run of columns, as a bar does), then sort once, then draw rows: any band of rows, from
 * any number of threads at once (drawing only reads the raster). Owns its buffers; no
 * allocation after init. */
#ifndef VB_RENDER_SPAN_RASTER_H
#define VB_RENDER_SPAN_RASTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct vb_span_change {
    int row, first, end; /* from `row` down, columns [first, end) */
    uint32_t colour;
} vb_span_change;

typedef struct vb_span_raster {
    int width, height;
    int capacity, count;
    uint32_t *top_colour;   /* [width] colour of each column at row 0 */
    vb_span_change *pushed; /* [capacity] in push order */
    vb_span_change *sorted; /* [capacity] ordered by row, push order kept within a row */
    int *row_first;         /* [height + 1] first sorted index of each row */
} vb_span_raster;

int vb_span_raster_init(vb_span_raster *r, int width, int height, int changes_per_column);
void vb_span_raster_free(vb_span_raster *r);

/* A frame's changes being pushed: a value the caller keeps in a local, so the count lives in a
 * register (stored through the raster, every push would reload it: a change's int fields may
 * alias the raster's count). */
typedef struct vb_span_pusher {
    vb_span_change *next, *end;
    unsigned height;
} vb_span_pusher;

/* Starts a frame with every column `background` from row 0. */
vb_span_pusher vb_span_raster_begin(vb_span_raster *r, uint32_t background);

/* From row `row` down (until a later change), columns [first, end) show `colour`. Rows outside
 * [0, height) are ignored, and changes past the raster's capacity. */
static inline void vb_span_push_run(vb_span_pusher *p, int first, int end, int row,
                                    uint32_t colour) {
    if ((unsigned)row >= p->height || p->next == p->end) return;
    *p->next++ = (vb_span_change){row, first, end, colour};
}

static inline void vb_span_push(vb_span_pusher *p, int x, int row, uint32_t colour) {
    vb_span_push_run(p, x, x + 1, row, colour);
}

/* Ends the frame's changes and buckets them by row; once per frame, before drawing. */
void vb_span_raster_sort(vb_span_raster *r, const vb_span_pusher *pushed);

/* Rows [first_row, end_row) of the sorted frame: row y at dst + (y - first_row) * stride. */
void vb_span_raster_draw_rows(const vb_span_raster *r, uint8_t *dst, size_t stride, int first_row,
                              int end_row);

#endif
