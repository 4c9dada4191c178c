/* The spectrum view's GPU half: mirrors spectrum_view.c (its bar geometry and levels). */
#include "render/gl_view_impl.h"

#include "render/palette.h"
#include "render/spectrum_bars.h"

#include <stdlib.h>

static const char spectrum_shader[] =
    "uniform isampler2D bar_of_column;\n" /* width x 1, R32I: bar index, -1 in the gaps */
    "uniform sampler2D levels;\n"         /* bars x 1, RG32F: level dB, peak cap dB */
    "uniform int height, cap_rows;\n"
    "uniform float floor_db;\n"
    "uniform vec4 background, bar, peak_cap;\n"
    "out vec4 colour;\n"
    "int height_of_db(float db) {\n"
    "    return int(floor((db - floor_db) / -floor_db * float(height) + 0.5));\n"
    "}\n"
    "void main() {\n"
    "    ivec2 p = ivec2(gl_FragCoord.xy);\n"
    "    int b = texelFetch(bar_of_column, ivec2(p.x, 0), 0).r;\n"
    "    vec4 c = background;\n"
    "    if (b >= 0) {\n"
    "        vec2 level = texelFetch(levels, ivec2(b, 0), 0).xy;\n"
    "        int bar_top = height - height_of_db(level.x);\n"
    "        int peak_height = height_of_db(level.y);\n"
    "        int cap_end = height - peak_height;\n"
    "        int cap_start = max(cap_end - cap_rows, 0);\n"
    "        if (peak_height > 0) {\n"
    "            if (p.y >= cap_start) c = peak_cap;\n"
    "            if (p.y >= cap_end) c = background;\n"
    "        }\n"
    "        if (p.y >= bar_top) c = bar;\n"
    "    }\n"
    "    colour = c;\n"
    "}\n";

static int setup(vb_gl_view_state *r) {
    const vb_view_options *o = &r->options;
    r->bars = vb_spectrum_bar_count(o);
    int32_t *bar_of_column = malloc(sizeof(int32_t) * (size_t)o->width);
    if (!bar_of_column) {
        vb_error_set("gl renderer: out of memory");
        return -VB_ERR_FAILURE;
    }
    vb_spectrum_bar_of_column(o, bar_of_column);
    r->static_texture =
        vb_gl_texture_create(GL_R32I, o->width, 1, GL_RED_INTEGER, GL_INT, bar_of_column);
    free(bar_of_column);
    r->data_texture = vb_gl_texture_create(GL_RG32F, r->bars, 1, GL_RG, GL_FLOAT, NULL);
    vb_gl_set_int(r->program, "levels", 0);
    vb_gl_set_int(r->program, "bar_of_column", 1);
    vb_gl_set_int(r->program, "height", o->height);
    vb_gl_set_int(r->program, "cap_rows", o->height >= 128 ? o->height / 64 : 1);
    vb_gl_set_float(r->program, "floor_db", (float)o->floor_db);
    vb_gl_set_colour(r->program, "background", VB_COLOUR_BACKGROUND);
    vb_gl_set_colour(r->program, "bar", VB_COLOUR_BAR);
    vb_gl_set_colour(r->program, "peak_cap", VB_COLOUR_PEAK_CAP);
    return VB_OK;
}

static size_t upload(vb_gl_view_state *r, const float *analysis, size_t count, int64_t frame) {
    (void)frame;
    vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, r->bars, 1, GL_RG, GL_FLOAT, analysis);
    return count * sizeof(float);
}

const vb_gl_view_impl vb_gl_spectrum_view = {spectrum_shader, setup, upload, NULL};
