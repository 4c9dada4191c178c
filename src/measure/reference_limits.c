#include "measure/reference_limits.h"

#include "common/error.h"
#include "display/gl_api.h"
#include "display/gl_program.h"
#include "common/clock.h"
#include "measure/stats.h"

#include <pthread.h>
#include <semaphore.h>
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

#define CROSS_COPIES 200
#define CROSS_MAX_SLOTS 8

typedef struct cross_reader {
    sem_t go, done;
    const uint8_t *buffer; /* to read next; NULL: quit */
    size_t bytes;
    uint64_t sum;
} cross_reader;

/* The other thread: reads one word of every cache line of the buffer it is given, as an upload
 * reads the frame, leaving the lines in its core's cache. */
static void *cross_reader_main(void *opaque) {
    cross_reader *r = opaque;
    for (;;) {
        while (sem_wait(&r->go) != 0) {
        }
        if (!r->buffer) return NULL;
        uint64_t sum = 0;
        for (size_t i = 0; i + sizeof(uint64_t) <= r->bytes; i += 64) {
            uint64_t word;
            memcpy(&word, r->buffer + i, sizeof word);
            sum += word;
        }
        r->sum += sum;
        sem_post(&r->done);
    }
}

double vb_reference_cross_core_copy_gbps(size_t bytes, int slots) {
    if (slots < 1) slots = 1;
    if (slots > CROSS_MAX_SLOTS) slots = CROSS_MAX_SLOTS;
    uint8_t *source = malloc(bytes), *destinations[CROSS_MAX_SLOTS] = {0};
    int ok = source != NULL;
    for (int k = 0; k < slots; k++)
        ok &= (destinations[k] = malloc(bytes)) != NULL;
    cross_reader reader = {.bytes = bytes};
    sem_init(&reader.go, 0, 0);
    sem_init(&reader.done, 0, 0);
    pthread_t thread;
    const int started = ok && pthread_create(&thread, NULL, cross_reader_main, &reader) == 0;
    double rates[CROSS_COPIES], gbps = -1.0;
    if (started) {
        for (int k = 0; k < slots; k++)
            memset(destinations[k], k, bytes);
        for (int i = 0; i < CROSS_COPIES; i++) {
            uint8_t *dst = destinations[i % slots];
            reader.buffer = dst;
            sem_post(&reader.go);
            memset(source, i & 0xff, bytes); /* the frame this thread just rendered */
            while (sem_wait(&reader.done) != 0) {
            }
            int64_t t0 = vb_now_ns();
            copy_op(NULL, dst, source, bytes);
            int64_t elapsed = vb_now_ns() - t0;
            rates[i] = (double)bytes / (double)(elapsed > 0 ? elapsed : 1);
        }
        reader.buffer = NULL;
        sem_post(&reader.go);
        pthread_join(thread, NULL);
        vb_stats stats;
        vb_stats_compute(rates, CROSS_COPIES, &stats);
        gbps = stats.p50;
    } else {
        vb_error_set("reference limits: no memory or no second thread for the cross-core copy");
    }
    sem_destroy(&reader.go);
    sem_destroy(&reader.done);
    for (int k = 0; k < slots; k++)
        free(destinations[k]);
    free(source);
    return gbps;
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
