/* Input audio: any file libsndfile reads, downmixed to mono float for analysis.
 *
 * Contract: on success the vb_audio owns `samples` or, for a streamed file, its path (free with
 * vb_audio_free); read samples through vb_audio_reader (audio_reader.h), which serves both. Samples
 * are the mean of the source channels, with NaN replaced by 0 and values clamped to [-1, 1], so no
 * later stage can produce NaN pixels. Accepted: 1 to 64 channels, 8 kHz to 192 kHz, at least
 * one sample. A file whose header declares more data than it holds is refused as truncated, and
 * one that changes (size or modification time) while it is read, as changed.
 * On failure nothing is allocated and vb_error_get() names the file and the cause. */
#ifndef VB_AUDIO_AUDIO_H
#define VB_AUDIO_AUDIO_H

#include <stddef.h>
#include <stdint.h>

#define VB_AUDIO_MIN_RATE 8000
#define VB_AUDIO_MAX_RATE 192000
#define VB_AUDIO_MAX_CHANNELS 64
/* Keeps a file decoded into memory within 4 GiB of floats: about 93 minutes at 192 kHz. */
#define VB_AUDIO_MAX_SAMPLES ((int64_t)1 << 30)
/* An uncompressed file (WAV, AIFF, W64, RF64, CAF) longer than this many sample frames (64 MB
 * of mono floats: 87 s at 192 kHz, 6.3 min at 44.1 kHz) is streamed instead: read through a
 * bounded cache by each thread's vb_audio_reader, so memory stays flat however long the input
 * (up to 2^40 samples). Compressed formats are decoded into memory (their frame counts and
 * seeks are not exact enough to stream safely), up to VB_AUDIO_MAX_SAMPLES. */
#define VB_AUDIO_STREAM_SAMPLES ((int64_t)1 << 24)
#define VB_AUDIO_MAX_STREAM_SAMPLES ((int64_t)1 << 40)

typedef struct vb_audio {
    float *samples;        /* mono, owned; NULL for a streamed input (read with vb_audio_reader) */
    int64_t length;        /* number of samples */
    char *path;            /* streamed input: the file, owned; NULL otherwise */
    int64_t file_size;     /* streamed input: size and modification time when opened, to notice */
    int64_t file_mtime_ns; /* a file that changes while it is read */
    int sample_rate;       /* Hz */
    int channels;          /* of the source, before the downmix */
    int source_format;     /* libsndfile SF_FORMAT_* of the source */
    char name[256];        /* the path, or a label for memory input */
} vb_audio;

int vb_audio_load_file(const char *path, vb_audio *out);
/* As vb_audio_load_file, but any uncompressed file is streamed whatever its length (tests). */
int vb_audio_open_streamed(const char *path, vb_audio *out);
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
