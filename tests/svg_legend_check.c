/* svg-legend-check [--require-legend] FILE.svg...: parses each chart (libxml2) and checks its
 * legend against its viewBox and its content, for the report tests:
 *   - every legend entry (its square or line sample and its label's estimated extent) lies
 *     inside the viewBox;
 *   - no two entries overlap, and no entry overlaps anything else drawn (the plot, its axes,
 *     its labels), so wrapped rows have been given room;
 *   - every curve (a polyline with a tooltip) has a line sample of its colour and dash, and
 *     every bar (a rect with a tooltip, in a chart with squares) a square of its colour.
 * Entries are the <g class="vb-legend-entry"> groups src/report/svg_plot.c draws; a chart drawn
 * before it grouped them has its entries found by their shapes instead: a 14x14 square without
 * a tooltip, or a line sample without one and its marker, each followed by the label.
 * A label's width is estimated, not measured (no font here): its characters at 0.62 of the font
 * size, DejaVu Sans averaging about 0.56; ascent 0.8 and descent 0.25 of the size.
 * --require-legend: a file without any entry fails. Prints one line per problem and a summary
 * per file; exit 0 when none, 1 when some, 2 on a usage or parse error. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EM 0.62
#define MAX_BOXES 8192

typedef struct box {
    double x0, y0, x1, y1;
} box;

/* What a drawn element is, for the checks. */
typedef struct shape {
    box extent;
    int entry;          /* index of its legend entry, or -1 */
    int curve, bar;     /* a polyline / a rect with a tooltip */
    int sample, swatch; /* a legend entry's line sample / square */
    char paint[32];     /* stroke of a line, fill of a rect */
    char dash[48];      /* a line's stroke-dasharray ("" = solid) */
    char label[128];    /* a text's content, for the messages */
} shape;

typedef struct chart {
    const char *path;
    box view;
    shape shapes[MAX_BOXES];
    int count, entries, problems;
} chart;

static double number_attr(xmlNode *node, const char *name, double fallback) {
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    double v = value ? strtod((const char *)value, NULL) : fallback;
    xmlFree(value);
    return v;
}

static void string_attr(xmlNode *node, const char *name, char *dst, size_t size) {
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    snprintf(dst, size, "%s", value ? (const char *)value : "");
    xmlFree(value);
}

