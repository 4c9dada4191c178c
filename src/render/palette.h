/* The fixed colours of the waveform and spectrum views (RGBA8 words, see pixel.h). */
#ifndef VB_RENDER_PALETTE_H
#define VB_RENDER_PALETTE_H

#include "render/pixel.h"

#define VB_COLOUR_BACKGROUND vb_rgba(16, 18, 24, 255)
#define VB_COLOUR_CENTRE_LINE vb_rgba(70, 76, 92, 255)
#define VB_COLOUR_ENVELOPE vb_rgba(38, 166, 214, 255)
#define VB_COLOUR_RMS vb_rgba(150, 222, 250, 255)
#define VB_COLOUR_BAR vb_rgba(46, 196, 160, 255)
#define VB_COLOUR_PEAK_CAP vb_rgba(240, 240, 236, 255)

#endif
