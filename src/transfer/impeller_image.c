/* impeller-image: the note's decision as a Flutter app on Android draws it today, with
 * ui.decodeImageFromPixels on Impeller (Flutter's default renderer on Android since 3.27). Read
 * in flutter/flutter engine/src/flutter/lib/ui/painting/:
 *   immutable_buffer.cc    ImmutableBuffer.init copies the Uint8List with MakeSkDataWithCopy,
 *                          which on Android maps fresh anonymous memory for every buffer (mmap of
 *                          the length plus a size_t header, the bytes after the header) because
 *                          Android's malloc grows when the decoder's thread frees what the UI
 *                          thread allocated; the mapping is unmapped when the data is released;
 *   image_decoder_impeller.cc  Decode posts DecompressTexture to the concurrent runner (a
 *                          worker), which allocates a host-visible DeviceBuffer for the bitmap
 *                          (ImpellerAllocator::allocPixelRef: a new buffer per image) and copies
 *                          the raw pixels into it (temp_bitmap->readPixels); then
 *                          UploadTextureToPrivate makes a new device-private texture with a full
 *                          mip chain, a blit pass copies the buffer into it and generates the
 *                          mipmaps, submits and waits until scheduled: on the worker under
 *                          Vulkan (Android API 29+), on the IO runner under GLES. The image is
 *                          handed to the UI thread and drawn at a later frame.
 * Here: the FRB hop (--frb-codec) to a UI thread, which makes the ImmutableBuffer in a fresh
 * mapping; a worker thread with the run's producer GL context (it shares objects with the
 * consumer's, as Impeller's worker context does) allocates a new buffer object (the host-visible
 * device buffer), maps it and copies the pixels in on the CPU, unmaps the ImmutableBuffer, then
 * makes a new texture, fills it from the buffer on the GPU (glTexImage2D from the bound unpack
 * buffer: the blit), generates the mipmaps and fences; the raster thread (the consumer) draws it
 * at the next vsync, the Vulkan order on one GL thread. Measured besides frb-image's figures:
 * the decoder's CPU copy, and the fresh mappings and device buffers per frame, which the
 * allocation count (malloc only) does not see. Always vsync-driven. */
#include "common/clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "display/gl_turns.h"
#include "transfer/frb_hop.h"
#include "transfer/stage_thread.h"
#include "transfer/strategy.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* MakeSkDataWithCopy's mapping: a size_t header, then the bytes. */
typedef struct immutable_mapping {
    void *base;
    size_t length;
} immutable_mapping;

struct vb_strategy {
    vb_strategy_config config;
    vb_frb_hop hop;
    vb_stage_thread ui, worker;
    vb_stage_record stage[VB_RING_MAX_SLOTS];
    immutable_mapping immutable[VB_RING_MAX_SLOTS]; /* the UI thread's, unmapped by the worker */
    GLuint textures[VB_RING_MAX_SLOTS]; /* made by the worker, deleted by the consumer */
    GLsync fences[VB_RING_MAX_SLOTS];
};

static const vb_figure decoder_copy = {
    .name = "decoder_copy_ns",
    .label = "decoder's copy",
    .unit = "ns",
    .owner = VB_FIGURE_STAGE,
    .presence = VB_FIGURE_OF_STRATEGY,
    .aggregation = VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99,
    .gate = VB_FIGURE_GATED_TIMED,
    .slot = 0,
};
static const vb_figure fresh_mappings = {
    .name = "fresh_mappings",
    .label = "fresh mappings",
    .unit = "count",
    .owner = VB_FIGURE_STAGE,
    .presence = VB_FIGURE_OF_STRATEGY,
    .aggregation = VB_FIGURE_MEAN | VB_FIGURE_SUM,
    .gate = VB_FIGURE_GATED_EXACT,
    .slot = 1,
};
static const vb_figure device_buffers = {
    .name = "device_buffers",
    .label = "device buffers",
    .unit = "count",
    .owner = VB_FIGURE_STAGE,
    .presence = VB_FIGURE_OF_STRATEGY,
    .aggregation = VB_FIGURE_MEAN | VB_FIGURE_SUM,
    .gate = VB_FIGURE_GATED_EXACT,
    .slot = 2,
};
static const vb_figure *const impeller_figures[] = {&decoder_copy, &fresh_mappings, &device_buffers,
                                                    NULL};

