/* Exporters for drawing: Graphviz DOT and GEXF 1.3. Output is gathered in a
 * buffer and handed to the caller's sink in pieces of about 64 KiB.
 * Numbers are written locale-independently in the shortest form that reads
 * back to the same double; NaN and infinities as NaN, INF and -INF (valid
 * xsd:double, and plain strings in DOT). */
#include "graph/graph_internal.h"

#include "core/alloc.h"
#include "core/error.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SINK_CHUNK 65536

typedef struct sink {
    km__buf b;
    km_write_fn fn;
    void *payload;
} sink;

static int sink_flush(sink *s)
{
    int r;
    if (s->b.len == 0) return 0;
    r = s->fn(s->payload, (const char *)s->b.data, s->b.len);
    km__buf_reset(&s->b);
    if (r != 0)
        return km__err(KM_ESTORAGE, "write", "the write callback returned %d; export stopped",
                       "callback penulisan mengembalikan %d; ekspor dihentikan", r);
    return 0;
}

static int put(sink *s, const char *p, size_t n)
{
    int rc = km__buf_put(&s->b, p, n);
    if (rc) return rc;
    return s->b.len >= SINK_CHUNK ? sink_flush(s) : 0;
}

static int puts_(sink *s, const char *p) { return put(s, p, strlen(p)); }

static int put_u64(sink *s, uint64_t v)
{
    char t[24];
    int n = snprintf(t, sizeof t, "%llu", (unsigned long long)v);
    return put(s, t, (size_t)n);
}

/* Shortest of %.15g, %.16g, %.17g that reads back exactly; whatever the
 * locale's decimal separator, a '.' is written. */
static void fmt_double(char out[40], double v)
{
    int prec;
    char *p;
    if (isnan(v)) {
        strcpy(out, "NaN");
        return;
    }
    if (isinf(v)) {
        strcpy(out, v > 0 ? "INF" : "-INF");
        return;
    }
    for (prec = 15; prec <= 17; prec++) {
        snprintf(out, 40, "%.*g", prec, v);
        if (prec == 17 || strtod(out, NULL) == v) break;
    }
    for (p = out; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == 'e' || *p == 'E')) *p = '.';
}

static int put_double(sink *s, double v)
{
    char t[40];
    fmt_double(t, v);
    return puts_(s, t);
}

/* ---- validation ---------------------------------------------------------------- */

static int check_text(const char *s, const char *field_fmt, size_t index)
{
    char field[48];
    size_t n = strlen(s), i;
    snprintf(field, sizeof field, field_fmt, index);
    if (!km__utf8_valid(s, n))
        return km__err(KM_EINVAL, field, "is not valid UTF-8", "bukan UTF-8 yang valid");
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F)
            return km__err(KM_EINVAL, field, "contains control character 0x%02X at byte %zu",
                           "mengandung karakter kendali 0x%02X pada bita %zu", ch, i);
    }
    return 0;
}

static int check_options(const km_graph *g, const km_graph_export_options *o, km_write_fn write)
{
    size_t i, j;
    int rc;
    if ((rc = km__graph_check(g)) != 0) return rc;
    if (!write) return km__err(KM_EINVAL, "write", "must not be NULL", "tidak boleh NULL");
    if (o->version == 0 || o->version > KM_GRAPH_EXPORT_OPTIONS_VERSION)
        return km__err(KM_EVERSION, "opts.version", "version %u is not supported (expected 1..%u)",
                       "versi %u tidak didukung (yang diharapkan 1..%u)", o->version,
                       (unsigned)KM_GRAPH_EXPORT_OPTIONS_VERSION);
    if (o->name && (rc = check_text(o->name, "opts.name", 0)) != 0) return rc;
    if ((o->labels || o->attr_count > 0) && o->values_len != g->n)
        return km__err(KM_EINVAL, "opts.values_len", "is %zu, must equal the vertex count %u",
                       "bernilai %zu, harus sama dengan jumlah simpul %u", o->values_len, (unsigned)g->n);
    if (o->labels)
        for (i = 0; i < g->n; i++)
            if (o->labels[i] && (rc = check_text(o->labels[i], "opts.labels[%zu]", i)) != 0) return rc;
    if (o->attr_count > 0 && !o->attr_names)
        return km__err(KM_EINVAL, "opts.attr_names", "must not be NULL", "tidak boleh NULL");
    if (o->attr_count > 0 && !o->attr_values)
        return km__err(KM_EINVAL, "opts.attr_values", "must not be NULL", "tidak boleh NULL");
    for (i = 0; i < o->attr_count; i++) {
        char field[48];
        if (!o->attr_names[i] || !o->attr_names[i][0]) {
            snprintf(field, sizeof field, "opts.attr_names[%zu]", i);
            return km__err(KM_EINVAL, field, "must be a non-empty string", "harus berupa string tidak kosong");
        }
        if ((rc = check_text(o->attr_names[i], "opts.attr_names[%zu]", i)) != 0) return rc;
        if (!o->attr_values[i] && g->n > 0) {
            snprintf(field, sizeof field, "opts.attr_values[%zu]", i);
            return km__err(KM_EINVAL, field, "must not be NULL", "tidak boleh NULL");
        }
        for (j = 0; j < i; j++) {
            if (strcmp(o->attr_names[i], o->attr_names[j]) == 0) {
                snprintf(field, sizeof field, "opts.attr_names[%zu]", i);
                return km__err(KM_EINVAL, field, "\"%s\" repeats opts.attr_names[%zu]",
                               "\"%s\" mengulang opts.attr_names[%zu]", o->attr_names[i], j);
            }
        }
    }
    return 0;
}

