#include "measure/vsync.h"

void vb_vsync_init(vb_vsync *v, int hz, int64_t origin_ns) {
    *v = (vb_vsync){0};
    v->hz = hz;
    v->period_ns = 1000000000LL / hz;
    v->origin_ns = origin_ns;
}

/* Tick k is at origin + k * 10^9 / hz (rounded down), so a long run does not drift from the
 * rate by accumulating a rounded period. */
static int64_t tick_time(const vb_vsync *v, int64_t k) {
    return v->origin_ns + k * 1000000000LL / v->hz;
}

static int64_t ticks_until(const vb_vsync *v, int64_t t) {
    /* the number of ticks k >= 1 with tick_time(k) <= t */
    if (t < v->origin_ns) return 0;
    int64_t k = (t - v->origin_ns) * v->hz / 1000000000LL;
    while (tick_time(v, k + 1) <= t)
        k++;
    while (k > 0 && tick_time(v, k) > t)
        k--;
    return k;
}

int64_t vb_vsync_next_tick(const vb_vsync *v, int64_t now_ns) {
    return tick_time(v, ticks_until(v, now_ns) + 1);
}

int64_t vb_vsync_delay(const vb_vsync *v, int64_t ready_ns, int64_t tick_ns) {
    return ticks_until(v, tick_ns) - ticks_until(v, ready_ns);
}

void vb_vsync_tick(vb_vsync *v, int64_t frames_ready) {
    v->ticks++;
    if (frames_ready <= 0) {
        v->repeated++;
        return;
    }
    v->latched++;
    v->skipped += frames_ready - 1;
}
