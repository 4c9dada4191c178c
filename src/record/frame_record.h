/* What a run records about each frame: one fixed-size record (its figures are declared in
 * record/figure.h, which every writer, reader and table iterates over), preallocated for the whole
 * run, so nothing is allocated per frame. The producer thread writes its fields before publishing
 * the frame and the consumer its own after taking it (the hand-off orders the two); the main
 * thread reads them after both threads have joined.
 *
 * Times are nanoseconds on the monotonic clock, relative to the strategy's run start; -1 means
 * "did not happen" (a dropped frame is never presented) or "not measured" (no GPU timer). */
#ifndef VB_RECORD_FRAME_RECORD_H
#define VB_RECORD_FRAME_RECORD_H

#include <stdint.h>

enum {
    VB_FRAME_PRESENTED = 1 << 0, /* drawn and its fence signalled */
    VB_FRAME_DROPPED = 1 << 1,   /* realtime pace: never shown (a newer frame was ready, or the
                                    producer was a whole frame late and skipped it) */
    VB_FRAME_WARMUP = 1 << 2,    /* excluded from every figure */
    VB_FRAME_VERIFIED = 1 << 3,  /* read back and compared with the reference (--verify) */
    VB_FRAME_PERTURBED = 1 << 4, /* follows a verified frame: its timing includes that work */
    VB_FRAME_SKIPPED = 1 << 5,   /* dropped before rendering: the producer was late */
};

/* The most figures one strategy declares of its own. */
#define VB_FRAME_STRATEGY_FIGURES 4

typedef struct vb_frame_record {
    int64_t sequence;    /* 0 .. run length - 1, warm-up first */
    int64_t audio_frame; /* the input's frame shown: sequence modulo the input's frame count */
    /* producer thread */
    int64_t ready_ns;    /* audio window ready: the frame's due time (realtime pace), or when
                            the producer was free to start it (max pace) */
    int64_t acquired_ns; /* a free slot to render into */
    int64_t analyzed_ns;
    int64_t rendered_ns;
    int64_t handed_ns; /* hand-off done (copy, fence, ...) and about to be published */
    int64_t producer_cpu_ns;
    int64_t gpu_render_ns; /* GPU renderer only */
    int64_t bytes_copied;  /* CPU -> CPU, per frame */
    int64_t bytes_to_gpu;  /* CPU -> GPU from the producer: analysis data for the GPU renderer */
    /* Exact work counts of the frame (common/work_counts.h); -1 where not counted */
    int64_t producer_gl_calls, producer_allocations, copies;
    /* consumer thread */
    int64_t taken_ns;
    int64_t uploaded_ns; /* the frame is a texture (upload, or a GPU-side wait) */
    int64_t presented_ns;
    int64_t consumer_cpu_ns;
    int64_t gpu_upload_ns;
    int64_t gpu_compose_ns;
    int64_t bytes_uploaded; /* CPU -> GPU from the consumer: pixels */
    int64_t consumer_gl_calls, consumer_allocations;
    /* Strategies with threads of their own between producer and consumer (the FRB hop's UI
     * thread, Flutter's IO thread), and vsync-driven displays; -1 where there are none. */
    int64_t hop_encode_ns; /* producer: the FRB codec's encode (sse: the byte-by-byte loop) */
    int64_t ui_ns;         /* the UI thread is done with the frame */
    int64_t ui_cpu_ns;     /* its CPU time for the frame */
    int64_t hop_copy_ns;   /* UI: the Dart side's copy (sse: into a new typed array) */
    int64_t io_ns;         /* the IO thread is done: texture made, uploaded, mipmapped, fenced */
    int64_t io_cpu_ns;     /* its CPU time for the frame */
    int64_t io_upload_ns;  /* IO: texture creation and upload */
    int64_t mipmap_ns;     /* IO: mipmap generation */
    int64_t stage_allocations, stage_gl_calls; /* on those threads */
    int64_t stage_copies, stage_bytes_copied;  /* CPU -> CPU on those threads */
    int64_t stage_bytes_to_gpu;                /* uploaded on those threads */
    int64_t import_ns;          /* consumer: a buffer's one-time import (egl-image) */
    int64_t gpu_bytes_copied;   /* GPU -> GPU: frame bytes a strategy copies on the GPU (a blit
                                   into a texture of the compositor's own) */
    int64_t release_wait_ns;    /* producer: its wait for the consumer's release fence */
    int64_t sync_wait_ns;       /* producer, cpu-synchronised: its wait for the GPU's frame */
    int64_t vsync_delay;        /* vsync-driven display: frames of delay (measure/vsync.h) */
    uint64_t checksum_shown;    /* FNV-1a of the read-back picture; 0 unless verified */
    uint64_t checksum_expected; /* of the CPU reference for the same frame */
    int32_t flags;
    int32_t picture_error; /* verified frames: largest channel difference from the reference */
    /* The figures a strategy declares of its own (vb_strategy_ops.figures, record/figure.h),
     * in the order it declares them; -1 where not recorded. */
    int64_t strategy_figures[VB_FRAME_STRATEGY_FIGURES];
} vb_frame_record;

#endif
