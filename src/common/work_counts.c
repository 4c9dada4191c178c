#include "common/work_counts.h"

#include <stdatomic.h>
#include <stddef.h>

_Thread_local vb_work_counts vb_thread_work;
static atomic_llong allocations_total;

int64_t vb_work_allocations_total(void) {
    return atomic_load(&allocations_total);
}

static void count_allocation(void) {
    vb_thread_work.allocations++;
    atomic_fetch_add_explicit(&allocations_total, 1, memory_order_relaxed);
}

/* The linker sends vizbench's calls of these to the __wrap_ versions (meson.build: --wrap);
 * __real_ is the C library's (or a sanitizer's) own. */
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
void *__real_aligned_alloc(size_t alignment, size_t size);
int __real_posix_memalign(void **p, size_t alignment, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *p, size_t size);
void *__wrap_aligned_alloc(size_t alignment, size_t size);
int __wrap_posix_memalign(void **p, size_t alignment, size_t size);

void *__wrap_malloc(size_t size) {
    count_allocation();
    return __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size) {
    count_allocation();
    return __real_calloc(count, size);
}

void *__wrap_realloc(void *p, size_t size) {
    count_allocation();
    return __real_realloc(p, size);
}

void *__wrap_aligned_alloc(size_t alignment, size_t size) {
    count_allocation();
    return __real_aligned_alloc(alignment, size);
}

int __wrap_posix_memalign(void **p, size_t alignment, size_t size) {
    count_allocation();
    return __real_posix_memalign(p, alignment, size);
}
