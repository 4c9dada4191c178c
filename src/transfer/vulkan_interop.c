/* vulkan-interop: the note's long-term plan (a wgpu renderer sharing its frames with the UI's
 * compositor), measured. The producer renders with Vulkan compute shaders (render/vk_renderer.h)
 * into a ring of images in dedicated exportable memory (transfer/vk_frames.h); the consumer
 * imports each buffer once into a GL texture (glImportMemoryFdEXT + glTexStorageMem2DEXT,
 * optimal tiling on both sides: the same device, checked by UUID) and draws it. Synchronised by
 * semaphores where both sides have them (Vulkan signals, GL waits with the image layout; GL
 * signals back on release), else on the CPU ("cpu-synchronised": the producer waits for its
 * fence before handing over; the consumer's draw is finished, its fence waited, before release).
 *
 * --producer-process separate runs the producer in a process of its own
 * (transfer/vk_producer_process.h): the fds cross once over a socketpair, then per frame only a
 * buffer index and the producer's figures. Measured: each buffer's one-time import, the CPU
 * waits (release, sync), the Vulkan render's GPU time (timestamps), the GL draw as every
 * strategy's. */
#include "common/clock.h"
#include "common/error.h"
#include "display/vk_device.h"
#include "transfer/frame_ring.h"
#include "transfer/strategy.h"
#include "transfer/vk_frames.h"
#include "transfer/vk_producer_process.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct gl_slot {
    GLuint memory, texture;
    GLuint ready, release; /* semaphores */
    int imported;
    int waited;             /* GL has waited on the ready semaphore of the frame it holds */
    int64_t pending_import; /* an import made at a release, reported with the next frame */
} gl_slot;

struct vb_strategy {
    vb_strategy_config config;
    vb_vk_frames *frames;  /* in this process */
    vb_vk_process process; /* or in another */
    int remote;
    vb_vk_shared shared; /* fds not yet imported */
    int started;
    int next_slot; /* where skipped frames' analysis goes: the next slot rendered */
    gl_slot gl[VB_RING_MAX_SLOTS];
    vb_stage_record stage[VB_RING_MAX_SLOTS];
    int64_t frames_done;
};

static const GLenum general_layout = GL_LAYOUT_GENERAL_EXT;

/* Whether Vulkan can serve this GL: a driver, a device that is GL's. Probed once per GL device
 * (opening a Vulkan instance takes tens of ms); main thread only, as the registry's callers. */
static const char *vulkan_unavailable(const vb_gl_info *gl) {
    static unsigned char probed_uuid[32];
    static int probed;
    static char reason[320];
    if (!gl->has_memory_object_fd) return "missing GL external memory (GL_EXT_memory_object_fd)";
    unsigned char uuids[32];
    memcpy(uuids, gl->device_uuid, 16);
    memcpy(uuids + 16, gl->driver_uuid, 16);
    if (probed && memcmp(uuids, probed_uuid, sizeof uuids) == 0) return reason[0] ? reason : NULL;
    vb_vk_device device;
    const vb_vk_device_wanted wanted = {gl->device_uuid, gl->driver_uuid};
    reason[0] = '\0';
    if (vb_vk_device_open(&device, &wanted) != VB_OK)
        snprintf(reason, sizeof reason, "%s", vb_error_get());
    else
        vb_vk_device_close(&device);
    memcpy(probed_uuid, uuids, sizeof uuids);
    probed = 1;
    return reason[0] ? reason : NULL;
}

static void vulkan_destroy(vb_strategy *s) {
    vb_vk_shared_close(&s->shared);
    free(s);
}

static int vulkan_create(const vb_strategy_config *config, vb_strategy **out) {
    vb_strategy *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("vulkan-interop: out of memory");
        return -VB_ERR_FAILURE;
    }
    s->config = *config;
    s->remote = config->producer_process == VB_PRODUCER_SEPARATE;
    s->process.socket = -1;
    vb_vk_shared_clear(&s->shared);
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++) {
        vb_stage_record_clear(&s->stage[i]);
        s->gl[i].pending_import = -1;
    }
    *out = s;
    return VB_OK;
}

