/* The spectrum view's bar geometry, shared by its CPU view and both GPU halves so that every
 * renderer puts the same bar in the same column. */
#ifndef VB_RENDER_SPECTRUM_BARS_H
#define VB_RENDER_SPECTRUM_BARS_H

#include "render/view_options.h"

#include <stdint.h>

/* The bars drawn at this view's width (--bars, at most one per column). */
int vb_spectrum_bar_count(const vb_view_options *options);

/* For each of the view's `width` columns, the bar drawn in it, or -1 in the gaps between bars
 * (a bar three columns or wider leaves its last column empty). */
void vb_spectrum_bar_of_column(const vb_view_options *options, int32_t *bar_of_column);

#endif
