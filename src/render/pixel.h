/* RGBA8 pixels as the renderer stores them: bytes R, G, B, A in memory order on any host,
 * handled as one uint32_t so rows can be filled and copied a word at a time. */
#ifndef VB_RENDER_PIXEL_H
#define VB_RENDER_PIXEL_H

#include <stdint.h>
#include <string.h>

static inline uint32_t vb_rgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a) {
    const uint8_t bytes[4] = {r, g, b, a};
    uint32_t word;
    memcpy(&word, bytes, sizeof word);
    return word;
}

#endif
