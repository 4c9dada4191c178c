#include "display/gl_turns.h"

#include <pthread.h>

static pthread_mutex_t gl_submission_lock = PTHREAD_MUTEX_INITIALIZER;

int vb_gl_submissions_serialized(const vb_gl_info *gl) {
    return gl->software;
}

void vb_gl_turn_begin(int serialized) {
    if (serialized) pthread_mutex_lock(&gl_submission_lock);
}

void vb_gl_turn_end(int serialized) {
    if (serialized) pthread_mutex_unlock(&gl_submission_lock);
}
