#include "audio/audio.h"

#include "audio/default_input.h"
#include "common/error.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char vb_default_input_name[] = "(bundled) beatbox-loop-44k1-mono16.wav";

enum { READ_CHUNK_FRAMES = 16384 };

typedef struct memory_stream {
    const unsigned char *data;
    sf_count_t size;
    sf_count_t pos;
} memory_stream;

static sf_count_t memory_get_filelen(void *user) {
    return ((memory_stream *)user)->size;
}

static sf_count_t memory_seek(sf_count_t offset, int whence, void *user) {
    memory_stream *m = user;
    sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;
    sf_count_t target = base + offset;
    if (target < 0 || target > m->size) return -1;
    m->pos = target;
    return m->pos;
}

static sf_count_t memory_read(void *ptr, sf_count_t count, void *user) {
    memory_stream *m = user;
    sf_count_t left = m->size - m->pos;
    if (count > left) count = left;
    if (count <= 0) return 0;
    memcpy(ptr, m->data + m->pos, (size_t)count);
    m->pos += count;
    return count;
}

static sf_count_t memory_write(const void *ptr, sf_count_t count, void *user) {
    (void)ptr;
    (void)count;
    (void)user;
    return 0;
}

static sf_count_t memory_tell(void *user) {
    return ((memory_stream *)user)->pos;
}

static float sanitize_sample(float v) {
    if (isnan(v)) return 0.0f;
    if (v > 1.0f) return 1.0f;
    if (v < -1.0f) return -1.0f;
    return v;
}

/* Reads every frame of an open file, downmixing as it goes. Reading in chunks until EOF, rather
 * than trusting the header's frame count, keeps a lying header from driving a huge allocation. */
static int decode_all(SNDFILE *sf, const SF_INFO *info, const char *name, vb_audio *out) {
    int channels = info->channels;
    float *chunk = malloc(sizeof(float) * (size_t)READ_CHUNK_FRAMES * (size_t)channels);
    int64_t capacity = info->frames > 0 && info->frames < (1 << 24) ? info->frames : (1 << 16);
    float *samples = malloc(sizeof(float) * (size_t)capacity);
    int64_t length = 0;
    if (!chunk || !samples) {
        vb_error_set("%s: out of memory while decoding", name);
        goto fail;
    }
    for (;;) {
        sf_count_t got = sf_readf_float(sf, chunk, READ_CHUNK_FRAMES);
        if (got <= 0) break;
        if (length + got > VB_AUDIO_MAX_SAMPLES) {
            vb_error_set("%s: longer than the supported %lld samples", name,
                         (long long)VB_AUDIO_MAX_SAMPLES);
            goto fail;
        }
        if (length + got > capacity) {
            int64_t grown = capacity * 2;
            while (grown < length + got)
                grown *= 2;
            float *bigger = realloc(samples, sizeof(float) * (size_t)grown);
            if (!bigger) {
                vb_error_set("%s: out of memory while decoding", name);
                goto fail;
            }
            samples = bigger;
            capacity = grown;
        }
        const float inv = 1.0f / (float)channels;
        for (sf_count_t i = 0; i < got; i++) {
            const float *frame = chunk + i * channels;
            float sum = 0.0f;
            for (int c = 0; c < channels; c++)
                sum += sanitize_sample(frame[c]);
            samples[length + i] = sanitize_sample(sum * inv);
        }
        length += got;
    }
    if (sf_error(sf) != SF_ERR_NO_ERROR) {
        vb_error_set("%s: decoding failed: %s", name, sf_strerror(sf));
        goto fail;
    }
    if (length == 0) {
        vb_error_set("%s: contains no audio samples", name);
        goto fail;
    }
    if (info->frames > 0 && length < info->frames) {
        vb_error_set("%s: truncated: the header declares %lld samples, only %lld are present", name,
                     (long long)info->frames, (long long)length);
        goto fail;
    }
    free(chunk);
    out->samples = samples;
    out->length = length;
    out->sample_rate = info->samplerate;
    out->channels = channels;
    out->source_format = info->format;
    snprintf(out->name, sizeof out->name, "%s", name);
    return VB_OK;
fail:
    free(chunk);
    free(samples);
    return -VB_ERR_FAILURE;
}