static void unmap_immutable(immutable_mapping *m) {
    if (m->base) munmap(m->base, m->length);
    *m = (immutable_mapping){0};
}

/* The UI thread: what Dart receives, copied into an ImmutableBuffer in fresh memory. */
static int ui_work(void *context, int slot) {
    vb_strategy *s = context;
    vb_stage_record *r = &s->stage[slot];
    const vb_stage_meter meter = vb_stage_meter_start();
    int status = vb_frb_hop_receive(&s->hop, slot, &r->bytes_copied, &r->hop_copy_ns);
    if (status != VB_OK) return status;
    const size_t length = s->config.frame_bytes + sizeof(size_t);
    void *base = s->config.own.impeller_image.fault_map ? MAP_FAILED
                                                        : mmap(NULL, length, PROT_READ | PROT_WRITE,
                                                               MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (base == MAP_FAILED) {
        vb_error_set("impeller-image: cannot map an immutable buffer of %zu bytes%s", length,
                     s->config.own.impeller_image.fault_map ? " (simulated by VIZBENCH_FAULT)"
                                                            : "");
        return -VB_ERR_FAILURE;
    }
    s->immutable[slot] = (immutable_mapping){base, length};
    memcpy((uint8_t *)base + sizeof(size_t), s->hop.dart[slot], s->config.frame_bytes);
    vb_work_copy();
    r->bytes_copied += (int64_t)s->config.frame_bytes;
    vb_stage_record_figure(r, &fresh_mappings, 1);
    vb_frb_hop_drop(&s->hop, slot); /* the Uint8List is garbage once copied */
    vb_frb_finalizer_run(&s->hop.finalizer);
    r->ui_cpu_ns = vb_stage_meter_stop(&meter, r);
    r->ui_done_ns = vb_now_ns();
    vb_stage_thread_push(&s->worker, slot);
    return VB_OK;
}

static int worker_enter(void *context) {
    vb_strategy *s = context;
    return vb_gl_make_producer_current(s->config.gl);
}

static void worker_leave(void *context) {
    (void)context;
    vb_gl_release_thread();
}

/* DecompressTexture: a new host-visible buffer, the pixels copied in on the CPU; the
 * ImmutableBuffer is released. Returns the buffer (bound as the unpack buffer), 0 on failure. */
static GLuint decompress_into_device_buffer(vb_strategy *s, int slot, vb_stage_record *r) {
    const GLsizeiptr bytes = (GLsizeiptr)s->config.frame_bytes;
    GLuint buffer = 0;
    vb_gl.GenBuffers(1, &buffer);
    vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, buffer);
    vb_gl.BufferData(GL_PIXEL_UNPACK_BUFFER, bytes, NULL, GL_STREAM_DRAW);
    vb_stage_record_figure(r, &device_buffers, 1);
    uint8_t *mapped = vb_gl.MapBufferRange(GL_PIXEL_UNPACK_BUFFER, 0, bytes,
                                           GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_BUFFER_BIT);
    if (mapped) {
        const int64_t start = vb_now_ns();
        memcpy(mapped, (uint8_t *)s->immutable[slot].base + sizeof(size_t), (size_t)bytes);
        vb_work_copy();
        vb_stage_record_figure(r, &decoder_copy, vb_now_ns() - start);
        r->bytes_copied += bytes;
    }
    unmap_immutable(&s->immutable[slot]);
    if (!mapped || vb_gl.UnmapBuffer(GL_PIXEL_UNPACK_BUFFER) != GL_TRUE) {
        vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
        vb_gl.DeleteBuffers(1, &buffer);
        return 0;
    }
    return buffer;
}

/* UploadTextureToPrivate: a new texture filled from the buffer on the GPU, its mipmaps, a fence;
 * the buffer is deleted (the driver keeps it until the copy is done). */
