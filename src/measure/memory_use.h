/* Resident memory of this process, as the kernel counts it (/proc/self/status): now (VmRSS),
 * and the peak since the process started or since the peak was last reset (VmHWM; reset by
 * writing 5 to /proc/self/clear_refs, Linux 4.0+). Each strategy's run resets the peak before it
 * starts, so its figure is its own and not the largest of those before it; the whole run's peak
 * is then the largest of those and of the set-up before the first.
 *
 * Resident memory counts the pages of shared libraries the process touched (the GL driver's
 * LLVM is ~55 MB of it with llvmpipe) as well as its own allocations. */
#ifndef VB_MEASURE_MEMORY_USE_H
#define VB_MEASURE_MEMORY_USE_H

#include <stdint.h>

/* Bytes, or -1 where /proc cannot be read (the figure is then reported as unknown). */
int64_t vb_memory_resident_bytes(void);
int64_t vb_memory_peak_bytes(void);

/* Returns memory that allocations freed to the kernel (glibc keeps freed pages in its arenas
 * otherwise), then resets the peak to what is resident now. VB_OK, or -VB_ERR_FAILURE when the
 * peak cannot be reset (the peak then keeps counting from earlier: say so). */
int vb_memory_start_peak(void);

#endif
