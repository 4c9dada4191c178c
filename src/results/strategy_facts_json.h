/* A strategy's facts (record/strategy_facts.h) in a results file, so that the file can be read
 * without the strategy's code: written beside each run (and each sweep's grid) as
 *   "facts": {"family": "gpu-sharing", "platforms": ["android", "linux"], "roles": [...],
 *             "capabilities": ["renders-on-gpu", ...], "preference": 1, "colour": "#DDCC77",
 *             "does": "...", "models": "...", "incurs": "...", "measures": "..."}
 * Files written before facts were recorded name only the eight strategies of that time; their
 * facts are the ones those strategies had then (strategy_facts_before.c), never this build's. */
#ifndef VB_RESULTS_STRATEGY_FACTS_JSON_H
#define VB_RESULTS_STRATEGY_FACTS_JSON_H

#include "io/json_fields.h"
#include "record/strategy_facts.h"

/* A new object (caller owns it); NULL when out of memory. */
json_t *vb_strategy_facts_to_json(const vb_strategy_facts *facts);

/* The facts of the strategy `name` whose summary is `summary` (may be NULL), as `facts_json`
 * (the "facts" object, or NULL when the file has none) says, into *out (interned: lasting);
 * without facts, those of the strategies files named before facts were recorded, or, for a name
 * of none of them, a strategy of unknown family that no claim considers. `prefix` is where the
 * object sits, for errors. VB_OK, -VB_ERR_USAGE (a bad field) or -VB_ERR_FAILURE (memory). */
int vb_strategy_facts_read(vb_json_reader *reader, json_t *facts_json, const char *prefix,
                           const char *name, const char *summary, const vb_strategy_facts **out);

/* The facts files written before facts were recorded imply for `name`, or NULL. */
const vb_strategy_facts *vb_strategy_facts_before_recorded(const char *name);

#endif
