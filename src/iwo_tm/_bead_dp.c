/* The dynamic program of iwo_tm.bead_search for one article, compiled.
 *
 * The same costs as bead_search.BeadSearch.block_costs and the same recurrence as
 * BeadSearch._search_batch, computed cell by cell instead of row by row over numpy vectors,
 * with every floating-point operation in the same order, so that both give the same chain of
 * beads (tests/test_bead_search.py compares them). numpy's vectors pay a call per row and per
 * shape, which is most of the search's time on articles of a few dozen sentences; here a cell
 * costs a few dozen additions.
 *
 * Arrays arrive through the buffer protocol (numpy arrays, C-contiguous float64), so this
 * module needs no numpy headers to build.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHAPES 16
#define MAX_RUN 3 /* most sentences of one side in a bead (bead_search.LONGEST) */
#define MAX_SOURCES 4

typedef struct {
    int a, b, code;
    double cost;
} Shape;

typedef struct {
    const double *hits;  /* (n + 1) x (m + 1) 2-D prefix sums of word hits */
    const double *count; /* n + 1 prefix sums of the source's Spanish word counts */
} Source;

/* Facts of one side, as bead_search.Side.facts: six prefix sums of len + 1 values each. */
enum { LENGTH, COUNT, HEADING, CAPTION, BOLD, FIRST };

static inline double fact(const double *facts, Py_ssize_t len, int row, Py_ssize_t k) {
    return facts[row * (len + 1) + k];
}

/* bead_search._Gaps._gap: a sentence with `support` of its words found across costs 0. */
static inline double gap(double share, double full) {
    double s = share * full;
    return 1.0 - (s < 1.0 ? s : 1.0);
}

static inline int code_of(const double *facts, Py_ssize_t len, Py_ssize_t start, Py_ssize_t end,
                          int k) {
    int code = 0;
    if (fact(facts, len, HEADING, end) - fact(facts, len, HEADING, start) > 0) code |= 1;
    if (fact(facts, len, CAPTION, end) - fact(facts, len, CAPTION, start) > 0) code |= 2;
    if (fact(facts, len, BOLD, end) - fact(facts, len, BOLD, start) == (double)k) code |= 4;
    return code;
}

