#include "measure/picture_check.h"

#include <string.h>

void vb_picture_tally_start(vb_picture_tally *t) {
    memset(t, 0, sizeof *t);
}

void vb_picture_tally_add(vb_picture_tally *t, const uint8_t *shown, const uint8_t *reference,
                          size_t pixels) {
    t->pixels += (int64_t)pixels;
    if (memcmp(shown, reference, pixels * 4) == 0) {
        t->histogram[0] += (int64_t)pixels;
        return;
    }
    for (size_t i = 0; i < pixels; i++) {
        int worst = 0;
        for (int c = 0; c < 4; c++) {
            int d = shown[4 * i + (size_t)c] - reference[4 * i + (size_t)c];
            d = d < 0 ? -d : d;
            worst = d > worst ? d : worst;
        }
        t->histogram[worst]++;
    }
}

void vb_picture_tally_finish(const vb_picture_tally *t, vb_picture_diff *out) {
    memset(out, 0, sizeof *out);
    out->pixels = t->pixels;
    out->differing = t->pixels - t->histogram[0];
    if (out->differing == 0) return;
    /* The smallest error e with at least 99.9 % of pixels at or below it. */
    int64_t needed = t->pixels - t->pixels / 1000, seen = 0;
    out->p999_error = -1;
    for (int e = 0; e < 256; e++) {
        seen += t->histogram[e];
        if (t->histogram[e]) out->max_error = e;
        if (out->p999_error < 0 && seen >= needed) out->p999_error = e;
    }
}

void vb_picture_compare(const uint8_t *shown, const uint8_t *reference, size_t pixels,
                        vb_picture_diff *out) {
    vb_picture_tally t;
    vb_picture_tally_start(&t);
    vb_picture_tally_add(&t, shown, reference, pixels);
    vb_picture_tally_finish(&t, out);
}

uint64_t vb_checksum_continue(uint64_t hash, const uint8_t *bytes, size_t size) {
    for (size_t i = 0; i < size; i++) {
        hash ^= bytes[i];
        hash *= 0x100000001b3u;
    }
    return hash;
}

uint64_t vb_checksum(const uint8_t *bytes, size_t size) {
    return vb_checksum_continue(VB_CHECKSUM_START, bytes, size);
}
