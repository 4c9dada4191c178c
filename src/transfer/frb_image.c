/* frb-image: the note's decision as a Flutter app draws it with ui.decodeImageFromPixels. The
 * Rust renderer's frame crosses by flutter_rust_bridge (transfer/frb_hop.h, --frb-codec) to the
 * UI thread, which copies it into an ImmutableBuffer (flutter/engine lib/ui/painting/
 * immutable_buffer.cc); the IO thread, with its own GL context sharing objects with the raster
 * thread's (Flutter's IO context; here the run's producer context, unused by CPU renderers),
 * creates a new texture, uploads it, generates its mipmaps and fences (image_decoder_skia.cc:
 * the upload with mipmaps on the IO context); the image is picked up at the next vsync and drawn
 * by the raster thread (the consumer), which deletes the previous frame's texture. Always
 * vsync-driven. Textures of frames a failed run never presented are left to the contexts' end. */
#include "common/clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "display/gl_turns.h"
#include "transfer/frb_hop.h"
#include "transfer/stage_thread.h"
#include "transfer/strategy.h"

#include <stdlib.h>
#include <string.h>

struct vb_strategy {
    vb_strategy_config config;
    vb_frb_hop hop;
    vb_stage_thread ui, io;
    vb_stage_record stage[VB_RING_MAX_SLOTS];
    uint8_t *immutable[VB_RING_MAX_SLOTS]; /* the UI thread's ImmutableBuffer of the frame */
    GLuint textures[VB_RING_MAX_SLOTS];    /* made on the IO thread, deleted by the consumer */
    GLsync fences[VB_RING_MAX_SLOTS];
};

/* The UI thread: what Dart receives, copied into an ImmutableBuffer for the decoder. */
static int ui_work(void *context, int slot) {
    vb_strategy *s = context;
    vb_stage_record *r = &s->stage[slot];
    const vb_stage_meter meter = vb_stage_meter_start();
    int status = vb_frb_hop_receive(&s->hop, slot, &r->bytes_copied, &r->hop_copy_ns);
    if (status != VB_OK) return status;
    s->immutable[slot] = malloc(s->config.frame_bytes);
    if (!s->immutable[slot]) {
        vb_error_set("frb-image: out of memory for an immutable buffer");
        return -VB_ERR_FAILURE;
    }
    memcpy(s->immutable[slot], s->hop.dart[slot], s->config.frame_bytes);
    vb_work_copy();
    r->bytes_copied += (int64_t)s->config.frame_bytes;
    vb_frb_hop_drop(&s->hop, slot); /* the Uint8List is garbage once copied */
    vb_frb_finalizer_run(&s->hop.finalizer);
    r->ui_cpu_ns = vb_stage_meter_stop(&meter, r);
    r->ui_done_ns = vb_now_ns();
    vb_stage_thread_push(&s->io, slot);
    return VB_OK;
}

static int io_enter(void *context) {
    vb_strategy *s = context;
    return vb_gl_make_producer_current(s->config.gl);
}

static void io_leave(void *context) {
    (void)context;
    vb_gl_release_thread();
}

/* The IO thread: a new texture per frame, uploaded, mipmapped, fenced. */
static int io_work(void *context, int slot) {
    vb_strategy *s = context;
    vb_stage_record *r = &s->stage[slot];
    const vb_view_options *v = &s->config.view;
    const vb_stage_meter meter = vb_stage_meter_start();
    vb_gl_turn_begin(s->config.gl_serialized);
    const int64_t start = vb_now_ns();
    GLuint texture = 0;
    vb_gl.GenTextures(1, &texture);
    vb_gl.BindTexture(GL_TEXTURE_2D, texture);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    vb_gl.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, v->width, v->height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     s->immutable[slot]);
    const int64_t uploaded = vb_now_ns();
    /* Mipmaps and the flush that submits them with the fence. */
    vb_gl.GenerateMipmap(GL_TEXTURE_2D);
    GLsync fence = vb_gl.FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    vb_gl.Flush();
    const int64_t flushed = vb_now_ns();
    GLenum error = vb_gl.GetError();
    if (error != GL_NO_ERROR || !fence) {
        if (fence) vb_gl.DeleteSync(fence);
        vb_gl.DeleteTextures(1, &texture);
    }
    vb_gl_turn_end(s->config.gl_serialized);
    free(s->immutable[slot]); /* the decoder disposes of the buffer once the image exists */
    s->immutable[slot] = NULL;
    if (error != GL_NO_ERROR || !fence) {
        vb_error_set("frb-image: cannot make the frame's texture (GL error 0x%x)", error);
        return -VB_ERR_FAILURE;
    }
    s->textures[slot] = texture;
    s->fences[slot] = fence;
    r->io_upload_ns = uploaded - start;
    r->mipmap_ns = flushed - uploaded;
    r->bytes_to_gpu += (int64_t)s->config.frame_bytes;
    r->io_cpu_ns = vb_stage_meter_stop(&meter, r);
    r->io_done_ns = vb_now_ns();
    s->config.sink.publish(s->config.sink.context);
    return VB_OK;
}

