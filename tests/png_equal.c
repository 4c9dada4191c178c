/* png-equal A.png B.png: exit 0 when both decode to the same RGBA8 pixels, 1 when they differ
 * (with the count and the first difference), 2 on a usage or read error. Comparing pixels, not
 * file bytes, keeps golden checks independent of the zlib that compressed them. */
#include "common/error.h"
#include "io/png_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: png-equal A.png B.png\n");
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
        for (long long i = 0; i < (long long)aw * ah; i++) {
            if (memcmp(a + i * 4, b + i * 4, 4) != 0) {
                if (first < 0) first = i;
                differing++;
            }
        }
        if (differing) {
            printf("%s vs %s: %lld of %lld pixels differ, first at (%lld,%lld)\n", argv[1], argv[2],
                   differing, (long long)aw * ah, first % aw, first / aw);
            status = 1;
        }
    }
    free(a);
    free(b);
    return status;
}
