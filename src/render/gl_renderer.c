#include "render/gl_renderer.h"

#include "common/error.h"
#include "display/gl_program.h"
#include "render/colormap.h"
#include "render/palette.h"

#include <stdlib.h>
#include <string.h>

/* Each shader mirrors a CPU view file; keep them in step (the picture check in every run and
 * in the tests says when they are not). Rows: gl_FragCoord.y is the image row, 0 at the top. */
static const char waveform_shader[] =
    "#version 330 core\n"
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

static const char spectrum_shader[] =
    "#version 330 core\n"
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

static const char spectrogram_shader[] =
    "#version 330 core\n"
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

struct vb_gl_renderer {
    vb_view_options options;
    int bars;
    GLuint program, vertex_array;
    GLuint data_texture;   /* per-frame analysis: columns, levels or the spectrogram ring */
    GLuint static_texture; /* bar map or colour map */
    GLint newest_location;
};

static void set_colour(GLuint program, const char *name, uint32_t rgba) {
    uint8_t c[4];
    memcpy(c, &rgba, sizeof c);
    vb_gl.Uniform4f(vb_gl.GetUniformLocation(program, name), c[0] / 255.0f, c[1] / 255.0f,
                    c[2] / 255.0f, c[3] / 255.0f);
}

static void set_int(GLuint program, const char *name, int value) {
    vb_gl.Uniform1i(vb_gl.GetUniformLocation(program, name), value);
}

static void set_float(GLuint program, const char *name, float value) {
    vb_gl.Uniform1f(vb_gl.GetUniformLocation(program, name), value);
}

static int setup_waveform(vb_gl_renderer *r) {
    const vb_view_options *o = &r->options;
    r->data_texture = vb_gl_texture_create(GL_RGB32F, o->width, 1, GL_RGB, GL_FLOAT, NULL);
    set_int(r->program, "columns", 0);
    set_int(r->program, "height", o->height);
    set_colour(r->program, "background", VB_COLOUR_BACKGROUND);
    set_colour(r->program, "envelope", VB_COLOUR_ENVELOPE);
    set_colour(r->program, "rms_colour", VB_COLOUR_RMS);
    set_colour(r->program, "centre_line", VB_COLOUR_CENTRE_LINE);
    return VB_OK;
}

static int setup_spectrum(vb_gl_renderer *r) {
    const vb_view_options *o = &r->options;
    r->bars = o->bars < o->width ? o->bars : o->width;
    int32_t *bar_of_column = malloc(sizeof(int32_t) * (size_t)o->width);
    if (!bar_of_column) {
        vb_error_set("gl renderer: out of memory");
        return -VB_ERR_FAILURE;
    }
    /* The CPU view's bar geometry, column by column. */
    for (int x = 0; x < o->width; x++)
        bar_of_column[x] = -1;
    for (int b = 0; b < r->bars; b++) {
        int x0 = (int)((int64_t)b * o->width / r->bars);
        int x1 = (int)((int64_t)(b + 1) * o->width / r->bars);
        if (x1 - x0 >= 3) x1--;
        for (int x = x0; x < x1; x++)
            bar_of_column[x] = b;
    }
    r->static_texture =
        vb_gl_texture_create(GL_R32I, o->width, 1, GL_RED_INTEGER, GL_INT, bar_of_column);
    free(bar_of_column);
    r->data_texture = vb_gl_texture_create(GL_RG32F, r->bars, 1, GL_RG, GL_FLOAT, NULL);
    set_int(r->program, "levels", 0);
    set_int(r->program, "bar_of_column", 1);
    set_int(r->program, "height", o->height);
    set_int(r->program, "cap_rows", o->height >= 128 ? o->height / 64 : 1);
    set_float(r->program, "floor_db", (float)o->floor_db);
    set_colour(r->program, "background", VB_COLOUR_BACKGROUND);
    set_colour(r->program, "bar", VB_COLOUR_BAR);
    set_colour(r->program, "peak_cap", VB_COLOUR_PEAK_CAP);
    return VB_OK;
}

static int setup_spectrogram(vb_gl_renderer *r) {
    const vb_view_options *o = &r->options;
    uint32_t palette[256];
    for (int i = 0; i < 256; i++)
        palette[i] = vb_magma_rgba(i);
    r->static_texture = vb_gl_texture_create(GL_RGBA8, 256, 1, GL_RGBA, GL_UNSIGNED_BYTE, palette);
    r->data_texture = vb_gl_texture_create(GL_R32F, o->width, o->height, GL_RED, GL_FLOAT, NULL);
    set_int(r->program, "ring", 0);
    set_int(r->program, "palette", 1);
    set_int(r->program, "width", o->width);
    set_float(r->program, "floor_db", (float)o->floor_db);
    /* The CPU view's constant, computed the same way in single precision. */
    set_float(r->program, "to_index", 255.0f / -(float)o->floor_db);
    r->newest_location = vb_gl.GetUniformLocation(r->program, "newest");
    return VB_OK;
}

