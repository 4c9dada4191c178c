/* json-query FILE PATH: prints the value at PATH in a JSON file (jansson), for the CLI tests.
 * PATH is dot-separated: object keys, or array indexes ("sessions.0.strategies.1.name").
 * Strings print bare, numbers as JSON writes them, null as "null". Exit 1 when the path is
 * not there, 2 on a usage or parse error. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: json-query FILE PATH\n");
        return 2;
    }
    json_error_t error;
    json_t *root = json_load_file(argv[1], 0, &error);
    if (!root) {
        fprintf(stderr, "json-query: %s: %s\n", argv[1], error.text);
        return 2;
    }
    json_t *node = root;
    char *path = strdup(argv[2]), *save = NULL;
    for (char *key = strtok_r(path, ".", &save); key && node; key = strtok_r(NULL, ".", &save)) {
        if (json_is_array(node)) {
            char *end;
            long index = strtol(key, &end, 10);
            node = *end ? NULL : json_array_get(node, (size_t)index);
        } else {
            node = json_object_get(node, key);
        }
    }
    free(path);
    int status = 0;
    if (!node) {
        fprintf(stderr, "json-query: %s: no %s\n", argv[1], argv[2]);
        status = 1;
    } else if (json_is_string(node)) {
        printf("%s\n", json_string_value(node));
    } else {
        char *text = json_dumps(node, JSON_ENCODE_ANY | JSON_COMPACT);
        printf("%s\n", text ? text : "");
        free(text);
    }
    json_decref(root);
    return status;
}
