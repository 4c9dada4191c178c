/* Composes the project's fixtures from the CC0 drum recordings that fixtures/PROVENANCE.md names:
 * a beatbox-style loop (kick, snare, closed and open hats, clap, rim) at 100 BPM, 10 bars plus a
 * beat of tail, written as mono 44.1 kHz 16-bit and stereo 48 kHz 24-bit WAV.
 *
 *   compose-fixtures RECORDINGS_DIR OUT_DIR
 *
 * Deterministic: fixed patterns, a fixed-seed generator for the small timing and level
 * variations, no dither; the same recordings give the same bytes. */
#include <math.h>
#include <sndfile.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BPM 100.0
#define STEPS_PER_BAR 16
#define BAR_COUNT 10

typedef struct instrument {
    const char *name;
    const char *file;
    double gain;
    double pan; /* -1 left .. +1 right */
    double *mono;
    int64_t length;
    int rate;
} instrument;

enum { KICK, SNARE, CLOSED_HAT, OPEN_HAT, CLAP, RIM, INSTRUMENT_COUNT };

static instrument kit[INSTRUMENT_COUNT] = {
    [KICK] = {"kick", "86335__zgump__tom-0105.wav", 1.0, 0.0, NULL, 0, 0},
    [SNARE] = {"snare", "25671__walter-odington__garage-city-snare-snappy.wav", 0.8, 0.05, NULL, 0,
               0},
    [CLOSED_HAT] = {"closed hat", "116973__cbeeching__hat-light.wav", 0.35, 0.35, NULL, 0, 0},
    [OPEN_HAT] = {"open hat", "104227__minorr__hhat-paiste-302-14-open-p.wav", 0.3, -0.3, NULL, 0,
                  0},
    [CLAP] = {"clap", "29800__stomachache__3.wav", 0.45, -0.1, NULL, 0, 0},
    [RIM] = {"rim", "16336__sstokes__ss-ht-crunchtime.wav", 0.4, 0.2, NULL, 0, 0},
};

/* One bar per row: a pattern string per instrument, 'X' accent, 'x' normal, 'o' soft. */
typedef struct bar_pattern {
    const char *steps[INSTRUMENT_COUNT];
} bar_pattern;

static const bar_pattern bars[] = {
    /* A: boots and cats */
    {{"x.......x.......", "....x.......x...", "..x...x...x...x.", "................",
      "................", "................"}},
    /* B: syncopated kick, open hat at the end */
    {{"x.....x.x.......", "....x.......x..o", "o.x.o.x.o.x.o...", "..............x.",
      "................", "................"}},
    /* C: sixteenth hats, clap layered on the backbeat */
    {{"x..x..x...x..x..", "....x.......x...", "xoxoxoxoxoxoxoxo", "................",
      "....x.......x...", "................"}},
    /* D: fill */
    {{"x.......x.x.x...", "....x...x..xoxXX", "x.x.x.x.........", "................",
      "................", "..o...o........."}},
};
static const int arrangement[BAR_COUNT] = {0, 0, 1, 0, 2, 2, 1, 3, 0, 1};

static uint32_t lcg_state = 20261124u;
static double jitter(void) { /* uniform in [-1, 1) */
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return (double)(lcg_state >> 8) / (double)(1u << 23) - 1.0;
}

static int load_instrument(instrument *ins, const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, ins->file);
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "compose-fixtures: %s: %s\n", path, sf_strerror(NULL));
        return -1;
    }
    double *frames = malloc(sizeof(double) * (size_t)info.frames * (size_t)info.channels);
    ins->mono = malloc(sizeof(double) * (size_t)info.frames);
    if (!frames || !ins->mono) {
        fprintf(stderr, "compose-fixtures: out of memory\n");
        return -1;
    }
    sf_count_t got = sf_readf_double(sf, frames, info.frames);
    sf_close(sf);
    for (sf_count_t i = 0; i < got; i++) {
        double sum = 0.0;
        for (int c = 0; c < info.channels; c++)
            sum += frames[i * info.channels + c];
        ins->mono[i] = sum / info.channels;
    }
    free(frames);
    ins->length = got;
    ins->rate = info.samplerate;
    return 0;
}

/* Catmull-Rom interpolation of the hit at fractional source position `pos`. */
static double sample_at(const instrument *ins, double pos) {
    int64_t i = (int64_t)floor(pos);
    double t = pos - (double)i;
    double p[4];
    for (int k = 0; k < 4; k++) {
        int64_t j = i - 1 + k;
        p[k] = (j >= 0 && j < ins->length) ? ins->mono[j] : 0.0;
    }
    return p[1] + 0.5 * t *
                      (p[2] - p[0] +
                       t * (2.0 * p[0] - 5.0 * p[1] + 4.0 * p[2] - p[3] +
                            t * (3.0 * (p[1] - p[2]) + p[3] - p[0])));
}

