#include "transfer/frb_hop.h"

#include "build_config.h"

#include "common/clock.h"
#include "common/error.h"
#include "common/name_table.h"
#include "common/work_counts.h"

#include <stdlib.h>
#include <string.h>

static const char *const codec_names[] = {[VB_FRB_SSE] = "sse", [VB_FRB_DCO] = "dco"};

const char *vb_frb_codec_name(vb_frb_codec codec) {
    return codec_names[codec == VB_FRB_DCO ? VB_FRB_DCO : VB_FRB_SSE];
}

int vb_frb_codec_from_name(const char *option, const char *name, vb_frb_codec *codec) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(codec_names, 2);
    int index = vb_name_find(&table, name);
    if (index < 0) {
        vb_error_set("%s: unknown codec '%s' (expected sse or dco)", option, name);
        return -VB_ERR_USAGE;
    }
    *codec = (vb_frb_codec)index;
    return VB_OK;
}

/* Rust's Vec::reserve: capacity grows to the larger of double and what is needed, at least 8. */
static inline int vec_reserve(vb_sse_message *m, size_t additional) {
    if (m->capacity - m->len >= additional) return VB_OK;
    size_t required = m->len + additional;
    if (required < m->len) return -VB_ERR_FAILURE;
    size_t capacity = m->capacity * 2 > required ? m->capacity * 2 : required;
    if (capacity < 8) capacity = 8;
    uint8_t *data = realloc(m->data, capacity);
    if (!data) return -VB_ERR_FAILURE;
    m->data = data;
    m->capacity = capacity;
    return VB_OK;
}

/* std::io::Cursor<Vec<u8>>'s write (library/std/src/io/cursor.rs, vec_write): reserve up to the
 * position plus the write, zero-pad a gap, copy, extend the length, advance the position. */
static inline int cursor_write(vb_sse_message *m, const uint8_t *buf, size_t n) {
    size_t position = m->position;
    size_t desired = position + n;
    if (desired < position) return -VB_ERR_FAILURE;
    if (desired > m->capacity && vec_reserve(m, desired - m->len) != VB_OK) return -VB_ERR_FAILURE;
    if (position > m->len) {
        memset(m->data + m->len, 0, position - m->len);
        m->len = position;
    }
    memcpy(m->data + position, buf, n);
    position += n;
    if (position > m->len) m->len = position;
    m->position = position;
    return VB_OK;
}

/* byteorder's write_u8 as the generated sse_encode of a u8 calls it, once per byte:
 * write_all(&[byte]). Inlined, as rustc inlines it; the per-byte reserve keeps the compiler from
 * turning the loop into one copy, so the cost is that of the generated code's loop. */
static inline int cursor_write_u8(vb_sse_message *m, uint8_t byte) {
    const uint8_t one[1] = {byte};
    return cursor_write(m, one, 1);
}

int vb_frb_sse_encode_c(vb_sse_message *m, const uint8_t *frame, size_t bytes) {
    vb_sse_message_free(m);
    if (bytes > INT32_MAX) {
        vb_error_set("frb sse: a %zu-byte frame does not fit an i32 length", bytes);
        return -VB_ERR_FAILURE;
    }
    const int32_t length = (int32_t)bytes;
    uint8_t prefix[4];
    memcpy(prefix, &length, sizeof prefix);
    int status = VB_OK;
    for (int i = 0; i < 4 && status == VB_OK; i++)
        status = cursor_write_u8(m, prefix[i]);
    for (size_t i = 0; i < bytes && status == VB_OK; i++)
        status = cursor_write_u8(m, frame[i]);
    if (status != VB_OK) {
        vb_sse_message_free(m);
        vb_error_set("frb sse: out of memory encoding a %zu-byte frame", bytes);
        return status;
    }
    vb_work_copy();
    return VB_OK;
}

uint8_t *vb_frb_sse_decode(const vb_sse_message *m, size_t *bytes) {
    int32_t length;
    if (m->len < sizeof length) {
        vb_error_set("frb sse: a %zu-byte message has no length", m->len);
        return NULL;
    }
    memcpy(&length, m->data, sizeof length);
    if (length < 0 || (size_t)length != m->len - sizeof length) {
        vb_error_set("frb sse: the message says %d bytes but holds %zu", (int)length,
                     m->len - sizeof length);
        return NULL;
    }
    uint8_t *typed = malloc(length ? (size_t)length : 1);
    if (!typed) {
        vb_error_set("frb sse: out of memory for a %d-byte typed array", (int)length);
        return NULL;
    }
    memcpy(typed, m->data + sizeof length, (size_t)length);
    vb_work_copy();
    *bytes = (size_t)length;
    return typed;
}

#if VB_HAVE_RUST_SSE
/* transfer/frb_sse.rs: writes the message's first four fields; -1 for a frame too long. */
int vb_frb_sse_encode_rust(const uint8_t *frame, size_t bytes, vb_sse_message *out);
void vb_frb_sse_free_rust(uint8_t *data, size_t len, size_t capacity);
#endif

