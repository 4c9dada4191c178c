#include "render/row_split.h"

#include "common/error.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

struct vb_row_split {
    pthread_t thread;
    sem_t go, done; /* one post of each per frame: the hand-off costs two futex wakes */
    int quit;
    /* The helper's share of the frame in hand, written before `go` is posted. */
    const vb_renderer *renderer;
    uint8_t *dst;
    size_t stride;
    int first_row, end_row;
};

static void *helper(void *opaque) {
    vb_row_split *s = opaque;
    for (;;) {
        while (sem_wait(&s->go) != 0) {
        }
        if (s->quit) return NULL;
        vb_renderer_draw_rows(s->renderer, s->dst + (size_t)s->first_row * s->stride, s->stride,
                              s->first_row, s->end_row);
        sem_post(&s->done);
    }
}

vb_row_split *vb_row_split_start(void) {
    vb_row_split *s = calloc(1, sizeof *s);
    if (!s) {
        vb_error_set("render: out of memory");
        return NULL;
    }
    sem_init(&s->go, 0, 0);
    sem_init(&s->done, 0, 0);
    if (pthread_create(&s->thread, NULL, helper, s) != 0) {
        sem_destroy(&s->go);
        sem_destroy(&s->done);
        free(s);
        vb_error_set("render: cannot start the second drawing thread");
        return NULL;
    }
    return s;
}

void vb_row_split_stop(vb_row_split *s) {
    if (!s) return;
    s->quit = 1;
    sem_post(&s->go);
    pthread_join(s->thread, NULL);
    sem_destroy(&s->go);
    sem_destroy(&s->done);
    free(s);
}

void vb_row_split_draw(vb_row_split *s, const vb_renderer *renderer, uint8_t *dst, size_t stride) {
    const int height = vb_renderer_options(renderer)->height, half = height / 2;
    s->renderer = renderer;
    s->dst = dst;
    s->stride = stride;
    s->first_row = half;
    s->end_row = height;
    sem_post(&s->go);
    vb_renderer_draw_rows(renderer, dst, stride, 0, half);
    while (sem_wait(&s->done) != 0) {
    }
}
