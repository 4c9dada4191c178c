/* The phone core classes and their sources (estimate/core_class.h). The instruction and traffic
 * rates are ranges we derived from the published microarchitecture (decode width, load and store
 * paths) and clocks, not measurements of ours on a phone: docs/cost-model.md sets out each step,
 * and the calibration on this machine (estimate/calibration.h) checks the model's form, not these
 * numbers. */
#include "estimate/core_class.h"

#include <stddef.h>

static const vb_core_class classes[VB_CORE_CLASS_COUNT] = {
    {
        .name = "little",
        .label = "Cortex-A55 class",
        .clock_ghz = {1.6, 2.2},
        .ipc = {0.6, 1.2},
        .traffic_gbps = {4, 10},
        .issue_width = 2,
        .width_source = "Arm: in-order, dual issue (Cortex-A55 TRM)",
        .clock_source = "shipping clocks: 1.8 GHz (Snapdragon 888, Tensor G1), 2.0 GHz (Dimensity "
                        "1200), 2.2 GHz (Exynos 2100); budget phones' A55s from 1.6 GHz",
        .ipc_source = "Arm: a 2-wide in-order pipeline (IPC at most 2); on loads, stores and "
                      "branches of loops like these about half of that or less",
        .traffic_source = "one 64-bit load path per cycle at 1.6-2.2 GHz (12.8-17.6 GB/s of "
                          "loads at best), a copy reading and writing a frame beyond its 64-256 "
                          "KB L2",
    },
    {
        .name = "mid",
        .label = "Cortex-A78 class",
        .clock_ghz = {2.2, 2.8},
        .ipc = {1.2, 2.5},
        .traffic_gbps = {12, 30},
        .issue_width = 6,
        .width_source = "Arm: 6 macro-ops dispatched a cycle from the macro-op cache (Cortex-A78)",
        .clock_source = "shipping clocks: 2.2-2.4 GHz (Snapdragon 778G), 2.42 GHz (Snapdragon "
                        "888), 2.6 GHz (Dimensity 1200), 2.8 GHz (Exynos 2100)",
        .ipc_source = "Arm: 4-wide decode, out of order, 160-entry window; a half to three fifths "
                      "of the width on these loops",
        .traffic_source = "two 128-bit load paths per cycle; a frame copy from the shared L3 "
                          "(4 MB on Snapdragon 888) or DRAM, not the L1 peak",
    },
    {
        .name = "big",
        .label = "Cortex-X1-X3 class",
        .clock_ghz = {2.8, 3.2},
        .ipc = {1.5, 3.0},
        .traffic_gbps = {18, 45},
        .issue_width = 8,
        .width_source = "Arm: 8 macro-ops dispatched a cycle from the macro-op cache (Cortex-X1)",
        .clock_source = "shipping clocks: 2.8 GHz (Tensor G1's X1), 2.84 GHz (Snapdragon 888's "
                        "X1), 2.9 GHz (Exynos 2100's X1), 3.0 GHz (Snapdragon 8 Gen 1's X2), 3.2 "
                        "GHz (Snapdragon 8 Gen 2's X3)",
        .ipc_source = "Arm: 5-wide decode, out of order, 224-entry window; a bit over half of "
                      "the width on these loops",
        .traffic_source = "as the A78 class with a 1 MB L2 and a deeper queue of misses; a frame "
                          "copy from L3 or DRAM, not the L1 peak",
    },
};

const vb_core_class *vb_core_class_at(int index) {
    return index >= 0 && index < VB_CORE_CLASS_COUNT ? &classes[index] : NULL;
}
