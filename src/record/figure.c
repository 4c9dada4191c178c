#include "record/figure.h"

#include "common/error.h"
#include "common/name_table.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One line a figure. The gate compares the core figures through the metrics it derives from
 * them (gate/metrics.h: latency from ready to presented, each thread's CPU, the bandwidths, the
 * work totals of record/frame_totals.h), so they are declared not gated here; a strategy's own
 * figures say their rule. */
#define CORE(field, label, unit, owner, presence, aggregation)                                     \
    {                                                                                              \
#field, label, unit, VB_FIGURE_##owner, VB_FIGURE_##presence, aggregation,                 \
            VB_FIGURE_NOT_GATED, offsetof(vb_frame_record, field),                                 \
            sizeof(((vb_frame_record *)0)->field), -1                                              \
    }

const vb_figure vb_core_figures[] = {
    CORE(sequence, "sequence", "id", RUN, ALWAYS, 0),
    CORE(audio_frame, "audio frame", "id", RUN, ALWAYS, 0),
    CORE(flags, "flags", "flags", RUN, ALWAYS, 0),
    CORE(ready_ns, "audio ready", "ns", PRODUCER, ALWAYS, 0),
    CORE(acquired_ns, "slot acquired", "ns", PRODUCER, ALWAYS, 0),
    CORE(analyzed_ns, "analysed", "ns", PRODUCER, ALWAYS, 0),
    CORE(rendered_ns, "rendered", "ns", PRODUCER, ALWAYS, 0),
    CORE(handed_ns, "handed off", "ns", PRODUCER, ALWAYS, 0),
    CORE(taken_ns, "taken", "ns", CONSUMER, ALWAYS, 0),
    CORE(uploaded_ns, "uploaded", "ns", CONSUMER, ALWAYS, 0),
    CORE(presented_ns, "presented", "ns", CONSUMER, ALWAYS, 0),
    CORE(producer_cpu_ns, "producer CPU", "ns", PRODUCER, ALWAYS,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(consumer_cpu_ns, "consumer CPU", "ns", CONSUMER, ALWAYS,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(gpu_render_ns, "GPU render", "ns", PRODUCER, ALWAYS,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(gpu_upload_ns, "GPU upload", "ns", CONSUMER, ALWAYS,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(gpu_compose_ns, "GPU compose", "ns", CONSUMER, ALWAYS,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(bytes_copied, "bytes copied", "bytes", PRODUCER, ALWAYS, VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(bytes_to_gpu, "bytes to GPU", "bytes", PRODUCER, ALWAYS, VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(bytes_uploaded, "bytes uploaded", "bytes", CONSUMER, ALWAYS,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(picture_error, "picture error", "level", CONSUMER, ALWAYS, 0),
    CORE(producer_gl_calls, "producer GL calls", "count", PRODUCER, WORK_COUNT,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(consumer_gl_calls, "consumer GL calls", "count", CONSUMER, WORK_COUNT,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(producer_allocations, "producer allocations", "count", PRODUCER, WORK_COUNT,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(consumer_allocations, "consumer allocations", "count", CONSUMER, WORK_COUNT,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(copies, "producer copies", "count", PRODUCER, WORK_COUNT, VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(hop_encode_ns, "FRB encode", "ns", PRODUCER, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(ui_ns, "UI done", "ns", STAGE, STAGES, 0),
    CORE(ui_cpu_ns, "UI CPU", "ns", STAGE, STAGES, VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(hop_copy_ns, "Dart copy", "ns", STAGE, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(io_ns, "IO done", "ns", STAGE, STAGES, 0),
    CORE(io_cpu_ns, "IO CPU", "ns", STAGE, STAGES, VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(io_upload_ns, "IO upload", "ns", STAGE, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(mipmap_ns, "mipmaps", "ns", STAGE, STAGES, VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(stage_allocations, "stage allocations", "count", STAGE, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(stage_gl_calls, "stage GL calls", "count", STAGE, STAGES, VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(stage_copies, "stage copies", "count", STAGE, STAGES, VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(stage_bytes_copied, "stage bytes copied", "bytes", STAGE, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(stage_bytes_to_gpu, "stage bytes to GPU", "bytes", STAGE, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(import_ns, "buffer import", "ns", CONSUMER, STAGES, VB_FIGURE_MEAN | VB_FIGURE_P99),
    CORE(gpu_bytes_copied, "GPU bytes copied", "bytes", CONSUMER, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_SUM),
    CORE(release_wait_ns, "release wait", "ns", PRODUCER, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(sync_wait_ns, "sync wait", "ns", PRODUCER, STAGES,
         VB_FIGURE_MEAN | VB_FIGURE_P50 | VB_FIGURE_P99),
    CORE(vsync_delay, "vsync delay", "frames", CONSUMER, STAGES, VB_FIGURE_MEAN | VB_FIGURE_P99),
};
const int vb_core_figure_count = (int)(sizeof vb_core_figures / sizeof vb_core_figures[0]);

int64_t vb_figure_value(const vb_frame_record *r, const vb_figure *f) {
    if (f->size == 0)
        return f->slot >= 0 && f->slot < VB_FRAME_STRATEGY_FIGURES ? r->strategy_figures[f->slot]
                                                                   : -1;
    const char *at = (const char *)r + f->offset;
    if (f->size == sizeof(int32_t)) {
        int32_t v;
        memcpy(&v, at, sizeof v);
        return v;
    }
    int64_t v;
    memcpy(&v, at, sizeof v);
    return v;
}

int vb_figure_store(vb_frame_record *r, const vb_figure *f, int64_t value) {
    if (f->size == 0) {
        if (f->slot < 0 || f->slot >= VB_FRAME_STRATEGY_FIGURES) return 0;
        r->strategy_figures[f->slot] = value;
    } else if (f->size == sizeof(int32_t)) {
        const int32_t v = (int32_t)value;
        memcpy((char *)r + f->offset, &v, sizeof v);
    } else {
        memcpy((char *)r + f->offset, &value, sizeof value);
    }
    return vb_figure_value(r, f) == value;
}

static const char *const owner_names[VB_FIGURE_OWNER_COUNT] = {"producer", "consumer", "stage",
                                                               "run"};
static const char *const gate_names[] = {"not-gated", "exact", "timed"};

const char *vb_figure_owner_name(vb_figure_owner owner) {
    return owner >= 0 && owner < VB_FIGURE_OWNER_COUNT ? owner_names[owner] : "unknown";
}

int vb_figure_owner_from_name(const char *name) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(owner_names, VB_FIGURE_OWNER_COUNT);
    return name ? vb_name_find(&table, name) : -1;
}

const char *vb_figure_gate_name(vb_figure_gate gate) {
    return gate >= 0 && gate <= VB_FIGURE_GATED_TIMED ? gate_names[gate] : "unknown";
}

int vb_figure_gate_from_name(const char *name) {
    const vb_name_table table = VB_NAME_TABLE_OF_STRINGS(gate_names, 3);
    return name ? vb_name_find(&table, name) : -1;
}

/* The interned figures: a fixed table, so a pointer handed out never moves. */
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static vb_figure interned[VB_FIGURE_INTERN_MAX];
static int interned_count;

static int same_figure(const vb_figure *a, const vb_figure *b) {
    return strcmp(a->name, b->name) == 0 && strcmp(a->label, b->label) == 0 &&
           strcmp(a->unit, b->unit) == 0 && a->owner == b->owner && a->presence == b->presence &&
           a->aggregation == b->aggregation && a->gate == b->gate && a->offset == b->offset &&
           a->size == b->size && a->slot == b->slot;
}

const vb_figure *vb_figure_intern(const vb_figure *figure) {
    const vb_figure *found = NULL;
    pthread_mutex_lock(&intern_lock);
    for (int i = 0; i < interned_count && !found; i++)
        if (same_figure(&interned[i], figure)) found = &interned[i];
    if (!found && interned_count == VB_FIGURE_INTERN_MAX) {
        vb_error_set("more than %d different figures in the files read", VB_FIGURE_INTERN_MAX);
    } else if (!found) {
        vb_figure *f = &interned[interned_count];
        *f = *figure;
        char *name = strdup(figure->name), *label = strdup(figure->label),
             *unit = strdup(figure->unit);
        if (name && label && unit) {
            f->name = name;
            f->label = label;
            f->unit = unit;
            found = f;
            interned_count++;
        } else {
            free(name);
            free(label);
            free(unit);
            vb_error_set("out of memory");
        }
    }
    pthread_mutex_unlock(&intern_lock);
    return found;
}
