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
    r->working_row = malloc(sizeof(uint32_t) * (size_t)width);
    r->change_row = malloc(sizeof(int) * cap);
    r->change_first = malloc(sizeof(int) * cap);
    r->change_end = malloc(sizeof(int) * cap);
    r->change_colour = malloc(sizeof(uint32_t) * cap);
    r->sorted = malloc(sizeof(int) * cap);
    r->row_first = malloc(sizeof(int) * ((size_t)height + 1));
    if (!r->top_colour || !r->working_row || !r->change_row || !r->change_first || !r->change_end ||
        !r->change_colour || !r->sorted || !r->row_first) {
        vb_span_raster_free(r);
        vb_error_set("render: out of memory for a %dx%d raster", width, height);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

void vb_span_raster_free(vb_span_raster *r) {
    free(r->top_colour);
    free(r->working_row);
    free(r->change_row);
    free(r->change_first);
    free(r->change_end);
    free(r->change_colour);
    free(r->sorted);
    free(r->row_first);
    memset(r, 0, sizeof *r);
}

void vb_span_raster_begin(vb_span_raster *r, uint32_t background) {
    for (int x = 0; x < r->width; x++)
        r->top_colour[x] = background;
    r->count = 0;
}

void vb_span_raster_draw(vb_span_raster *r, uint8_t *dst, size_t stride) {
    const int h = r->height;
    int *first = r->row_first;
    memset(first, 0, sizeof(int) * ((size_t)h + 1));
    for (int i = 0; i < r->count; i++)
        first[r->change_row[i] + 1]++;
    for (int y = 0; y < h; y++)
        first[y + 1] += first[y];
    /* Stable placement: first[y] walks forward while filling, then is restored below. */
    for (int i = 0; i < r->count; i++)
        r->sorted[first[r->change_row[i]]++] = i;
    for (int y = h; y > 0; y--)
        first[y] = first[y - 1];
    first[0] = 0;

    const size_t width = (size_t)r->width;
    memcpy(r->working_row, r->top_colour, width * sizeof(uint32_t));
    for (int y = 0; y < h; y++) {
        for (int s = first[y]; s < first[y + 1]; s++) {
            int i = r->sorted[s];
            for (int x = r->change_first[i]; x < r->change_end[i]; x++)
                r->working_row[x] = r->change_colour[i];
        }
        vb_copy_pixels(dst + (size_t)y * stride, r->working_row, width);
    }
}
