/* The perceptual colour map of the spectrogram: matplotlib's "magma" (by Nathaniel J. Smith,
 * Stefan van der Walt and Eric Firing; released CC0), sampled to 256 entries of 8-bit sRGB.
 * Entry 0 is the floor (silence), entry 255 full scale. */
#ifndef VB_RENDER_COLORMAP_H
#define VB_RENDER_COLORMAP_H

#include <stdint.h>

extern const uint8_t vb_magma_rgb[256][3];

/* Opaque RGBA8 word of entry `index` (see pixel.h). */
uint32_t vb_magma_rgba(int index);

#endif
