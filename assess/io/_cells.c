/*
 * assess.io._cells: the plain cells of a worksheet's <sheetData>, read in C.
 *
 * An optional accelerator for `_FastBook._parse` in sheet_reader.py, which stays the definition of
 * what is read. `parse()` walks the cells exactly as that function's regular expression finds them
 * (the same matches, the same swallowed empty and unused cells) and gives the same rows, but it only
 * takes the commonest shapes: a cell that is empty, or holds a shared string, a number or a boolean
 * in a lone <v>, with only the attributes s and t after r. At anything else (a formula, an inline
 * string, a cell type it does not take, an index written with leading zeros, a row before the ones
 * it made, ...) it gives up and returns None, and the Python code reads the same range itself. It
 * never reads outside [start, end) of the bytes it was given, and it holds no state between calls.
 *
 * Building it is optional (hatch_build.py); ASSESS_PURE_PYTHON=1 turns it off at run time.
 * tests/io/test_cells_accel.py checks that it gives the Python rows or None on sheets, on every
 * fixture and on generated cell soups.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#ifndef CELLS_SOURCE_SHA256
#define CELLS_SOURCE_SHA256 ""
#endif

typedef const unsigned char *ptr;

/* The result of trying one cell head at a `<c`. */
enum { HEAD_NONE = 0, HEAD_EMPTY, HEAD_VALUE, HEAD_OTHER };

typedef struct {
    ptr letters;       /* column letters, 1..3 of them */
    Py_ssize_t nletters;
    ptr row;           /* row digits, 1..7 */
    Py_ssize_t nrow;
    ptr attrs;         /* the attributes after r="..", up to '>' or '/' */
    Py_ssize_t nattrs;
    ptr value;         /* the text of a lone non-empty <v> (HEAD_VALUE), or the body (HEAD_OTHER) */
    Py_ssize_t nvalue;
    ptr next;          /* just past the cell */
} Head;