vb_gl_renderer *vb_gl_renderer_create(const vb_view_options *options) {
    vb_gl_renderer *r = calloc(1, sizeof *r);
    if (!r) {
        vb_error_set("gl renderer: out of memory");
        return NULL;
    }
    r->options = *options;
    static const char *const shaders[VB_VIEW_COUNT] = {
        [VB_VIEW_WAVEFORM] = waveform_shader,
        [VB_VIEW_SPECTRUM] = spectrum_shader,
        [VB_VIEW_SPECTROGRAM] = spectrogram_shader,
    };
    r->program =
        vb_gl_program_build("gl renderer", vb_gl_fullscreen_vertex_shader, shaders[options->view]);
    if (!r->program) goto fail;
    vb_gl.GenVertexArrays(1, &r->vertex_array);
    vb_gl.UseProgram(r->program);
    vb_gl.PixelStorei(GL_UNPACK_ALIGNMENT, 4);
    int status = options->view == VB_VIEW_WAVEFORM   ? setup_waveform(r)
                 : options->view == VB_VIEW_SPECTRUM ? setup_spectrum(r)
                                                     : setup_spectrogram(r);
    if (status != VB_OK) goto fail;
    GLenum error = vb_gl.GetError();
    if (error != GL_NO_ERROR) {
        vb_error_set("gl renderer: cannot create the %s textures (GL error 0x%x)",
                     vb_view_name(options->view), error);
        goto fail;
    }
    return r;
fail:
    vb_gl_renderer_destroy(r);
    return NULL;
}

void vb_gl_renderer_destroy(vb_gl_renderer *r) {
    if (!r) return;
    if (r->data_texture) vb_gl.DeleteTextures(1, &r->data_texture);
    if (r->static_texture) vb_gl.DeleteTextures(1, &r->static_texture);
    if (r->vertex_array) vb_gl.DeleteVertexArrays(1, &r->vertex_array);
    if (r->program) vb_gl.DeleteProgram(r->program);
    free(r);
}

static void upload_spectrogram_column(vb_gl_renderer *r, const float *column, int64_t frame) {
    vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, (GLint)(frame % r->options.width), 0, 1,
                        r->options.height, GL_RED, GL_FLOAT, column);
}

size_t vb_gl_renderer_feed(vb_gl_renderer *r, const float *analysis, size_t count, int64_t frame) {
    if (r->options.view != VB_VIEW_SPECTROGRAM) return 0;
    vb_gl.ActiveTexture(GL_TEXTURE0);
    vb_gl.BindTexture(GL_TEXTURE_2D, r->data_texture);
    upload_spectrogram_column(r, analysis, frame);
    return count * sizeof(float);
}

size_t vb_gl_renderer_draw(vb_gl_renderer *r, const float *analysis, size_t count, int64_t frame,
                           GLuint framebuffer) {
    const vb_view_options *o = &r->options;
    vb_gl.UseProgram(r->program);
    vb_gl.ActiveTexture(GL_TEXTURE0);
    vb_gl.BindTexture(GL_TEXTURE_2D, r->data_texture);
    switch (o->view) {
    case VB_VIEW_WAVEFORM:
        vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, o->width, 1, GL_RGB, GL_FLOAT, analysis);
        break;
    case VB_VIEW_SPECTRUM:
        vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, r->bars, 1, GL_RG, GL_FLOAT, analysis);
        break;
    case VB_VIEW_SPECTROGRAM:
        upload_spectrogram_column(r, analysis, frame);
        vb_gl.Uniform1i(r->newest_location, (GLint)frame);
        break;
    }
    if (r->static_texture) {
        vb_gl.ActiveTexture(GL_TEXTURE1);
        vb_gl.BindTexture(GL_TEXTURE_2D, r->static_texture);
        vb_gl.ActiveTexture(GL_TEXTURE0);
    }
    vb_gl.BindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    vb_gl.Viewport(0, 0, o->width, o->height);
    vb_gl.BindVertexArray(r->vertex_array);
    vb_gl.DrawArrays(GL_TRIANGLES, 0, 3);
    return count * sizeof(float);
}
