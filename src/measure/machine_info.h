/* The context every result records: the machine, the build, and the input's fingerprint. */
#ifndef VB_MEASURE_MACHINE_INFO_H
#define VB_MEASURE_MACHINE_INFO_H

#include <stddef.h>
#include <stdint.h>

typedef struct vb_machine_info {
    char cpu_model[128];
    int logical_cores;
    int64_t memory_bytes;
    char kernel[128];
    char compiler[96];
    char build_type[32];
    char build_flags[256];
    char version[64];  /* git describe */
    char revision[48]; /* full git commit, or "unknown" */
} vb_machine_info;

void vb_machine_info_read(vb_machine_info *info);

/* Now, UTC, ISO 8601 ("2026-11-24T05:49:16Z"): when a result was measured. */
void vb_utc_timestamp(char *dst, size_t size);

/* Lower-case hex SHA-256 (65 bytes with the NUL) of a file, or of bytes in memory. */
int vb_sha256_file(const char *path, char hex[65]);
void vb_sha256_memory(const void *data, size_t size, char hex[65]);

#endif
