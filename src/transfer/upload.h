/* The upload every CPU-rendered strategy ends with: a whole RGBA8 frame into the display's
 * texture, from client memory or (with a pixel-unpack buffer bound) from a buffer offset. */
#ifndef VB_TRANSFER_UPLOAD_H
#define VB_TRANSFER_UPLOAD_H

#include "display/gl_api.h"
#include "render/view_options.h"

static inline void vb_upload_frame(const vb_view_options *view, GLuint texture,
                                   const void *pixels_or_offset) {
    vb_gl.BindTexture(GL_TEXTURE_2D, texture);
    vb_gl.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, view->width, view->height, GL_RGBA,
                        GL_UNSIGNED_BYTE, pixels_or_offset);
}

#endif
