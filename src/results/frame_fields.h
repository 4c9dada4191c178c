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

/* The stages of strategies with threads of their own and of vsync-driven displays: written for
 * runs that have them (vb_frames_have_stages), optional when read (-1). */
#define VB_FRAME_STAGE_FIELDS(X)                                                                   \
    X(hop_encode_ns)                                                                               \
    X(ui_ns)                                                                                       \
    X(ui_cpu_ns)                                                                                   \
    X(hop_copy_ns)                                                                                 \
    X(io_ns)                                                                                       \
    X(io_cpu_ns)                                                                                   \
    X(io_upload_ns)                                                                                \
    X(mipmap_ns)                                                                                   \
    X(stage_allocations)                                                                           \
    X(stage_gl_calls)                                                                              \
    X(stage_copies)                                                                                \
    X(stage_bytes_copied)                                                                          \
    X(stage_bytes_to_gpu)                                                                          \
    X(import_ns)                                                                                   \
    X(release_wait_ns)                                                                             \
    X(sync_wait_ns)                                                                                \
    X(vsync_delay)

#define VB_FRAME_CHECKSUM_FIELDS(X)                                                                \
    X(checksum_shown)                                                                              \
    X(checksum_expected)

#endif