static int check_info(const SF_INFO *info, const char *name) {
    if (info->channels < 1 || info->channels > VB_AUDIO_MAX_CHANNELS) {
        vb_error_set("%s: %d channels, supported are 1 to %d", name, info->channels,
                     VB_AUDIO_MAX_CHANNELS);
        return -VB_ERR_FAILURE;
    }
    if (info->samplerate < VB_AUDIO_MIN_RATE || info->samplerate > VB_AUDIO_MAX_RATE) {
        vb_error_set("%s: sample rate %d Hz, supported are %d to %d Hz", name, info->samplerate,
                     VB_AUDIO_MIN_RATE, VB_AUDIO_MAX_RATE);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

/* libsndfile quietly shortens a file whose data chunk claims more bytes than exist, and says so
 * only in its log ("data : 2169720 (should be 99956)"); the log is the one place to learn it. */
static int check_not_truncated(SNDFILE *sf, const char *name) {
    char log[4096];
    sf_command(sf, SFC_GET_LOG_INFO, log, sizeof log);
    for (const char *line = log; line && *line; line = strchr(line, '\n')) {
        while (*line == '\n')
            line++;
        long long declared = 0, present = 0;
        if ((sscanf(line, "data : %lld (should be %lld)", &declared, &present) == 2 ||
             sscanf(line, "SSND : %lld (should be %lld)", &declared, &present) == 2) &&
            present < declared) {
            vb_error_set("%s: truncated: the header declares %lld bytes of audio data, the file "
                         "holds %lld",
                         name, declared, present);
            return -VB_ERR_FAILURE;
        }
    }
    return VB_OK;
}

static int decode_open_file(SNDFILE *sf, SF_INFO *info, const char *name, vb_audio *out) {
    memset(out, 0, sizeof *out);
    int status = check_info(info, name);
    if (status == VB_OK) status = check_not_truncated(sf, name);
    if (status == VB_OK) status = decode_all(sf, info, name, out);
    sf_close(sf);
    return status;
}

int vb_audio_load_file(const char *path, vb_audio *out) {
    struct stat st;
    if (stat(path, &st) != 0) {
        vb_error_set("%s: %s", path, strerror(errno));
        return -VB_ERR_FAILURE;
    }
    if (S_ISDIR(st.st_mode)) {
        vb_error_set("%s: is a directory, not an audio file", path);
        return -VB_ERR_FAILURE;
    }
    /* A FIFO or device could block forever or never end; only regular files are read. */
    if (!S_ISREG(st.st_mode)) {
        vb_error_set("%s: not a regular file", path);
        return -VB_ERR_FAILURE;
    }
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf) {
        FILE *probe = fopen(path, "rb");
        if (!probe) {
            vb_error_set("%s: %s", path, strerror(errno));
            return -VB_ERR_FAILURE;
        }
        fclose(probe);
        vb_error_set("%s: not a readable audio file (%s)", path, sf_strerror(NULL));
        return -VB_ERR_FAILURE;
    }
    return decode_open_file(sf, &info, path, out);
}

int vb_audio_load_memory(const void *data, size_t size, const char *name, vb_audio *out) {
    memory_stream stream = {data, (sf_count_t)size, 0};
    SF_VIRTUAL_IO io = {memory_get_filelen, memory_seek, memory_read, memory_write, memory_tell};
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *sf = sf_open_virtual(&io, SFM_READ, &info, &stream);
    if (!sf) {
        vb_error_set("%s: not a readable audio file (%s)", name, sf_strerror(NULL));
        return -VB_ERR_FAILURE;
    }
    return decode_open_file(sf, &info, name, out);
}

int vb_audio_load_default(vb_audio *out) {
    return vb_audio_load_memory(vb_default_input_data, (size_t)vb_default_input_size,
                                vb_default_input_name, out);
}

void vb_audio_wrap(float *samples, int64_t length, int sample_rate, const char *name,
                   vb_audio *out) {
    memset(out, 0, sizeof *out);
    out->samples = samples;
    out->length = length;
    out->sample_rate = sample_rate;
    out->channels = 1;
    out->source_format = 0;
    snprintf(out->name, sizeof out->name, "%s", name);
}

void vb_audio_free(vb_audio *audio) {
    if (!audio) return;
    free(audio->samples);
    audio->samples = NULL;
    audio->length = 0;
}
