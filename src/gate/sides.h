/* Who measured each side of a comparison, and where: each side's build (vizbench version),
 * machine (CPU model and cores), GL renderer and in-run reference limits, and whether the two
 * are different machines (gate/compare.h says when); and warnings about how they were
 * measured (settings, inputs, single runs). Private to the gate: gate/compare.c is its one
 * user. */
#ifndef VB_GATE_SIDES_H
#define VB_GATE_SIDES_H

#include "gate/compare.h"

/* Fills the sides' descriptions, reference ranges and same_machine / same_renderer of `out`;
 * returns 1 (and fills machine_reason) when the sides ran on different machines or GL
 * renderers, reference limits over `machine_factor` apart included. */
int vb_compare_sides(const vb_sweep *baseline, int baseline_count, const vb_sweep *current,
                     int current_count, double machine_factor, vb_comparison *out);
/* Appends a warning to `out` for settings that differ between the sessions (frames, warm-up,
 * slots, pool, verify, GPU timers), different inputs, and one results file per side. */
void vb_compare_settings_warnings(const vb_sweep *baseline, int baseline_count,
                                  const vb_sweep *current, int current_count, vb_comparison *out);

#endif