static void frb_image_destroy(vb_strategy *s) {
    if (!s) return;
    vb_stage_thread_finish(&s->ui, vb_now_ns());
    vb_stage_thread_finish(&s->io, vb_now_ns());
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++)
        free(s->immutable[i]);
    vb_frb_hop_free(&s->hop);
    free(s);
}

static int frb_image_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("frb-image: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    if (vb_frb_hop_init(&s->hop, config->own.frb.codec, config->frame_bytes) != VB_OK) {
        frb_image_destroy(s);
        return -VB_ERR_FAILURE;
    }
    s->ui = (vb_stage_thread){.name = "ui", .work = ui_work, .context = s, .sink = &s->config.sink};
    s->io = (vb_stage_thread){.name = "io",
                              .enter = io_enter,
                              .work = io_work,
                              .leave = io_leave,
                              .context = s,
                              .sink = &s->config.sink};
    *out = s;
    return VB_OK;
}

static int frb_image_producer_start(vb_strategy *s) {
    int status = vb_stage_thread_start(&s->io);
    if (status == VB_OK) status = vb_stage_thread_start(&s->ui);
    if (status != VB_OK) vb_stage_thread_finish(&s->io, vb_now_ns());
    return status;
}

static uint8_t *frb_image_target(vb_strategy *s, int slot) {
    return vb_frb_hop_target(&s->hop, slot);
}

static int frb_image_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    vb_stage_record_clear(&s->stage[slot]);
    return vb_frb_hop_send(&s->hop, slot, bytes_copied, &s->stage[slot].hop_encode_ns);
}

static int frb_image_dispatch(vb_strategy *s, int slot) {
    vb_stage_thread_push(&s->ui, slot);
    return VB_OK;
}

/* The UI thread first (it feeds the IO thread), then the IO thread. */
static int frb_image_drain(vb_strategy *s, int64_t deadline_ns) {
    int status = vb_stage_thread_finish(&s->ui, deadline_ns);
    int io_status = vb_stage_thread_finish(&s->io, deadline_ns);
    return status != VB_OK ? status : io_status;
}

static void frb_image_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->stage[slot];
}

/* The raster thread at a vsync: waits (on the GPU) for the IO thread's fence, draws the image. */
static int frb_image_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                            int64_t *bytes_to_gpu) {
    (void)frame_texture;
    (void)bytes_to_gpu; /* uploaded on the IO thread: counted in its stage record */
    vb_gl.WaitSync(s->fences[slot], 0, GL_TIMEOUT_IGNORED);
    vb_gl.DeleteSync(s->fences[slot]);
    s->fences[slot] = NULL;
    *texture = s->textures[slot];
    return VB_OK;
}

/* Presented (or dropped unseen): the frame's image is gone, its texture deleted. */
static void frb_image_release(vb_strategy *s, int slot) {
    if (s->fences[slot]) vb_gl.DeleteSync(s->fences[slot]);
    s->fences[slot] = NULL;
    if (s->textures[slot]) vb_gl.DeleteTextures(1, &s->textures[slot]);
    s->textures[slot] = 0;
}

const vb_strategy_ops vb_frb_image_strategy = {
    .facts =
        {
            .name = "frb-image",
            .summary =
                "CPU render, FRB hop, decodeImageFromPixels: new mipmapped texture per frame",
            .does =
                "CPU render; the FRB codec's hop (--frb-codec) to a UI thread, which copies into "
                "an "
                "immutable buffer; an IO thread (own GL context, shared) makes a new texture, "
                "uploads, generates mipmaps, fences; the raster thread draws it at the next vsync",
            .models =
                "the note's decision as Flutter draws it with ui.decodeImageFromPixels (Skia: the "
                "upload with mipmaps on the IO thread)",
            .incurs = "the hop's copies (sse: two), a copy into an ImmutableBuffer, a new texture, "
                      "upload "
                      "and mipmaps per frame, at least a frame of delay",
            .measures =
                "the hop, the UI and IO threads' CPU, upload and mipmap time, frames of delay at "
                "vsync",
            .colour = "#56B4E9",
            .cpu_work = "producer: render, frb-encode; ui: frb-decode, frame-copy",
            .family = VB_FAMILY_FLUTTER_CHAIN,
            /* Skia's decoder: the Linux and Windows desktops, where Flutter renders with
             * Skia; Android renders with Impeller (impeller-image). */
            .platforms = VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS,
            .roles = VB_ROLE_IMAGE_CHAIN,
            .capabilities =
                VB_CAP_OWN_TEXTURES | VB_CAP_VSYNC_DRIVEN | VB_CAP_FRB_CODEC | VB_CAP_STAGE_FIGURES,
            .preference = 2,
        },
    .create = frb_image_create,
    .destroy = frb_image_destroy,
    .producer_start = frb_image_producer_start,
    .cpu_target = frb_image_target,
    .hand_off = frb_image_hand_off,
    .dispatch = frb_image_dispatch,
    .drain = frb_image_drain,
    .collect = frb_image_collect,
    .upload = frb_image_upload,
    .release = frb_image_release,
};