static int vulkan_producer_start(vb_strategy *s) {
    const vb_gl_info *gl = &s->config.gl->info;
    vb_vk_frames_config c = {.view = s->config.view,
                             .slots = s->config.slots,
                             .fence_timeout_ns = s->config.fence_timeout_ns,
                             .gl_has_semaphores = gl->has_semaphore_fd,
                             .fault_fence = s->config.own.vulkan_interop.fault_fence};
    memcpy(c.gl_device_uuid, gl->device_uuid, 16);
    memcpy(c.gl_driver_uuid, gl->driver_uuid, 16);
    int status;
    if (s->remote) {
        const vb_vk_process_faults faults = {s->config.own.vulkan_interop.fault_kill_at,
                                             s->config.own.vulkan_interop.fault_garbage_at,
                                             s->config.own.vulkan_interop.fault_hang_at};
        status = vb_vk_process_start(&s->process, &c, &faults, s->config.audio, &s->shared);
    } else {
        status = vb_vk_frames_create(&c, &s->frames, &s->shared);
    }
    if (status != VB_OK) return status;
    s->started = 1;
    return VB_OK;
}

static void vulkan_producer_stop(vb_strategy *s) {
    if (s->remote)
        vb_vk_process_stop(&s->process);
    else
        vb_vk_frames_destroy(s->frames);
    s->frames = NULL;
}

static int vulkan_feed(vb_strategy *s, const float *analysis, size_t count, int64_t audio_frame,
                       int64_t *bytes_to_gpu) {
    return vb_vk_frames_feed(s->frames, s->next_slot, analysis, count, audio_frame, bytes_to_gpu);
}

static void record_times(vb_stage_record *r, int64_t release_wait, int64_t sync_wait, int64_t gpu,
                         int64_t earlier_gpu) {
    vb_stage_record_clear(r);
    r->release_wait_ns = release_wait;
    r->sync_wait_ns = sync_wait;
    r->gpu_render_ns = gpu;
    r->earlier_gpu_ns = earlier_gpu;
}

static int vulkan_render(vb_strategy *s, int slot, const float *analysis, size_t count,
                         int64_t audio_frame, int64_t *bytes_to_gpu) {
    vb_vk_frame_times t;
    if (vb_vk_frames_render(s->frames, slot, s->frames_done, analysis, count, audio_frame,
                            bytes_to_gpu, &t) != VB_OK)
        return -VB_ERR_FAILURE;
    record_times(&s->stage[slot], t.release_wait_ns, t.sync_wait_ns, t.gpu_ns, t.earlier_gpu_ns);
    s->next_slot = (slot + 1) % s->config.slots;
    s->frames_done++;
    return VB_OK;
}

static int vulkan_remote(vb_strategy *s, int slot, int64_t sequence, int64_t audio_frame,
                         vb_remote_frame *out) {
    vb_wire_frame f;
    if (vb_vk_process_frame(&s->process, slot, sequence, audio_frame, &f) != VB_OK)
        return -VB_ERR_FAILURE;
    record_times(&s->stage[slot], f.release_wait_ns, f.sync_wait_ns, f.gpu_ns, f.earlier_gpu_ns);
    /* Its process CPU counted from when it was ready: the set-up is not a frame's. */
    const int64_t cpu = f.process_cpu_ns - s->process.ready_cpu_ns;
    *out = (vb_remote_frame){f.analyzed_ns,   f.rendered_ns,     f.handed_ns,
                             f.thread_cpu_ns, cpu > 0 ? cpu : 0, f.bytes_to_gpu};
    s->frames_done++;
    return VB_OK;
}

/* The frame is rendered (and, cpu-synchronised, finished): nothing more crosses. */
static int vulkan_hand_off(vb_strategy *s, int slot, int64_t *bytes_copied) {
    (void)s, (void)slot, (void)bytes_copied;
    return VB_OK;
}

/* Imports one fd: GL takes it only when the import succeeds; otherwise it is closed here. */
static int imported_fd(int *fd, const char *what) {
    GLenum error = vb_gl.GetError();
    if (error == GL_NO_ERROR) {
        *fd = -1;
        return VB_OK;
    }
    close(*fd);
    *fd = -1;
    vb_error_set("vulkan-interop: importing the Vulkan %s into GL failed (GL error 0x%x)", what,
                 error);
    return -VB_ERR_FAILURE;
}

