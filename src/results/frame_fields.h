/* The checksums of a frame record as the results JSON stores them (16 hex digits, one column
 * each), shared by the writer and the reader; every other column is a figure (record/figure.h). */
#ifndef VB_RESULTS_FRAME_FIELDS_H
#define VB_RESULTS_FRAME_FIELDS_H

#define VB_FRAME_CHECKSUM_FIELDS(X)                                                                \
    X(checksum_shown)                                                                              \
    X(checksum_expected)

#endif
