/* Plain text wrapped for a terminal: words never split, continuation lines indented. */
#ifndef VB_REPORT_TEXT_WRAP_H
#define VB_REPORT_TEXT_WRAP_H

#include <stdio.h>

/* Prints `first` (a label, or spaces), pads it to `indent` columns, then the words of `text`
 * wrapped at `width` columns, each continuation line indented by `indent`; ends the line. A word
 * longer than the width stays whole on a line of its own. */
void vb_print_wrapped(FILE *out, const char *first, const char *text, int indent, int width);

#endif
