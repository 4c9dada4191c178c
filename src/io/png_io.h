/* PNG files of RGBA8 pictures, through libpng's simplified API.
 *
 * vb_png_write writes atomically (see atomic_file.h): a failure never leaves a partial file or
 * replaces a good one. vb_png_read decodes any PNG to RGBA8 into a buffer the caller frees. */
#ifndef VB_IO_PNG_IO_H
#define VB_IO_PNG_IO_H

#include <stddef.h>
#include <stdint.h>

/* `pixels`: width x height RGBA8, rows `stride` bytes apart; borrowed for the call. */
int vb_png_write(const char *path, const uint8_t *pixels, int width, int height, size_t stride);

/* On success *pixels is malloc'd, width * height * 4 bytes, rows packed. */
int vb_png_read(const char *path, uint8_t **pixels, int *width, int *height);

#endif
