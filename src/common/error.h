/* Error reporting for the library.
 *
 * Contract: a library function that fails returns a negative status (or NULL) and leaves one
 * message here, written as "subject: cause" where the subject is the file, option or stage at
 * fault. The CLI prints it once on stderr. The buffer is per thread, so producer and consumer
 * threads never overwrite each other's message. The returned string is borrowed until the next
 * vb_error_set on the same thread. */
#ifndef VB_COMMON_ERROR_H
#define VB_COMMON_ERROR_H

#include <stdarg.h>

#if defined(__GNUC__)
#define VB_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define VB_PRINTF(fmt_index, first_arg)
#endif

/* Status codes shared by the library and the CLI (they are also the process exit codes). */
enum {
    VB_OK = 0,
    VB_ERR_FAILURE = 1, /* input, I/O or runtime failure */
    VB_ERR_USAGE = 2,   /* an option or argument is invalid */
};

void vb_error_set(const char *fmt, ...) VB_PRINTF(1, 2);
void vb_error_vset(const char *fmt, va_list args);
const char *vb_error_get(void);
void vb_error_clear(void);

#endif
