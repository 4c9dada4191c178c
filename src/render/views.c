#include "render/views.h"

#include "render/gl_view_impl.h"
#include "render/view_impl.h"
#include "render/vk_view_impl.h"

/* In vb_view_kind order. */
static const vb_view_desc views[VB_VIEW_COUNT] = {
    [VB_VIEW_WAVEFORM] = {"waveform", 0, &vb_waveform_view, &vb_gl_waveform_view,
                          &vb_vk_waveform_view},
    [VB_VIEW_SPECTRUM] = {"spectrum", 0, &vb_spectrum_view, &vb_gl_spectrum_view,
                          &vb_vk_spectrum_view},
    [VB_VIEW_SPECTROGRAM] = {"spectrogram", 1, &vb_spectrogram_view, &vb_gl_spectrogram_view,
                             &vb_vk_spectrogram_view},
};

const vb_view_desc *vb_view_desc_get(vb_view_kind view) {
    return (unsigned)view < VB_VIEW_COUNT ? &views[view] : 0;
}

vb_name_table vb_view_table(void) {
    return VB_NAME_TABLE(views, VB_VIEW_COUNT, vb_view_desc, name);
}
