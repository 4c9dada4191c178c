/* The Vulkan producer process's side (`vizbench __vulkan-producer`): the producer's loop of the
 * measuring process's producer thread, analysis and Vulkan render, driven by RENDER messages. */
#include "audio/frame_clock.h"
#include "common/clock.h"
#include "common/error.h"
#include "render/renderer.h"
#include "transfer/vk_producer_process.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct producer {
    int socket;
    vb_wire_config config;
    vb_audio audio;
    int64_t audio_frames;
    vb_renderer *renderer;
    vb_vk_frames *frames;
    int64_t last_rendered;
} producer;

static int fail(producer *p, const char *message) {
    vb_wire_error error;
    memset(&error, 0, sizeof error);
    snprintf(error.message, sizeof error.message, "%s", message);
    vb_wire_send(p->socket, VB_WIRE_ERROR, &error, NULL, 0);
    return 1;
}

/* The audio: the samples from the memfd (copied once, as the measuring process holds them), or
 * the streamed file by its path. */
static int load_audio(const vb_wire_config *c, int fd, vb_audio *audio) {
    if (!c->audio_in_memfd) {
        char path[sizeof c->path];
        memcpy(path, c->path, sizeof path);
        path[sizeof path - 1] = '\0';
        return vb_audio_open_streamed(path, audio);
    }
    const size_t bytes = sizeof(float) * (size_t)c->samples;
    struct stat info;
    if (fstat(fd, &info) != 0 || (uint64_t)info.st_size < bytes) { /* a short one: SIGBUS */
        vb_error_set("the audio memfd is smaller than its samples");
        return -VB_ERR_FAILURE;
    }
    void *mapped = mmap(NULL, bytes, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped == MAP_FAILED) {
        vb_error_set("cannot map the audio memfd");
        return -VB_ERR_FAILURE;
    }
    float *samples = malloc(bytes);
    if (samples) memcpy(samples, mapped, bytes);
    munmap(mapped, bytes);
    if (!samples) {
        vb_error_set("out of memory for the audio");
        return -VB_ERR_FAILURE;
    }
    char name[sizeof c->audio_name];
    memcpy(name, c->audio_name, sizeof name);
    name[sizeof name - 1] = '\0';
    vb_audio_wrap(samples, c->samples, c->sample_rate, name, audio);
    audio->channels = c->channels;
    return VB_OK;
}

int vb_vk_producer_load_config(const vb_wire_config *config, const int *fds, int fd_count,
                               vb_audio *audio) {
    memset(audio, 0, sizeof *audio);
    int status = vb_wire_check_config(config, fd_count);
    if (status == VB_OK) status = load_audio(config, fd_count ? fds[0] : -1, audio);
    for (int i = 0; i < fd_count; i++)
        close(fds[i]);
    return status;
}

static int start(producer *p) {
    int fds[1] = {-1}, count = 0;
    if (vb_wire_recv(p->socket, vb_now_ns() + 10000000000LL, VB_WIRE_CONFIG, &p->config, fds, 1,
                     &count) != VB_OK)
        return -VB_ERR_FAILURE;
    vb_wire_config *c = &p->config;
    if (vb_vk_producer_load_config(c, fds, count, &p->audio) != VB_OK)
        return fail(p, vb_error_get()), -VB_ERR_FAILURE;
    p->audio_frames = vb_frame_count(p->audio.length, p->audio.sample_rate, c->view.fps);
    p->renderer = vb_renderer_create(&c->view, &p->audio);
    if (!p->renderer) return fail(p, vb_error_get()), -VB_ERR_FAILURE;
    vb_vk_frames_config fc = {.view = c->view,
                              .slots = c->slots,
                              .fence_timeout_ns = c->fence_timeout_ns,
                              .gl_has_semaphores = c->gl_has_semaphores,
                              .fault_fence = c->fault_fence};
    memcpy(fc.gl_device_uuid, c->gl_device_uuid, 16);
    memcpy(fc.gl_driver_uuid, c->gl_driver_uuid, 16);
    vb_vk_shared shared;
    if (vb_vk_frames_create(&fc, &p->frames, &shared) != VB_OK)
        return fail(p, vb_error_get()), -VB_ERR_FAILURE;
    vb_wire_ready ready;
    memset(&ready, 0, sizeof ready);
    ready.slots = shared.slots;
    ready.semaphores = shared.semaphores;
    ready.width = shared.width;
    ready.height = shared.height;
    ready.process_cpu_ns = vb_process_cpu_ns();
    snprintf(ready.device, sizeof ready.device, "%s", shared.device);
    int out[3 * VB_VK_MAX_SLOTS], n = 0;
    for (int i = 0; i < shared.slots; i++) {
        ready.memory_size[i] = shared.memory_size[i];
        out[n++] = shared.memory_fd[i];
    }
    for (int i = 0; shared.semaphores && i < shared.slots; i++) {
        out[n++] = shared.ready_fd[i];
        out[n++] = shared.release_fd[i];
    }
    const int status = vb_wire_send(p->socket, VB_WIRE_READY, &ready, out, n);
    vb_vk_shared_close(&shared); /* the copies in flight belong to the receiver */
    p->last_rendered = -1;
    return status;
}

