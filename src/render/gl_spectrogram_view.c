/* The spectrogram view's GPU half: mirrors spectrogram_view.c. Its history lives in a ring
 * texture of `width` columns, one column uploaded per frame and scrolled by the shader. */
#include "render/gl_view_impl.h"

#include "render/colormap.h"

static const char spectrogram_shader[] =
    "uniform sampler2D ring;\n"    /* width x height, R32F dB; column = frame % width */
    "uniform sampler2D palette;\n" /* 256 x 1 RGBA8 magma */
    "uniform int width, newest;\n"
    "uniform float floor_db, to_index;\n"
    "out vec4 colour;\n"
    "void main() {\n"
    "    ivec2 p = ivec2(gl_FragCoord.xy);\n"
    "    int frame = newest - (width - 1 - p.x);\n"
    "    int index = 0;\n" /* columns before the first frame show silence */
    "    if (frame >= 0) {\n"
    "        float db = texelFetch(ring, ivec2(frame % width, p.y), 0).r;\n"
    "        float level = (db - floor_db) * to_index + 0.5;\n"
    "        index = level <= 0.0 ? 0 : level >= 255.0 ? 255 : int(level);\n"
    "    }\n"
    "    colour = texelFetch(palette, ivec2(index, 0), 0);\n"
    "}\n";

static int setup(vb_gl_view_state *r) {
    const vb_view_options *o = &r->options;
    uint32_t palette[256];
    for (int i = 0; i < 256; i++)
        palette[i] = vb_magma_rgba(i);
    r->static_texture = vb_gl_texture_create(GL_RGBA8, 256, 1, GL_RGBA, GL_UNSIGNED_BYTE, palette);
    r->data_texture = vb_gl_texture_create(GL_R32F, o->width, o->height, GL_RED, GL_FLOAT, NULL);
    vb_gl_set_int(r->program, "ring", 0);
    vb_gl_set_int(r->program, "palette", 1);
    vb_gl_set_int(r->program, "width", o->width);
    vb_gl_set_float(r->program, "floor_db", (float)o->floor_db);
    /* The CPU view's constant, computed the same way in single precision. */
    vb_gl_set_float(r->program, "to_index", 255.0f / -(float)o->floor_db);
    r->newest_location = vb_gl.GetUniformLocation(r->program, "newest");
    return VB_OK;
}

static size_t feed(vb_gl_view_state *r, const float *analysis, size_t count, int64_t frame) {
    vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, (GLint)(frame % r->options.width), 0, 1,
                        r->options.height, GL_RED, GL_FLOAT, analysis);
    return count * sizeof(float);
}

static size_t upload(vb_gl_view_state *r, const float *analysis, size_t count, int64_t frame) {
    size_t bytes = feed(r, analysis, count, frame);
    vb_gl.Uniform1i(r->newest_location, (GLint)frame);
    return bytes;
}

const vb_gl_view_impl vb_gl_spectrogram_view = {spectrogram_shader, setup, upload, feed};
