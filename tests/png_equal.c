/* png-equal [--levels N --per-million M] A.png B.png: exit 0 when both decode to the same RGBA8
 * pixels, 1 when they differ (with the count, the first difference and the largest difference of
 * one channel), 2 on a usage or read error. With --levels and --per-million, pixels may differ by
 * at most N levels a channel in at most M of every million pixels (the cross build's goldens:
 * tests/meson.build says why); the differences are printed all the same. Comparing pixels, not
 * file bytes, keeps golden checks independent of the zlib that compressed them. */
#include "common/error.h"
#include "io/png_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long levels = 0, per_million = 0;
    if (argc == 7 && strcmp(argv[1], "--levels") == 0 && strcmp(argv[3], "--per-million") == 0) {
        char *end1, *end2;
        levels = strtol(argv[2], &end1, 10);
        per_million = strtol(argv[4], &end2, 10);
        if (*end1 || *end2 || levels < 0 || levels > 255 || per_million < 0 ||
            per_million > 1000000) {
            fprintf(stderr, "png-equal: --levels 0..255 and --per-million 0..1000000\n");
            return 2;
        }
        argv += 4;
        argc -= 4;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: png-equal [--levels N --per-million M] A.png B.png\n");
        return 2;
    }
    uint8_t *a = NULL, *b = NULL;
    int aw, ah, bw, bh;
    if (vb_png_read(argv[1], &a, &aw, &ah) != 0 || vb_png_read(argv[2], &b, &bw, &bh) != 0) {
        fprintf(stderr, "png-equal: %s\n", vb_error_get());
        free(a);
        return 2;
    }
    int status = 0;
    if (aw != bw || ah != bh) {
        printf("%s is %dx%d, %s is %dx%d\n", argv[1], aw, ah, argv[2], bw, bh);
        status = 1;
    } else {
        long long differing = 0, first = -1;
        int largest = 0;
        for (long long i = 0; i < (long long)aw * ah; i++) {
            if (memcmp(a + i * 4, b + i * 4, 4) != 0) {
                if (first < 0) first = i;
                differing++;
                for (int c = 0; c < 4; c++) {
                    const int d = abs((int)a[i * 4 + c] - (int)b[i * 4 + c]);
                    if (d > largest) largest = d;
                }
            }
        }
        if (differing) {
            printf("%s vs %s: %lld of %lld pixels differ, first at (%lld,%lld), largest channel "
                   "difference %d\n",
                   argv[1], argv[2], differing, (long long)aw * ah, first % aw, first / aw,
                   largest);
            const int tolerated =
                largest <= levels && differing * 1000000 <= per_million * (long long)aw * ah;
            if (tolerated)
                printf("  within the tolerance: %ld levels in %ld pixels a million\n", levels,
                       per_million);
            status = !tolerated;
        }
    }
    free(a);
    free(b);
    return status;
}
