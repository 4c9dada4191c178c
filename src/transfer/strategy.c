#include "transfer/strategy.h"

#include "common/error.h"

#include <stdio.h>

int vb_strategy_figure_count(const vb_strategy_ops *ops) {
    int n = 0;
    while (ops->figures && ops->figures[n])
        n++;
    return n;
}

/* A strategy's own figures: at most the record's room, each in its own slot, in order, filled
 * on its threads (collect). */
static int figures_conform(const vb_strategy_ops *ops) {
    const int n = vb_strategy_figure_count(ops);
    if (n > VB_FRAME_STRATEGY_FIGURES || (n > 0 && !ops->collect)) return 0;
    for (int i = 0; i < n; i++) {
        const vb_figure *f = ops->figures[i];
        if (f->slot != i || f->size != 0 || f->presence != VB_FIGURE_OF_STRATEGY || !f->name ||
            !f->label || !f->unit)
            return 0;
    }
    return 1;
}

int vb_strategy_conforms(const vb_strategy_ops *ops, char *why, size_t size) {
    const struct {
        int present;
        const char *member;
    } needs[] = {
        {ops->facts.name != NULL, "name"},
        {ops->facts.summary != NULL, "summary"},
        {ops->facts.does != NULL, "does"},
        {ops->facts.models != NULL, "models"},
        {ops->facts.incurs != NULL, "incurs"},
        {ops->facts.measures != NULL, "measures"},
        {ops->facts.colour != NULL, "colour"},
        {ops->create != NULL, "create"},
        {ops->destroy != NULL, "destroy"},
        {ops->hand_off != NULL, "hand_off"},
        {ops->upload != NULL, "upload"},
        {ops->release != NULL, "release"},
        {vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) || ops->cpu_target != NULL,
         "cpu_target (a CPU-rendered strategy)"},
        {!vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) || ops->gpu_render != NULL,
         "gpu_render (a GPU-rendered strategy)"},
        {!ops->dispatch == !ops->drain, "dispatch and drain together (threads of its own)"},
        {!vb_strategy_has(ops, VB_CAP_RENDERS_WITH_VULKAN) ||
             vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU),
         "the renders-on-gpu capability (renders with Vulkan)"},
        {!ops->produce_remotely || vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU),
         "the renders-on-gpu capability (its producer runs in another process)"},
        {!ops->produce_remotely == !vb_strategy_has(ops, VB_CAP_PRODUCER_PROCESS),
         "produce_remotely with the producer-process capability, or neither"},
        {!vb_strategy_records_stages(ops) == !vb_strategy_has(ops, VB_CAP_STAGE_FIGURES),
         "collect or dispatch with the stage-figures capability, or neither"},
        {ops->frame_target == 0 || ops->frame_target == GL_TEXTURE_2D ||
             (ops->frame_target == GL_TEXTURE_BUFFER && vb_strategy_has(ops, VB_CAP_OWN_TEXTURES)),
         "frame_target 0, GL_TEXTURE_2D, or GL_TEXTURE_BUFFER with the own-textures capability"},
        {ops->facts.family >= 0 && ops->facts.family < VB_FAMILY_COUNT, "family"},
        {ops->facts.preference > 0, "preference (1 first within its family)"},
        {figures_conform(ops), "well-formed figures of its own (record/figure.h: at most "
                               "VB_FRAME_STRATEGY_FIGURES, slot = index, filled by collect)"},
    };
    for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++) {
        if (needs[i].present) continue;
        snprintf(why, size, "%s: no %s", ops->facts.name ? ops->facts.name : "(unnamed strategy)",
                 needs[i].member);
        vb_error_set("%s", why);
        return -VB_ERR_FAILURE;
    }
    return VB_OK;
}

const char *vb_strategy_unavailable(const vb_strategy_ops *ops, const vb_gl_info *gl) {
    return ops->unavailable_reason ? ops->unavailable_reason(gl) : NULL;
}

int vb_strategy_create(const vb_strategy_ops *ops, const vb_strategy_config *config,
                       vb_strategy **out) {
    *out = NULL;
    return ops->create(config, out);
}

void vb_strategy_destroy(const vb_strategy_ops *ops, vb_strategy *strategy) {
    if (strategy) ops->destroy(strategy);
}

int vb_strategy_consumer_start(const vb_strategy_ops *ops, vb_strategy *strategy) {
    return ops->consumer_start ? ops->consumer_start(strategy) : VB_OK;
}

void vb_strategy_consumer_stop(const vb_strategy_ops *ops, vb_strategy *strategy) {
    if (ops->consumer_stop) ops->consumer_stop(strategy);
}

int vb_strategy_producer_start(const vb_strategy_ops *ops, vb_strategy *strategy) {
    return ops->producer_start ? ops->producer_start(strategy) : VB_OK;
}

void vb_strategy_producer_stop(const vb_strategy_ops *ops, vb_strategy *strategy) {
    if (ops->producer_stop) ops->producer_stop(strategy);
}

