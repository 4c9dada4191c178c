/* Resident memory of this process, as the kernel counts it: now (VmRSS), the process's peak
 * since it started (VmHWM, never reset here: it is what getrusage's ru_maxrss and
 * `/usr/bin/time -f %M` report, and vizbench must not blind them), and the peak of a window (one
 * strategy's run) from a sampler thread.
 *
 * The sampler reads /proc/self/statm every VB_MEMORY_SAMPLE_NS (about 1-2 us a read) and keeps
 * the largest resident size since its window started; a window's peak is therefore a lower bound
 * of the true one, short by whatever lived for less than a sampling interval between two reads.
 * Its own CPU time is kept apart (vb_memory_sampler_cpu_ns) so that the pipeline's process CPU
 * leaves it out. One sampler per process; the functions are thread-safe.
 *
 * Resident memory counts the pages of shared libraries the process touched (the GL driver's
 * LLVM is ~55 MB of it with llvmpipe) as well as its own allocations. */
#ifndef VB_MEASURE_MEMORY_USE_H
#define VB_MEASURE_MEMORY_USE_H

#include <stdint.h>

#define VB_MEMORY_SAMPLE_NS 2000000LL

/* Bytes, or -1 where /proc cannot be read (the figure is then reported as unknown). */
int64_t vb_memory_resident_bytes(void);
/* The process's peak since it started (VmHWM). */
int64_t vb_memory_peak_bytes(void);

/* Starts the sampler thread (its first window opens at once). VB_OK, or -VB_ERR_FAILURE (error
 * set) when /proc/self/statm cannot be read or the thread cannot start: windows are then unknown.
 * Stop joins it; stopping a sampler that did not start does nothing. */
int vb_memory_sampler_start(void);
void vb_memory_sampler_stop(void);

/* Gives memory that allocations freed back to the kernel (glibc keeps freed pages in its arenas
 * otherwise), then opens a new window whose peak starts at what is resident now. */
void vb_memory_window_start(void);
/* The largest resident size sampled since the window started, this moment included; -1 when the
 * sampler is not running. */
int64_t vb_memory_window_peak(void);

/* CPU time the sampler thread has spent so far, ns (0 when it never ran). */
int64_t vb_memory_sampler_cpu_ns(void);

#endif