static int get_doubles(PyObject *obj, Py_buffer *view, Py_ssize_t count, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    const char *format = view->format ? view->format : "B";
    size_t f = strlen(format);
    if (view->itemsize != 8 || f == 0 || format[f - 1] != 'd' ||
        view->len != count * 8) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd float64 values", what, count);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *search(PyObject *self, PyObject *args) {
    (void)self;
    Py_ssize_t n, m, steps_count;
    PyObject *es_obj, *en_obj, *sources_obj, *skip_es_obj, *skip_en_obj, *shapes_obj;
    PyObject *surprise_obj, *structure_obj;
    double cross, full, ratio, variance, steps;
    int code_en_only;
    if (!PyArg_ParseTuple(args, "nnOOOOOOOOdddddi", &n, &m, &es_obj, &en_obj, &sources_obj,
                          &skip_es_obj, &skip_en_obj, &shapes_obj, &surprise_obj,
                          &structure_obj, &cross, &full, &ratio, &variance, &steps,
                          &code_en_only))
        return NULL;
    if (n < 0 || m < 0) return PyErr_Format(PyExc_ValueError, "negative size");

    Shape shapes[MAX_SHAPES];
    Py_ssize_t n_shapes = PySequence_Size(shapes_obj);
    if (n_shapes < 0) return NULL;
    if (n_shapes > MAX_SHAPES) return PyErr_Format(PyExc_ValueError, "too many shapes");
    for (Py_ssize_t s = 0; s < n_shapes; s++) {
        PyObject *t = PySequence_GetItem(shapes_obj, s);
        if (!t) return NULL;
        int ok = PyArg_ParseTuple(t, "iidi", &shapes[s].a, &shapes[s].b, &shapes[s].cost,
                                  &shapes[s].code);
        Py_DECREF(t);
        if (!ok) return NULL;
        if (shapes[s].a < 1 || shapes[s].a > MAX_RUN || shapes[s].b < 0 ||
            shapes[s].b > MAX_RUN || (shapes[s].b == 0 && shapes[s].a != 1))
            return PyErr_Format(PyExc_ValueError,
                                "a shape must be (1, 0) or (a, b) with 1 <= a, b <= %d", MAX_RUN);
    }
    int max_a = 1, max_b = 1; /* the gaps only of runs some shape reads (pass 1 has 1-1 only) */
    for (Py_ssize_t s = 0; s < n_shapes; s++) {
        if (shapes[s].a > max_a) max_a = shapes[s].a;
        if (shapes[s].b > max_b) max_b = shapes[s].b;
    }
    Py_ssize_t n_sources = PySequence_Size(sources_obj);
    if (n_sources < 0) return NULL;
    if (n_sources < 1 || n_sources > MAX_SOURCES)
        return PyErr_Format(PyExc_ValueError, "1 to %d sources", MAX_SOURCES);

    Py_buffer views[8 + 2 * MAX_SOURCES];
    int held = 0;
    PyObject *result = NULL;
    double *rows = NULL, *es_words = NULL, *en_words = NULL, *es_gap = NULL, *en_gap = NULL;
    double *en_length = NULL, *en_fixed = NULL;
    int *en_code = NULL;
    signed char *back = NULL;
    Source sources[MAX_SOURCES];
#define TAKE(obj, count, what)                                              \
    (get_doubles((obj), &views[held], (count), (what)) < 0 ? NULL           \
                                                           : (const double *)views[held++].buf)
    const double *es = TAKE(es_obj, 6 * (n + 1), "Spanish facts");
    if (!es) goto done;
    const double *en = TAKE(en_obj, 6 * (m + 1), "English facts");
    if (!en) goto done;
    const double *skip_es = TAKE(skip_es_obj, n, "Spanish skip costs");
    if (!skip_es) goto done;
    const double *skip_en = TAKE(skip_en_obj, m + 1, "English skip sums");
    if (!skip_en) goto done;
    const double *structure = TAKE(structure_obj, 64, "structure table");
    if (!structure) goto done;
    steps_count = PyObject_Length(surprise_obj);
    if (steps_count < 1) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "empty surprise table");
        goto done;
    }
    const double *surprise = TAKE(surprise_obj, steps_count, "surprise table");
    if (!surprise) goto done;
    for (Py_ssize_t k = 0; k < n_sources; k++) {
        PyObject *pair = PySequence_GetItem(sources_obj, k);
        if (!pair) goto done;
        PyObject *h = NULL, *c = NULL;
        if (!PyArg_ParseTuple(pair, "OO", &h, &c)) {
            Py_DECREF(pair);
            goto done;
        }
        sources[k].hits = TAKE(h, (n + 1) * (m + 1), "hit sums");
        sources[k].count = sources[k].hits ? TAKE(c, n + 1, "word counts") : NULL;
        Py_DECREF(pair);
        if (!sources[k].count) goto done;
    }