/* ---- DOT ------------------------------------------------------------------------ */

/* A DOT quoted string. Backslashes are doubled so that no escape sequence
 * (\N, \G, \l...) is interpreted in a label and a trailing backslash cannot
 * swallow the closing quote; line feed and carriage return become \n and
 * \r, which Graphviz reads as line breaks in labels. */
static int dot_str(sink *s, const char *t)
{
    int rc = put(s, "\"", 1);
    const char *run = t;
    for (; rc == 0 && *t; t++) {
        const char *esc = NULL;
        switch (*t) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: continue;
        }
        if (t > run) rc = put(s, run, (size_t)(t - run));
        if (rc == 0) rc = puts_(s, esc);
        run = t + 1;
    }
    if (rc == 0 && t > run) rc = put(s, run, (size_t)(t - run));
    return rc ? rc : put(s, "\"", 1);
}

static int dot_body(sink *s, const km_graph *g, const km_graph_export_options *o)
{
    const char *arc = g->directed ? " -> " : " -- ";
    uint32_t v;
    size_t a, k;
    int rc;
    if ((rc = puts_(s, g->directed ? "digraph " : "graph ")) != 0) return rc;
    if ((rc = dot_str(s, o->name ? o->name : "kemitraan")) != 0) return rc;
    if ((rc = puts_(s, " {\n")) != 0) return rc;
    for (v = 0; v < g->n; v++) {
        int first = 1;
        if ((rc = puts_(s, "  ")) != 0 || (rc = put_u64(s, v)) != 0) return rc;
        if (o->labels && o->labels[v]) {
            if ((rc = puts_(s, " [label=")) != 0 || (rc = dot_str(s, o->labels[v])) != 0) return rc;
            first = 0;
        }
        for (a = 0; a < o->attr_count; a++) {
            char t[40];
            if ((rc = puts_(s, first ? " [" : ", ")) != 0) return rc;
            first = 0;
            fmt_double(t, o->attr_values[a][v]);
            if ((rc = dot_str(s, o->attr_names[a])) != 0 || (rc = put(s, "=", 1)) != 0 || (rc = dot_str(s, t)) != 0)
                return rc;
        }
        if ((rc = puts_(s, first ? ";\n" : "];\n")) != 0) return rc;
    }
    for (v = 0; v < g->n; v++) {
        for (k = g->out.off[v]; k < g->out.off[v + 1]; k++) {
            uint32_t u = g->out.adj[k];
            if (!g->directed && u < v) continue;
            if ((rc = puts_(s, "  ")) != 0 || (rc = put_u64(s, v)) != 0 || (rc = puts_(s, arc)) != 0 ||
                (rc = put_u64(s, u)) != 0)
                return rc;
            if (g->weighted) {
                char t[40];
                fmt_double(t, g->out.w[k]);
                if ((rc = puts_(s, " [weight=")) != 0 || (rc = dot_str(s, t)) != 0 || (rc = puts_(s, "]")) != 0)
                    return rc;
            }
            if ((rc = puts_(s, ";\n")) != 0) return rc;
        }
    }
    return puts_(s, "}\n");
}

/* ---- GEXF ----------------------------------------------------------------------- */

/* XML character data or attribute value: the five markup characters as
 * entities, and tab/LF/CR as character references so that attribute-value
 * normalisation keeps them. */
static int xml_str(sink *s, const char *t)
{
    const char *run = t;
    int rc = 0;
    for (; rc == 0 && *t; t++) {
        const char *esc = NULL;
        switch (*t) {
        case '&': esc = "&amp;"; break;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = "&apos;"; break;
        case '\t': esc = "&#9;"; break;
        case '\n': esc = "&#10;"; break;
        case '\r': esc = "&#13;"; break;
        default: continue;
        }
        if (t > run) rc = put(s, run, (size_t)(t - run));
        if (rc == 0) rc = puts_(s, esc);
        run = t + 1;
    }
    if (rc == 0 && t > run) rc = put(s, run, (size_t)(t - run));
    return rc;
}

