/* The machine's own limits, measured in the same process as a run so that every figure can be
 * given as a ratio to them: memcpy and memset bandwidth on frame-sized buffers, and the
 * bandwidth of a plain glTexSubImage2D of one frame (RGBA8 from client memory, timed to a
 * glFinish). Each is the median of several batches of about `batch_ms`. */
#ifndef VB_MEASURE_REFERENCE_LIMITS_H
#define VB_MEASURE_REFERENCE_LIMITS_H

#include <stddef.h>

typedef struct vb_reference_limits {
    size_t frame_bytes;
    double memcpy_gbps;
    double memset_gbps;
    double upload_gbps; /* 0 when no GL */
    double upload_ms;   /* one frame */
} vb_reference_limits;

/* CPU limits; allocates two frame buffers for the duration of the call. */
int vb_reference_limits_measure_cpu(vb_reference_limits *limits, size_t frame_bytes);
/* memcpy bandwidth the way pixel-copy's hand-off copies (median of many single copies): the
 * source written by this thread just before (the frame it rendered), the destination one of
 * `slots` buffers last read by another thread (the consumer's upload of an earlier frame), so
 * that every destination line is fetched from the other core's cache before it is written. A
 * cache-hot memcpy (memcpy_gbps) is the ceiling no hand-off reaches; this is the fair floor.
 * -1 with the error set when the reader thread cannot start or memory is short. */
double vb_reference_cross_core_copy_gbps(size_t frame_bytes, int slots);
/* Upload limit, on the calling thread with a GL context current. */
int vb_reference_limits_measure_upload(vb_reference_limits *limits, int width, int height);

#endif
