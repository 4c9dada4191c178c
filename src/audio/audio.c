#include "audio/audio.h"

#include "audio/default_input.h"
#include "audio/downmix.h"
#include "audio/file_identity.h"
#include "common/error.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
        vb_downmix(chunk, got, channels, samples + length);
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

/* What every opened file must pass before a sample is read: supported channels and rate, and
 * a data chunk no longer than the file. */
static int check_open_file(SNDFILE *sf, const SF_INFO *info, const char *name) {
    int status = check_info(info, name);
    return status == VB_OK ? check_not_truncated(sf, name) : status;
}

static int decode_open_file(SNDFILE *sf, SF_INFO *info, const char *name, vb_audio *out) {
    memset(out, 0, sizeof *out);
    int status = check_open_file(sf, info, name);
    if (status == VB_OK) status = decode_all(sf, info, name, out);
    sf_close(sf);
    return status;
}

/* Formats whose frame count is exact and whose seeks are cheap and exact: these can stream. */
static int streamable(const SF_INFO *info) {
    switch (info->format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
    case SF_FORMAT_AIFF:
    case SF_FORMAT_W64:
    case SF_FORMAT_RF64:
    case SF_FORMAT_CAF:
        break;
    default:
        return 0;
    }
    switch (info->format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_U8:
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_16:
    case SF_FORMAT_PCM_24:
    case SF_FORMAT_PCM_32:
    case SF_FORMAT_FLOAT:
    case SF_FORMAT_DOUBLE:
        return info->seekable;
    default:
        return 0;
    }
}

static int open_file(const char *path, int force_stream, vb_audio *out) {
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(path, &st) != 0) {
        vb_error_set("%s: cannot open (%s)", path, strerror(errno));
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
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        vb_error_set("%s: cannot open (%s)", path, strerror(errno));
        return -VB_ERR_FAILURE;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { /* replaced between stat and open */
        vb_error_set("%s: not a regular file", path);
        close(fd);
        return -VB_ERR_FAILURE;
    }
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, 0);
    if (!sf) {
        vb_error_set("%s: not a readable audio file (%s)", path, sf_strerror(NULL));
        close(fd);
        return -VB_ERR_FAILURE;
    }
    int status = check_open_file(sf, &info, path);
    if (status == VB_OK && streamable(&info) && info.frames >= 1 &&
        (force_stream || info.frames > VB_AUDIO_STREAM_SAMPLES)) {
        if (info.frames > VB_AUDIO_MAX_STREAM_SAMPLES) {
            vb_error_set("%s: longer than the supported %lld samples", path,
                         (long long)VB_AUDIO_MAX_STREAM_SAMPLES);
            status = -VB_ERR_FAILURE;
        } else {
            out->path = strdup(path);
            if (!out->path) {
                vb_error_set("%s: out of memory", path);
                status = -VB_ERR_FAILURE;
            }
            out->length = info.frames;
            out->sample_rate = info.samplerate;
            out->channels = info.channels;
            out->source_format = info.format;
            out->file_size = (int64_t)st.st_size;
            out->file_mtime_ns = vb_file_mtime_ns(&st);
            snprintf(out->name, sizeof out->name, "%s", path);
        }
        sf_close(sf);
        close(fd);
        return status;
    }
    if (status == VB_OK) status = decode_all(sf, &info, path, out);
    sf_close(sf);
    /* A file rewritten while we decoded it gives samples from two versions: refuse it. */
    struct stat after;
    if (status == VB_OK &&
        (fstat(fd, &after) != 0 || !vb_file_unchanged(&after, st.st_size, vb_file_mtime_ns(&st)))) {
        vb_error_set("%s: changed while being read (size %lld -> %lld bytes)", path,
                     (long long)st.st_size, (long long)after.st_size);
        vb_audio_free(out);
        status = -VB_ERR_FAILURE;
    }
    close(fd);
    return status;
}

int vb_audio_load_file(const char *path, vb_audio *out) {
    return open_file(path, 0, out);
}

int vb_audio_open_streamed(const char *path, vb_audio *out) {
    return open_file(path, 1, out);
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
    free(audio->path);
    audio->samples = NULL;
    audio->path = NULL;
    audio->length = 0;
}
