/* Strict parsing of option values. Each function takes the option's name for its message,
 * accepts the whole string or nothing (no trailing junk, no silent wrap-around), and returns
 * VB_OK or -VB_ERR_USAGE with the error set as "--option: 'value' cause". */
#ifndef VB_COMMON_PARSE_H
#define VB_COMMON_PARSE_H

#include <stdint.h>

int vb_parse_int(const char *option, const char *text, long long min, long long max,
                 long long *out);
int vb_parse_double(const char *option, const char *text, double min, double max, double *out);
/* "WxH" with each side in [min_w, max_w] x [min_h, max_h]. */
int vb_parse_size(const char *option, const char *text, int min_w, int min_h, int max_w, int max_h,
                  int *width, int *height);

#endif
