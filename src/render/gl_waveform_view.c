/* The waveform view's GPU half: mirrors waveform_view.c. */
#include "render/gl_view_impl.h"

#include "render/palette.h"

static const char waveform_shader[] =
    "uniform sampler2D columns;\n" /* width x 1, RGB32F: min, max, rms */
    "uniform int height;\n"
    "uniform vec4 background, envelope, rms_colour, centre_line;\n"
    "out vec4 colour;\n"
    "int row_of_amplitude(float a) {\n"
    "    int row = int(floor((1.0 - a) * 0.5 * float(height - 1) + 0.5));\n"
    "    return clamp(row, 0, height - 1);\n"
    "}\n"
    "void main() {\n"
    "    ivec2 p = ivec2(gl_FragCoord.xy);\n"
    "    vec3 e = texelFetch(columns, ivec2(p.x, 0), 0).xyz;\n"
    "    vec4 c = background;\n"
    "    if (!(e.x == 0.0 && e.y == 0.0)) {\n"
    "        int top = row_of_amplitude(e.y), bottom = row_of_amplitude(e.x);\n"
    "        int rms_top = max(row_of_amplitude(e.z), top);\n"
    "        int rms_bottom = min(row_of_amplitude(-e.z), bottom);\n"
    "        if (p.y >= top && p.y <= bottom) {\n"
    "            c = envelope;\n"
    "            if (rms_top <= rms_bottom && p.y >= rms_top && p.y <= rms_bottom) c = "
    "rms_colour;\n"
    "        }\n"
    "    }\n"
    "    if (p.y == height / 2 && c == background) c = centre_line;\n"
    "    colour = c;\n"
    "}\n";

static int setup(vb_gl_view_state *r) {
    const vb_view_options *o = &r->options;
    r->data_texture = vb_gl_texture_create(GL_RGB32F, o->width, 1, GL_RGB, GL_FLOAT, NULL);
    vb_gl_set_int(r->program, "columns", 0);
    vb_gl_set_int(r->program, "height", o->height);
    vb_gl_set_colour(r->program, "background", VB_COLOUR_BACKGROUND);
    vb_gl_set_colour(r->program, "envelope", VB_COLOUR_ENVELOPE);
    vb_gl_set_colour(r->program, "rms_colour", VB_COLOUR_RMS);
    vb_gl_set_colour(r->program, "centre_line", VB_COLOUR_CENTRE_LINE);
    return VB_OK;
}

static size_t upload(vb_gl_view_state *r, const float *analysis, size_t count, int64_t frame) {
    (void)frame;
    vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, r->options.width, 1, GL_RGB, GL_FLOAT, analysis);
    return count * sizeof(float);
}

const vb_gl_view_impl vb_gl_waveform_view = {waveform_shader, setup, upload, NULL};
