#include "audio/audio_reader.h"

#include "audio/downmix.h"
#include "audio/file_identity.h"
#include "common/error.h"

#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The cache starts at a multiple of this, so whole envelope blocks (16 samples) line up with
 * the input's. */
#define CACHE_ALIGN 64
/* Smallest cache: 1 Mi samples (4 MB); reads in chunks of this many frames. */
#define MIN_CACHE ((int64_t)1 << 20)
#define CHUNK_FRAMES 16384

struct vb_audio_reader {
    const vb_audio *audio;
    int status;
    unsigned generation;
    /* streamed input only */
    int fd;
    SNDFILE *sf;
    int64_t file_position; /* next frame sf_readf would return */
    float *cache;
    int64_t cache_first, cache_count, capacity;
    float *chunk; /* interleaved, CHUNK_FRAMES x channels */
    float *silence;
    int64_t max_span;
};

static int fail(vb_audio_reader *r, const char *cause) {
    if (r->status == VB_OK) vb_error_set("%s: %s", r->audio->name, cause);
    r->status = -VB_ERR_FAILURE;
    return r->status;
}

vb_audio_reader *vb_audio_reader_open(const vb_audio *audio, int64_t max_span) {
    vb_audio_reader *r = calloc(1, sizeof *r);
    if (!r) goto oom;
    r->audio = audio;
    r->fd = -1;
    r->max_span = max_span > 0 ? max_span : 1;
    if (!audio->path) return r; /* in memory: nothing to hold */
    r->capacity = 4 * (r->max_span + CACHE_ALIGN);
    if (r->capacity < MIN_CACHE) r->capacity = MIN_CACHE;
    r->cache = malloc(sizeof(float) * (size_t)r->capacity);
    r->chunk = malloc(sizeof(float) * CHUNK_FRAMES * (size_t)audio->channels);
    r->silence = calloc((size_t)r->max_span, sizeof(float));
    if (!r->cache || !r->chunk || !r->silence) goto oom;
    r->fd = open(audio->path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        vb_error_set("%s: %s", audio->name, strerror(errno));
        vb_audio_reader_close(r);
        return NULL;
    }
    SF_INFO info;
    memset(&info, 0, sizeof info);
    r->sf = sf_open_fd(r->fd, SFM_READ, &info, 0);
    if (!r->sf || info.frames != audio->length || info.channels != audio->channels) {
        vb_error_set("%s: changed while being read (no longer the audio first opened)",
                     audio->name);
        vb_audio_reader_close(r);
        return NULL;
    }
    return r;
oom:
    vb_error_set("%s: out of memory for an audio reader", audio ? audio->name : "input");
    vb_audio_reader_close(r);
    return NULL;
}

void vb_audio_reader_close(vb_audio_reader *r) {
    if (!r) return;
    if (r->sf) sf_close(r->sf);
    if (r->fd >= 0) close(r->fd);
    free(r->cache);
    free(r->chunk);
    free(r->silence);
    free(r);
}

/* The file must still be the one measured when it was opened. */
static int check_unchanged(vb_audio_reader *r) {
    struct stat st;
    if (fstat(r->fd, &st) != 0) return fail(r, strerror(errno));
    if (!vb_file_unchanged(&st, r->audio->file_size, r->audio->file_mtime_ns))
        return fail(r, "changed while being read (size or modification time)");
    return VB_OK;
}

/* Decodes frames [from, from + count) into the cache at `dst`. */
static int read_frames(vb_audio_reader *r, int64_t from, int64_t count, float *dst) {
    if (r->file_position != from) {
        if (sf_seek(r->sf, from, SEEK_SET) != from) return fail(r, "seek failed");
        r->file_position = from;
    }
    const int channels = r->audio->channels;
    while (count > 0) {
        sf_count_t want = count < CHUNK_FRAMES ? count : CHUNK_FRAMES;
        sf_count_t got = sf_readf_float(r->sf, r->chunk, want);
        if (got != want)
            return fail(r, "shorter than when it was opened (changed while being read)");
        vb_downmix(r->chunk, got, channels, dst);
        dst += got;
        count -= got;
        r->file_position += got;
    }
    return check_unchanged(r);
}

/* Moves the cache so that it starts at or before `first` and covers `count` samples: keeps
 * what overlaps (the usual case, a window sliding forward) and reads the rest. */
static int refill(vb_audio_reader *r, int64_t first) {
    const int64_t length = r->audio->length;
    int64_t start = first - first % CACHE_ALIGN;
    int64_t end = start + r->capacity;
    if (end > length) end = length;
    int64_t keep_from = start, keep_to = start; /* the part already cached, moved, not read */
    const int64_t old_end = r->cache_first + r->cache_count;
    if (r->cache_count > 0 && start >= r->cache_first && start < old_end) {
        keep_to = old_end < end ? old_end : end;
        memmove(r->cache, r->cache + (start - r->cache_first),
                sizeof(float) * (size_t)(keep_to - keep_from));
    }
    r->generation++;
    r->cache_first = start;
    r->cache_count = 0;
    if (read_frames(r, keep_to, end - keep_to, r->cache + (keep_to - start)) != VB_OK)
        return r->status;
    r->cache_count = end - start;
    return VB_OK;
}

const float *vb_audio_reader_get(vb_audio_reader *r, int64_t first, int64_t count) {
    if (!r->audio->path) return r->audio->samples + first;
    if (r->status == VB_OK &&
        (first < r->cache_first || first + count > r->cache_first + r->cache_count))
        refill(r, first);
    if (r->status != VB_OK || count > r->max_span) {
        if (count > r->max_span) fail(r, "internal: a request longer than the reader's span");
        return r->silence;
    }
    return r->cache + (first - r->cache_first);
}

const float *vb_audio_reader_cache(const vb_audio_reader *r, int64_t *first, int64_t *count,
                                   unsigned *generation) {
    *generation = r->generation;
    if (!r->audio->path || r->status != VB_OK) {
        *first = 0;
        *count = r->audio->path ? 0 : r->audio->length;
        return r->audio->path ? r->silence : r->audio->samples;
    }
    *first = r->cache_first;
    *count = r->cache_count;
    return r->cache;
}

int vb_audio_reader_status(const vb_audio_reader *r) {
    return r->status;
}
