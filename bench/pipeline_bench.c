/* pipeline-bench: the speed targets of the measured pipeline itself, on this machine's GL.
 *   1. bookkeeping: the clock reads the harness makes per frame, as a share of pixel-copy's
 *      frame time at 1080x200 (max pace)                                   target <= 2 %
 *   2. allocations per frame in steady state, per strategy (vizbench's own code's, all threads:
 *      common/work_counts.h)                        target 0, pixel-copy 1 (0 with --pool)
 *   3. pixel-copy's copy stage bandwidth / the in-run memcpy bandwidth     target >= 80 %
 *   4. peak resident memory of a 3840x2160 run of all four strategies     target < 300 MB
 * usage: pipeline-bench [--check]   (--check exits 1 when a target is missed) */
#include "audio/audio.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "common/clock.h"
#include "pipeline/run_summary.h"
#include "pipeline/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* ---- helpers --------------------------------------------------------------------------------- */

static int run(vb_session *s, const vb_audio *audio, const vb_run_options *o,
               const vb_strategy_ops *only) {
    memset(s, 0, sizeof *s);
    s->options = *o;
    const vb_strategy_ops *one[1] = {only};
    int status = only ? vb_session_run(s, audio, one, 1, NULL)
                      : vb_session_run(s, audio, vb_strategy_list, vb_strategy_count, NULL);
    if (status != VB_OK || !s->gl_available) {
        fprintf(stderr, "pipeline-bench: %s\n", s->gl_available ? vb_error_get() : s->gl_reason);
        return -1;
    }
    for (int i = 0; i < s->run_count; i++)
        if (s->runs[i].status != VB_STRATEGY_OK) {
            fprintf(stderr, "pipeline-bench: %s: %s\n", s->runs[i].ops->name, s->runs[i].reason);
            return -1;
        }
    return 0;
}

/* The clock reads of one frame, producer and consumer together (see pipeline/run.c). */
static double bookkeeping_ns_per_frame(void) {
    double best = 1e30;
    volatile int64_t sink = 0;
    for (int batch = 0; batch < 5; batch++) {
        const int frames = 20000;
        int64_t start = vb_now_ns();
        for (int i = 0; i < frames; i++) {
            for (int k = 0; k < 11; k++)
                sink += vb_now_ns();
            for (int k = 0; k < 4; k++)
                sink += vb_thread_cpu_ns();
        }
        double per = (double)(vb_now_ns() - start) / frames;
        best = per < best ? per : best;
    }
    (void)sink;
    return best;
}

static int64_t allocations_during(const vb_audio *audio, vb_run_options o,
                                  const vb_strategy_ops *ops, int64_t frames) {
    o.frames = frames;
    vb_session s;
    int64_t before = vb_work_allocations_total();
    int failed = run(&s, audio, &o, ops);
    int64_t count = vb_work_allocations_total() - before;
    vb_session_free(&s);
    return failed ? -1 : count;
}

int main(int argc, char **argv) {
    int check = argc > 1 && strcmp(argv[1], "--check") == 0;
    vb_audio audio;
    if (vb_audio_load_default(&audio) != VB_OK) {
        fprintf(stderr, "pipeline-bench: %s\n", vb_error_get());
        return 1;
    }
    int missed = 0;
    vb_run_options o;
    vb_run_options_defaults(&o);
    o.view.view = VB_VIEW_SPECTRUM;
    o.pace = VB_PACE_MAX;
    o.frames = 600;

    /* 1 and 3: one pixel-copy run at 1080x200. */
    vb_session s;
    if (run(&s, &audio, &o, vb_strategy_find("pixel-copy")) != 0) return 1;
    vb_run_summary sum;
    vb_run_summarize(&s.runs[0], &o, &sum);
    const double frame_ns = sum.interval_ms.p50 * 1e6;
    const double bookkeeping = bookkeeping_ns_per_frame();
    const double share = bookkeeping / frame_ns * 100.0;
    const double copy_ratio = sum.copy_gbps / s.limits.memcpy_gbps * 100.0;
    printf("GL: %s\n", s.gl.renderer);
    printf("1. bookkeeping %.2f us per frame = %.2f %% of pixel-copy's %.3f ms frame "
           "(target <= 2 %%): %s\n",
           bookkeeping / 1e3, share, frame_ns / 1e6, share <= 2.0 ? "met" : "MISSED");
    missed |= share > 2.0;
    printf("3. pixel-copy copy stage %.1f GB/s = %.0f %% of in-run memcpy %.1f GB/s "
           "(target >= 80 %%): %s\n",
           sum.copy_gbps, copy_ratio, s.limits.memcpy_gbps, copy_ratio >= 80 ? "met" : "MISSED");
    missed |= copy_ratio < 80;
    vb_session_free(&s);

    /* 2: allocation counts of a 100- and a 300-frame run; the difference is steady state. */
    o.frames = 100;
    o.view.width = 320;
    o.view.height = 96;
    printf("2. allocations per frame in steady state (300-frame run minus 100-frame run):\n");
    for (int pool = 0; pool <= 1; pool++) {
        o.pool = pool;
        for (int i = 0; i < vb_strategy_count; i++) {
            const vb_strategy_ops *ops = vb_strategy_list[i];
            if (pool && strcmp(ops->name, "pixel-copy") != 0) continue;
            int64_t few = allocations_during(&audio, o, ops, 100);
            int64_t many = allocations_during(&audio, o, ops, 300);
            if (few < 0 || many < 0) return 1;
            double per_frame = (double)(many - few) / 200.0;
            double expected = strcmp(ops->name, "pixel-copy") == 0 && !pool ? 1.0 : 0.0;
            printf("   %-14s%s %.2f (target %.0f): %s\n", ops->name, pool ? " --pool" : "       ",
                   per_frame, expected, per_frame == expected ? "met" : "MISSED");
            missed |= per_frame != expected;
        }
    }

    /* 4: the whole set at 3840x2160. */
    o.pool = 0;
    o.view.width = 3840;
    o.view.height = 2160;
    o.frames = 60;
    if (run(&s, &audio, &o, NULL) != 0) return 1;
    vb_session_free(&s);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double peak_mb = (double)usage.ru_maxrss / 1024.0;
    printf("4. peak resident memory after all four strategies at 3840x2160: %.0f MB "
           "(target < 300 MB): %s\n",
           peak_mb, peak_mb < 300 ? "met" : "MISSED");
    missed |= peak_mb >= 300;
    vb_audio_free(&audio);
    return check && missed ? 1 : 0;
}
