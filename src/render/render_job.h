/* Whole renders to PNG files, as `vizbench render` asks for them: one frame, or a contact sheet
 * of frames spread evenly over the input. Files are written atomically (see atomic_file.h). */
#ifndef VB_RENDER_RENDER_JOB_H
#define VB_RENDER_RENDER_JOB_H

#include "audio/audio.h"
#include "render/view_options.h"

#include <stdint.h>

#define VB_SHEET_MAX_SIDE 16384
#define VB_SHEET_MAX_PIXELS ((int64_t)1 << 28)
#define VB_SHEET_GAP 2

/* The frame shown at `seconds` (nearest frame); -1 with the error set if out of the input. */
int64_t vb_frame_at_seconds(const vb_audio *audio, int fps, double seconds);

/* Fails with -VB_ERR_USAGE if `frame` is not in 0 .. frame count - 1. */
int vb_render_frame_png(const vb_audio *audio, const vb_view_options *options, int64_t frame,
                        const char *path);

/* A grid of columns x rows tiles, VB_SHEET_GAP pixels apart, tile i showing frame
 * (count - 1) * (i + 1) / tiles: evenly spread, the last tile the last frame. */
int vb_render_contact_sheet_png(const vb_audio *audio, const vb_view_options *options, int columns,
                                int rows, const char *path);

#endif