int vb_frb_sse_encode(vb_sse_message *m, const uint8_t *frame, size_t bytes) {
#if VB_HAVE_RUST_SSE
    vb_sse_message_free(m);
    if (vb_frb_sse_encode_rust(frame, bytes, m) != 0) {
        vb_error_set("frb sse: a %zu-byte frame does not fit an i32 length", bytes);
        return -VB_ERR_FAILURE;
    }
    m->rust = 1;
    vb_work_copy();
    return VB_OK;
#else
    return vb_frb_sse_encode_c(m, frame, bytes);
#endif
}

const char *vb_frb_sse_encoder(void) {
    return VB_HAVE_RUST_SSE ? "rust" : "c";
}

void vb_sse_message_free(vb_sse_message *m) {
#if VB_HAVE_RUST_SSE
    if (m->rust)
        vb_frb_sse_free_rust(m->data, m->len, m->capacity);
    else
        free(m->data);
#else
    free(m->data);
#endif
    *m = (vb_sse_message){0};
}

void vb_frb_finalizer_init(vb_frb_finalizer *f) {
    memset(f, 0, sizeof *f);
    pthread_mutex_init(&f->lock, NULL);
}

void vb_frb_finalizer_defer(vb_frb_finalizer *f, void *pointer) {
    if (!pointer) return;
    pthread_mutex_lock(&f->lock);
    int full = f->count == VB_FRB_FINALIZER_CAPACITY;
    if (!full) {
        f->items[f->count].pointer = pointer;
        f->items[f->count].due = f->frame + VB_FRB_FINALIZER_DELAY;
        f->count++;
    }
    pthread_mutex_unlock(&f->lock);
    if (full) free(pointer);
}

void vb_frb_finalizer_run(vb_frb_finalizer *f) {
    void *due[VB_FRB_FINALIZER_CAPACITY];
    int n = 0;
    pthread_mutex_lock(&f->lock);
    f->frame++;
    int kept = 0;
    for (int i = 0; i < f->count; i++) {
        if (f->items[i].due <= f->frame)
            due[n++] = f->items[i].pointer;
        else
            f->items[kept++] = f->items[i];
    }
    f->count = kept;
    pthread_mutex_unlock(&f->lock);
    for (int i = 0; i < n; i++)
        free(due[i]);
}

void vb_frb_finalizer_free(vb_frb_finalizer *f) {
    for (int i = 0; i < f->count; i++)
        free(f->items[i].pointer);
    f->count = 0;
    pthread_mutex_destroy(&f->lock);
}

int vb_frb_hop_init(vb_frb_hop *hop, vb_frb_codec codec, size_t frame_bytes) {
    memset(hop, 0, sizeof *hop);
    hop->codec = codec;
    hop->frame_bytes = frame_bytes;
    vb_frb_finalizer_init(&hop->finalizer);
    if (codec == VB_FRB_SSE) {
        hop->render_buffer = malloc(frame_bytes);
        if (!hop->render_buffer) {
            vb_error_set("frb: out of memory");
            return -VB_ERR_FAILURE;
        }
    }
    return VB_OK;
}

void vb_frb_hop_free(vb_frb_hop *hop) {
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++) {
        free(hop->fresh[i]);
        vb_sse_message_free(&hop->message[i]);
        if (hop->dart[i] != hop->fresh[i]) free(hop->dart[i]);
    }
    free(hop->render_buffer);
    vb_frb_finalizer_free(&hop->finalizer);
    memset(hop, 0, sizeof *hop);
}

uint8_t *vb_frb_hop_target(vb_frb_hop *hop, int slot) {
    if (hop->codec == VB_FRB_SSE) return hop->render_buffer;
    /* DCO / ZeroCopyBuffer: the Vec moves to Dart, so each frame needs a new one. */
    hop->fresh[slot] = malloc(hop->frame_bytes);
    if (!hop->fresh[slot]) vb_error_set("frb dco: out of memory for a frame");
    return hop->fresh[slot];
}

int vb_frb_hop_send(vb_frb_hop *hop, int slot, int64_t *bytes_copied, int64_t *encode_ns) {
    const int64_t start = vb_now_ns();
    if (hop->codec == VB_FRB_SSE) {
        int status = vb_frb_sse_encode(&hop->message[slot], hop->render_buffer, hop->frame_bytes);
        if (status != VB_OK) return status;
        *bytes_copied += (int64_t)hop->message[slot].len;
    }
    *encode_ns = vb_now_ns() - start;
    return VB_OK;
}

int vb_frb_hop_receive(vb_frb_hop *hop, int slot, int64_t *bytes_copied, int64_t *copy_ns) {
    const int64_t start = vb_now_ns();
    if (hop->codec == VB_FRB_SSE) {
        size_t bytes = 0;
        hop->dart[slot] = vb_frb_sse_decode(&hop->message[slot], &bytes);
        if (!hop->dart[slot]) return -VB_ERR_FAILURE;
        vb_sse_message_free(&hop->message[slot]);
        *bytes_copied += (int64_t)bytes;
    } else {
        hop->dart[slot] = hop->fresh[slot];
        hop->fresh[slot] = NULL;
    }
    *copy_ns = vb_now_ns() - start;
    return VB_OK;
}

void vb_frb_hop_drop(vb_frb_hop *hop, int slot) {
    vb_frb_finalizer_defer(&hop->finalizer, hop->dart[slot]);
    hop->dart[slot] = NULL;
}
