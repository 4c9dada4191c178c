#include "measure/frame_store.h"

#include "common/error.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A header right before the records says how they were allocated. A spool maps one page more
 * than its records and puts the header at the end of that page, so the records start
 * page-aligned. */
typedef struct store_header {
    int spooled;
    void *map;           /* spool: the mapping */
    size_t mapped_bytes; /* spool: its length */
} store_header;

#define HEADER_BYTES 64 /* keeps the records 16-byte aligned */

static size_t page_size(void) {
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)page : 4096;
}

static int spool_file(size_t bytes) {
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/vizbench-frames-XXXXXX", dir && *dir ? dir : "/var/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    unlink(path); /* gone when closed, whatever happens to the process */
    /* Reserve the blocks now: a write into a mapped hole on a full disk would be a SIGBUS, a
     * refused reservation is only a fallback to memory. */
    if (posix_fallocate(fd, 0, (off_t)bytes) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static vb_frame_record *spool_alloc(int64_t count) {
    const size_t page = page_size();
    const size_t bytes = page + sizeof(vb_frame_record) * (size_t)count;
    int fd = spool_file(bytes);
    if (fd < 0) return NULL;
    void *map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd); /* the mapping keeps the file */
    if (map == MAP_FAILED) return NULL;
    store_header *h = (store_header *)((char *)map + page - HEADER_BYTES);
    h->spooled = 1;
    h->map = map;
    h->mapped_bytes = bytes;
    return (vb_frame_record *)((char *)map + page);
}

static store_header *header_of(vb_frame_record *frames) {
    return (store_header *)((char *)frames - HEADER_BYTES);
}

vb_frame_record *vb_frame_store_alloc(int64_t count) {
    if (count < 1) count = 1;
    if (count > VB_FRAME_STORE_SPOOL_MIN) {
        vb_frame_record *spooled = spool_alloc(count);
        if (spooled) return spooled;
        static int warned;
        if (!warned++)
            fprintf(stderr, "vizbench: no temporary file for the frame records in $TMPDIR or "
                            "/var/tmp; keeping them in memory\n");
    }
    char *block = calloc(1, HEADER_BYTES + sizeof(vb_frame_record) * (size_t)count);
    if (!block) {
        vb_error_set("out of memory for %lld frame records", (long long)count);
        return NULL;
    }
    return (vb_frame_record *)(block + HEADER_BYTES);
}

void vb_frame_store_free(vb_frame_record *frames) {
    if (!frames) return;
    store_header *h = header_of(frames);
    if (h->spooled)
        munmap(h->map, h->mapped_bytes);
    else
        free(h);
}

void vb_frame_store_release(vb_frame_record *frames, int64_t from, int64_t to) {
    if (!frames || to <= from) return;
    store_header *h = header_of(frames);
    if (!h->spooled) return;
    const uintptr_t page = page_size();
    uintptr_t begin = (uintptr_t)(frames + from), end = (uintptr_t)(frames + to);
    begin = (begin + page - 1) / page * page;
    end = end / page * page;
    if (end > begin) madvise((void *)begin, end - begin, MADV_DONTNEED);
}