/* The buffer's one-time import: its memory as a GL texture (and its semaphores). */
static int import_slot(vb_strategy *s, int slot, int64_t *import_ns) {
    gl_slot *g = &s->gl[slot];
    vb_vk_shared *shared = &s->shared;
    /* An earlier call's error is not the import's (bounded: a lost context may keep one). */
    for (int i = 0; i < 16 && vb_gl.GetError() != GL_NO_ERROR; i++) {
    }
    const int64_t start = vb_now_ns();
    const GLint dedicated = GL_TRUE;
    vb_gl.CreateMemoryObjectsEXT(1, &g->memory);
    vb_gl.MemoryObjectParameterivEXT(g->memory, GL_DEDICATED_MEMORY_OBJECT_EXT, &dedicated);
    vb_gl.ImportMemoryFdEXT(g->memory, shared->memory_size[slot], GL_HANDLE_TYPE_OPAQUE_FD_EXT,
                            shared->memory_fd[slot]);
    if (imported_fd(&shared->memory_fd[slot], "memory") != VB_OK) return -VB_ERR_FAILURE;
    vb_gl.GenTextures(1, &g->texture);
    vb_gl.BindTexture(GL_TEXTURE_2D, g->texture);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_TILING_EXT, GL_OPTIMAL_TILING_EXT);
    vb_gl.TexStorageMem2DEXT(GL_TEXTURE_2D, 1, GL_RGBA8, shared->width, shared->height, g->memory,
                             0);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    GLenum error = vb_gl.GetError();
    if (error != GL_NO_ERROR) {
        vb_error_set("vulkan-interop: a GL texture in the Vulkan memory failed (GL error 0x%x)",
                     error);
        return -VB_ERR_FAILURE;
    }
    if (shared->semaphores) {
        vb_gl.GenSemaphoresEXT(1, &g->ready);
        vb_gl.ImportSemaphoreFdEXT(g->ready, GL_HANDLE_TYPE_OPAQUE_FD_EXT, shared->ready_fd[slot]);
        if (imported_fd(&shared->ready_fd[slot], "semaphore") != VB_OK) return -VB_ERR_FAILURE;
        vb_gl.GenSemaphoresEXT(1, &g->release);
        vb_gl.ImportSemaphoreFdEXT(g->release, GL_HANDLE_TYPE_OPAQUE_FD_EXT,
                                   shared->release_fd[slot]);
        if (imported_fd(&shared->release_fd[slot], "semaphore") != VB_OK) return -VB_ERR_FAILURE;
    }
    *import_ns = vb_now_ns() - start;
    g->imported = 1;
    return VB_OK;
}

/* The GPU waits for Vulkan's frame (semaphores); cpu-synchronised, it is finished already. */
static void wait_ready(vb_strategy *s, int slot) {
    gl_slot *g = &s->gl[slot];
    if (!s->shared.semaphores || g->waited) return;
    vb_gl.WaitSemaphoreEXT(g->ready, 0, NULL, 1, &g->texture, &general_layout);
    g->waited = 1;
}

static int vulkan_upload(vb_strategy *s, int slot, GLuint frame_texture, GLuint *texture,
                         int64_t *bytes_to_gpu) {
    (void)frame_texture, (void)bytes_to_gpu;
    gl_slot *g = &s->gl[slot];
    s->stage[slot].import_ns = g->pending_import; /* an import made at a release, if any */
    g->pending_import = -1;
    if (!g->imported && import_slot(s, slot, &s->stage[slot].import_ns) != VB_OK)
        return -VB_ERR_FAILURE;
    wait_ready(s, slot);
    *texture = s->gl[slot].texture;
    return VB_OK;
}

static void vulkan_collect(vb_strategy *s, int slot, vb_stage_record *out) {
    *out = s->stage[slot];
}

/* With semaphores GL signals the release (after waiting on a frame dropped unseen, so that
 * every signal is waited on once); cpu-synchronised, the draw's fence was waited already. */
