#include "display/gl_program.h"

#include "common/error.h"

#include <stdio.h>
#include <string.h>

const char vb_gl_fullscreen_vertex_shader[] =
    "void main() {\n"
    "    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));\n"
    "    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);\n"
    "}\n";

GLuint vb_gl_texture_create(GLint internal_format, int width, int height, GLenum format,
                            GLenum type, const void *pixels) {
    GLuint texture = 0;
    vb_gl.GenTextures(1, &texture);
    vb_gl.BindTexture(GL_TEXTURE_2D, texture);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    vb_gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    vb_gl.TexImage2D(GL_TEXTURE_2D, 0, internal_format, width, height, 0, format, type, pixels);
    return texture;
}

static void first_line(char *log) {
    char *newline = strchr(log, '\n');
    if (newline) *newline = '\0';
}

/* The one place a shader's GLSL version is chosen. ES: GLSL ES 3.20 on an ES 3.2 context (its
 * buffer textures are what surface-producer's display samples), else 3.00, every float, int and
 * sampler highp (a fragment shader's default int is mediump and its samplers lowp, and the
 * pictures must equal the CPU reference render bit for bit); desktop GL: GLSL 3.30 core. */
static const char desktop_header[] = "#version 330 core\n";
#define VB_ES_PRECISION                                                                            \
    "precision highp float;\n"                                                                     \
    "precision highp int;\n"                                                                       \
    "precision highp sampler2D;\n"                                                                 \
    "precision highp isampler2D;\n"                                                                \
    "precision highp usampler2D;\n"
static const char es300_header[] = "#version 300 es\n" VB_ES_PRECISION;
static const char es320_header[] =
    "#version 320 es\n" VB_ES_PRECISION "precision highp samplerBuffer;\n";

/* Asked of the context current now, so a caller need not say which API it runs on (programs are
 * built at set-up, never per frame). */
static const char *current_header(void) {
    const GLubyte *version = vb_gl.GetString(GL_VERSION);
    if (!version || strncmp((const char *)version, "OpenGL ES ", 10) != 0) return desktop_header;
    int major = 0, minor = 0;
    if (sscanf((const char *)version + 10, "%d.%d", &major, &minor) == 2 &&
        major * 10 + minor >= 32)
        return es320_header;
    return es300_header;
}

static GLuint compile(const char *label, GLenum type, const char *source) {
    GLuint shader = vb_gl.CreateShader(type);
    const char *sources[2] = {current_header(), source};
    vb_gl.ShaderSource(shader, 2, sources, NULL);
    vb_gl.CompileShader(shader);
    GLint ok = 0;
    vb_gl.GetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[512] = "";
        vb_gl.GetShaderInfoLog(shader, sizeof log, NULL, log);
        first_line(log);
        vb_error_set("%s: %s shader does not compile: %s", label,
                     type == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
        vb_gl.DeleteShader(shader);
        return 0;
    }
    return shader;
}

GLuint vb_gl_program_build(const char *label, const char *vertex_source,
                           const char *fragment_source) {
    GLuint vertex = compile(label, GL_VERTEX_SHADER, vertex_source);
    if (!vertex) return 0;
    GLuint fragment = compile(label, GL_FRAGMENT_SHADER, fragment_source);
    if (!fragment) {
        vb_gl.DeleteShader(vertex);
        return 0;
    }
    GLuint program = vb_gl.CreateProgram();
    vb_gl.AttachShader(program, vertex);
    vb_gl.AttachShader(program, fragment);
    vb_gl.LinkProgram(program);
    vb_gl.DeleteShader(vertex);
    vb_gl.DeleteShader(fragment);
    GLint ok = 0;
    vb_gl.GetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[512] = "";
        vb_gl.GetProgramInfoLog(program, sizeof log, NULL, log);
        first_line(log);
        vb_error_set("%s: program does not link: %s", label, log);
        vb_gl.DeleteProgram(program);
        return 0;
    }
    return program;
}
