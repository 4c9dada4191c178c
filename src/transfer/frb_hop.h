/* The Rust -> Dart hop as flutter_rust_bridge makes it, by codec (docs/paths.md, "From Rust to
 * Dart hop"; sources in fzyzcjy/flutter_rust_bridge):
 *
 *   sse  FRB 2.x's default codec without `full_dep` (config/internal_config_parser, generator/
 *        codec): the generated Rust encodes a Vec<u8> into the message through an SseSerializer,
 *        a Cursor over a Vec that starts empty (frb_rust/src/codec/sse.rs), an i32 length, then
 *        one write_u8 per byte (the generator's "naive loop"); the Dart side then copies the
 *        bytes again into a new typed array (Uint8List.fromList). Two CPU copies, the first a
 *        byte loop, and the message's growth.
 *   dco  `full_dep` (DCO codec) or FRB 1.x's ZeroCopyBuffer: the renderer's Vec, freshly
 *        allocated per frame, reaches Dart as external typed data by pointer: no copy; Dart frees
 *        it later through a finalizer (modelled by vb_frb_finalizer: a stated number of frames
 *        later, on the UI thread).
 *
 * The encode is deliberately byte by byte and not a memcpy: its cost is what is measured. */
#ifndef VB_TRANSFER_FRB_HOP_H
#define VB_TRANSFER_FRB_HOP_H

#include "transfer/frame_ring.h"
#include "transfer/strategy.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* "sse" / "dco"; the parser returns VB_OK or -VB_ERR_USAGE naming `option`. */
const char *vb_frb_codec_name(vb_frb_codec codec);
int vb_frb_codec_from_name(const char *option, const char *name, vb_frb_codec *codec);

/* An SSE message: a growable byte vector with a write position, as Cursor<Vec<u8>>. Owns data,
 * from the allocator of whichever encoder made it (`rust`: Rust's, else malloc's). The first
 * four fields are frb_sse.rs's VbSseMessage, field for field. */
typedef struct vb_sse_message {
    uint8_t *data;
    size_t len, capacity, position;
    int rust;
} vb_sse_message;

/* Encodes `bytes` of `frame` into a new message (any previous content of *message freed first):
 * an i32 length, then the bytes one write at a time, growing the vector as Rust's Vec does
 * (capacity doubles, at least 8). VB_OK or -VB_ERR_FAILURE (out of memory, or a frame too long
 * for an i32). The encoder is FRB's Rust, compiled by rustc (transfer/frb_sse.rs), where the
 * build has it (vb_frb_sse_encoder says which); else the C replica. */
int vb_frb_sse_encode(vb_sse_message *message, const uint8_t *frame, size_t bytes);
/* The C replica of the same code, kept as a cross-check (bench/stage_work.c counts both). */
int vb_frb_sse_encode_c(vb_sse_message *message, const uint8_t *frame, size_t bytes);
/* "rust" or "c": the encoder vb_frb_sse_encode uses in this build. */
const char *vb_frb_sse_encoder(void);
/* The Dart side: reads the length and copies the bytes into a new allocation (the typed array),
 * returned with its size in *bytes; NULL (error set) when the message is malformed or memory is
 * short. The caller owns the result. */
uint8_t *vb_frb_sse_decode(const vb_sse_message *message, size_t *bytes);
void vb_sse_message_free(vb_sse_message *message);

/* Dart's finalizers for buffers the UI side no longer references: freed `delay` frames after they
 * were deferred, when the owning thread runs the finalizer at a frame. Thread-safe: any thread
 * may defer, one thread runs. Owns what was deferred and not yet freed. */
#define VB_FRB_FINALIZER_DELAY 3
#define VB_FRB_FINALIZER_CAPACITY 64
typedef struct vb_frb_finalizer {
    pthread_mutex_t lock;
    int count;
    int64_t frame; /* the running thread's frame count */
    struct {
        void *pointer;
        int64_t due;
    } items[VB_FRB_FINALIZER_CAPACITY];
} vb_frb_finalizer;

void vb_frb_finalizer_init(vb_frb_finalizer *finalizer);
/* Frees `pointer` at once when the list is full (a GC under pressure collects at once). */
void vb_frb_finalizer_defer(vb_frb_finalizer *finalizer, void *pointer);
/* One frame passed on the running thread: frees what is due. */
void vb_frb_finalizer_run(vb_frb_finalizer *finalizer);
/* Frees everything left (end of run). */
void vb_frb_finalizer_free(vb_frb_finalizer *finalizer);

/* Both ends of the hop for one run, per ring slot: the Rust side renders and sends, the UI thread
 * receives what Dart gets. Owns every buffer it holds. */
typedef struct vb_frb_hop {
    vb_frb_codec codec;
    size_t frame_bytes;
    uint8_t *render_buffer;                    /* sse: the renderer's own Vec, reused */
    uint8_t *fresh[VB_RING_MAX_SLOTS];         /* dco: the frame's freshly allocated Vec */
    vb_sse_message message[VB_RING_MAX_SLOTS]; /* sse: the slot's message */
    uint8_t *dart[VB_RING_MAX_SLOTS];          /* what Dart holds: typed array or external data */
    vb_frb_finalizer finalizer;
} vb_frb_hop;

int vb_frb_hop_init(vb_frb_hop *hop, vb_frb_codec codec, size_t frame_bytes);
void vb_frb_hop_free(vb_frb_hop *hop);
/* Producer: where the frame of `slot` is rendered (dco: a fresh allocation; NULL, error set, when
 * memory is short). */
uint8_t *vb_frb_hop_target(vb_frb_hop *hop, int slot);
/* Producer: sends the rendered frame (sse: the encode; dco: the pointer). Adds the bytes copied
 * and sets *encode_ns to the encode's time. */
int vb_frb_hop_send(vb_frb_hop *hop, int slot, int64_t *bytes_copied, int64_t *encode_ns);
/* UI thread: what Dart receives for the slot, in hop->dart[slot] (sse: decoded into a new typed
 * array, the message freed; dco: the pointer). Adds the bytes copied and sets *copy_ns. */
int vb_frb_hop_receive(vb_frb_hop *hop, int slot, int64_t *bytes_copied, int64_t *copy_ns);
/* Dart no longer references the slot's bytes: they go to the finalizer (any thread). */
void vb_frb_hop_drop(vb_frb_hop *hop, int slot);

#endif
