/* Streamed input (a long uncompressed file read through each renderer's bounded cache): the
 * same pixels as the same file decoded into memory, in order and out of order, across many
 * cache refills; and a file that changes while it is read is refused, never drawn from. */
#include "audio/audio.h"
#include "audio/test_signal.h"
#include "common/error.h"
#include "render/renderer.h"

#include <criterion/criterion.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], path[128];
enum { RATE = 48000, SECONDS = 70 }; /* 3.36 M samples: several 1 Mi-sample caches */

static void make_file(void) {
    snprintf(dir, sizeof dir, "/tmp/vizbench-stream-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/long.wav", dir);
    const int64_t n = (int64_t)RATE * SECONDS;
    float *mono = vb_signal_log_sweep(n, RATE, 40.0, 16000.0);
    cr_assert_not_null(mono);
    float *stereo = malloc(sizeof(float) * 2 * (size_t)n);
    cr_assert_not_null(stereo);
    for (int64_t i = 0; i < n; i++) { /* the channels differ, so the downmix is exercised */
        stereo[2 * i] = mono[i];
        stereo[2 * i + 1] = (i / 700) % 3 ? 0.25f : -0.5f;
    }
    SF_INFO info = {.samplerate = RATE, .channels = 2, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_24};
    SNDFILE *f = sf_open(path, SFM_WRITE, &info);
    cr_assert_not_null(f);
    cr_assert_eq(sf_writef_float(f, stereo, n), n);
    sf_close(f);
    free(mono);
    free(stereo);
}

static void remove_file(void) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(stream, .init = make_file, .fini = remove_file);

static void render_both(const vb_view_options *view, const vb_audio *memory,
                        const vb_audio *streamed, const int64_t *frames, int count) {
    vb_renderer *a = vb_renderer_create(view, memory);
    vb_renderer *b = vb_renderer_create(view, streamed);
    cr_assert(a && b, "%s", vb_error_get());
    const size_t stride = (size_t)view->width * 4, bytes = stride * (size_t)view->height;
    uint8_t *pa = malloc(bytes), *pb = malloc(bytes);
    for (int i = 0; i < count; i++) {
        vb_renderer_render(a, frames[i], pa, stride);
        vb_renderer_render(b, frames[i], pb, stride);
        cr_assert_eq(vb_renderer_status(b), VB_OK, "%s", vb_error_get());
        cr_assert(memcmp(pa, pb, bytes) == 0, "%s frame %lld differs when streamed",
                  vb_view_name(view->view), (long long)frames[i]);
    }
    free(pa);
    free(pb);
    vb_renderer_destroy(a);
    vb_renderer_destroy(b);
}

Test(stream, same_pixels_as_decoded_in_memory) {
    vb_audio memory, streamed;
    cr_assert_eq(vb_audio_load_file(path, &memory), VB_OK, "%s", vb_error_get());
    cr_assert_eq(vb_audio_open_streamed(path, &streamed), VB_OK, "%s", vb_error_get());
    cr_assert_not_null(memory.samples);
    cr_assert_null(streamed.samples, "the streamed input holds no decoded samples");
    cr_assert_eq(streamed.length, memory.length);

    /* Every frame in order at 20 fps (the window slides across every refill), then jumps
     * backwards and forwards (seeks). */
    enum { FPS = 20 };
    const int64_t count = SECONDS * FPS;
    int64_t *in_order = malloc(sizeof(int64_t) * (size_t)count);
    for (int64_t i = 0; i < count; i++)
        in_order[i] = i;
    const int64_t jumps[] = {count - 1, 3, count / 2, 1, count - 40, 700, 699, 0};
    for (int v = 0; v < 3; v++) {
        vb_view_options view;
        vb_view_options_defaults(&view);
        view.view = (vb_view_kind)v;
        view.width = 96;
        view.height = 48;
        view.fps = FPS;
        render_both(&view, &memory, &streamed, in_order, (int)count);
        render_both(&view, &memory, &streamed, jumps, (int)(sizeof jumps / sizeof jumps[0]));
    }
    free(in_order);
    vb_audio_free(&memory);
    vb_audio_free(&streamed);
}

Test(stream, a_file_changed_while_read_is_refused) {
    vb_audio streamed;
    cr_assert_eq(vb_audio_open_streamed(path, &streamed), VB_OK, "%s", vb_error_get());
    vb_view_options view;
    vb_view_options_defaults(&view);
    view.view = VB_VIEW_SPECTRUM;
    view.width = 96;
    view.height = 48;
    vb_renderer *r = vb_renderer_create(&view, &streamed);
    cr_assert_not_null(r);
    uint8_t pixels[96 * 48 * 4];
    vb_renderer_render(r, 10, pixels, 96 * 4);
    cr_assert_eq(vb_renderer_status(r), VB_OK, "%s", vb_error_get());
    /* Rewrite the file (as a recorder still writing to it would), then ask for audio beyond
     * the cache: the reader notices and refuses, and from then on shows silence. */
    FILE *f = fopen(path, "ab");
    cr_assert_not_null(f);
    fputs("more", f);
    fclose(f);
    vb_renderer_render(r, vb_renderer_frame_count(r) - 1, pixels, 96 * 4);
    cr_assert_eq(vb_renderer_status(r), -VB_ERR_FAILURE);
    cr_assert(strstr(vb_error_get(), "changed while being read") && strstr(vb_error_get(), path),
              "error: %s", vb_error_get());
    vb_renderer_destroy(r);
    vb_audio_free(&streamed);
}
