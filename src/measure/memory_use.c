#include "measure/memory_use.h"

#include "common/clock.h"
#include "common/error.h"

#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The value in kB of the line "NAME: N kB" of /proc/self/status, in bytes. */
static int64_t status_bytes(const char *name) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    const size_t length = strlen(name);
    long long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, length) == 0 && line[length] == ':') {
            if (sscanf(line + length + 1, "%lld", &kb) != 1) kb = -1;
            break;
        }
    fclose(f);
    return kb < 0 ? -1 : (int64_t)kb * 1024;
}

int64_t vb_memory_resident_bytes(void) {
    return status_bytes("VmRSS");
}

int64_t vb_memory_peak_bytes(void) {
    return status_bytes("VmHWM");
}

static struct {
    pthread_t thread;
    int fd; /* /proc/self/statm, read with pread: no reopening per sample */
    long page_bytes;
    atomic_int running;
    atomic_llong peak;   /* the window's largest sample, bytes; -1 when no sampler */
    atomic_llong cpu_ns; /* the sampler thread's CPU so far */
} sampler = {.fd = -1, .peak = -1};

/* Resident bytes from statm's second field (pages), or -1. */
static int64_t statm_resident(void) {
    char text[128];
    const ssize_t n = pread(sampler.fd, text, sizeof text - 1, 0);
    if (n <= 0) return -1;
    text[n] = '\0';
    long long size = 0, resident = 0;
    if (sscanf(text, "%lld %lld", &size, &resident) != 2) return -1;
    return (int64_t)resident * sampler.page_bytes;
}

static void sample(void) {
    const int64_t now = statm_resident();
    long long seen = atomic_load(&sampler.peak);
    while (now > seen && !atomic_compare_exchange_weak(&sampler.peak, &seen, now)) {
    }
}

static void *sampler_main(void *unused) {
    (void)unused;
    int64_t cpu_before = vb_thread_cpu_ns();
    while (atomic_load(&sampler.running)) {
        sample();
        const int64_t cpu = vb_thread_cpu_ns();
        atomic_fetch_add(&sampler.cpu_ns, cpu - cpu_before);
        cpu_before = cpu;
        vb_sleep_until_ns(vb_now_ns() + VB_MEMORY_SAMPLE_NS);
    }
    return NULL;
}

int vb_memory_sampler_start(void) {
    if (atomic_load(&sampler.running)) return VB_OK;
    sampler.page_bytes = sysconf(_SC_PAGESIZE);
    sampler.fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (sampler.fd < 0 || statm_resident() < 0) {
        if (sampler.fd >= 0) close(sampler.fd);
        sampler.fd = -1;
        vb_error_set("memory: cannot read /proc/self/statm");
        return -VB_ERR_FAILURE;
    }
    atomic_store(&sampler.peak, statm_resident());
    atomic_store(&sampler.running, 1);
    if (pthread_create(&sampler.thread, NULL, sampler_main, NULL) != 0) {
        atomic_store(&sampler.running, 0);
        atomic_store(&sampler.peak, -1);
        close(sampler.fd);
        sampler.fd = -1;
        vb_error_set("memory: cannot start the sampler thread");
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

void vb_memory_sampler_stop(void) {
    if (!atomic_load(&sampler.running)) return;
    atomic_store(&sampler.running, 0);
    pthread_join(sampler.thread, NULL);
    close(sampler.fd);
    sampler.fd = -1;
    atomic_store(&sampler.peak, -1);
}

void vb_memory_window_start(void) {
    malloc_trim(0);
    if (atomic_load(&sampler.running)) atomic_store(&sampler.peak, statm_resident());
}

int64_t vb_memory_window_peak(void) {
    if (!atomic_load(&sampler.running)) return -1;
    sample();
    return atomic_load(&sampler.peak);
}

int64_t vb_memory_sampler_cpu_ns(void) {
    return atomic_load(&sampler.cpu_ns);
}