static int named(const xmlNode *node, const char *name) {
    return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* A tooltip is a <title> child: curves, bars and marks have one; legend shapes do not. */
static int has_title(xmlNode *node) {
    for (xmlNode *c = node->children; c; c = c->next)
        if (named(c, "title")) return 1;
    return 0;
}

static int has_class(xmlNode *node, const char *name) {
    char classes[256];
    string_attr(node, "class", classes, sizeof classes);
    for (char *save = NULL, *w = strtok_r(classes, " ", &save); w; w = strtok_r(NULL, " ", &save))
        if (strcmp(w, name) == 0) return 1;
    return 0;
}

static void grow(box *b, double x, double y) {
    b->x0 = fmin(b->x0, x), b->x1 = fmax(b->x1, x);
    b->y0 = fmin(b->y0, y), b->y1 = fmax(b->y1, y);
}

static box empty_box(void) {
    return (box){INFINITY, INFINITY, -INFINITY, -INFINITY};
}

/* A polyline's or polygon's points, widened by half its stroke. */
static box points_box(xmlNode *node) {
    box b = empty_box();
    xmlChar *points = xmlGetProp(node, (const xmlChar *)"points");
    const char *p = points ? (const char *)points : "";
    char *end;
    for (double x = strtod(p, &end); end != p; x = strtod(p, &end)) {
        p = end + strspn(end, ", ");
        const double y = strtod(p, &end);
        if (end == p) break;
        grow(&b, x, y);
        p = end + strspn(end, ", ");
    }
    xmlFree(points);
    const double half = number_attr(node, "stroke-width", 1) / 2;
    return (box){b.x0 - half, b.y0 - half, b.x1 + half, b.y1 + half};
}

/* Characters, not bytes: a UTF-8 sequence is one. */
static size_t characters(const char *text) {
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        n += (*c & 0xC0) != 0x80;
    return n;
}

/* (x, y) turned by `degrees` (a multiple of 90) about (cx, cy), in SVG's y-down frame. */
static void turn(double degrees, double cx, double cy, double *x, double *y) {
    const double a = degrees * M_PI / 180, dx = *x - cx, dy = *y - cy;
    *x = cx + round(cos(a)) * dx - round(sin(a)) * dy;
    *y = cy + round(sin(a)) * dx + round(cos(a)) * dy;
}

/* A label's estimated extent from its anchor, size and length; a rotate(A cx cy) turns it.
 * Returns 0 for a transform it cannot follow. */
static int text_box(xmlNode *node, const char *content, box *out) {
    const double size = number_attr(node, "font-size", 16), x = number_attr(node, "x", 0),
                 y = number_attr(node, "y", 0), width = EM * size * (double)characters(content);
    char anchor[16], transform[96];
    string_attr(node, "text-anchor", anchor, sizeof anchor);
    string_attr(node, "transform", transform, sizeof transform);
    const double left = strcmp(anchor, "end") == 0      ? x - width
                        : strcmp(anchor, "middle") == 0 ? x - width / 2
                                                        : x;
    box b = {left, y - 0.8 * size, left + width, y + 0.25 * size};
    double degrees, cx, cy;
    if (transform[0]) {
        if (sscanf(transform, "rotate(%lf %lf %lf)", &degrees, &cx, &cy) != 3 ||
            fmod(fabs(degrees), 90) != 0)
            return 0;
        double xs[2] = {b.x0, b.x1}, ys[2] = {b.y0, b.y1};
        b = empty_box();
        for (int i = 0; i < 4; i++) {
            double px = xs[i & 1], py = ys[i >> 1];
            turn(degrees, cx, cy, &px, &py);
            grow(&b, px, py);
        }
    }
    *out = b;
    return 1;
}

static void problem(chart *c, const char *fmt, const char *what, const box *b) {
    printf("%s: ", c->path);
    printf(fmt, what);
    printf(" (x %.1f .. %.1f, y %.1f .. %.1f; viewBox %.0f %.0f %.0f %.0f)\n", b->x0, b->x1, b->y0,
           b->y1, c->view.x0, c->view.y0, c->view.x1 - c->view.x0, c->view.y1 - c->view.y0);
    c->problems++;
}

/* One drawn element into the chart's shapes; `entry` is its legend entry or -1. */
static void add_shape(chart *c, xmlNode *node, int entry) {
    if (c->count == MAX_BOXES) return;
    shape s = {.entry = entry};
    const int titled = has_title(node);
    if (named(node, "rect")) {
        const double x = number_attr(node, "x", 0), y = number_attr(node, "y", 0);
        s.extent =
            (box){x, y, x + number_attr(node, "width", 0), y + number_attr(node, "height", 0)};
        string_attr(node, "fill", s.paint, sizeof s.paint);
        s.bar = titled, s.swatch = entry >= 0;
    } else if (named(node, "circle")) {
        const double x = number_attr(node, "cx", 0), y = number_attr(node, "cy", 0),
                     r = number_attr(node, "r", 0) + number_attr(node, "stroke-width", 1) / 2;
        s.extent = (box){x - r, y - r, x + r, y + r};
    } else if (named(node, "polyline") || named(node, "polygon")) {
        s.extent = points_box(node);
        string_attr(node, "stroke", s.paint, sizeof s.paint);
        string_attr(node, "stroke-dasharray", s.dash, sizeof s.dash);
        s.curve = named(node, "polyline") && titled;
        s.sample = named(node, "polyline") && entry >= 0;
    } else if (named(node, "line")) {
        s.extent = empty_box();
        grow(&s.extent, number_attr(node, "x1", 0), number_attr(node, "y1", 0));
        grow(&s.extent, number_attr(node, "x2", 0), number_attr(node, "y2", 0));
    } else if (named(node, "text")) {
        xmlChar *content = xmlNodeGetContent(node);
        snprintf(s.label, sizeof s.label, "%s", content ? (const char *)content : "");
        const int followed = text_box(node, s.label, &s.extent);
        xmlFree(content);
        if (!followed) {
            problem(c, "text '%s' has a transform this check cannot follow", s.label, &s.extent);
            return;
        }
    } else {
        return;
    }
    c->shapes[c->count++] = s;
}

/* The old charts' entries, by shape: a square without a tooltip, or a two-point line sample
 * without one and then its marker, and then a text. Returns how many of the elements from
 * `node` on make one entry (0: none starts here). */
static int old_entry_length(xmlNode *node) {
    xmlNode *next = node ? xmlNextElementSibling(node) : NULL;
    if (named(node, "rect") && !has_title(node) && number_attr(node, "width", 0) == 14 &&
        number_attr(node, "height", 0) == 14 && named(next, "text"))
        return 2;
    xmlNode *third = next ? xmlNextElementSibling(next) : NULL;
    if (named(node, "polyline") && !has_title(node) && next && !has_title(next) &&
        (named(next, "circle") || named(next, "polygon")) && named(third, "text"))
        return 3;
    return 0;
}

/* The elements under `parent`, legend entries numbered as they come. `grouped`: entries are
 * vb-legend-entry groups; otherwise they are found by their shapes. */
static void walk(chart *c, xmlNode *parent, int entry, int grouped) {
    for (xmlNode *node = xmlFirstElementChild(parent); node; node = xmlNextElementSibling(node)) {
        if (named(node, "g")) {
            const int is_entry = entry < 0 && has_class(node, "vb-legend-entry");
            walk(c, node, is_entry ? c->entries++ : entry, grouped);
            continue;
        }
        int length = entry < 0 && !grouped ? old_entry_length(node) : 0;
        const int own = length ? c->entries++ : entry;
        for (add_shape(c, node, own); --length > 0;) {
            node = xmlNextElementSibling(node);
            add_shape(c, node, own);
        }
    }
}

/* Whether the document draws any vb-legend-entry group (the current charts do). */
static int grouped_legend(xmlNode *node) {
    for (xmlNode *n = xmlFirstElementChild(node); n; n = xmlNextElementSibling(n))
        if ((named(n, "g") && has_class(n, "vb-legend-entry")) || grouped_legend(n)) return 1;
    return 0;
}

static int overlap(const box *a, const box *b) {
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* An entry's extent: its shapes together, and its label for the messages. */
static box entry_box(const chart *c, int entry, const char **label) {
    box b = empty_box();
    *label = "?";
    for (int i = 0; i < c->count; i++) {
        const shape *s = &c->shapes[i];
        if (s->entry != entry) continue;
        grow(&b, s->extent.x0, s->extent.y0);
        grow(&b, s->extent.x1, s->extent.y1);
        if (s->label[0]) *label = s->label;
    }
    return b;
}

/* The whole-chart background: a rect from the viewBox's corner to its far one. */
static int background(const chart *c, const shape *s) {
    return s->entry < 0 && !s->bar && s->extent.x0 <= c->view.x0 && s->extent.y0 <= c->view.y0 &&
           s->extent.x1 >= c->view.x1 && s->extent.y1 >= c->view.y1;
}

static void check_entries(chart *c) {
    for (int e = 0; e < c->entries; e++) {
        const char *label;
        const box b = entry_box(c, e, &label);
        if (b.x0 < c->view.x0 || b.y0 < c->view.y0 || b.x1 > c->view.x1 || b.y1 > c->view.y1)
            problem(c, "legend entry '%s' lies outside the viewBox", label, &b);
        for (int f = e + 1; f < c->entries; f++) {
            const char *other;
            const box o = entry_box(c, f, &other);
            if (overlap(&b, &o)) problem(c, "legend entry '%s' overlaps another", label, &b);
        }
        for (int i = 0; i < c->count; i++) {
            const shape *s = &c->shapes[i];
            if (s->entry < 0 && !background(c, s) && overlap(&b, &s->extent)) {
                problem(c, "legend entry '%s' overlaps the chart's content", label, &b);
                break;
            }
        }
    }
}

/* Every curve has a line sample of its stroke and dash; every bar, where the legend has
 * squares, a square of its fill. */
static void check_keys(chart *c) {
    int swatches = 0;
    for (int i = 0; i < c->count; i++)
        swatches += c->shapes[i].swatch;
    for (int i = 0; i < c->count; i++) {
        const shape *s = &c->shapes[i];
        if (!(s->curve || (s->bar && swatches))) continue;
        int keyed = 0;
        for (int k = 0; k < c->count && !keyed; k++) {
            const shape *key = &c->shapes[k];
            keyed = s->curve ? key->sample && strcmp(key->paint, s->paint) == 0 &&
                                   strcmp(key->dash, s->dash) == 0
                             : key->swatch && strcmp(key->paint, s->paint) == 0;
        }
        if (!keyed)
            problem(c,
                    s->curve ? "a curve in %s has no legend entry"
                             : "a bar in %s has no legend entry",
                    s->paint, &s->extent);
    }
}

static int view_box(xmlNode *root, box *view) {
    xmlChar *value = xmlGetProp(root, (const xmlChar *)"viewBox");
    double x = 0, y = 0, w = 0, h = 0;
    const int ok = value && sscanf((const char *)value, "%lf %lf %lf %lf", &x, &y, &w, &h) == 4;
    xmlFree(value);
    if (ok) *view = (box){x, y, x + w, y + h};
    return ok;
}

/* Returns the problems found, or -1 when the file is not an SVG with a viewBox. */
static int check_file(chart *c, const char *path, int require_legend) {
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    *c = (chart){.path = path};
    if (!named(root, "svg") || !view_box(root, &c->view)) {
        fprintf(stderr, "svg-legend-check: %s: not an SVG with a viewBox\n", path);
        xmlFreeDoc(doc);
        return -1;
    }
    walk(c, root, -1, grouped_legend(root));
    check_entries(c);
    check_keys(c);
    if (require_legend && c->entries == 0) {
        printf("%s: no legend entry found\n", path);
        c->problems++;
    }
    printf("%s: %d legend entries, %d problems\n", path, c->entries, c->problems);
    xmlFreeDoc(doc);
    return c->problems;
}

int main(int argc, char **argv) {
    int first = 1, require_legend = 0;
    if (argc > 1 && strcmp(argv[1], "--require-legend") == 0) require_legend = 1, first = 2;
    if (first >= argc) {
        fprintf(stderr, "usage: svg-legend-check [--require-legend] FILE.svg...\n");
        return 2;
    }
    chart *c = malloc(sizeof *c);
    if (!c) return 2;
    int status = 0;
    for (int i = first; i < argc; i++) {
        const int problems = check_file(c, argv[i], require_legend);
        if (problems < 0) status = 2;
        if (problems > 0 && status == 0) status = 1;
    }
    free(c);
    xmlCleanupParser();
    return status;
}
