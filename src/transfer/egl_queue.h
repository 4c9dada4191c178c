/* The EGLImage buffer queue that egl-image and surface-texture share: Android's BufferQueue
 * between a producer that renders on the GPU in a context sharing nothing with the consumer's
 * (vb_gl_contexts.isolated) and the engine that latches its newest buffer (flutter/engine
 * surface_texture_external_texture.cc, image_external_texture_gl.cc).
 *
 * `slots` buffers, each a texture of the producer's exported once as an EGLImage
 * (EGL_KHR_gl_texture_2D_image) and bound once by the consumer (glEGLImageTargetTexture2DOES).
 * Producer (its context current): dequeue waits for the consumer's release fence on the buffer
 * (eglWaitSyncKHR: the GPU waits; a CPU wait where the driver has no wait sync), render draws,
 * queue adds an EGL fence. Consumer (its context current): latch imports a buffer seen for the
 * first time and makes the GPU wait on the queued fence; release fences the consumer's reads.
 * What it measures goes into stage[slot] (import_ns, release_wait_ns), which the strategy's
 * collect hands on; the ring orders the producer's writes of a slot before the consumer's
 * reads and back. Functions return VB_OK or a negative status with the error set. */
#ifndef VB_TRANSFER_EGL_QUEUE_H
#define VB_TRANSFER_EGL_QUEUE_H

#include "display/egl_api.h"
#include "render/gl_renderer.h"
#include "transfer/frame_ring.h"
#include "transfer/strategy.h"

typedef struct vb_egl_queue {
    const char *name; /* the strategy's, for its errors */
    vb_strategy_config config;
    vb_gl_renderer *renderer;               /* producer context */
    GLuint textures[VB_RING_MAX_SLOTS];     /* producer context: the queue's buffers */
    GLuint framebuffers[VB_RING_MAX_SLOTS]; /* producer context */
    EGLImageKHR images[VB_RING_MAX_SLOTS];
    GLuint imported[VB_RING_MAX_SLOTS];     /* consumer context: the images bound as textures */
    EGLSyncKHR queued[VB_RING_MAX_SLOTS];   /* producer's fence, queued with the buffer */
    EGLSyncKHR released[VB_RING_MAX_SLOTS]; /* consumer's release fence */
    vb_stage_record stage[VB_RING_MAX_SLOTS];
    int fault_release_fence; /* simulated: the release fences never signal (VIZBENCH_FAULT) */
} vb_egl_queue;

/* NULL when this GL has EGL images from GL textures and EGL fences, else why not. */
const char *vb_egl_queue_unavailable(const vb_gl_info *gl);

void vb_egl_queue_init(vb_egl_queue *queue, const char *name, const vb_strategy_config *config,
                       int fault_release_fence);

/* Producer: the renderer and the buffers (exported as images); stop frees them again. */
int vb_egl_queue_producer_start(vb_egl_queue *queue);
void vb_egl_queue_producer_stop(vb_egl_queue *queue);
/* Producer: dequeue (the release fence waited for), then draw into the slot. */
int vb_egl_queue_render(vb_egl_queue *queue, int slot, const float *analysis, size_t count,
                        int64_t audio_frame, int64_t *bytes_to_gpu);
int vb_egl_queue_feed(vb_egl_queue *queue, const float *analysis, size_t count, int64_t audio_frame,
                      int64_t *bytes_to_gpu);
/* Producer: queue the slot's buffer with a fence. */
int vb_egl_queue_queue(vb_egl_queue *queue, int slot);

/* Consumer: the slot's buffer as a texture of the consumer's context, its fence waited on. */
int vb_egl_queue_latch(vb_egl_queue *queue, int slot, GLuint *texture);
/* Consumer: the slot's buffer released with a fence the producer waits on. */
void vb_egl_queue_release(vb_egl_queue *queue, int slot);
void vb_egl_queue_consumer_stop(vb_egl_queue *queue);

#endif