typedef struct hit {
    int instrument;
    double time; /* seconds */
    double level;
} hit;

static int build_hits(hit *hits, int capacity) {
    const double step_seconds = 60.0 / BPM / 4.0;
    int count = 0;
    for (int b = 0; b < BAR_COUNT; b++) {
        const bar_pattern *bar = &bars[arrangement[b]];
        for (int ins = 0; ins < INSTRUMENT_COUNT; ins++) {
            for (int s = 0; s < STEPS_PER_BAR; s++) {
                char c = bar->steps[ins][s];
                if (c == '.' || count >= capacity) continue;
                double velocity = c == 'X' ? 1.15 : c == 'x' ? 1.0 : 0.5;
                double t = (b * STEPS_PER_BAR + s) * step_seconds + 0.004 * jitter();
                hits[count].instrument = ins;
                hits[count].time = t < 0.0 ? 0.0 : t;
                hits[count].level = velocity * (1.0 + 0.06 * jitter());
                count++;
            }
        }
    }
    return count;
}

/* Mixes the hits into `channels` interleaved channels at `rate`, peak-normalised to -1 dBFS. */
static double *mix(const hit *hits, int hit_count, int rate, int channels, int64_t frames) {
    double *out = calloc((size_t)frames * (size_t)channels, sizeof(double));
    if (!out) return NULL;
    for (int h = 0; h < hit_count; h++) {
        const instrument *ins = &kit[hits[h].instrument];
        double ratio = (double)ins->rate / rate;
        int64_t start = (int64_t)llround(hits[h].time * rate);
        int64_t len = (int64_t)ceil((double)ins->length / ratio);
        double angle = (ins->pan + 1.0) * M_PI / 4.0; /* equal-power pan */
        double gains[2] = {cos(angle), sin(angle)};
        for (int64_t i = 0; i < len && start + i < frames; i++) {
            double v = sample_at(ins, (double)i * ratio) * ins->gain * hits[h].level;
            if (channels == 1) {
                out[start + i] += v;
            } else {
                out[(start + i) * 2] += v * gains[0] * M_SQRT2;
                out[(start + i) * 2 + 1] += v * gains[1] * M_SQRT2;
            }
        }
    }
    double peak = 0.0;
    for (int64_t i = 0; i < frames * channels; i++)
        peak = fmax(peak, fabs(out[i]));
    double scale = peak > 0.0 ? pow(10.0, -1.0 / 20.0) / peak : 1.0;
    for (int64_t i = 0; i < frames * channels; i++)
        out[i] *= scale;
    return out;
}

static int write_wav(const char *path, const double *data, int64_t frames, int rate, int channels,
                     int subformat) {
    SF_INFO info = {.samplerate = rate, .channels = channels, .format = SF_FORMAT_WAV | subformat};
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    if (!sf) {
        fprintf(stderr, "compose-fixtures: %s: %s\n", path, sf_strerror(NULL));
        return -1;
    }
    sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
    sf_count_t written = sf_writef_double(sf, data, frames);
    int closed = sf_close(sf);
    if (written != frames || closed != 0) {
        fprintf(stderr, "compose-fixtures: %s: write failed\n", path);
        return -1;
    }
    printf("wrote %s (%d Hz, %d ch, %.2f s)\n", path, rate, channels, (double)frames / rate);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: compose-fixtures RECORDINGS_DIR OUT_DIR\n");
        return 2;
    }
    for (int i = 0; i < INSTRUMENT_COUNT; i++)
        if (load_instrument(&kit[i], argv[1]) != 0) return 1;
    hit hits[2048];
    int hit_count = build_hits(hits, 2048);
    const double seconds = (BAR_COUNT * STEPS_PER_BAR + 4) * 60.0 / BPM / 4.0;
    struct {
        const char *name;
        int rate, channels, subformat;
    } outputs[] = {
        {"beatbox-loop-44k1-mono16.wav", 44100, 1, SF_FORMAT_PCM_16},
        {"beatbox-loop-48k-stereo24.wav", 48000, 2, SF_FORMAT_PCM_24},
    };
    for (size_t o = 0; o < sizeof outputs / sizeof outputs[0]; o++) {
        int64_t frames = (int64_t)llround(seconds * outputs[o].rate);
        double *data = mix(hits, hit_count, outputs[o].rate, outputs[o].channels, frames);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[2], outputs[o].name);
        if (!data || write_wav(path, data, frames, outputs[o].rate, outputs[o].channels,
                               outputs[o].subformat) != 0)
            return 1;
        free(data);
    }
    printf("%d hits, %d bars at %.0f BPM\n", hit_count, BAR_COUNT, BPM);
    return 0;
}
