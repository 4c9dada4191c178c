#include "measure/picture_check.h"

#include <string.h>

void vb_picture_compare(const uint8_t *shown, const uint8_t *reference, size_t pixels,
                        vb_picture_diff *out) {
    memset(out, 0, sizeof *out);
    out->pixels = (int64_t)pixels;
    if (memcmp(shown, reference, pixels * 4) == 0) return;
    int64_t histogram[256] = {0};
    for (size_t i = 0; i < pixels; i++) {
        int worst = 0;
        for (int c = 0; c < 4; c++) {
            int d = shown[4 * i + (size_t)c] - reference[4 * i + (size_t)c];
            d = d < 0 ? -d : d;
            worst = d > worst ? d : worst;
        }
        histogram[worst]++;
    }
    out->differing = (int64_t)pixels - histogram[0];
    /* The smallest error e with at least 99.9 % of pixels at or below it. */
    int64_t needed = (int64_t)pixels - (int64_t)pixels / 1000, seen = 0;
    out->p999_error = -1;
    for (int e = 0; e < 256; e++) {
        seen += histogram[e];
        if (histogram[e]) out->max_error = e;
        if (out->p999_error < 0 && seen >= needed) out->p999_error = e;
    }
}

uint64_t vb_checksum(const uint8_t *bytes, size_t size) {
    uint64_t hash = 0xcbf29ce484222325u;
    for (size_t i = 0; i < size; i++) {
        hash ^= bytes[i];
        hash *= 0x100000001b3u;
    }
    return hash;
}
