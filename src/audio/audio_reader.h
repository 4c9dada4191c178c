/* One thread's window onto an input's samples.
 *
 * For audio decoded into memory (most inputs) the window is the whole input and a request
 * returns a pointer into it. For a streamed input (a long uncompressed file, see audio.h) the
 * reader owns its own libsndfile handle and a bounded cache of decoded mono samples: requests
 * moving forward read on (keeping the overlap), a request outside the cache seeks. So memory
 * does not grow with the input's length, and every thread has its own reader (a reader is not
 * thread-safe; the vb_audio it reads is shared read-only).
 *
 * Errors are sticky: a read that fails, or a streamed file that changed since it was opened
 * (size or modification time), sets the reader's error (vb_audio_reader_status, message via
 * vb_error_get on the failing thread) and from then on every request returns silence, so a
 * renderer never reads garbage and its caller checks the status once per frame. */
#ifndef VB_AUDIO_AUDIO_READER_H
#define VB_AUDIO_AUDIO_READER_H

#include "audio/audio.h"

#include <stdint.h>

typedef struct vb_audio_reader vb_audio_reader;

/* `max_span` is the longest request the caller will make (samples). NULL on failure. */
vb_audio_reader *vb_audio_reader_open(const vb_audio *audio, int64_t max_span);
void vb_audio_reader_close(vb_audio_reader *reader);

/* Samples [first, first + count) with 0 <= first, first + count <= length, count <= max_span:
 * a pointer to sample `first`, valid until the next request on this reader. */
const float *vb_audio_reader_get(vb_audio_reader *reader, int64_t first, int64_t count);

/* What the cache holds now: samples [*first, *first + *count), the first at a multiple of 64;
 * the pointer is to sample *first. `generation` changes whenever the contents move. */
const float *vb_audio_reader_cache(const vb_audio_reader *reader, int64_t *first, int64_t *count,
                                   unsigned *generation);

/* VB_OK, or -VB_ERR_FAILURE once a read failed or the file changed. */
int vb_audio_reader_status(const vb_audio_reader *reader);

#endif
