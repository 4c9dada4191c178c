/* Audio input: every format, channel count and rate the contract names, the downmix, sample
 * sanitising, and the bad inputs that must fail with a message naming the file. */
#include "audio/audio.h"
#include "common/error.h"

#include <criterion/criterion.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void make_dir(void) {
    snprintf(dir, sizeof dir, "/tmp/vizbench-audio-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(audio, .init = make_dir, .fini = remove_dir);

/* Writes `frames` frames where channel c holds value[c] * (1 for even frames, -1 for odd). */
static const char *write_file(const char *name, int format, int rate, int channels,
                              const double *value, sf_count_t frames) {
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    SF_INFO info = {.samplerate = rate, .channels = channels, .format = format};
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    cr_assert_not_null(sf, "%s: %s", path, sf_strerror(NULL));
    double *data = malloc(sizeof(double) * (size_t)(frames * channels));
    for (sf_count_t i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++)
            data[i * channels + c] = value[c] * (i % 2 ? -1 : 1);
    cr_assert_eq(sf_writef_double(sf, data, frames), frames);
    sf_close(sf);
    free(data);
    return path;
}

static void check_loads(const char *name, int format, int rate, int channels, double tolerance) {
    double value[8] = {0.5, 0.25, -0.25, 0.125, 0.0, 0.75, -0.5, 0.25};
    double mean = 0.0;
    for (int c = 0; c < channels; c++)
        mean += value[c];
    mean /= channels;
    const char *path = write_file(name, format, rate, channels, value, 4000);
    vb_audio a;
    cr_assert_eq(vb_audio_load_file(path, &a), 0, "%s: %s", name, vb_error_get());
    cr_expect_eq(a.length, 4000, "%s length", name);
    cr_expect_eq(a.sample_rate, rate);
    cr_expect_eq(a.channels, channels);
    /* Lossy codecs smear the first samples; check the middle. */
    cr_expect_float_eq(a.samples[2000], (float)mean, tolerance, "%s: downmix %f, expected %f", name,
                       (double)a.samples[2000], mean);
    vb_audio_free(&a);
}

Test(audio, wav_pcm_and_float_depths) {
    check_loads("u8.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 8000, 1, 1.0 / 64);
    check_loads("s16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, 1e-4);
    check_loads("s24.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 48000, 2, 1e-6);
    check_loads("s32.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_32, 96000, 1, 1e-6);
    check_loads("f32.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100, 1, 1e-7);
    check_loads("f64.wav", SF_FORMAT_WAV | SF_FORMAT_DOUBLE, 44100, 2, 1e-7);
}

Test(audio, channels_one_to_eight_and_rates_8k_to_192k) {
    check_loads("8ch.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 48000, 8, 1e-6);
    check_loads("192k.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 192000, 1, 1e-4);
    check_loads("8k-u8.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 8000, 2, 1.0 / 64);
}

Test(audio, flac_and_ogg) {
    check_loads("a.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 1e-4);
    /* Vorbis is lossy: a full-scale Nyquist square comes back only roughly. */
    double value[1] = {0.5};
    const char *path = write_file("a.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 1, value, 8000);
    vb_audio a;
    cr_assert_eq(vb_audio_load_file(path, &a), 0, "%s", vb_error_get());
    cr_expect_eq(a.sample_rate, 44100);
    cr_expect_gt(a.length, 7000);
    vb_audio_free(&a);
}

Test(audio, nan_and_infinity_become_silence_or_full_scale) {
    double value[1] = {0.5};
    const char *path = write_file("nan.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8000, 1, value, 8);
    /* Patch the float samples in place: NaN, +Inf, -Inf, 3.0 */
    FILE *f = fopen(path, "r+b");
    cr_assert_not_null(f);
    fseek(f, -8 * 4, SEEK_END);
    float bad[4] = {NAN, INFINITY, -INFINITY, 3.0f};
    fwrite(bad, sizeof(float), 4, f);
    fclose(f);
    vb_audio a;
    cr_assert_eq(vb_audio_load_file(path, &a), 0, "%s", vb_error_get());
    cr_expect_eq(a.samples[0], 0.0f);
    cr_expect_eq(a.samples[1], 1.0f);
    cr_expect_eq(a.samples[2], -1.0f);
    cr_expect_eq(a.samples[3], 1.0f);
    for (int64_t i = 0; i < a.length; i++)
        cr_assert(isfinite(a.samples[i]));
    vb_audio_free(&a);
}

static void expect_failure(const char *path, const char *cause) {
    vb_audio a;
    memset(&a, 0, sizeof a);
    cr_assert_neq(vb_audio_load_file(path, &a), 0, "%s loaded", path);
    cr_expect_null(a.samples);
    const char *msg = vb_error_get();
    cr_expect(strstr(msg, path) != NULL, "message does not name the file: %s", msg);
    cr_expect(strstr(msg, cause) != NULL, "message lacks '%s': %s", cause, msg);
}

Test(audio, bad_inputs_fail_naming_the_file) {
    char path[256];
    snprintf(path, sizeof path, "%s/missing.wav", dir);
    expect_failure(path, "No such file");
    expect_failure(dir, "directory");

    snprintf(path, sizeof path, "%s/text.wav", dir);
    FILE *f = fopen(path, "w");
    fputs("this is not audio\n", f);
    fclose(f);
    expect_failure(path, "not a readable audio file");

    double value[1] = {0.5};
    const char *good =
        write_file("whole.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, value, 8000);
    char cut[256];
    snprintf(cut, sizeof cut, "%s/cut.wav", dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "head -c 30 '%s' > '%s'", good, cut);
    cr_assert_eq(system(cmd), 0);
    expect_failure(cut, "not a readable audio file"); /* truncated header */
    snprintf(cmd, sizeof cmd, "head -c 4000 '%s' > '%s'", good, cut);
    cr_assert_eq(system(cmd), 0);
    expect_failure(cut, "truncated"); /* truncated data */

    const char *empty =
        write_file("empty.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, value, 0);
    expect_failure(empty, "no audio samples");
    const char *slow = write_file("4k.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 4000, 1, value, 100);
    expect_failure(slow, "sample rate 4000 Hz");

    snprintf(path, sizeof path, "%s/fifo", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    expect_failure(path, "not a regular file");
}

Test(audio, bundled_default_fixture) {
    vb_audio a;
    cr_assert_eq(vb_audio_load_default(&a), 0, "%s", vb_error_get());
    cr_expect_eq(a.sample_rate, 44100);
    cr_expect_eq(a.channels, 1);
    double seconds = (double)a.length / a.sample_rate;
    cr_expect(seconds >= 20.0 && seconds <= 60.0, "%f s", seconds);
    vb_audio_free(&a);
}
