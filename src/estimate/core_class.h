/* The phone core classes the cost model carries the measured stages to: a little core
 * (Cortex-A55 class), a mid core (Cortex-A78 class) and a big core (Cortex-X class). Each figure
 * is a range, with the source it rests on: the clocks shipping phones run these cores at; the
 * instructions per cycle on code like vizbench's stages (bounded by the core's decode width);
 * the bytes per second one core moves when it copies a frame that lives in the shared L3 or
 * DRAM (read plus written). Static tables: nothing to free. docs/cost-model.md says how they
 * were chosen and how a phone's own figures would replace them. */
#ifndef VB_ESTIMATE_CORE_CLASS_H
#define VB_ESTIMATE_CORE_CLASS_H

typedef struct vb_interval {
    double lo, hi;
} vb_interval;

typedef struct vb_core_class {
    const char *name;  /* "little", "mid", "big" */
    const char *label; /* "Cortex-A55 class" */
    vb_interval clock_ghz;
    vb_interval ipc;
    vb_interval traffic_gbps; /* read + written, GB/s (1e9 bytes) */
    /* The most instructions the core can issue (dispatch) in a cycle: with the top clock, a hard
     * floor under any stage's time, whatever its IPC on real code. */
    int issue_width;
    const char *clock_source, *ipc_source, *traffic_source, *width_source;
} vb_core_class;

#define VB_CORE_CLASS_COUNT 3
/* The classes, little to big; NULL past the last. */
const vb_core_class *vb_core_class_at(int index);

#endif
