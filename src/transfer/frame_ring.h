/* The hand-off between the producer thread and the consumer thread, common to every strategy:
 * a ring of `slots` frame slots (at most VB_RING_MAX_SLOTS), used in order: the k-th frame
 * published lives in slot k % slots.
 *
 * The producer acquires the next slot once the consumer has released it (so a slot is never
 * rendered into while the consumer may still read it), fills it and publishes it: an atomic
 * store of the new published count (the "index" the consumer reads), then a semaphore post that
 * wakes the consumer. The counts are the memory ordering (release on store, acquire after each
 * wait), so everything written to a slot before its hand-off is seen by the other side; the
 * semaphores only put the waiting thread to sleep. The consumer takes slots in the same order and
 * releases each after its fence has signalled. Semaphores make the waits block without spinning;
 * every wait is bounded by the caller's deadline and also gives up when the ring is cancelled, so
 * neither thread can hang on the other. Single producer, single consumer. */
#ifndef VB_TRANSFER_FRAME_RING_H
#define VB_TRANSFER_FRAME_RING_H

#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>

#define VB_RING_MAX_SLOTS 16

typedef struct vb_frame_ring {
    int slots;
    sem_t free_slots;
    sem_t ready_slots;
    atomic_llong published; /* frames published so far */
    atomic_llong released;  /* slots given back so far */
    atomic_int cancelled;
} vb_frame_ring;

enum { VB_RING_OK = 0, VB_RING_TIMEOUT = 1, VB_RING_CANCELLED = 2 };

int vb_frame_ring_init(vb_frame_ring *ring, int slots);
void vb_frame_ring_destroy(vb_frame_ring *ring);

/* Producer: waits for a free slot until `deadline_ns` (monotonic). */
int vb_frame_ring_acquire(vb_frame_ring *ring, int64_t deadline_ns);
void vb_frame_ring_publish(vb_frame_ring *ring);

/* Consumer: waits for a published frame until `deadline_ns`. */
int vb_frame_ring_take(vb_frame_ring *ring, int64_t deadline_ns);
/* Consumer: takes one more published frame if one is waiting, without blocking (1 or 0). */
int vb_frame_ring_take_if_ready(vb_frame_ring *ring);
void vb_frame_ring_release(vb_frame_ring *ring);

/* Makes every current and future wait that would block return VB_RING_CANCELLED at once (a
 * slot or frame already there is still handed out); either thread may call it. */
void vb_frame_ring_cancel(vb_frame_ring *ring);

#endif
