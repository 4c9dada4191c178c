/* GL turn-taking on software renderers. Mesa 22.3's llvmpipe crashes (a use-after-free inside
 * the driver, reproduced within 16 runs with MALLOC_PERTURB_ at max pace) when two contexts of
 * one share group make GL calls at the same time. On a software renderer every thread of a run
 * that calls GL (producer, consumer, a strategy's own IO thread) therefore brackets its GL
 * submissions with these, so they take turns; their CPU work (analysis, CPU render, copies)
 * still overlaps. Hardware drivers are left concurrent (`serialized` 0: both are no-ops). */
#ifndef VB_DISPLAY_GL_TURNS_H
#define VB_DISPLAY_GL_TURNS_H

#include "display/gl_context.h"

/* Whether GL submissions take turns on this GL (software renderers). */
int vb_gl_submissions_serialized(const vb_gl_info *gl);

void vb_gl_turn_begin(int serialized);
void vb_gl_turn_end(int serialized);

#endif
