/* Decoded audio: any file libsndfile reads, downmixed to mono float for analysis.
 *
 * Contract: on success the vb_audio owns `samples` (free with vb_audio_free). Samples are the
 * mean of the source channels, with NaN replaced by 0 and values clamped to [-1, 1], so no
 * later stage can produce NaN pixels. Accepted: 1 to 64 channels, 8 kHz to 192 kHz, at least
 * one sample. A file whose header declares more data than it holds is refused as truncated.
 * On failure nothing is allocated and vb_error_get() names the file and the cause. */
#ifndef VB_AUDIO_AUDIO_H
#define VB_AUDIO_AUDIO_H

#include <stddef.h>
#include <stdint.h>

#define VB_AUDIO_MIN_RATE 8000
#define VB_AUDIO_MAX_RATE 192000
#define VB_AUDIO_MAX_CHANNELS 64
/* Keeps a decoded file within 4 GiB of floats: about 93 minutes at 192 kHz. */
#define VB_AUDIO_MAX_SAMPLES ((int64_t)1 << 30)

typedef struct vb_audio {
    float *samples;    /* mono, owned */
    int64_t length;    /* number of samples */
    int sample_rate;   /* Hz */
    int channels;      /* of the source, before the downmix */
    int source_format; /* libsndfile SF_FORMAT_* of the source */
    char name[256];    /* the path, or a label for memory input */
} vb_audio;

int vb_audio_load_file(const char *path, vb_audio *out);
/* `data` is borrowed for the duration of the call only. */
int vb_audio_load_memory(const void *data, size_t size, const char *name, vb_audio *out);
/* The bundled default fixture, compiled into the program. */
int vb_audio_load_default(vb_audio *out);
/* Takes ownership of `samples` (allocated with malloc) and wraps it; used by tests and tools. */
void vb_audio_wrap(float *samples, int64_t length, int sample_rate, const char *name,
                   vb_audio *out);
void vb_audio_free(vb_audio *audio);

/* Name of the bundled default fixture, as shown in messages and results. */
extern const char vb_default_input_name[];

#endif