#undef TAKE

    Py_ssize_t width = m + 1;
    const Py_ssize_t ring = MAX_RUN + 1; /* rows kept: the longest bead looks MAX_RUN back */
    rows = malloc(sizeof(double) * ring * width);
    back = malloc((size_t)(n + 1) * width);
    es_words = malloc(sizeof(double) * (n_sources * (n + 1)));
    en_words = malloc(sizeof(double) * (m + 1));
    /* gaps, computed once and read by every shape: es_gap[r % MAX_RUN][b][j] for Spanish
       sentence r - 1 against English [j - b, j); en_gap[a][c] for English sentence c - 1
       against the row's Spanish [i - a, i) */
    es_gap = malloc(sizeof(double) * MAX_RUN * (MAX_RUN + 1) * width);
    en_gap = malloc(sizeof(double) * (MAX_RUN + 1) * width);
    /* English runs of b sentences ending at j: length, structure code, paragraph crossings */
    en_length = malloc(sizeof(double) * (MAX_RUN + 1) * width);
    en_fixed = malloc(sizeof(double) * (MAX_RUN + 1) * width);
    en_code = malloc(sizeof(int) * (MAX_RUN + 1) * width);
    if (!rows || !back || !es_words || !en_words || !es_gap || !en_gap || !en_length ||
        !en_fixed || !en_code) {
        PyErr_NoMemory();
        goto done;
    }
    /* each sentence's word count, at least 1 (as _Gaps and _Stack.words) */
    for (Py_ssize_t k = 0; k < n_sources; k++)
        for (Py_ssize_t r = 1; r <= n; r++) {
            double w = sources[k].count[r] - sources[k].count[r - 1];
            es_words[k * (n + 1) + r] = w > 1.0 ? w : 1.0;
        }
    for (Py_ssize_t c = 1; c <= m; c++) {
        double w = fact(en, m, COUNT, c) - fact(en, m, COUNT, c - 1);
        en_words[c] = w > 1.0 ? w : 1.0;
    }
    for (int b = 1; b <= max_b; b++)
        for (Py_ssize_t j = b; j <= m; j++) {
            en_length[b * width + j] = fact(en, m, LENGTH, j) - fact(en, m, LENGTH, j - b);
            en_fixed[b * width + j] =
                cross * (fact(en, m, FIRST, j) - fact(en, m, FIRST, j - b + 1));
            en_code[b * width + j] = code_of(en, m, j - b, j, b);
        }

    Py_BEGIN_ALLOW_THREADS
    /* rows[(i % ring) * width + j]: the best cost of Spanish [0, i) with English [0, j),
       minus the cost of skipping English [0, j), as _search_batch keeps them */
    for (Py_ssize_t j = 0; j <= m; j++) rows[j] = 0.0;
    memset(back, code_en_only, (size_t)width);
    for (Py_ssize_t i = 1; i <= n; i++) {
        double *row = rows + (i % ring) * width;
        signed char *pick = back + i * width;
        /* this row's gaps: Spanish sentence i - 1 against every English run (_Gaps.spanish),
           every English sentence against the Spanish runs ending here (_Gaps.english) */
        double *mine = es_gap + (i % MAX_RUN) * (MAX_RUN + 1) * width;
        for (int b = 1; b <= max_b; b++)
            for (Py_ssize_t j = b; j <= m; j++) {
                double share = 0.0;
                for (Py_ssize_t q = 0; q < n_sources; q++) {
                    const double *h = sources[q].hits;
                    double one = h[i * width + j] - h[(i - 1) * width + j];
                    double from = h[i * width + j - b] - h[(i - 1) * width + j - b];
                    double x = (one - from) / es_words[q * (n + 1) + i];
                    share = q == 0 ? x : (x > share ? x : share);
                }
                mine[b * width + j] = gap(share, full);
            }
        double l1[MAX_RUN + 1], spread[MAX_RUN + 1], es_fixed[MAX_RUN + 1];
        int es_code[MAX_RUN + 1];
        for (int a = 1; a <= max_a && a <= i; a++) {
            for (Py_ssize_t c = 1; c <= m; c++) {
                double share = 0.0;
                for (Py_ssize_t q = 0; q < n_sources; q++) {
                    const double *h = sources[q].hits;
                    double now = h[i * width + c] - h[(i - a) * width + c];
                    double before = h[i * width + c - 1] - h[(i - a) * width + c - 1];
                    double x = (now - before) / en_words[c];
                    share = q == 0 ? x : (x > share ? x : share);
                }
                en_gap[a * width + c] = gap(share, full);
            }
            l1[a] = fact(es, n, LENGTH, i) - fact(es, n, LENGTH, i - a);
            spread[a] = steps / sqrt((l1[a] > 1.0 ? l1[a] : 1.0) * variance);
            es_code[a] = code_of(es, n, i - a, i, a);
            es_fixed[a] = cross * (fact(es, n, FIRST, i) - fact(es, n, FIRST, i - a + 1));
        }
        double running = INFINITY;
        for (Py_ssize_t j = 0; j <= m; j++) {
            double best = INFINITY;
            int best_code = shapes[0].code;
            for (Py_ssize_t s = 0; s < n_shapes; s++) {
                const int a = shapes[s].a, b = shapes[s].b;
                double value;
                if (b == 0) { /* 1-0: the Spanish sentence left out */
                    value = rows[((i - 1) % ring) * width + j] + (skip_es[i - 1] + 0.0);
                } else if (i < a || j < b) {
                    value = INFINITY;
                } else {
                    /* lexical gaps: each Spanish sentence of the bead, then each English one */
                    double cost = es_gap[((i - a + 1) % MAX_RUN) * (MAX_RUN + 1) * width +
                                         b * width + j];
                    for (int k = 1; k < a; k++)
                        cost += es_gap[((i - a + k + 1) % MAX_RUN) * (MAX_RUN + 1) * width +
                                       b * width + j];
                    for (int k = 0; k < b; k++) cost += en_gap[a * width + j - b + k + 1];
                    /* length: Gale & Church's surprise, looked up in steps */
                    double delta = fabs((l1[a] * ratio - en_length[b * width + j]) * spread[a]);
                    Py_ssize_t step = delta >= (double)(steps_count - 1)
                                          ? steps_count - 1
                                          : (Py_ssize_t)delta;
                    cost += surprise[step];
                    cost += structure[es_code[a] * 8 + en_code[b * width + j]];
                    /* paragraph boundaries crossed, and the shape's own cost */
                    cost += (es_fixed[a] + shapes[s].cost) + en_fixed[b * width + j];
                    /* from the kept row at column j - b to the kept row at column j */
                    cost += skip_en[j - b] - skip_en[j];
                    value = rows[((i - a) % ring) * width + j - b] + cost;
                }
                if (s == 0 || value < best) { /* the first of equal costs, as argmin */
                    best = value;
                    best_code = shapes[s].code;
                }
            }
            /* 0-1 (an English sentence left out) is the running minimum of kept rows */
            running = j == 0 || best < running ? best : running;
            row[j] = running;
            pick[j] = running < best ? code_en_only : best_code;
        }
    }
    Py_END_ALLOW_THREADS

    /* the chain, from the end: one shape code per bead, last bead first */
    {
        PyObject *codes = PyBytes_FromStringAndSize(NULL, n + m);
        if (!codes) goto done;
        char *out = PyBytes_AS_STRING(codes);
        Py_ssize_t i = n, j = m, count = 0;
        while (i || j) {
            int code = back[i * width + j];
            int a = 0, b = 0;
            if (code == code_en_only) {
                b = 1;
            } else {
                for (Py_ssize_t s = 0; s < n_shapes; s++)
                    if (shapes[s].code == code) {
                        a = shapes[s].a;
                        b = shapes[s].b;
                        break;
                    }
            }
            if (a == 0 && b == 0) { /* cannot happen: every code written is a shape's */
                Py_DECREF(codes);
                PyErr_SetString(PyExc_RuntimeError, "broken back-pointer");
                goto done;
            }
            out[count++] = (char)code;
            i -= a;
            j -= b;
        }
        if (_PyBytes_Resize(&codes, count) < 0) goto done;
        result = codes;
    }

done:
    for (int k = 0; k < held; k++) PyBuffer_Release(&views[k]);
    free(rows);
    free(back);
    free(es_words);
    free(en_words);
    free(es_gap);
    free(en_gap);
    free(en_length);
    free(en_fixed);
    free(en_code);
    return result;
}

static PyMethodDef methods[] = {
    {"search", search, METH_VARARGS,
     "search(n, m, es_facts, en_facts, sources, skip_es, skip_en_cum, shapes, surprise, "
     "structure, cross_paragraph, full, ratio, variance, steps, code_en_only)"
     " -> bytes: the cheapest chain's bead codes, last bead first."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_bead_dp",
    "The bead search's dynamic program for one article, compiled (see bead_search).", -1,
    methods,
};

PyMODINIT_FUNC PyInit__bead_dp(void) { return PyModule_Create(&module); }