static int gexf_body(sink *s, const km_graph *g, const km_graph_export_options *o)
{
    uint32_t v;
    uint64_t eid = 0;
    size_t a, k;
    int rc;
    if ((rc = puts_(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<gexf xmlns=\"http://gexf.net/1.3\" "
                       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                       "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
                       "  <meta>\n    <creator>kemitraan</creator>\n")) != 0)
        return rc;
    if (o->name) {
        if ((rc = puts_(s, "    <description>")) != 0 || (rc = xml_str(s, o->name)) != 0 ||
            (rc = puts_(s, "</description>\n")) != 0)
            return rc;
    }
    if ((rc = puts_(s, "  </meta>\n  <graph mode=\"static\" defaultedgetype=\"")) != 0 ||
        (rc = puts_(s, g->directed ? "directed\">\n" : "undirected\">\n")) != 0)
        return rc;
    if (o->attr_count > 0) {
        if ((rc = puts_(s, "    <attributes class=\"node\" mode=\"static\">\n")) != 0) return rc;
        for (a = 0; a < o->attr_count; a++) {
            if ((rc = puts_(s, "      <attribute id=\"")) != 0 || (rc = put_u64(s, a)) != 0 ||
                (rc = puts_(s, "\" title=\"")) != 0 || (rc = xml_str(s, o->attr_names[a])) != 0 ||
                (rc = puts_(s, "\" type=\"double\"/>\n")) != 0)
                return rc;
        }
        if ((rc = puts_(s, "    </attributes>\n")) != 0) return rc;
    }
    if ((rc = puts_(s, "    <nodes>\n")) != 0) return rc;
    for (v = 0; v < g->n; v++) {
        if ((rc = puts_(s, "      <node id=\"")) != 0 || (rc = put_u64(s, v)) != 0) return rc;
        if (o->labels && o->labels[v]) {
            if ((rc = puts_(s, "\" label=\"")) != 0 || (rc = xml_str(s, o->labels[v])) != 0) return rc;
        }
        if (o->attr_count == 0) {
            if ((rc = puts_(s, "\"/>\n")) != 0) return rc;
            continue;
        }
        if ((rc = puts_(s, "\">\n        <attvalues>\n")) != 0) return rc;
        for (a = 0; a < o->attr_count; a++) {
            if ((rc = puts_(s, "          <attvalue for=\"")) != 0 || (rc = put_u64(s, a)) != 0 ||
                (rc = puts_(s, "\" value=\"")) != 0 || (rc = put_double(s, o->attr_values[a][v])) != 0 ||
                (rc = puts_(s, "\"/>\n")) != 0)
                return rc;
        }
        if ((rc = puts_(s, "        </attvalues>\n      </node>\n")) != 0) return rc;
    }
    if ((rc = puts_(s, "    </nodes>\n    <edges>\n")) != 0) return rc;
    for (v = 0; v < g->n; v++) {
        for (k = g->out.off[v]; k < g->out.off[v + 1]; k++) {
            uint32_t u = g->out.adj[k];
            if (!g->directed && u < v) continue;
            if ((rc = puts_(s, "      <edge id=\"")) != 0 || (rc = put_u64(s, eid++)) != 0 ||
                (rc = puts_(s, "\" source=\"")) != 0 || (rc = put_u64(s, v)) != 0 ||
                (rc = puts_(s, "\" target=\"")) != 0 || (rc = put_u64(s, u)) != 0)
                return rc;
            if (g->weighted) {
                if ((rc = puts_(s, "\" weight=\"")) != 0 || (rc = put_double(s, g->out.w[k])) != 0) return rc;
            }
            if ((rc = puts_(s, "\"/>\n")) != 0) return rc;
        }
    }
    return puts_(s, "    </edges>\n  </graph>\n</gexf>\n");
}

/* ---- entry points ----------------------------------------------------------------- */

typedef int (*body_fn)(sink *s, const km_graph *g, const km_graph_export_options *o);

static int export_graph(const km_graph *g, const km_graph_export_options *opts, km_write_fn write, void *payload,
                        body_fn body)
{
    km_graph_export_options o = KM_GRAPH_EXPORT_OPTIONS_INIT;
    sink s;
    int rc;
    km__err_clear();
    if (opts) o = *opts;
    if ((rc = check_options(g, &o, write)) != 0) return rc;
    km__buf_init(&s.b, &g->alloc);
    s.fn = write;
    s.payload = payload;
    rc = km__buf_reserve(&s.b, SINK_CHUNK + 64);
    if (rc == 0) rc = body(&s, g, &o);
    if (rc == 0) rc = sink_flush(&s);
    km__buf_free(&s.b);
    return rc;
}

int km_graph_write_dot(const km_graph *g, const km_graph_export_options *opts, km_write_fn write, void *payload)
{
    return export_graph(g, opts, write, payload, dot_body);
}

int km_graph_write_gexf(const km_graph *g, const km_graph_export_options *opts, km_write_fn write, void *payload)
{
    return export_graph(g, opts, write, payload, gexf_body);
}
