#include "measure/reference_limits.h"

#include "common/error.h"
#include "display/gl_api.h"
#include "display/gl_program.h"
#include "common/clock.h"
#include "measure/stats.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BATCHES 7
#define BATCH_NS 4000000

typedef void (*operation)(void *context, uint8_t *dst, const uint8_t *src, size_t bytes);

/* Median over BATCHES of bytes per ns (= GB/s); each batch repeats `op` for about BATCH_NS. */
static double measure_gbps(operation op, void *context, uint8_t *dst, const uint8_t *src,
                           size_t bytes) {
    op(context, dst, src, bytes); /* warm caches and page tables */
    int64_t start = vb_now_ns();
    op(context, dst, src, bytes);
    int64_t once = vb_now_ns() - start;
    int64_t repeats = once > 0 ? BATCH_NS / once : 1000;
    if (repeats < 1) repeats = 1;
    double rates[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        int64_t t0 = vb_now_ns();
        for (int64_t i = 0; i < repeats; i++)
            op(context, dst, src, bytes);
        int64_t elapsed = vb_now_ns() - t0;
        rates[b] = (double)bytes * (double)repeats / (double)(elapsed > 0 ? elapsed : 1);
    }
    vb_stats stats;
    vb_stats_compute(rates, BATCHES, &stats);
    return stats.p50;
}

static void copy_op(void *context, uint8_t *dst, const uint8_t *src, size_t bytes) {
    (void)context;
    memcpy(dst, src, bytes);
    /* Keeps the compiler from proving the repeated copies redundant. */
    __asm__ volatile("" : : "r"(dst) : "memory");
}

static void set_op(void *context, uint8_t *dst, const uint8_t *src, size_t bytes) {
    (void)context, (void)src;
    memset(dst, 0x5a, bytes);
    __asm__ volatile("" : : "r"(dst) : "memory");
}

typedef struct upload_context {
    GLuint texture;
    int width, height;
} upload_context;

static void upload_op(void *opaque, uint8_t *dst, const uint8_t *src, size_t bytes) {
    (void)dst, (void)bytes;
    upload_context *u = opaque;
    vb_gl.BindTexture(GL_TEXTURE_2D, u->texture);
    vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, u->width, u->height, GL_RGBA, GL_UNSIGNED_BYTE,
                        src);
    vb_gl.Finish();
}

int vb_reference_limits_measure_cpu(vb_reference_limits *limits, size_t frame_bytes) {
    memset(limits, 0, sizeof *limits);
    limits->frame_bytes = frame_bytes;
    uint8_t *a = malloc(frame_bytes), *b = malloc(frame_bytes);
    if (!a || !b) {
        free(a);
        free(b);
        vb_error_set("reference limits: out of memory");
        return -VB_ERR_FAILURE;
    }
    memset(a, 1, frame_bytes);
    memset(b, 2, frame_bytes);
    limits->memcpy_gbps = measure_gbps(copy_op, NULL, b, a, frame_bytes);
    limits->memset_gbps = measure_gbps(set_op, NULL, b, a, frame_bytes);
    free(a);
    free(b);
    return VB_OK;
}

int vb_reference_limits_measure_upload(vb_reference_limits *limits, int width, int height) {
    size_t bytes = (size_t)width * (size_t)height * 4;
    uint8_t *frame = malloc(bytes);
    if (!frame) {
        vb_error_set("reference limits: out of memory");
        return -VB_ERR_FAILURE;
    }
    for (size_t i = 0; i < bytes; i++)
        frame[i] = (uint8_t)(i * 7);
    upload_context u = {0, width, height};
    u.texture = vb_gl_texture_create(GL_RGBA8, width, height, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    vb_gl.PixelStorei(GL_UNPACK_ALIGNMENT, 4);
    limits->upload_gbps = measure_gbps(upload_op, &u, NULL, frame, bytes);
    limits->upload_ms = limits->upload_gbps > 0 ? (double)bytes / limits->upload_gbps / 1e6 : 0;
    vb_gl.DeleteTextures(1, &u.texture);
    free(frame);
    GLenum error = vb_gl.GetError();
    if (error != GL_NO_ERROR) {
        vb_error_set("reference limits: upload failed (GL error 0x%x)", error);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}