/* The frames skipped since the last one, for views with history (as the measuring process's
 * producer feeds them: at most a view's width). */
static int feed_skipped(producer *p, int slot, int64_t next, int64_t *bytes) {
    if (!vb_renderer_has_history(p->renderer)) return VB_OK;
    int64_t from = next - p->config.view.width;
    if (from < p->last_rendered + 1) from = p->last_rendered + 1;
    for (int64_t m = from; m < next; m++) {
        int64_t audio_frame = m % p->audio_frames;
        vb_renderer_analyze(p->renderer, audio_frame);
        size_t count = 0;
        const float *analysis = vb_renderer_analysis(p->renderer, &count);
        if (vb_vk_frames_feed(p->frames, slot, analysis, count, audio_frame, bytes) != VB_OK)
            return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

static int render(producer *p, const vb_wire_render *r) {
    const vb_wire_config *c = &p->config;
    if (vb_wire_check_render(r, c->slots, p->last_rendered, p->audio_frames) != VB_OK)
        return fail(p, vb_error_get()), -VB_ERR_FAILURE;
    if (r->sequence == c->fault_kill_at) raise(SIGKILL);
    if (r->sequence == c->fault_hang_at)
        for (;;)
            pause();
    const int64_t cpu_start = vb_thread_cpu_ns();
    vb_wire_frame f = {.sequence = r->sequence, .slot = r->slot};
    if (feed_skipped(p, r->slot, r->sequence, &f.bytes_to_gpu) != VB_OK)
        return fail(p, vb_error_get()), -VB_ERR_FAILURE;
    p->last_rendered = r->sequence;
    vb_renderer_analyze(p->renderer, r->audio_frame);
    f.analyzed_ns = vb_now_ns();
    if (vb_renderer_status(p->renderer) != VB_OK) return fail(p, vb_error_get()), -VB_ERR_FAILURE;
    size_t count = 0;
    const float *analysis = vb_renderer_analysis(p->renderer, &count);
    vb_vk_frame_times t;
    if (vb_vk_frames_render(p->frames, r->slot, r->sequence, analysis, count, r->audio_frame,
                            &f.bytes_to_gpu, &t) != VB_OK)
        return fail(p, vb_error_get()), -VB_ERR_FAILURE;
    f.rendered_ns = f.handed_ns = vb_now_ns();
    f.release_wait_ns = t.release_wait_ns;
    f.sync_wait_ns = t.sync_wait_ns;
    f.gpu_ns = t.gpu_ns;
    f.earlier_sequence = t.earlier_sequence;
    f.earlier_gpu_ns = t.earlier_gpu_ns;
    f.thread_cpu_ns = vb_thread_cpu_ns() - cpu_start;
    f.process_cpu_ns = vb_process_cpu_ns();
    if (r->sequence == c->fault_garbage_at) f.slot = c->slots + 7; /* a buffer that is not */
    return vb_wire_send(p->socket, VB_WIRE_FRAME, &f, NULL, 0);
}

int vb_vk_producer_main(int socket) {
    /* Never outlive the measuring process: killed when the thread that started it ends (its
     * producer thread, which also stops it), or now if that already happened. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) return 1;
    producer p;
    memset(&p, 0, sizeof p);
    p.socket = socket;
    int status = start(&p);
    while (status == VB_OK) {
        vb_wire_render r;
        int fds[1], count = 0;
        /* The measuring process's turn: no limit here (it may be busy); its end closes the
         * socket, which ends this loop. */
        if (vb_wire_recv(socket, -1, VB_WIRE_RENDER, &r, fds, 0, &count) != VB_OK) break;
        status = render(&p, &r);
    }
    vb_vk_frames_destroy(p.frames);
    vb_renderer_destroy(p.renderer);
    vb_audio_free(&p.audio);
    close(socket);
    return status == VB_OK ? 0 : 1;
}
