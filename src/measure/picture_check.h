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

/* The same comparison a band of rows at a time, so that a 3840x2160 check holds two bands, not
 * two frames: start, add each band (any order), finish. */
typedef struct vb_picture_tally {
    int64_t pixels;
    int64_t histogram[256]; /* pixels by their error */
} vb_picture_tally;

void vb_picture_tally_start(vb_picture_tally *tally);
void vb_picture_tally_add(vb_picture_tally *tally, const uint8_t *shown, const uint8_t *reference,
                          size_t pixels);
void vb_picture_tally_finish(const vb_picture_tally *tally, vb_picture_diff *out);

/* FNV-1a, 64 bits: a per-frame fingerprint for the hand-off checks. vb_checksum_continue hashes
 * on from `hash` (VB_CHECKSUM_START for the first bytes), so a frame hashed band by band in
 * order gives vb_checksum of the whole frame. */
#define VB_CHECKSUM_START 0xcbf29ce484222325u
uint64_t vb_checksum(const uint8_t *bytes, size_t size);
uint64_t vb_checksum_continue(uint64_t hash, const uint8_t *bytes, size_t size);

#endif
