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
/* Upload limit, on the calling thread with a GL context current. */
int vb_reference_limits_measure_upload(vb_reference_limits *limits, int width, int height);

#endif