static GLsync blit_with_mipmaps(vb_strategy *s, GLuint buffer, GLuint *texture,
                                vb_stage_record *r) {
    const vb_view_options *v = &s->config.view;
    const int64_t start = vb_now_ns();
    vb_gl.GenTextures(1, texture);
    vb_gl.BindTexture(GL_TEXTURE_2D, *texture);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    vb_gl.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, v->width, v->height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     NULL); /* offset 0 of the bound unpack buffer */
    vb_gl.BindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
    vb_gl.DeleteBuffers(1, &buffer);
    const int64_t blitted = vb_now_ns();
    vb_gl.GenerateMipmap(GL_TEXTURE_2D);
    GLsync fence = vb_gl.FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    vb_gl.Flush(); /* WaitUntilScheduled: submitted, not waited for */
    r->io_upload_ns = blitted - start;
    r->mipmap_ns = vb_now_ns() - blitted;
    r->bytes_to_gpu += (int64_t)s->config.frame_bytes;
    return fence;
}

/* The worker: the decoder's copy, then the blit and mipmaps (Impeller on Vulkan). */
static int worker_work(void *context, int slot) {
    vb_strategy *s = context;
    vb_stage_record *r = &s->stage[slot];
    const vb_stage_meter meter = vb_stage_meter_start();
    vb_gl_turn_begin(s->config.gl_serialized);
    GLuint texture = 0;
    GLsync fence = NULL;
    GLuint buffer = decompress_into_device_buffer(s, slot, r);
    if (buffer) fence = blit_with_mipmaps(s, buffer, &texture, r);
    GLenum error = vb_gl.GetError();
    if (error != GL_NO_ERROR || !fence) {
        if (fence) vb_gl.DeleteSync(fence);
        if (texture) vb_gl.DeleteTextures(1, &texture);
    }
    vb_gl_turn_end(s->config.gl_serialized);
    if (!buffer) {
        vb_error_set("impeller-image: cannot map the decoder's device buffer (GL error 0x%x)",
                     error);
        return -VB_ERR_FAILURE;
    }
    if (error != GL_NO_ERROR || !fence) {
        vb_error_set("impeller-image: cannot make the frame's texture (GL error 0x%x)", error);
        return -VB_ERR_FAILURE;
    }
    s->textures[slot] = texture;
    s->fences[slot] = fence;
    r->io_cpu_ns = vb_stage_meter_stop(&meter, r);
    r->io_done_ns = vb_now_ns();
    s->config.sink.publish(s->config.sink.context);
    return VB_OK;
}

static void impeller_image_destroy(vb_strategy *s) {
    if (!s) return;
    vb_stage_thread_finish(&s->ui, vb_now_ns());
    vb_stage_thread_finish(&s->worker, vb_now_ns());
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        unmap_immutable(&s->immutable[i]);
    vb_frb_hop_free(&s->hop);
    free(s);
}

static int impeller_image_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("impeller-image: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    if (vb_frb_hop_init(&s->hop, config->own.frb.codec, config->frame_bytes) != VB_OK) {
        impeller_image_destroy(s);
        return -VB_ERR_FAILURE;
    }
    s->ui = (vb_stage_thread){.name = "ui", .work = ui_work, .context = s, .sink = &s->config.sink};
    s->worker = (vb_stage_thread){.name = "worker",
                                  .enter = worker_enter,
                                  .work = worker_work,
                                  .leave = worker_leave,
                                  .context = s,
                                  .sink = &s->config.sink};
    *out = s;
    return VB_OK;
}

static int impeller_image_producer_start(vb_strategy *s) {
    int status = vb_stage_thread_start(&s->worker);
    if (status == VB_OK) status = vb_stage_thread_start(&s->ui);
    if (status != VB_OK) vb_stage_thread_finish(&s->worker, vb_now_ns());
    return status;
}

static uint8_t *impeller_image_target(vb_strategy *s, int slot) {
    return vb_frb_hop_target(&s->hop, slot);
}

