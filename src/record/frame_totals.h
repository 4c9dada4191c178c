/* The per-frame totals of work across every thread of a frame (the producer, the consumer and
 * a strategy's own threads), derived once here for the run summary and the regression gate.
 * A part a thread did not count is -1: `counted` totals are -1 when the producer's or the
 * consumer's part is (files before work counts); a strategy's threads that do not exist (-1)
 * add nothing. */
#ifndef VB_RECORD_FRAME_TOTALS_H
#define VB_RECORD_FRAME_TOTALS_H

#include "record/frame_record.h"

static inline int64_t vb_frame_part(int64_t value) {
    return value > 0 ? value : 0;
}

/* GL calls and allocations: -1 when the producer's or consumer's part was not counted. */
static inline int64_t vb_frame_gl_calls(const vb_frame_record *r) {
    return r->producer_gl_calls < 0 || r->consumer_gl_calls < 0
               ? -1
               : r->producer_gl_calls + r->consumer_gl_calls + vb_frame_part(r->stage_gl_calls);
}
static inline int64_t vb_frame_allocations(const vb_frame_record *r) {
    return r->producer_allocations < 0 || r->consumer_allocations < 0
               ? -1
               : r->producer_allocations + r->consumer_allocations +
                     vb_frame_part(r->stage_allocations);
}
/* Frame copies on the CPU (-1 when the producer's were not counted), and their bytes. */
static inline int64_t vb_frame_copies(const vb_frame_record *r) {
    return r->copies < 0 ? -1 : r->copies + vb_frame_part(r->stage_copies);
}
static inline int64_t vb_frame_bytes_copied(const vb_frame_record *r) {
    return r->bytes_copied + vb_frame_part(r->stage_bytes_copied);
}
/* Bytes sent to the GPU: the producer's (analysis data), the consumer's pixels, the stages'. */
static inline int64_t vb_frame_bytes_to_gpu(const vb_frame_record *r) {
    return r->bytes_uploaded + r->bytes_to_gpu + vb_frame_part(r->stage_bytes_to_gpu);
}
/* Pixels to the GPU: the consumer's and the stages' uploads. */
static inline int64_t vb_frame_pixels_to_gpu(const vb_frame_record *r) {
    return r->bytes_uploaded + vb_frame_part(r->stage_bytes_to_gpu);
}

#endif
