/* libFuzzer harness: the audio loading path, through libsndfile's virtual I/O from memory
 * (vb_audio_load_memory), then one frame of every view drawn from what was loaded.
 *
 * Checked, beyond "no crash, no leak, no sanitizer finding": a loaded file has a rate and
 * channel count within the documented limits and every sample finite and within [-1, 1] (so no
 * NaN can reach a pixel); a refused one leaves an error naming it. A broken property calls
 * abort(), which libFuzzer reports as a crash. */
#include "audio/audio.h"
#include "common/error.h"
#include "render/renderer.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void require(int condition, const char *what) {
    if (condition) return;
    fprintf(stderr, "fuzz_audio: %s (error '%s')\n", what, vb_error_get());
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    vb_audio audio;
    if (vb_audio_load_memory(data, size, "fuzz-input", &audio) != VB_OK) {
        require(strstr(vb_error_get(), "fuzz-input") != NULL, "refused without naming the input");
        return 0;
    }
    require(audio.length >= 1, "loaded with no samples");
    require(audio.sample_rate >= VB_AUDIO_MIN_RATE && audio.sample_rate <= VB_AUDIO_MAX_RATE,
            "rate out of bounds");
    require(audio.channels >= 1 && audio.channels <= VB_AUDIO_MAX_CHANNELS,
            "channels out of bounds");
    for (int64_t i = 0; i < audio.length; i++)
        require(isfinite(audio.samples[i]) && fabsf(audio.samples[i]) <= 1.0f,
                "sample not finite or beyond full scale");

    enum { W = 64, H = 32 };
    static uint8_t pixels[W * H * 4];
    for (int v = 0; v < 3; v++) {
        vb_view_options view;
        vb_view_options_defaults(&view);
        view.view = (vb_view_kind)v;
        view.width = W;
        view.height = H;
        view.fft_size = 256;
        vb_renderer *r = vb_renderer_create(&view, &audio);
        require(r != NULL, "renderer refused a loaded input");
        int64_t frames = vb_renderer_frame_count(r);
        vb_renderer_render(r, frames > 1 ? frames - 1 : 0, pixels, W * 4);
        vb_renderer_destroy(r);
    }
    vb_audio_free(&audio);
    return 0;
}
