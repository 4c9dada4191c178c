/* The per-run figures of one strategy, computed from its frame records (definitions in the
 * docs/run.md, "What is measured"). Only "measured" frames count: presented, not
 * warm-up, not perturbed by a picture check. Times in ms, bandwidths in GB/s (10^9 B/s). */
#ifndef VB_PIPELINE_RUN_SUMMARY_H
#define VB_PIPELINE_RUN_SUMMARY_H

#include "measure/stats.h"
#include "pipeline/run.h"

typedef struct vb_run_summary {
    int64_t measured, presented, dropped;
    double budget_ms;     /* 1000 / fps */
    vb_stats latency_ms;  /* audio window ready -> presented */
    vb_stats interval_ms; /* present to present */
    vb_stats wait_ms, analysis_ms, render_ms, transfer_ms, queue_ms, upload_ms, compose_ms;
    vb_stats producer_cpu_ms, consumer_cpu_ms;
    double gpu_render_ms, gpu_upload_ms, gpu_compose_ms; /* means; -1 when not measured */
    int64_t jank;                                        /* latency over the budget */
    int64_t deadline_misses; /* realtime: late or dropped; -1 at max pace */
    double fps;              /* presented frames per second: 1000 / mean interval */
    double low_1pct_fps;     /* 1000 / mean of the slowest 1 % of latencies */
    double producer_cpu_pct, consumer_cpu_pct; /* of one core at the target fps (realtime) or
                                                  over the measured span (max) */
    double process_cpu_pct;                    /* all threads, driver threads included */
    double process_cpu_ms_per_frame;
    double copied_mb_per_frame;        /* CPU -> CPU */
    double gpu_copied_mb_per_frame;    /* GPU -> GPU (a blit into the compositor's texture) */
    double to_gpu_mb_per_frame;        /* CPU -> GPU: pixel uploads plus analysis data */
    double pixels_to_gpu_mb_per_frame; /* of which pixel uploads (every thread) */
    double copy_gbps;                  /* while copying: copied bytes / transfer stage time */
    double upload_gbps;                /* while uploading: uploaded bytes / upload stage time */
    double gpu_upload_gbps; /* uploaded bytes / the upload's GPU time (timer query); 0 when not
                               measured. A PBO upload's call only queues the copy, so its
                               upload_gbps says nothing of the bus: this does */
    double copy_rate_gbps, upload_rate_gbps; /* sustained: bytes per frame x fps */
    double copies_per_frame;                 /* CPU -> CPU copies of the frame, every thread */
    double allocations_per_frame;            /* vizbench's own allocations, every thread */

    /* Strategies with stages of their own (frb-*'s threads, egl-image's imports and release
     * waits): means per measured frame, -1 where the stage does not exist. */
    int has_stages;
    double hop_encode_ms, hop_copy_ms; /* the FRB codec's encode (producer), Dart's copy (UI) */
    double ui_cpu_ms, io_cpu_ms;       /* the UI and IO threads' CPU per frame */
    double io_upload_ms, mipmap_ms;    /* the IO thread's texture upload, mipmaps + flush */
    double import_ms;       /* egl-image: a buffer's one-time import (mean over the imports) */
    double release_wait_ms; /* egl-image: the producer's wait for a release fence */
    double sync_wait_ms;    /* vulkan-interop, cpu-synchronised: the producer's wait for the GPU */

    /* The display clock (vb_run_record.vsync), hz 0 without. Frames of delay: measured frames
     * by ticks from ready to the latching tick, [k] for k = 1 .. VB_VSYNC_DELAY_BINS - 2, the
     * last bin for that many or more; [0] unused. Latency in vsync periods: p50, p99. */
    int vsync_hz;
    int64_t vsync_ticks, vsync_repeated, vsync_skipped;
    int64_t delay_frames[VB_VSYNC_DELAY_BINS];
    double delay_frames_mean;
    double latency_periods_p50, latency_periods_p99;

    /* The run's own figures (vb_run_record.figures, in order): over the measured frames that
     * recorded one, their statistics in the figure's unit, and their sum. */
    int figure_count;
    vb_stats figures[VB_FRAME_STRATEGY_FIGURES];
    double figure_sums[VB_FRAME_STRATEGY_FIGURES];
} vb_run_summary;

/* Allocates a scratch array for the duration of the call; -VB_ERR_FAILURE if that fails. */
int vb_run_summarize(const vb_run_record *run, const vb_run_options *options, vb_run_summary *out);

int vb_frame_is_measured(const vb_frame_record *record);

#endif