static void vulkan_release(vb_strategy *s, int slot) {
    gl_slot *g = &s->gl[slot];
    if (!s->shared.semaphores) return;
    if (!g->imported && import_slot(s, slot, &g->pending_import) != VB_OK) {
        /* Without the import GL cannot signal the release the next render waits on: the run
         * ends here rather than leave the GPU waiting on a semaphore nothing will signal. */
        s->config.sink.fail(s->config.sink.context, vb_error_get());
        return;
    }
    wait_ready(s, slot);
    vb_gl.SignalSemaphoreEXT(g->release, 0, NULL, 1, &g->texture, &general_layout);
    vb_gl.Flush(); /* the signal reaches the GPU before the producer's submission waits on it */
    g->waited = 0;
}

static void vulkan_consumer_stop(vb_strategy *s) {
    vb_gl.Finish();
    for (int i = 0; i < VB_RING_MAX_SLOTS; i++) {
        gl_slot *g = &s->gl[i];
        if (g->texture) vb_gl.DeleteTextures(1, &g->texture);
        if (g->memory) vb_gl.DeleteMemoryObjectsEXT(1, &g->memory);
        if (g->ready) vb_gl.DeleteSemaphoresEXT(1, &g->ready);
        if (g->release) vb_gl.DeleteSemaphoresEXT(1, &g->release);
        memset(g, 0, sizeof *g);
        g->pending_import = -1;
    }
}

static void vulkan_describe(vb_strategy *s, char *line, size_t size) {
    if (!s->started) return;
    snprintf(line, size, "%s, %s, producer in %s",
             s->shared.semaphores ? "semaphores" : "cpu-synchronised", s->shared.device,
             s->remote ? "a separate process" : "this process");
}

static int64_t vulkan_producer_process_peak(vb_strategy *s) {
    return s->remote && s->process.peak_bytes > 0 ? s->process.peak_bytes : -1;
}

const vb_strategy_ops vb_vulkan_interop_strategy = {
    .facts =
        {
            .name = "vulkan-interop",
            .summary =
                "Vulkan compute render, exported memory imported into GL, semaphores or CPU sync",
            .does =
                "GPU render with Vulkan compute shaders into a ring of images in exportable "
                "memory, "
                "each imported once into GL (opaque fds); semaphores both ways where both sides "
                "have them, else a CPU wait for the Vulkan fence before the hand-over; "
                "--producer-process separate runs the producer in another process (fds over a "
                "socketpair)",
            .models = "the note's long-term plan: a wgpu (Vulkan) renderer sharing frames with the "
                      "compositor through external memory, in the app's process or another",
            .incurs =
                "no pixel copy on the CPU; a one-time import per buffer; semaphore waits on the "
                "GPU, or CPU waits for the GPU when the drivers have no external semaphores",
            .measures = "the imports, the CPU waits (release, sync), the Vulkan render's GPU time "
                        "(timestamps), the GL draw",
            .colour = "#DDCC77",
            .cpu_work = "producer: analyze",
            .family = VB_FAMILY_GPU_SHARING,
            .platforms = VB_PLATFORM_ANDROID | VB_PLATFORM_LINUX,
            .roles = 0,
            .capabilities = VB_CAP_RENDERS_ON_GPU | VB_CAP_RENDERS_WITH_VULKAN |
                            VB_CAP_PRODUCER_PROCESS | VB_CAP_STAGE_FIGURES,
            .preference = 1,
        },
    .unavailable_reason = vulkan_unavailable,
    .create = vulkan_create,
    .destroy = vulkan_destroy,
    .consumer_stop = vulkan_consumer_stop,
    .producer_start = vulkan_producer_start,
    .producer_stop = vulkan_producer_stop,
    .gpu_render = vulkan_render,
    .gpu_feed = vulkan_feed,
    .produce_remotely = vulkan_remote,
    .hand_off = vulkan_hand_off,
    .collect = vulkan_collect,
    .upload = vulkan_upload,
    .release = vulkan_release,
    .describe = vulkan_describe,
    .producer_process_peak = vulkan_producer_process_peak,
};
