#include "io/json_fields.h"

#include "common/error.h"

#include <stdio.h>
#include <string.h>

void vb_json_reader_init(vb_json_reader *r, const char *path, const char *base) {
    r->path = path;
    r->base = base ? base : "";
    r->field[0] = '\0';
}

int vb_json_bad(vb_json_reader *r, const char *what) {
    vb_error_set("%s: field '%s%s%s' %s", r->path, r->base, r->base[0] ? "." : "", r->field, what);
    return -VB_ERR_USAGE;
}

int vb_json_refuse_file(vb_json_reader *r) {
    char why[400];
    snprintf(why, sizeof why, "%s", vb_error_get());
    vb_error_set("%s: %s", r->path, why);
    return -VB_ERR_FAILURE;
}

int vb_json_bad_field(vb_json_reader *r, const char *field, const char *what) {
    snprintf(r->field, sizeof r->field, "%s", field);
    return vb_json_bad(r, what);
}

json_t *vb_json_member(vb_json_reader *r, json_t *object, const char *prefix, const char *name) {
    snprintf(r->field, sizeof r->field, "%s%s%s", prefix, prefix[0] ? "." : "", name);
    return json_is_object(object) ? json_object_get(object, name) : NULL;
}

int vb_json_int(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                int64_t min, int64_t max, int64_t *out) {
    json_t *value = vb_json_member(r, object, prefix, name);
    if (!value) return vb_json_bad(r, "is missing");
    if (!json_is_integer(value)) return vb_json_bad(r, "is not an integer");
    json_int_t v = json_integer_value(value);
    if (v < min || v > max) return vb_json_bad(r, "is out of range");
    *out = v;
    return VB_OK;
}

int vb_json_int32(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                  int64_t min, int64_t max, int *out) {
    int64_t v;
    VB_TRY(vb_json_int(r, object, prefix, name, min, max, &v));
    *out = (int)v;
    return VB_OK;
}

int vb_json_number(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                   double min, double max, double *out) {
    json_t *value = vb_json_member(r, object, prefix, name);
    if (!value) return vb_json_bad(r, "is missing");
    if (!json_is_number(value)) return vb_json_bad(r, "is not a number");
    double v = json_number_value(value);
    if (!(v >= min && v <= max)) return vb_json_bad(r, "is out of range");
    *out = v;
    return VB_OK;
}

int vb_json_string_ref(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                       const char **out) {
    json_t *value = vb_json_member(r, object, prefix, name);
    if (!value) return vb_json_bad(r, "is missing");
    if (!json_is_string(value)) return vb_json_bad(r, "is not a string");
    *out = json_string_value(value);
    return VB_OK;
}

int vb_json_string(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                   char *dst, size_t size) {
    const char *text;
    VB_TRY(vb_json_string_ref(r, object, prefix, name, &text));
    if (strlen(text) >= size) { /* refused, not cut: a cut value would be written back as read */
        char what[64];
        snprintf(what, sizeof what, "is longer than %zu characters", size - 1);
        return vb_json_bad(r, what);
    }
    memcpy(dst, text, strlen(text) + 1);
    return VB_OK;
}

int vb_json_bool(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                 int *out) {
    json_t *value = vb_json_member(r, object, prefix, name);
    if (!value) return vb_json_bad(r, "is missing");
    if (!json_is_boolean(value)) return vb_json_bad(r, "is not true or false");
    *out = json_is_true(value);
    return VB_OK;
}

int vb_json_array(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                  size_t min, size_t max, json_t **out) {
    json_t *value = vb_json_member(r, object, prefix, name);
    if (!value) return vb_json_bad(r, "is missing");
    if (!json_is_array(value)) return vb_json_bad(r, "is not an array");
    if (json_array_size(value) < min || json_array_size(value) > max)
        return vb_json_bad(r, min == max ? "has the wrong number of entries"
                                         : "has too few or too many entries");
    *out = value;
    return VB_OK;
}

int vb_json_object(vb_json_reader *r, json_t *object, const char *prefix, const char *name,
                   json_t **out) {
    json_t *value = vb_json_member(r, object, prefix, name);
    if (!value) return vb_json_bad(r, "is missing");
    if (!json_is_object(value)) return vb_json_bad(r, "is not an object");
    *out = value;
    return VB_OK;
}