static int is_upper(unsigned char ch) { return ch >= 'A' && ch <= 'Z'; }
static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }
static int is_re_space(unsigned char ch) {
    /* \s of a bytes pattern */
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static int starts(ptr p, ptr end, const char *lit, Py_ssize_t n) {
    return end - p >= n && memcmp(p, lit, (size_t)n) == 0;
}

/* `<c r="` [A-Z]{1,3}+ [0-9]{1,7}+ `"` [^>/]*+ ; fills letters, row, attrs; returns the position of
 * the '>' or '/' that ends the attributes, or NULL. When `only` is given, the column is one letter
 * from it and the row is not exactly "1" (the swallowed unused-column cell). */
static ptr cell_start(ptr p, ptr end, Head *h, const char *only, Py_ssize_t nonly) {
    if (!starts(p, end, "<c r=\"", 6))
        return NULL;
    p += 6;
    h->letters = p;
    if (only) {
        if (p >= end || !is_upper(*p) || memchr(only, *p, (size_t)nonly) == NULL)
            return NULL;
        p++;
        if (end - p >= 2 && p[0] == '1' && p[1] == '"')
            return NULL;
    } else {
        while (p < end && p - h->letters < 3 && is_upper(*p))
            p++;
        if (p == h->letters)
            return NULL;
    }
    h->nletters = p - h->letters;
    h->row = p;
    while (p < end && p - h->row < 7 && is_digit(*p))
        p++;
    h->nrow = p - h->row;
    if (h->nrow == 0 || p >= end || *p != '"')
        return NULL;
    p++;
    h->attrs = p;
    while (p < end && *p != '>' && *p != '/')
        p++;
    h->nattrs = p - h->attrs;
    return p < end ? p : NULL;
}

/* The first "</c>" in [p, end), or NULL. */
static ptr find_close(ptr p, ptr end) {
    while (end - p >= 4) {
        ptr lt = memchr(p, '<', (size_t)(end - p));
        if (lt == NULL || end - lt < 4)
            return NULL;
        if (lt[1] == '/' && lt[2] == 'c' && lt[3] == '>')
            return lt;
        p = lt + 1;
    }
    return NULL;
}

/* One cell as the head of the Python pattern matches it at `p` (which holds "<c"). */
static int head(ptr p, ptr end, Head *h) {
    ptr q = cell_start(p, end, h, NULL, 0);
    if (q == NULL)
        return HEAD_NONE;
    if (*q == '/') {
        if (end - q >= 2 && q[1] == '>') {
            h->next = q + 2;
            return HEAD_EMPTY;
        }
        return HEAD_NONE;
    }
    /* '>' then <v>text</v></c>, text non-empty and without '<' */
    if (starts(q, end, "><v>", 4)) {
        ptr v = q + 4, e = v;
        while (e < end && *e != '<')
            e++;
        if (e > v && starts(e, end, "</v></c>", 8)) {
            h->value = v;
            h->nvalue = e - v;
            h->next = e + 8;
            return HEAD_VALUE;
        }
    }
    /* '>' (.*?) "</c>": an empty body is an empty cell; any other body is left to Python */
    ptr close = find_close(q + 1, end);
    if (close == NULL)
        return HEAD_NONE;
    h->value = q + 1;  /* the body */
    h->nvalue = close - (q + 1);
    h->next = close + 4;
    return close == q + 1 ? HEAD_EMPTY : HEAD_OTHER;
}

/* The empty cells, and the plain cells of the columns in `skip` below row 1, that follow a cell
 * head with nothing between them: the pattern swallows them without reading them. */
static ptr swallow(ptr p, ptr end, const char *skip, Py_ssize_t nskip) {
    for (;;) {
        Head h;
        ptr q;
        if (nskip > 0 && (q = cell_start(p, end, &h, skip, nskip)) != NULL) {
            if (*q == '/') {
                if (end - q >= 2 && q[1] == '>') {
                    p = q + 2;
                    continue;
                }
            } else {
                q++;  /* past '>' */
                if (starts(q, end, "</c>", 4)) {
                    p = q + 4;
                    continue;
                }
                if (starts(q, end, "<v>", 3)) {
                    ptr e = q + 3;
                    while (e < end && *e != '<')
                        e++;
                    if (starts(e, end, "</v></c>", 8)) {
                        p = e + 8;
                        continue;
                    }
                }
            }
        }
        q = cell_start(p, end, &h, NULL, 0);
        if (q != NULL && *q == '/' && end - q >= 2 && q[1] == '>') {
            p = q + 2;
            continue;
        }
        return p;
    }
}

/* The type and format of a cell from its attributes after r: only ' s="[0-9]{1,6}"' and ' t="..."'
 * with t one of s, n, b (kind 's', 'n', 'b') or inlineStr (kind 'i'), each at most once. 0 when the
 * Python code should read the cell (cm, vm, ph, another type, ...). */
static int cell_kind(const Head *h, char *kind, long *style) {
    int seen_s = 0, seen_t = 0;
    ptr a = h->attrs, end = h->attrs + h->nattrs;
    *kind = 'n';
    *style = 0;
    while (a < end) {
        if (end - a < 5 || a[0] != ' ' || a[2] != '=' || a[3] != '"')
            return 0;
        char name = (char)a[1];
        ptr v = a + 4, e = v;
        while (e < end && *e != '"')
            e++;
        if (e >= end || e == v)
            return 0;
        Py_ssize_t n = e - v;
        if (name == 's' && !seen_s && n <= 6) {
            long x = 0;
            for (ptr d = v; d < e; d++) {
                if (!is_digit(*d))
                    return 0;
                x = x * 10 + (*d - '0');
            }
            *style = x;
            seen_s = 1;
        } else if (name == 't' && !seen_t && n == 1 && (*v == 's' || *v == 'n' || *v == 'b')) {
            *kind = (char)*v;
            seen_t = 1;
        } else if (name == 't' && !seen_t && n == 9 && memcmp(v, "inlineStr", 9) == 0) {
            *kind = 'i';
            seen_t = 1;
        } else {
            return 0;
        }
        a = e + 1;
    }
    return 1;
}

/* The text of an inline string cell whose body is a single plain run, `<is><t>text</t></is>` (or
 * `<t xml:space="preserve">`), as `_rich_text` gives it: UTF-8 with no entity, no _xHHHH_ escape and
 * no carriage return, trimmed of XML white space unless preserved. A new reference, or NULL with no
 * exception set when Python should read it. */
static PyObject *inline_text(const Head *h) {
    ptr b = h->value, end = h->value + h->nvalue;
    int keep = 0;
    if (starts(b, end, "<is><t>", 7)) {
        b += 7;
    } else if (starts(b, end, "<is><t xml:space=\"preserve\">", 28)) {
        b += 28;
        keep = 1;
    } else {
        return NULL;
    }
    if (end - b < 9 || memcmp(end - 9, "</t></is>", 9) != 0)
        return NULL;
    end -= 9;
    for (ptr c = b; c < end; c++) {
        if (*c == '<' || *c == '&' || *c == '\r' || (*c == '_' && c + 1 < end && c[1] == 'x'))
            return NULL;
    }
    if (!keep) {
        while (b < end && (*b == ' ' || *b == '\t' || *b == '\n'))
            b++;
        while (end > b && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
            end--;
    }
    PyObject *text = PyUnicode_DecodeUTF8((const char *)b, end - b, NULL);
    if (text == NULL && PyErr_ExceptionMatches(PyExc_UnicodeDecodeError))
        PyErr_Clear();
    return text;
}

/* Past the run of one or more digits at v[k] (of n), or -1 when there is none. */
static Py_ssize_t digits(ptr v, Py_ssize_t k, Py_ssize_t n) {
    Py_ssize_t start = k;
    while (k < n && is_digit(v[k]))
        k++;
    return k > start ? k : -1;
}

/* The value of a cell with a lone <v>, as `_FastBook._value` (or the shared-string lookup) gives it:
 * a new reference, or NULL with no exception set when Python should read the range instead (NULL with
 * an exception on failure). */
static PyObject *cell_value(const Head *h, char kind, long style, PyObject *shared, const unsigned char *plain,
                            Py_ssize_t nplain, int have_plain) {
    ptr v = h->value;
    Py_ssize_t n = h->nvalue;
    if (kind == 's') {
        /* a canonical index (no leading zeros), inside the table */
        if (n > 9 || (n > 1 && v[0] == '0'))
            return NULL;
        Py_ssize_t i = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            if (!is_digit(v[k]))
                return NULL;
            i = i * 10 + (v[k] - '0');
        }
        if (i >= PyList_GET_SIZE(shared))
            return NULL;
        PyObject *s = PyList_GET_ITEM(shared, i);
        Py_INCREF(s);
        return s;
    }
    if (kind == 'b') {
        if ((n == 1 && v[0] == '1') || (n == 4 && memcmp(v, "true", 4) == 0))
            Py_RETURN_TRUE;
        if ((n == 1 && v[0] == '0') || (n == 5 && memcmp(v, "false", 5) == 0))
            Py_RETURN_FALSE;
        return NULL;
    }
    if (kind != 'n')
        return NULL;
    /* a number: in a format that is not a date or time, written -?D+(.D+)?([eE][+-]?D+)? */
    if (!have_plain)
        return NULL;
    if (style < nplain ? !plain[style] : !(style == 0 && nplain == 0))
        return NULL;
    if (n > 64)
        return NULL;
    Py_ssize_t k = v[0] == '-' ? 1 : 0;
    if ((k = digits(v, k, n)) < 0)
        return NULL;
    if (k < n && v[k] == '.' && (k = digits(v, k + 1, n)) < 0)
        return NULL;
    if (k < n && (v[k] == 'e' || v[k] == 'E')) {
        k++;
        if (k < n && (v[k] == '+' || v[k] == '-'))
            k++;
        if ((k = digits(v, k, n)) < 0)
            return NULL;
    }
    if (k != n)
        return NULL;
    char buf[72];
    memcpy(buf, v, (size_t)n);
    buf[n] = '\0';
    char *stop = NULL;
    double x = PyOS_string_to_double(buf, &stop, NULL);
    if (x == -1.0 && PyErr_Occurred())
        return NULL;
    if (stop != buf + n)
        return NULL;
    return PyFloat_FromDouble(x);
}

static PyObject *EMPTY;

static PyObject *new_row(Py_ssize_t width) {
    PyObject *row = PyList_New(width);
    if (row == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < width; i++) {
        Py_INCREF(EMPTY);
        PyList_SET_ITEM(row, i, EMPTY);
    }
    return row;
}

/* Put `value` (stolen) at column `col` of `row`, growing the row with "" as needed. */
static int place(PyObject *row, Py_ssize_t col, PyObject *value) {
    Py_ssize_t len = PyList_GET_SIZE(row);
    if (col < len)
        return PyList_SetItem(row, col, value);
    while (len < col) {
        if (PyList_Append(row, EMPTY) < 0) {
            Py_DECREF(value);
            return -1;
        }
        len++;
    }
    int rc = PyList_Append(row, value);
    Py_DECREF(value);
    return rc;
}

PyDoc_STRVAR(parse_doc,
"parse(xml, start, end, shared, plain, skip, first_row, width, limit) -> (rows, width) | None\n\n"
"The cells of xml[start:end] as `_FastBook._parse` reads them with the pattern that swallows the\n"
"single-letter columns in `skip` below row 1: `rows` are the rows from index `first_row` on (no cell\n"
"may fall in an earlier row) and `width` the width so far. `shared` is the shared-string list; `skip`\n"
"letters A-Z; `plain` the per-format flags of numbers that are plain (bytes), or None when unread;\n"
"`limit` the most cells (rows x width) a range may reach: a row past it is handed back to Python.\n"
"None when the range holds anything it does not take: then read it in Python.");

static PyObject *parse(PyObject *self, PyObject *args) {
    PyObject *xml, *shared, *plain, *skip;
    Py_ssize_t start, end, first_row, width, limit;
    if (!PyArg_ParseTuple(args, "SnnOOSnnn:parse", &xml, &start, &end, &shared, &plain, &skip, &first_row, &width,
                          &limit))
        return NULL;
    Py_ssize_t size = PyBytes_GET_SIZE(xml);
    if (start < 0 || end > size || start > end || first_row < 0 || width < 0 || limit < 0) {
        PyErr_SetString(PyExc_ValueError, "parse: range or sizes out of bounds");
        return NULL;
    }
    if (!PyList_CheckExact(shared)) {
        PyErr_SetString(PyExc_TypeError, "parse: shared must be a list");
        return NULL;
    }
    const unsigned char *flags = NULL;
    Py_ssize_t nflags = 0;
    int have_plain = plain != Py_None;
    if (have_plain) {
        if (!PyBytes_Check(plain)) {
            PyErr_SetString(PyExc_TypeError, "parse: plain must be bytes or None");
            return NULL;
        }
        flags = (const unsigned char *)PyBytes_AS_STRING(plain);
        nflags = PyBytes_GET_SIZE(plain);
    }
    const char *skips = PyBytes_AS_STRING(skip);
    Py_ssize_t nskip = PyBytes_GET_SIZE(skip);
    for (Py_ssize_t i = 0; i < nskip; i++) {
        if (!is_upper((unsigned char)skips[i])) {  /* Python puts them in a character class */
            PyErr_SetString(PyExc_ValueError, "parse: skip holds column letters A-Z only");
            return NULL;
        }
    }

    ptr base = (ptr)PyBytes_AS_STRING(xml);
    ptr p = base + start, stop = base + end;
    PyObject *rows = PyList_New(0);
    if (rows == NULL)
        return NULL;
    PyObject *line = NULL;    /* borrowed: the row of the last cell placed */
    Py_ssize_t line_at = -1;  /* its index in `rows` */

    while (p < stop) {
        ptr lt = memchr(p, '<', (size_t)(stop - p));
        if (lt == NULL || stop - lt < 2)
            break;
        if (lt[1] != 'c') {
            p = lt + 1;
            continue;
        }
        Head h;
        int got = head(lt, stop, &h);
        if (got == HEAD_NONE) {
            if (stop - lt >= 3 && (is_re_space(lt[2]) || lt[2] == '/' || lt[2] == '>'))
                goto give_up;  /* a cell the Python pattern matches with no column: not plain */
            p = lt + 1;
            continue;
        }
        p = swallow(h.next, stop, skips, nskip);
        if (got == HEAD_EMPTY)
            continue;
        char kind;
        long style;
        if (!cell_kind(&h, &kind, &style))
            goto give_up;
        if ((got == HEAD_OTHER) != (kind == 'i'))
            goto give_up;  /* a formula, an empty <v>, ...; or an inline string's type on a lone <v> */
        PyObject *value = got == HEAD_OTHER ? inline_text(&h)
                                            : cell_value(&h, kind, style, shared, flags, nflags, have_plain);
        if (value == NULL) {
            if (PyErr_Occurred())
                goto fail;
            goto give_up;
        }
        Py_ssize_t r = 0;
        for (Py_ssize_t k = 0; k < h.nrow; k++)
            r = r * 10 + (h.row[k] - '0');
        r -= 1;
        if (r < first_row) {
            Py_DECREF(value);
            goto give_up;
        }
        Py_ssize_t at = r - first_row;
        if (at != line_at) {
            if (at >= PyList_GET_SIZE(rows) && (r + 1) > limit / (width > 0 ? width : 1)) {
                Py_DECREF(value);
                goto give_up;  /* more cells than a sheet may have: Python says so, before making the rows */
            }
            while (PyList_GET_SIZE(rows) <= at) {
                PyObject *row = new_row(width);
                if (row == NULL || PyList_Append(rows, row) < 0) {
                    Py_XDECREF(row);
                    Py_DECREF(value);
                    goto fail;
                }
                Py_DECREF(row);
            }
            line = PyList_GET_ITEM(rows, at);
            line_at = at;
        }
        Py_ssize_t col = 0;
        for (Py_ssize_t k = 0; k < h.nletters; k++)
            col = col * 26 + (h.letters[k] - 'A' + 1);
        col -= 1;
        if (col >= width) {
            if (first_row + PyList_GET_SIZE(rows) > limit / (col + 1)) {
                Py_DECREF(value);
                goto give_up;  /* as wide as this, more cells than a sheet may have: Python says so */
            }
            width = col + 1;
        }
        if (place(line, col, value) < 0)
            goto fail;
    }
    return Py_BuildValue("(Nn)", rows, width);

give_up:
    Py_DECREF(rows);
    Py_RETURN_NONE;
fail:
    Py_DECREF(rows);
    return NULL;
}

static PyMethodDef methods[] = {
    {"parse", parse, METH_VARARGS, parse_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cells",
    "The plain cells of a worksheet, read in C: an optional accelerator for the answer-sheet reader.",
    -1, methods,
};

PyMODINIT_FUNC PyInit__cells(void) {
    EMPTY = PyUnicode_FromStringAndSize("", 0);
    if (EMPTY == NULL)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "source_sha256", CELLS_SOURCE_SHA256) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
