/* The cost model's tables in plain text (estimate/phone_estimate.h, estimate/calibration.h): the
 * core classes with their figures, each strategy's estimated CPU time per frame per thread on
 * each class, and the calibration on a machine with its error per stage. Every line says that an
 * estimate is one. */
#ifndef VB_REPORT_ESTIMATE_TABLE_H
#define VB_REPORT_ESTIMATE_TABLE_H

#include "estimate/calibration.h"
#include "record/strategy_facts.h"

#include <stddef.h>
#include <stdio.h>

/* The classes (with their sources when `sources`), then a row per strategy and thread with CPU
 * work, then why any cell is not estimated and the frame budgets. */
void vb_estimate_table_print(const vb_strategy_facts *const *facts, int count, int sources,
                             FILE *out);
/* The calibration: this machine's rates, then per stage its counts, measured and predicted
 * times, the IPC used, the error and whether the model is used for it. */
void vb_calibration_table_print(const vb_calibration *c, const char *title, FILE *out);
/* This build's strategies whose path exists on Android, in the registry's order (at most `max`
 * into `out`), and in *pick the note's pick among them (the image chain as the app runs it there;
 * NULL where this build has none). Returns how many. */
int vb_estimate_android_candidates(const vb_strategy_facts **out, int max,
                                   const vb_strategy_facts **pick);
/* One sentence: what the note's pick (the strategy of `facts`) costs per frame on a little core,
 * per thread, against a 60 Hz frame; "" where it cannot be estimated. */
void vb_estimate_pick_sentence(const vb_strategy_facts *facts, char *dst, size_t size);
/* The same sentence wrapped at 80 columns, then a newline; nothing where there is none. */
void vb_estimate_pick_print(const vb_strategy_facts *facts, FILE *out);

#endif