uint8_t *vb_strategy_cpu_target(const vb_strategy_ops *ops, vb_strategy *strategy, int slot) {
    if (vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) || !ops->cpu_target) {
        vb_error_set("%s: renders on the GPU, it has no CPU target", ops->facts.name);
        return NULL;
    }
    return ops->cpu_target(strategy, slot);
}

int vb_strategy_gpu_render(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                           const float *analysis, size_t count, int64_t audio_frame,
                           int64_t *bytes_to_gpu) {
    if (!vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) || !ops->gpu_render) {
        vb_error_set("%s: renders on the CPU, it has no GPU render", ops->facts.name);
        return -VB_ERR_FAILURE;
    }
    return ops->gpu_render(strategy, slot, analysis, count, audio_frame, bytes_to_gpu);
}

int vb_strategy_takes_skipped_frames(const vb_strategy_ops *ops) {
    return ops->gpu_feed != NULL;
}

int vb_strategy_gpu_feed(const vb_strategy_ops *ops, vb_strategy *strategy, const float *analysis,
                         size_t count, int64_t audio_frame, int64_t *bytes_to_gpu) {
    return ops->gpu_feed ? ops->gpu_feed(strategy, analysis, count, audio_frame, bytes_to_gpu)
                         : VB_OK;
}

int vb_strategy_hand_off(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                         int64_t *bytes_copied) {
    return ops->hand_off(strategy, slot, bytes_copied);
}

int vb_strategy_upload(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                       GLuint frame_texture, GLuint *texture, int64_t *bytes_to_gpu) {
    return ops->upload(strategy, slot, frame_texture, texture, bytes_to_gpu);
}

void vb_strategy_release(const vb_strategy_ops *ops, vb_strategy *strategy, int slot) {
    ops->release(strategy, slot);
}

void vb_stage_record_clear(vb_stage_record *r) {
    r->hop_encode_ns = r->ui_done_ns = r->ui_cpu_ns = r->hop_copy_ns = -1;
    r->io_done_ns = r->io_cpu_ns = r->io_upload_ns = r->mipmap_ns = -1;
    r->allocations = r->gl_calls = r->copies = r->bytes_copied = r->bytes_to_gpu = 0;
    r->gpu_bytes_copied = 0;
    r->import_ns = r->release_wait_ns = r->sync_wait_ns = r->gpu_render_ns = -1;
    r->earlier_gpu_ns = -1;
    for (int i = 0; i < VB_FRAME_STRATEGY_FIGURES; i++)
        r->strategy_figures[i] = -1;
}

int vb_strategy_is_remote(const vb_strategy_ops *ops, const vb_strategy_config *config) {
    return ops->produce_remotely != NULL && config->producer_process == VB_PRODUCER_SEPARATE;
}

int vb_strategy_produce_remotely(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                                 int64_t sequence, int64_t audio_frame, vb_remote_frame *out) {
    if (!ops->produce_remotely) {
        vb_error_set("%s: its producer cannot run in another process", ops->facts.name);
        return -VB_ERR_FAILURE;
    }
    return ops->produce_remotely(strategy, slot, sequence, audio_frame, out);
}

void vb_strategy_describe(const vb_strategy_ops *ops, vb_strategy *strategy, char *line,
                          size_t size) {
    if (size) line[0] = '\0';
    if (ops->describe && strategy) ops->describe(strategy, line, size);
}

int vb_strategy_uploads_to_frame_texture(const vb_strategy_ops *ops) {
    return !vb_strategy_has(ops, VB_CAP_RENDERS_ON_GPU) &&
           !vb_strategy_has(ops, VB_CAP_OWN_TEXTURES);
}

GLenum vb_strategy_frame_target(const vb_strategy_ops *ops) {
    return ops->frame_target ? ops->frame_target : GL_TEXTURE_2D;
}

int64_t vb_strategy_producer_process_peak(const vb_strategy_ops *ops, vb_strategy *strategy) {
    return ops->producer_process_peak && strategy ? ops->producer_process_peak(strategy) : -1;
}

int vb_strategy_has_stages(const vb_strategy_ops *ops) {
    return ops->dispatch != NULL;
}

int vb_strategy_records_stages(const vb_strategy_ops *ops) {
    return ops->dispatch != NULL || ops->collect != NULL;
}

int vb_strategy_dispatch(const vb_strategy_ops *ops, vb_strategy *strategy, int slot) {
    if (!ops->dispatch) {
        vb_error_set("%s: has no threads of its own to dispatch to", ops->facts.name);
        return -VB_ERR_FAILURE;
    }
    return ops->dispatch(strategy, slot);
}

int vb_strategy_drain(const vb_strategy_ops *ops, vb_strategy *strategy, int64_t deadline_ns) {
    return ops->drain ? ops->drain(strategy, deadline_ns) : VB_OK;
}

void vb_strategy_collect(const vb_strategy_ops *ops, vb_strategy *strategy, int slot,
                         vb_stage_record *out) {
    vb_stage_record_clear(out);
    if (ops->collect) ops->collect(strategy, slot, out);
}
