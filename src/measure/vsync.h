/* A display clock and its accounting: what a vsync-driven raster thread sees. The display ticks
 * every `period_ns` from `origin_ns`; at each tick the raster thread latches the newest frame
 * that became ready since the last tick (older ones are never shown: skipped), draws and
 * presents it; a tick with no new frame repeats the picture on screen (repeated).
 *
 * Pure arithmetic on times the caller passes in (monotonic ns), so the consumer thread and the
 * tests (a scripted clock) run the same code. Frames of delay: how many ticks came after a frame
 * was ready up to and including the one that latched it; a frame ready just before a tick and
 * latched at it is 1 frame late, as a display shows it one refresh after it is ready. */
#ifndef VB_MEASURE_VSYNC_H
#define VB_MEASURE_VSYNC_H

#include <stdint.h>

#define VB_VSYNC_MIN_HZ 1
#define VB_VSYNC_MAX_HZ 1000
/* Frames of delay are counted 1 .. VB_VSYNC_DELAY_BINS - 1, the last bin holding that many or
 * more. */
#define VB_VSYNC_DELAY_BINS 6

typedef struct vb_vsync {
    int hz;
    int64_t period_ns, origin_ns;
    int64_t ticks;    /* ticks accounted (with and without a new frame) */
    int64_t latched;  /* ticks that latched a new frame */
    int64_t repeated; /* ticks without a new frame (the screen repeats its picture) */
    int64_t skipped;  /* frames ready but never latched: a newer one was ready at the same tick */
} vb_vsync;

/* hz in VB_VSYNC_MIN_HZ .. VB_VSYNC_MAX_HZ. */
void vb_vsync_init(vb_vsync *vsync, int hz, int64_t origin_ns);
/* The first tick strictly after `now_ns`. */
int64_t vb_vsync_next_tick(const vb_vsync *vsync, int64_t now_ns);
/* Ticks in (ready_ns, tick_ns]: at least 1 for a frame latched at a tick after it was ready. */
int64_t vb_vsync_delay(const vb_vsync *vsync, int64_t ready_ns, int64_t tick_ns);
/* Accounts one tick at which `frames_ready` new frames were waiting: 0 repeats the picture, one
 * or more latches the newest and skips the others. */
void vb_vsync_tick(vb_vsync *vsync, int64_t frames_ready);

#endif