static int impeller_image_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    vb_stage_record_clear(&s->stage[slot]);
    return vb_frb_hop_send(&s->hop, slot, bytes_copied, &s->stage[slot].hop_encode_ns);
}

static int impeller_image_dispatch(vb_strategy *s, int slot) {
    vb_stage_thread_push(&s->ui, slot);
    return VB_OK;
}

/* The UI thread first (it feeds the worker), then the worker. */
static int impeller_image_drain(vb_strategy *s, int64_t deadline_ns) {
    int status = vb_stage_thread_finish(&s->ui, deadline_ns);
    int worker_status = vb_stage_thread_finish(&s->worker, deadline_ns);
    return status != VB_OK ? status : worker_status;
}

static void impeller_image_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->stage[slot];
}

/* The raster thread at a vsync: waits (on the GPU) for the worker's fence, draws the image. */
static int impeller_image_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                                 int64_t *bytes_to_gpu) {
    (void)frame_texture;
    (void)bytes_to_gpu; /* filled on the worker: counted in its stage record */
    vb_gl.WaitSync(s->fences[slot], 0, GL_TIMEOUT_IGNORED);
    vb_gl.DeleteSync(s->fences[slot]);
    s->fences[slot] = NULL;
    *texture = s->textures[slot];
    return VB_OK;
}

/* Presented (or dropped unseen): the image is gone, its texture deleted. */
static void impeller_image_release(vb_strategy *s, int slot) {
    if (s->fences[slot]) vb_gl.DeleteSync(s->fences[slot]);
    s->fences[slot] = NULL;
    if (s->textures[slot]) vb_gl.DeleteTextures(1, &s->textures[slot]);
    s->textures[slot] = 0;
}

const vb_strategy_ops vb_impeller_image_strategy = {
    .facts =
        {
            .name = "impeller-image",
            .summary = "CPU render, FRB hop, decodeImageFromPixels on Impeller (Android): fresh "
                       "mapping, decoder copy, GPU blit + mipmaps per frame",
            .does = "CPU render; the FRB codec's hop (--frb-codec) to a UI thread, which copies "
                    "into an immutable buffer in a fresh mapping; a worker thread (own GL context, "
                    "shared) copies it into a new device buffer, fills a new texture from it on "
                    "the GPU, generates mipmaps, fences; the raster thread draws it at the next "
                    "vsync",
            .models = "the note's decision as Flutter on Android draws it with "
                      "ui.decodeImageFromPixels on Impeller (image_decoder_impeller.cc, "
                      "immutable_buffer.cc)",
            .incurs = "the hop's copies (sse: two), a copy into freshly mapped memory, the "
                      "decoder's copy into a new device buffer, a GPU blit into a new texture and "
                      "mipmaps per frame, at least a frame of delay",
            .measures = "the hop, the UI thread's and the worker's CPU, the decoder's copy, the "
                        "blit and mipmap time, mappings and device buffers per frame, frames of "
                        "delay at vsync",
            .colour = "#AA4499",
            .cpu_work =
                "producer: render, frb-encode; ui: frb-decode, immutable-copy; io: frame-copy",
            .family = VB_FAMILY_FLUTTER_CHAIN,
            .platforms = VB_PLATFORM_ANDROID,
            .roles = VB_ROLE_IMAGE_CHAIN,
            .capabilities = VB_CAP_OWN_TEXTURES | VB_CAP_VSYNC_DRIVEN | VB_CAP_FRB_CODEC |
                            VB_CAP_STAGE_FIGURES | VB_CAP_GLES_BY_DEFAULT,
            .preference = 3,
        },
    .figures = impeller_figures,
    .create = impeller_image_create,
    .destroy = impeller_image_destroy,
    .producer_start = impeller_image_producer_start,
    .cpu_target = impeller_image_target,
    .hand_off = impeller_image_hand_off,
    .dispatch = impeller_image_dispatch,
    .drain = impeller_image_drain,
    .collect = impeller_image_collect,
    .upload = impeller_image_upload,
    .release = impeller_image_release,
};
