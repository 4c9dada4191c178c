/* Compares a picture the display side shows with the CPU reference render of the same frame.
 * A pixel's error is its largest channel difference (0..255). */
#ifndef VB_MEASURE_PICTURE_CHECK_H
#define VB_MEASURE_PICTURE_CHECK_H

#include <stddef.h>
#include <stdint.h>

typedef struct vb_picture_diff {
    int64_t pixels;
    int64_t differing; /* pixels with any difference */
    int max_error;
    int p999_error; /* 99.9 % of pixels are off by at most this */
} vb_picture_diff;

void vb_picture_compare(const uint8_t *shown, const uint8_t *reference, size_t pixels,
                        vb_picture_diff *out);

/* FNV-1a, 64 bits: a per-frame fingerprint for the hand-off checks. */
uint64_t vb_checksum(const uint8_t *bytes, size_t size);

#endif
