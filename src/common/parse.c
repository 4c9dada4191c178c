#include "common/parse.h"

#include "common/error.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

int vb_parse_int(const char *option, const char *text, long long min, long long max,
                 long long *out) {
    char *end = NULL;
    errno = 0;
    if (!text || !*text || isspace((unsigned char)*text)) {
        vb_error_set("%s: '%s' is not a number", option, text ? text : "");
        return -VB_ERR_USAGE;
    }
    long long v = strtoll(text, &end, 10);
    if (*end != '\0') {
        vb_error_set("%s: '%s' is not a whole number", option, text);
        return -VB_ERR_USAGE;
    }
    if (errno == ERANGE || v < min || v > max) {
        vb_error_set("%s: '%s' is outside %lld .. %lld", option, text, min, max);
        return -VB_ERR_USAGE;
    }
    *out = v;
    return VB_OK;
}

int vb_parse_double(const char *option, const char *text, double min, double max, double *out) {
    char *end = NULL;
    errno = 0;
    if (!text || !*text || isspace((unsigned char)*text)) {
        vb_error_set("%s: '%s' is not a number", option, text ? text : "");
        return -VB_ERR_USAGE;
    }
    double v = strtod(text, &end);
    if (*end != '\0' || !isfinite(v)) {
        vb_error_set("%s: '%s' is not a finite number", option, text);
        return -VB_ERR_USAGE;
    }
    if (errno == ERANGE || v < min || v > max) {
        vb_error_set("%s: '%s' is outside %g .. %g", option, text, min, max);
        return -VB_ERR_USAGE;
    }
    *out = v;
    return VB_OK;
}

/* Returns 0, -1 for no digits, -2 for a value far beyond any limit (stops before overflow). */
static int parse_side(const char *s, const char **end, long long *v) {
    if (!isdigit((unsigned char)*s)) return -1;
    long long acc = 0;
    for (; isdigit((unsigned char)*s); s++) {
        if (acc > 100000000LL) return -2;
        acc = acc * 10 + (*s - '0');
    }
    *v = acc;
    *end = s;
    return 0;
}

int vb_parse_size(const char *option, const char *text, int min_w, int min_h, int max_w, int max_h,
                  int *width, int *height) {
    long long w = 0, h = 0;
    const char *p = text ? text : "";
    int status = parse_side(p, &p, &w);
    if (status == 0) status = (*p == 'x' || *p == 'X') ? parse_side(p + 1, &p, &h) : -1;
    if (status == 0 && *p != '\0') status = -1;
    if (status == -2) {
        vb_error_set("%s: '%s' is too large (at most %dx%d)", option, text, max_w, max_h);
        return -VB_ERR_USAGE;
    }
    if (status != 0) {
        vb_error_set("%s: '%s' is not WIDTHxHEIGHT (e.g. 1080x200)", option, text ? text : "");
        return -VB_ERR_USAGE;
    }
    if (w < min_w || w > max_w || h < min_h || h > max_h) {
        vb_error_set("%s: '%s' is outside %dx%d .. %dx%d", option, text, min_w, min_h, max_w,
                     max_h);
        return -VB_ERR_USAGE;
    }
    *width = (int)w;
    *height = (int)h;
    return VB_OK;
}
