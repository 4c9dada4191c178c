/* The display side as a UI would do it, on the consumer thread with its context current: draw
 * the frame's texture as a full quad into a framebuffer of the view's size, fence, and wait for
 * the fence: the moment it signals is "presented".
 *
 * Row order: texture row 0 is image row 0 (the top of the picture) and lands on framebuffer row
 * 0, so a read-back equals the CPU renderer's buffer byte for byte. A visible window gets the
 * framebuffer blitted upside down (GL's origin is bottom-left) and swapped, not timed apart. */
#ifndef VB_DISPLAY_PRESENTER_H
#define VB_DISPLAY_PRESENTER_H

#include "display/gl_api.h"

#include <SDL2/SDL.h>
#include <stdint.h>

typedef struct vb_presenter {
    int width, height;
    SDL_Window *window; /* borrowed; NULL when headless */
    int poll_fence;     /* poll between sleeps instead of the driver's blocking wait */
    GLuint program, vertex_array;
    /* Frames that are buffer textures (vb_presenter_take_buffer_frames): the program that
     * samples them, and GL_TEXTURE_BUFFER; else 0 and GL_TEXTURE_2D. */
    GLuint buffer_program;
    GLenum frame_target;
    GLuint frame_texture; /* RGBA8 width x height, where a strategy uploads its frames (0: none
                             asked for; the driver holds a frame's bytes for it) */
    GLuint target_texture, target_framebuffer;
} vb_presenter;

/* `poll_fence`: wait for fences by polling (hardware drivers: NVIDIA's blocking wait spins) or
 * with the driver's blocking wait (software renderers, whose wait sleeps). `frame_texture`:
 * whether to make the texture strategies upload into. */
int vb_presenter_init(vb_presenter *presenter, int width, int height, SDL_Window *window,
                      int poll_fence, int frame_texture);
void vb_presenter_free(vb_presenter *presenter);

/* From now on, compose takes buffer textures: RGBA8 texels, width * height of them, the top row
 * first, sampled in place (texelFetch of a samplerBuffer at y * width + x), so a frame in a
 * mapped buffer reaches the picture without a copy into a 2D texture. Buffer textures need GL
 * 3.1 or GLES 3.2 (`#version 320 es`, or GL_EXT_texture_buffer); only a strategy that gives
 * them asks for this, so every other run's display compiles nothing more. VB_OK, or
 * -VB_ERR_FAILURE with the error set. */
int vb_presenter_take_buffer_frames(vb_presenter *presenter);

/* Draws `texture` (RGBA8, the view's size; a buffer texture after
 * vb_presenter_take_buffer_frames) into the target framebuffer. */
void vb_presenter_compose(vb_presenter *presenter, GLuint texture);
/* Fences the work so far and waits up to `timeout_ns` (polling: every 20 us between sleeps):
 * VB_OK once it signalled, else -VB_ERR_FAILURE with "fence did not signal within N ms". Never
 * waits longer. Polling cuts the calling thread's timer slack (init), so call both on the
 * consumer thread. */
int vb_presenter_wait(vb_presenter *presenter, uint64_t timeout_ns);
/* Rows [first_row, first_row + rows) of the last composed picture, tightly packed, top row
 * first. */
void vb_presenter_read_rows(vb_presenter *presenter, int first_row, int rows, uint8_t *rgba);

#endif
