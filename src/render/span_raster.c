#include "render/span_raster.h"

#include "common/error.h"
#include "render/pixel.h"

#include <stdlib.h>
#include <string.h>

int vb_span_raster_init(vb_span_raster *r, int width, int height, int changes_per_column) {
    memset(r, 0, sizeof *r);
    r->width = width;
    r->height = height;
    r->capacity = width * changes_per_column;
    size_t cap = (size_t)r->capacity;
    r->top_colour = malloc(sizeof(uint32_t) * (size_t)width);
    r->pushed = malloc(sizeof(vb_span_change) * cap);
    r->sorted = malloc(sizeof(vb_span_change) * cap);
    r->row_first = calloc((size_t)height + 1, sizeof(int));
    if (!r->top_colour || !r->pushed || !r->sorted || !r->row_first) {
        vb_span_raster_free(r);
        vb_error_set("render: out of memory for a %dx%d raster", width, height);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

void vb_span_raster_free(vb_span_raster *r) {
    free(r->top_colour);
    free(r->pushed);
    free(r->sorted);
    free(r->row_first);
    memset(r, 0, sizeof *r);
}

vb_span_pusher vb_span_raster_begin(vb_span_raster *r, uint32_t background) {
    for (int x = 0; x < r->width; x++)
        r->top_colour[x] = background;
    r->count = 0;
    return (vb_span_pusher){r->pushed, r->pushed + r->capacity, (unsigned)r->height};
}

void vb_span_raster_sort(vb_span_raster *r, const vb_span_pusher *pushed) {
    const int h = r->height, count = (int)(pushed->next - r->pushed);
    const vb_span_change *changes = r->pushed;
    vb_span_change *sorted = r->sorted;
    int *first = r->row_first;
    r->count = count;
    memset(first, 0, sizeof(int) * ((size_t)h + 1));
    for (int i = 0; i < count; i++)
        first[changes[i].row + 1]++;
    for (int y = 0; y < h; y++)
        first[y + 1] += first[y];
    /* Stable placement: first[y] walks forward while filling, then is restored below. The
     * changes move whole, so drawing reads them in order, one after another. */
    for (int i = 0; i < count; i++)
        sorted[first[changes[i].row]++] = changes[i];
    for (int y = h; y > 0; y--)
        first[y] = first[y - 1];
    first[0] = 0;
}

static void apply(uint32_t *row, const vb_span_change *from, const vb_span_change *to) {
    for (const vb_span_change *c = from; c < to; c++)
        for (int x = c->first; x < c->end; x++)
            row[x] = c->colour;
}

void vb_span_raster_draw_rows(const vb_span_raster *r, uint8_t *dst, size_t stride, int first_row,
                              int end_row) {
    if (first_row >= end_row) return;
    const size_t width = (size_t)r->width;
    const int *first = r->row_first;
    /* The band's first row: the top colours with every change down to it (those of the rows
     * above the band included). */
    uint32_t *row = (uint32_t *)(void *)dst;
    vb_copy_pixels(row, r->top_colour, width);
    apply(row, r->sorted, r->sorted + first[first_row + 1]);
    for (int y = first_row + 1; y < end_row; y++) {
        uint32_t *above = row;
        row = (uint32_t *)(void *)(dst + (size_t)(y - first_row) * stride);
        vb_copy_pixels(row, above, width);
        apply(row, r->sorted + first[y], r->sorted + first[y + 1]);
    }
}
