/* How vizbench notices an input file that changes while it is read: its size and modification
 * time (nanoseconds), taken when it is opened and compared after decoding or before each
 * streamed read. Shared by the decoder (audio.c) and the streaming reader (audio_reader.c). */
#ifndef VB_AUDIO_FILE_IDENTITY_H
#define VB_AUDIO_FILE_IDENTITY_H

#include <stdint.h>
#include <sys/stat.h>

static inline int64_t vb_file_mtime_ns(const struct stat *st) {
    return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* Whether `now` is still the file that `size` and `mtime_ns` were taken from. */
static inline int vb_file_unchanged(const struct stat *now, int64_t size, int64_t mtime_ns) {
    return (int64_t)now->st_size == size && vb_file_mtime_ns(now) == mtime_ns;
}

#endif
