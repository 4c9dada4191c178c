/* frb-texture: the note's decision as a Flutter app on Linux or Windows runs it with a pixel-buffer
 * texture. The Rust renderer's frame crosses by flutter_rust_bridge (transfer/frb_hop.h, codec
 * --frb-codec) to the UI thread (Dart's UI isolate: a thread of its own here), which hands the
 * bytes to the texture plugin; at each vsync the raster thread (the consumer) re-specifies its
 * texture from the newest frame's bytes with glTexImage2D, not SubImage, as the Linux embedder
 * does (flutter/flutter engine/src/flutter/shell/platform/linux/fl_pixel_buffer_texture.cc;
 * Windows: external_texture_pixelbuffer.cc), and draws it. Always vsync-driven. */
#include "common/clock.h"
#include "common/error.h"
#include "common/work_counts.h"
#include "transfer/frb_hop.h"
#include "transfer/stage_thread.h"
#include "transfer/strategy.h"

#include <stdlib.h>

struct vb_strategy {
    vb_strategy_config config;
    vb_frb_hop hop;
    vb_stage_thread ui;
    vb_stage_record stage[VB_RING_MAX_SLOTS];
    GLuint texture; /* the plugin's texture, in the consumer's context */
};

/* The UI thread: what Dart receives, handed to the plugin (its pointer, no copy). */
static int ui_work(void *context, int slot) {
    vb_strategy *s = context;
    vb_stage_record *r = &s->stage[slot];
    const vb_stage_meter meter = vb_stage_meter_start();
    int status = vb_frb_hop_receive(&s->hop, slot, &r->bytes_copied, &r->hop_copy_ns);
    if (status != VB_OK) return status;
    vb_frb_finalizer_run(&s->hop.finalizer);
    r->ui_cpu_ns = vb_stage_meter_stop(&meter, r);
    r->ui_done_ns = vb_now_ns();
    s->config.sink.publish(s->config.sink.context);
    return VB_OK;
}

static void frb_texture_destroy(vb_strategy *s) {
    if (!s) return;
    vb_stage_thread_finish(&s->ui, vb_now_ns());
    vb_frb_hop_free(&s->hop);
    free(s);
}

static int frb_texture_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("frb-texture: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    if (vb_frb_hop_init(&s->hop, config->own.frb.codec, config->frame_bytes) != VB_OK) {
        frb_texture_destroy(s);
        return -VB_ERR_FAILURE;
    }
    s->ui = (vb_stage_thread){.name = "ui", .work = ui_work, .context = s, .sink = &s->config.sink};
    *out = s;
    return VB_OK;
}

static int frb_texture_consumer_start(vb_strategy *s) {
    vb_gl.GenTextures(1, &s->texture);
    vb_gl.BindTexture(GL_TEXTURE_2D, s->texture);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    return VB_OK;
}

static void frb_texture_consumer_stop(vb_strategy *s) {
    if (s->texture) vb_gl.DeleteTextures(1, &s->texture);
    s->texture = 0;
}

static int frb_texture_producer_start(vb_strategy *s) {
    return vb_stage_thread_start(&s->ui);
}

static uint8_t *frb_texture_target(vb_strategy *s, int slot) {
    return vb_frb_hop_target(&s->hop, slot);
}

static int frb_texture_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    vb_stage_record_clear(&s->stage[slot]);
    return vb_frb_hop_send(&s->hop, slot, bytes_copied, &s->stage[slot].hop_encode_ns);
}

static int frb_texture_dispatch(vb_strategy *s, int slot) {
    vb_stage_thread_push(&s->ui, slot);
    return VB_OK;
}

static int frb_texture_drain(vb_strategy *s, int64_t deadline_ns) {
    return vb_stage_thread_finish(&s->ui, deadline_ns);
}

static void frb_texture_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->stage[slot];
}

static int frb_texture_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                              int64_t *bytes_to_gpu) {
    (void)frame_texture;
    const vb_view_options *v = &s->config.view;
    vb_gl.BindTexture(GL_TEXTURE_2D, s->texture);
    vb_gl.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, v->width, v->height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     s->hop.dart[slot]);
    *texture = s->texture;
    *bytes_to_gpu += (int64_t)s->config.frame_bytes;
    return VB_OK;
}

static void frb_texture_release(vb_strategy *s, int slot) {
    vb_frb_hop_drop(&s->hop, slot);
}

const vb_strategy_ops vb_frb_texture_strategy = {
    .facts =
        {
            .name = "frb-texture",
            .summary = "CPU render, FRB hop to a UI thread, glTexImage2D at each vsync",
            .does =
                "CPU render; the FRB codec's hop (--frb-codec) to a UI thread; at each vsync the "
                "raster thread re-specifies its texture from the newest frame (glTexImage2D)",
            .models = "the note's decision as Flutter runs it with a pixel-buffer texture "
                      "(FlPixelBufferTexture on Linux, the pixel buffer texture on Windows)",
            .incurs = "sse: an encode byte by byte and Dart's copy; dco: a new buffer per frame "
                      "freed by a "
                      "finalizer; then a full texture re-specification per frame, at vsync",
            .measures =
                "the encode, Dart's copy, the UI thread's CPU, the re-specification, frames of "
                "delay at vsync",
            .colour = "#E69F00",
            .cpu_work = "producer: render, frb-encode; ui: frb-decode",
            .family = VB_FAMILY_FLUTTER_CHAIN,
            .platforms = VB_PLATFORM_LINUX | VB_PLATFORM_WINDOWS,
            .roles = 0,
            .capabilities =
                VB_CAP_OWN_TEXTURES | VB_CAP_VSYNC_DRIVEN | VB_CAP_FRB_CODEC | VB_CAP_STAGE_FIGURES,
            .preference = 1,
        },
    .create = frb_texture_create,
    .destroy = frb_texture_destroy,
    .consumer_start = frb_texture_consumer_start,
    .consumer_stop = frb_texture_consumer_stop,
    .producer_start = frb_texture_producer_start,
    .cpu_target = frb_texture_target,
    .hand_off = frb_texture_hand_off,
    .dispatch = frb_texture_dispatch,
    .drain = frb_texture_drain,
    .collect = frb_texture_collect,
    .upload = frb_texture_upload,
    .release = frb_texture_release,
};
