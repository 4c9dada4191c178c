#include "transfer/frame_ring.h"

#include "common/error.h"
#include "common/clock.h"

#include <errno.h>

/* Waits are sliced so that a cancel is seen within this long. */
#define WAIT_SLICE_NS 5000000

int vb_frame_ring_init(vb_frame_ring *ring, int slots) {
    if (slots < 1 || slots > VB_RING_MAX_SLOTS) {
        vb_error_set("frame ring: %d slots (1 .. %d)", slots, VB_RING_MAX_SLOTS);
        return -VB_ERR_FAILURE;
    }
    ring->slots = slots;
    atomic_init(&ring->published, 0);
    atomic_init(&ring->released, 0);
    atomic_init(&ring->cancelled, 0);
    if (sem_init(&ring->free_slots, 0, (unsigned)slots) != 0) {
        vb_error_set("frame ring: cannot create a semaphore");
        return -VB_ERR_FAILURE;
    }
    if (sem_init(&ring->ready_slots, 0, 0) != 0) {
        sem_destroy(&ring->free_slots);
        vb_error_set("frame ring: cannot create a semaphore");
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

void vb_frame_ring_destroy(vb_frame_ring *ring) {
    sem_destroy(&ring->free_slots);
    sem_destroy(&ring->ready_slots);
}

static int wait_until(vb_frame_ring *ring, sem_t *semaphore, int64_t deadline_ns) {
    for (;;) {
        if (sem_trywait(semaphore) == 0) return VB_RING_OK;
        if (atomic_load_explicit(&ring->cancelled, memory_order_acquire)) return VB_RING_CANCELLED;
        int64_t now = vb_now_ns();
        if (now >= deadline_ns) return VB_RING_TIMEOUT;
        int64_t until = deadline_ns - now < WAIT_SLICE_NS ? deadline_ns : now + WAIT_SLICE_NS;
        struct timespec t = {.tv_sec = until / 1000000000, .tv_nsec = until % 1000000000};
        if (sem_clockwait(semaphore, CLOCK_MONOTONIC, &t) == 0) return VB_RING_OK;
        if (errno != ETIMEDOUT && errno != EINTR) return VB_RING_CANCELLED;
    }
}

int vb_frame_ring_acquire(vb_frame_ring *ring, int64_t deadline_ns) {
    int status = wait_until(ring, &ring->free_slots, deadline_ns);
    if (status == VB_RING_OK) (void)atomic_load_explicit(&ring->released, memory_order_acquire);
    return status;
}

void vb_frame_ring_publish(vb_frame_ring *ring) {
    atomic_fetch_add_explicit(&ring->published, 1, memory_order_release);
    sem_post(&ring->ready_slots);
}

int vb_frame_ring_take(vb_frame_ring *ring, int64_t deadline_ns) {
    int status = wait_until(ring, &ring->ready_slots, deadline_ns);
    if (status == VB_RING_OK) (void)atomic_load_explicit(&ring->published, memory_order_acquire);
    return status;
}

int vb_frame_ring_take_if_ready(vb_frame_ring *ring) {
    if (sem_trywait(&ring->ready_slots) != 0) return 0;
    (void)atomic_load_explicit(&ring->published, memory_order_acquire);
    return 1;
}

void vb_frame_ring_release(vb_frame_ring *ring) {
    atomic_fetch_add_explicit(&ring->released, 1, memory_order_release);
    sem_post(&ring->free_slots);
}

void vb_frame_ring_cancel(vb_frame_ring *ring) {
    atomic_store_explicit(&ring->cancelled, 1, memory_order_release);
}
