/* The integer fields of a frame record as the results JSON stores them, one column each;
 * shared by the writer and the reader so they cannot drift apart. */
#ifndef VB_RESULTS_FRAME_FIELDS_H
#define VB_RESULTS_FRAME_FIELDS_H

#define VB_FRAME_INT_FIELDS(X)                                                                     \
    X(sequence)                                                                                    \
    X(audio_frame)                                                                                 \
    X(flags)                                                                                       \
    X(ready_ns)                                                                                    \
    X(acquired_ns)                                                                                 \
    X(analyzed_ns)                                                                                 \
    X(rendered_ns)                                                                                 \
    X(handed_ns)                                                                                   \
    X(taken_ns)                                                                                    \
    X(uploaded_ns)                                                                                 \
    X(presented_ns)                                                                                \
    X(producer_cpu_ns)                                                                             \
    X(consumer_cpu_ns)                                                                             \
    X(gpu_render_ns)                                                                               \
    X(gpu_upload_ns)                                                                               \
    X(gpu_compose_ns)                                                                              \
    X(bytes_copied)                                                                                \
    X(bytes_to_gpu)                                                                                \
    X(bytes_uploaded)                                                                              \
    X(picture_error)

/* The exact work counts (common/work_counts.h): written always, optional when read (results of
 * versions before them hold none: -1, "not counted"). */
#define VB_FRAME_WORK_FIELDS(X)                                                                    \
    X(producer_gl_calls)                                                                           \
    X(consumer_gl_calls)                                                                           \
    X(producer_allocations)                                                                        \
    X(consumer_allocations)                                                                        \
    X(copies)

#define VB_FRAME_CHECKSUM_FIELDS(X)                                                                \
    X(checksum_shown)                                                                              \
    X(checksum_expected)

#endif
