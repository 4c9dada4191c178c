#include "render/spectrum_bars.h"

int vb_spectrum_bar_count(const vb_view_options *o) {
    return o->bars < o->width ? o->bars : o->width;
}

void vb_spectrum_bar_of_column(const vb_view_options *o, int32_t *bar_of_column) {
    const int bars = vb_spectrum_bar_count(o);
    for (int x = 0; x < o->width; x++)
        bar_of_column[x] = -1;
    for (int b = 0; b < bars; b++) {
        int x0 = (int)((int64_t)b * o->width / bars);
        int x1 = (int)((int64_t)(b + 1) * o->width / bars);
        if (x1 - x0 >= 3) x1--;
        for (int x = x0; x < x1; x++)
            bar_of_column[x] = b;
    }
}
