/* The bundled default fixture, linked into the program by default_input.S (.incbin), so that
 * every command has an input with no file at hand. Read-only; lives for the whole process. */
#ifndef VB_AUDIO_DEFAULT_INPUT_H
#define VB_AUDIO_DEFAULT_INPUT_H

#include <stdint.h>

extern const unsigned char vb_default_input_data[];
extern const uint64_t vb_default_input_size;

#endif
