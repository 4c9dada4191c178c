#include "io/png_io.h"

#include "common/error.h"
#include "io/atomic_file.h"

#include <errno.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>

int vb_png_write(const char *path, const uint8_t *pixels, int width, int height, size_t stride) {
    vb_atomic_file out;
    if (vb_atomic_open(&out, path) != VB_OK) return -VB_ERR_FAILURE;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = PNG_FORMAT_RGBA;
    /* Speed over size: a 7680x4320 frame would otherwise take seconds to deflate. */
    image.flags = PNG_IMAGE_FLAG_FAST;
    errno = 0;
    if (!png_image_write_to_stdio(&image, out.stream, 0, pixels, (png_int_32)stride, NULL)) {
        if (errno != 0)
            vb_error_set("%s: write failed: %s", path, strerror(errno));
        else
            vb_error_set("%s: PNG encoding failed: %s", path, image.message);
        png_image_free(&image);
        vb_atomic_abort(&out);
        return -VB_ERR_FAILURE;
    }
    return vb_atomic_commit(&out);
}

int vb_png_read(const char *path, uint8_t **pixels, int *width, int *height) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path)) {
        vb_error_set("%s: not a readable PNG: %s", path, image.message);
        return -VB_ERR_FAILURE;
    }
    image.format = PNG_FORMAT_RGBA;
    uint8_t *buffer = malloc(PNG_IMAGE_SIZE(image));
    if (!buffer) {
        png_image_free(&image);
        vb_error_set("%s: out of memory", path);
        return -VB_ERR_FAILURE;
    }
    if (!png_image_finish_read(&image, NULL, buffer, 0, NULL)) {
        vb_error_set("%s: PNG decoding failed: %s", path, image.message);
        free(buffer);
        return -VB_ERR_FAILURE;
    }
    *pixels = buffer;
    *width = (int)image.width;
    *height = (int)image.height;
    return VB_OK;
}
