/* RGBA8 pixels as the renderer stores them: bytes R, G, B, A in memory order on any host,
 * handled as one uint32_t so rows can be filled and copied a word at a time. */
#ifndef VB_RENDER_PIXEL_H
#define VB_RENDER_PIXEL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline uint32_t vb_rgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a) {
    const uint8_t bytes[4] = {r, g, b, a};
    uint32_t word;
    memcpy(&word, bytes, sizeof word);
    return word;
}

/* Copies `count` pixels. Why not memcpy: for rows of a few KB glibc picks `rep movsb`, which
 * on AMD Zen cores measured 15-20 % slower here than plain 16-byte vector stores. */
static inline void vb_copy_pixels(void *dst, const void *src, size_t count) {
#if defined(__SSE2__)
    uint8_t *d = dst;
    const uint8_t *s = src;
    size_t bytes = count * 4, i = 0;
    for (; i + 64 <= bytes; i += 64) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 32));
        __m128i e = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 48));
        _mm_storeu_si128((__m128i *)(void *)(d + i), a);
        _mm_storeu_si128((__m128i *)(void *)(d + i + 16), b);
        _mm_storeu_si128((__m128i *)(void *)(d + i + 32), c);
        _mm_storeu_si128((__m128i *)(void *)(d + i + 48), e);
    }
    if (i < bytes) memcpy(d + i, s + i, bytes - i);
#else
    memcpy(dst, src, count * 4);
#endif
}

#endif
