/*
 * The XLSX reader (see xlsx.h): libzip opens the container, libxml2's
 * streaming reader (xmlTextReader) reads each part, so a sheet is read in
 * one pass with memory for its cells only. Parts are found the way Excel
 * finds them: _rels/.rels names the workbook, the workbook's rels name its
 * sheets and shared strings; element names are matched by their local
 * name, so a writer's namespace prefix (x:c) does not matter.
 */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "xlsx.h"

struct xlsx {
	struct xlsx_limits lim;
	struct arena *a;
	struct buf err;
	struct buf file;            /* xlsx_open_file: the file's bytes */
	const char *name;           /* for messages */
	zip_source_t *src;
	zip_t *za;
	size_t total;               /* inflated bytes read so far */
	struct xlsx_sheet *sheet;
	int nsheets;
	const struct xlsx_table **table;  /* read sheets, by index */
	const char *sst_part;       /* shared strings member, or NULL */
	int sst_loaded;
	char **sst;                 /* shared strings */
	size_t *sst_len;
	long nsst;
};

void xlsx_limits_default(struct xlsx_limits *l)
{
	l->max_file = (size_t)64 << 20;
	l->max_part = (size_t)64 << 20;
	l->max_total = (size_t)256 << 20;
	l->max_entries = 10000;
	l->max_sheets = 256;
	l->max_rows = 65536;
	l->max_cols = 1024;
	l->max_cells = 2000000;
	l->max_strings = 1000000;
	l->max_cell = (size_t)1 << 20;
}

/* libxml2 2.9 sets up its globals on first use, which is not safe from
 * two threads at once: the server reads uploads outside its writer lock,
 * several at a time. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

struct xlsx *xlsx_new(const struct xlsx_limits *lim)
{
	struct xlsx *x;

	pthread_once(&xml_once, xmlInitParser);
	x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	if (lim)
		x->lim = *lim;
	else
		xlsx_limits_default(&x->lim);
	x->a = arena_new();
	if (!x->a) {
		free(x);
		return NULL;
	}
	buf_init(&x->err, 4096);
	buf_init(&x->file, 0);
	x->name = "xlsx";
	return x;
}

static void close_zip(struct xlsx *x)
{
	if (x->za)
		zip_discard(x->za);     /* frees its source too */
	else if (x->src)
		zip_source_free(x->src);
	x->za = NULL;
	x->src = NULL;
}

void xlsx_free(struct xlsx *x)
{
	if (!x)
		return;
	close_zip(x);
	arena_free(x->a);
	buf_release(&x->err);
	buf_release(&x->file);
	free(x);
}

const char *xlsx_errmsg(const struct xlsx *x)
{
	return x->err.ptr;
}

int xlsx_nsheets(const struct xlsx *x)
{
	return x->nsheets;
}

const struct xlsx_sheet *xlsx_sheet(const struct xlsx *x, int i)
{
	return i >= 0 && i < x->nsheets ? &x->sheet[i] : NULL;
}

int xlsx_find_sheet(const struct xlsx *x, const char *name)
{
	int i;

	for (i = 0; i < x->nsheets; i++)
		if (!strcmp(x->sheet[i].name, name))
			return i;
	return -1;
}

static int fail(struct xlsx *x, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(struct xlsx *x, int rc, const char *fmt, ...)
{
	va_list ap;

	if (x->err.len)           /* the first error is the one that matters */
		return rc;
	buf_printf(&x->err, "%s: ", x->name);
	va_start(ap, fmt);
	buf_vprintf(&x->err, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- cell references ---- */

int xlsx_ref_parse(const char *s, size_t n, long *row, int *col)
{
	size_t i = 0;
	long c = 0, r = 0;
	int nc = 0, nr = 0;

	if (i < n && s[i] == '$')
		i++;
	for (; i < n && s[i] >= 'A' && s[i] <= 'Z' && nc < 4; i++, nc++)
		c = c * 26 + (s[i] - 'A' + 1);
	if (!nc || c > 16384)
		return MD_EINPUT;
	if (i < n && s[i] == '$')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9' && nr < 8; i++, nr++)
		r = r * 10 + (s[i] - '0');
	if (i != n || (nr && (r < 1 || r > 1048576)) || (nr && s[i - nr] == '0'))
		return MD_EINPUT;
	*col = (int)(c - 1);
	*row = nr ? r - 1 : -1;
	return 0;
}

void xlsx_col_name(int col, char out[4])
{
	char t[4];
	int n = 0, i;

	if (col < 0 || col >= 16384) {
		out[0] = '?';
		out[1] = 0;
		return;
	}
	col++;
	while (col && n < 3) {
		t[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = t[n - 1 - i];
	out[n] = 0;
}

/* ---- the container ---- */

/* Reads member part (a path inside the zip) into out, within the limits.
 * MD_ENOTFOUND when there is no such member (nothing said in err). */
static int part_read(struct xlsx *x, const char *part, struct buf *out)
{
	zip_stat_t zs;
	zip_file_t *zf = NULL;
	zip_int64_t idx, got;
	char chunk[16384];
	size_t cap = x->lim.max_part;
	int rc = MD_EINPUT;

	buf_reset(out);
	idx = zip_name_locate(x->za, part, ZIP_FL_NOCASE);
	if (idx < 0)
		return MD_ENOTFOUND;
	zip_stat_init(&zs);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &zs))
		return fail(x, MD_EINPUT, "%s: unreadable zip entry: %s", part,
			    zip_strerror(x->za));
	if ((zs.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    zs.encryption_method != ZIP_EM_NONE)
		return fail(x, MD_EINPUT, "%s: encrypted (password-protected workbooks are not read)",
			    part);
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > cap)
		return fail(x, MD_EINPUT, "%s: declares %llu bytes uncompressed, over the limit of %zu bytes a part",
			    part, (unsigned long long)zs.size, cap);
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > x->lim.max_total - x->total)
		return fail(x, MD_EINPUT, "%s: declares %llu bytes uncompressed, over the limit of %zu bytes in all",
			    part, (unsigned long long)zs.size, x->lim.max_total);
	zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!zf)
		return fail(x, MD_EINPUT, "%s: cannot be opened: %s", part,
			    zip_strerror(x->za));
	/* inflate no more than the caps, whatever the header said */
	while ((got = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
		if ((size_t)got > cap - out->len ||
		    (size_t)got > x->lim.max_total - x->total - out->len) {
			rc = fail(x, MD_EINPUT, "%s: inflates past the limit of %zu bytes",
				  part, out->len + (size_t)got > cap ? cap : x->lim.max_total);
			goto out;
		}
		if (buf_add(out, chunk, (size_t)got)) {
			rc = MD_ENOMEM;
			goto out;
		}
	}
	if (got < 0) {
		rc = fail(x, MD_EINPUT, "%s: corrupt data: %s", part,
			  zip_file_strerror(zf));
		goto out;
	}
	if (out->len > INT_MAX) {
		rc = fail(x, MD_EINPUT, "%s: too large", part);
		goto out;
	}
	x->total += out->len;
	rc = 0;
out:
	zip_fclose(zf);
	return rc;
}

/* ---- XML ---- */

struct xml {
	struct xlsx *x;
	xmlTextReaderPtr r;
	const char *part;
	int failed;
	long line;
	char msg[256];
};

static void xml_error(void *arg, const char *msg, xmlParserSeverities sev,
		      xmlTextReaderLocatorPtr loc)
{
	struct xml *m = arg;
	size_t n;

	if (sev == XML_PARSER_SEVERITY_WARNING ||
	    sev == XML_PARSER_SEVERITY_VALIDITY_WARNING || m->failed)
		return;
	m->failed = 1;
	m->line = loc ? xmlTextReaderLocatorLineNumber(loc) : 0;
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (n >= sizeof(m->msg))
		n = sizeof(m->msg) - 1;
	memcpy(m->msg, msg, n);
	m->msg[n] = 0;
}

static int xml_open(struct xml *m, struct xlsx *x, const char *part,
		    const struct buf *data)
{
	memset(m, 0, sizeof(*m));
	m->x = x;
	m->part = part;
	/* no network, no entity substitution, no DTD loading */
	m->r = xmlReaderForMemory(data->ptr, (int)data->len, part, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!m->r)
		return fail(x, MD_ENOMEM, "%s: cannot start the XML reader", part);
	xmlTextReaderSetErrorHandler(m->r, xml_error, m);
	return 0;
}

static void xml_close(struct xml *m)
{
	if (m->r)
		xmlFreeTextReader(m->r);
	m->r = NULL;
}

/* The next node: 1, 0 at the end, or an error (said in err). */
static int xml_next(struct xml *m)
{
	int t, rc = xmlTextReaderRead(m->r);

	if (rc < 0 || m->failed) {
		if (m->failed)
			return fail(m->x, MD_EINPUT, "%s:%ld: not well-formed XML: %s",
				    m->part, m->line, m->msg);
		return fail(m->x, MD_EINPUT, "%s: not well-formed XML", m->part);
	}
	if (rc == 0)
		return 0;
	t = xmlTextReaderNodeType(m->r);
	if (t == XML_READER_TYPE_DOCUMENT_TYPE || t == XML_READER_TYPE_ENTITY_REFERENCE)
		return fail(m->x, MD_EINPUT, "%s:%d: a document type or entity (refused: workbooks have none)",
			    m->part, xmlTextReaderGetParserLineNumber(m->r));
	return 1;
}

static int is_elem(struct xml *m, const char *local)
{
	const char *n = (const char *)xmlTextReaderConstLocalName(m->r);

	return n && !strcmp(n, local);
}

/* The value of the attribute with this local name (prefixed when ns),
 * or NULL, copied into tmp (libxml2 may reuse its own copy at the next
 * call); a value that does not fit gives "?", which no caller accepts. */
static const char *attr_buf(struct xml *m, const char *local, int ns, char *tmp,
			    size_t tmpn)
{
	const char *v = NULL;
	int ok;

	for (ok = xmlTextReaderMoveToFirstAttribute(m->r); ok == 1;
	     ok = xmlTextReaderMoveToNextAttribute(m->r)) {
		const char *n = (const char *)xmlTextReaderConstLocalName(m->r);
		const char *p = (const char *)xmlTextReaderConstPrefix(m->r);

		if (n && !strcmp(n, local) && (ns ? p != NULL : p == NULL) &&
		    !(p && !strcmp(p, "xmlns"))) {
			v = (const char *)xmlTextReaderConstValue(m->r);
			break;
		}
	}
	xmlTextReaderMoveToElement(m->r);
	if (!v)
		return NULL;
	if (strlen(v) >= tmpn)
		v = "?";
	memcpy(tmp, v, strlen(v) + 1);
	return tmp;
}

#define attr(m, local, ns, tmp) attr_buf(m, local, ns, tmp, sizeof(tmp))

/* The same copied into the arena (any length); NULL when absent or out of
 * memory (*oom set). */
static const char *attr_dup(struct xml *m, const char *local, int ns, int *oom)
{
	const char *v = NULL, *d;
	int ok;

	for (ok = xmlTextReaderMoveToFirstAttribute(m->r); ok == 1;
	     ok = xmlTextReaderMoveToNextAttribute(m->r)) {
		const char *n = (const char *)xmlTextReaderConstLocalName(m->r);
		const char *p = (const char *)xmlTextReaderConstPrefix(m->r);

		if (n && !strcmp(n, local) && (ns ? p != NULL : p == NULL) &&
		    !(p && !strcmp(p, "xmlns"))) {
			v = (const char *)xmlTextReaderConstValue(m->r);
			break;
		}
	}
	d = v ? arena_strdup(m->x->a, v) : NULL;
	xmlTextReaderMoveToElement(m->r);
	if (v && !d)
		*oom = 1;
	return d;
}

static int is_text(struct xml *m)
{
	int t = xmlTextReaderNodeType(m->r);

	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_WHITESPACE ||
	       t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static int is_start(struct xml *m)
{
	return xmlTextReaderNodeType(m->r) == XML_READER_TYPE_ELEMENT;
}

static int is_end(struct xml *m)
{
	return xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT ||
	       (is_start(m) && xmlTextReaderIsEmptyElement(m->r));
}

static int hex4(const char *s, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = s[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	return 1;
}

/* Excel's escapes of characters XML cannot hold: _x000D_ is CR, _x005F_ an
 * underscore; decoded in place (never longer). NUL and surrogates stay as
 * written. */
static size_t unescape(char *s, size_t n)
{
	size_t i, o = 0;
	unsigned v;

	for (i = 0; i < n;) {
		if (s[i] == '_' && i + 7 <= n && s[i + 1] == 'x' && s[i + 6] == '_' &&
		    hex4(s + i + 2, &v) && v && (v < 0xD800 || v > 0xDFFF)) {
			if (v < 0x80) {
				s[o++] = (char)v;
			} else if (v < 0x800) {
				s[o++] = (char)(0xC0 | (v >> 6));
				s[o++] = (char)(0x80 | (v & 0x3F));
			} else {
				s[o++] = (char)(0xE0 | (v >> 12));
				s[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
				s[o++] = (char)(0x80 | (v & 0x3F));
			}
			i += 7;
			continue;
		}
		s[o++] = s[i++];
	}
	s[o] = 0;
	return o;
}

/* ---- relationships and the workbook ---- */

/* part resolved against the folder of from ("xl/workbook.xml" + "worksheets/
 * sheet1.xml" = "xl/worksheets/sheet1.xml"; "/xl/x.xml" is absolute), with
 * "." and ".." segments removed; NULL when it climbs out of the zip. */
static const char *resolve(struct xlsx *x, const char *from, const char *target)
{
	struct buf p = BUF_INIT, o = BUF_INIT;
	const char *slash, *s, *res = NULL;
	size_t i = 0;

	if (target[0] == '/') {
		buf_puts(&p, target + 1);
	} else {
		slash = strrchr(from, '/');
		if (slash)
			buf_add(&p, from, (size_t)(slash - from + 1));
		buf_puts(&p, target);
	}
	while (i <= p.len && !buf_error(&p)) {
		size_t j = i;

		while (j < p.len && p.ptr[j] != '/')
			j++;
		s = p.ptr + i;
		if (j - i == 2 && !memcmp(s, "..", 2)) {
			while (o.len && o.ptr[o.len - 1] != '/')
				o.len--;
			if (!o.len)
				goto out;
			o.len--;
			while (o.len && o.ptr[o.len - 1] != '/')
				o.len--;
			buf_truncate(&o, o.len);
		} else if (j > i && !(j - i == 1 && *s == '.')) {
			buf_add(&o, s, j - i);
			if (j < p.len)
				buf_putc(&o, '/');
		}
		i = j + 1;
	}
	if (!buf_error(&o) && o.len)
		res = arena_strndup(x->a, o.ptr, o.len);
out:
	buf_release(&p);
	buf_release(&o);
	return res;
}

/* The folder of a part's rels: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
static const char *rels_of(struct xlsx *x, const char *part)
{
	const char *slash = strrchr(part, '/');

	if (!slash)
		return arena_printf(x->a, "_rels/%s.rels", part);
	return arena_printf(x->a, "%.*s/_rels/%s.rels", (int)(slash - part), part,
			    slash + 1);
}

struct rel {
	const char *id, *type, *target;
};

/* Reads the rels of part (none: *n = 0). */
static int read_rels(struct xlsx *x, const char *part, struct rel **out, int *n)
{
	struct buf data = BUF_INIT;
	struct xml m;
	const char *rp = rels_of(x, part);
	struct rel *rel = NULL;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	memset(&m, 0, sizeof(m));
	if (!rp)
		return MD_ENOMEM;
	rc = part_read(x, rp, &data);
	if (rc == MD_ENOTFOUND) {
		rc = 0;
		goto out;
	}
	if (rc || (rc = xml_open(&m, x, rp, &data)))
		goto out;
	while ((rc = xml_next(&m)) == 1) {
		const char *id, *type, *target, *mode;
		int oom = 0;

		if (!is_start(&m) || !is_elem(&m, "Relationship"))
			continue;
		id = attr_dup(&m, "Id", 0, &oom);
		type = attr_dup(&m, "Type", 0, &oom);
		target = attr_dup(&m, "Target", 0, &oom);
		mode = attr_dup(&m, "TargetMode", 0, &oom);
		if (oom) {
			rc = MD_ENOMEM;
			goto out;
		}
		if (!id || !type || !target || (mode && !strcmp(mode, "External")))
			continue;
		if (*n >= x->lim.max_entries) {
			rc = fail(x, MD_EINPUT, "%s: more than %ld relationships (the limit)",
				  rp, x->lim.max_entries);
			goto out;
		}
		if (*n == cap) {
			int ncap = cap ? cap * 2 : 16;
			struct rel *nr = arena_alloc(x->a, sizeof(*nr) * (size_t)ncap);

			if (!nr) {
				rc = MD_ENOMEM;
				goto out;
			}
			if (*n)
				memcpy(nr, rel, sizeof(*nr) * (size_t)*n);
			rel = nr;
			cap = ncap;
		}
		rel[*n].id = id;
		rel[*n].type = type;
		rel[*n].target = resolve(x, part, target);
		if (!rel[*n].target) {
			rc = fail(x, MD_EINPUT, "%s: target \"%.80s\" outside the workbook",
				  rp, target);
			goto out;
		}
		(*n)++;
	}
	if (rc == 0)
		*out = rel;
out:
	xml_close(&m);
	buf_release(&data);
	return rc;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

static int read_workbook(struct xlsx *x)
{
	struct buf data = BUF_INIT;
	struct xml m;
	struct rel *rel;
	const char *wb = "xl/workbook.xml";
	int rc, nrel, i, cap = 0;

	memset(&m, 0, sizeof(m));
	if ((rc = read_rels(x, "", &rel, &nrel)))
		goto out;
	for (i = 0; i < nrel; i++)
		if (ends_with(rel[i].type, "/officeDocument"))
			wb = rel[i].target;
	if ((rc = read_rels(x, wb, &rel, &nrel)))
		goto out;
	for (i = 0; i < nrel; i++)
		if (ends_with(rel[i].type, "/sharedStrings"))
			x->sst_part = rel[i].target;
	rc = part_read(x, wb, &data);
	if (rc == MD_ENOTFOUND) {
		rc = fail(x, MD_EINPUT, "not a workbook (no %s in the zip)", wb);
		goto out;
	}
	if (rc || (rc = xml_open(&m, x, wb, &data)))
		goto out;
	while ((rc = xml_next(&m)) == 1) {
		const char *name, *id, *state;
		struct xlsx_sheet *s;
		int oom = 0;

		if (!is_start(&m) || !is_elem(&m, "sheet"))
			continue;
		name = attr_dup(&m, "name", 0, &oom);
		id = attr_dup(&m, "id", 1, &oom);
		state = attr_dup(&m, "state", 0, &oom);
		if (oom) {
			rc = MD_ENOMEM;
			goto out;
		}
		if (!name || !id) {
			rc = fail(x, MD_EINPUT, "%s:%d: a sheet without a name or r:id", wb,
				  xmlTextReaderGetParserLineNumber(m.r));
			goto out;
		}
		if (x->nsheets >= x->lim.max_sheets) {
			rc = fail(x, MD_EINPUT, "%s: more than %d sheets (the limit)", wb,
				  x->lim.max_sheets);
			goto out;
		}
		if (x->nsheets == cap) {
			int ncap = cap ? cap * 2 : 8;
			struct xlsx_sheet *ns = arena_alloc(x->a, sizeof(*ns) * (size_t)ncap);

			if (!ns) {
				rc = MD_ENOMEM;
				goto out;
			}
			if (x->nsheets)
				memcpy(ns, x->sheet, sizeof(*ns) * (size_t)x->nsheets);
			x->sheet = ns;
			cap = ncap;
		}
		s = &x->sheet[x->nsheets];
		memset(s, 0, sizeof(*s));
		s->name = name;
		s->hidden = state && !strcmp(state, "hidden") ? 1 :
			    state && !strcmp(state, "veryHidden") ? 2 : 0;
		for (i = 0; i < nrel; i++)
			if (!strcmp(rel[i].id, id))
				s->part = rel[i].target;
		if (!s->name) {
			rc = MD_ENOMEM;
			goto out;
		}
		if (!s->part) {
			rc = fail(x, MD_EINPUT, "%s: sheet %s names relationship %.40s, which %s lacks",
				  wb, s->name, id, rels_of(x, wb));
			goto out;
		}
		x->nsheets++;
	}
	if (rc)
		goto out;
	x->table = arena_alloc(x->a, sizeof(*x->table) * (size_t)(x->nsheets + 1));
	if (!x->table) {
		rc = MD_ENOMEM;
		goto out;
	}
	memset(x->table, 0, sizeof(*x->table) * (size_t)(x->nsheets + 1));
out:
	xml_close(&m);
	buf_release(&data);
	return rc;
}

int xlsx_open_mem(struct xlsx *x, const char *name, const void *data, size_t len)
{
	zip_error_t ze;
	int rc;

	if (x->src || x->za)
		return MD_EUSAGE;
	buf_reset(&x->err);
	if (name)
		x->name = arena_strdup(x->a, name);
	if (!x->name)
		return MD_ENOMEM;
	if (len > x->lim.max_file)
		return fail(x, MD_EINPUT, "%zu bytes, over the limit of %zu bytes",
			    len, x->lim.max_file);
	zip_error_init(&ze);
	x->src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
	if (!x->src) {
		rc = fail(x, MD_ENOMEM, "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	x->za = zip_open_from_source(x->src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!x->za) {
		rc = fail(x, MD_EINPUT, "not a workbook (not a zip file or a damaged one: %s)",
			  zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zip_source_free(x->src);
		x->src = NULL;
		return rc;
	}
	zip_error_fini(&ze);
	if (zip_get_num_entries(x->za, 0) > x->lim.max_entries)
		return fail(x, MD_EINPUT, "more than %ld zip members (the limit)",
			    x->lim.max_entries);
	rc = read_workbook(x);
	if (rc && !x->err.len)
		fail(x, rc, "%s", md_strerror(rc));
	return rc;
}

int xlsx_open_file(struct xlsx *x, const char *path)
{
	int rc;

	buf_release(&x->file);
	buf_init(&x->file, x->lim.max_file + 1);
	x->name = arena_strdup(x->a, path);
	if (!x->name)
		return MD_ENOMEM;
	rc = file_read(path, x->lim.max_file + 1, &x->file);
	if (rc == MD_ENOMEM || x->file.len > x->lim.max_file)
		return fail(x, MD_EINPUT, "over the limit of %zu bytes", x->lim.max_file);
	if (rc)
		return fail(x, rc, "cannot be read");
	return xlsx_open_mem(x, path, x->file.ptr, x->file.len);
}

/* ---- shared strings ---- */

/* Text of <t> inside si/is (rich text runs included), not inside rPh (a
 * phonetic guide) — the reader's state for both. */
struct textacc {
	struct buf t;
	int in_t, in_rph;
};

/* Feeds one node; 1 when it was part of the text. */
static int text_node(struct xml *m, struct textacc *ta)
{
	if (is_start(m) && is_elem(m, "rPh") && !xmlTextReaderIsEmptyElement(m->r))
		ta->in_rph = 1;
	else if (xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT &&
		 is_elem(m, "rPh"))
		ta->in_rph = 0;
	else if (is_start(m) && is_elem(m, "t") && !xmlTextReaderIsEmptyElement(m->r))
		ta->in_t = !ta->in_rph;
	else if (xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT &&
		 is_elem(m, "t"))
		ta->in_t = 0;
	else if (ta->in_t && is_text(m)) {
		const char *v = (const char *)xmlTextReaderConstValue(m->r);

		if (v)
			buf_puts(&ta->t, v);
		return 1;
	} else
		return 0;
	return 1;
}

static int load_sst(struct xlsx *x)
{
	struct buf data = BUF_INIT;
	struct textacc ta;
	struct xml m;
	char **s = NULL;
	size_t *sl = NULL;
	long n = 0, cap = 0;
	int rc = 0, in_si = 0;

	memset(&m, 0, sizeof(m));
	memset(&ta, 0, sizeof(ta));
	buf_init(&ta.t, x->lim.max_cell);
	x->sst_loaded = 1;
	if (!x->sst_part)
		goto out;
	rc = part_read(x, x->sst_part, &data);
	if (rc == MD_ENOTFOUND) {
		rc = fail(x, MD_EINPUT, "%s: listed but missing", x->sst_part);
		goto out;
	}
	if (rc || (rc = xml_open(&m, x, x->sst_part, &data)))
		goto out;
	while ((rc = xml_next(&m)) == 1) {
		if (is_start(&m) && is_elem(&m, "si")) {
			buf_reset(&ta.t);
			ta.in_t = ta.in_rph = 0;
			in_si = 1;
			if (!xmlTextReaderIsEmptyElement(m.r))
				continue;
		} else if (in_si && !(is_end(&m) && is_elem(&m, "si"))) {
			text_node(&m, &ta);
			if (buf_error(&ta.t)) {
				rc = fail(x, MD_EINPUT, "%s: shared string %ld is over the limit of %zu bytes a cell",
					  x->sst_part, n, x->lim.max_cell);
				goto out;
			}
			continue;
		} else if (!(is_end(&m) && is_elem(&m, "si"))) {
			continue;
		}
		/* the end of an si */
		in_si = 0;
		if (n >= x->lim.max_strings) {
			rc = fail(x, MD_EINPUT, "%s: more than %ld shared strings (the limit)",
				  x->sst_part, x->lim.max_strings);
			goto out;
		}
		if (n == cap) {
			long ncap = cap ? cap * 2 : 256;
			char **ns = arena_alloc(x->a, sizeof(*ns) * (size_t)ncap);
			size_t *nl = arena_alloc(x->a, sizeof(*nl) * (size_t)ncap);

			if (!ns || !nl) {
				rc = MD_ENOMEM;
				goto out;
			}
			if (n) {
				memcpy(ns, s, sizeof(*ns) * (size_t)n);
				memcpy(nl, sl, sizeof(*nl) * (size_t)n);
			}
			s = ns;
			sl = nl;
			cap = ncap;
		}
		s[n] = arena_strndup(x->a, ta.t.ptr, ta.t.len);
		if (!s[n]) {
			rc = MD_ENOMEM;
			goto out;
		}
		sl[n] = unescape(s[n], ta.t.len);
		n++;
	}
	x->sst = s;
	x->sst_len = sl;
	x->nsst = n;
out:
	xml_close(&m);
	buf_release(&data);
	buf_release(&ta.t);
	return rc;
}

/* ---- sheets ---- */

struct sheetrd {
	struct xlsx *x;
	const char *sheet;
	struct xml m;
	struct xlsx_row *rows;      /* malloc'd while reading */
	long nrows, caprows;
	struct xlsx_cell *cells;    /* the current row's, malloc'd */
	int ncells, capcells;
	long ncells_all;
	struct xlsx_range *merge;
	int nmerge, capmerge;
	struct xlsx_range *hid;     /* hidden column ranges */
	int nhid, caphid;
	long row;                   /* current row index */
	int col;                    /* last cell's column */
	int maxcol;
	/* the current cell */
	char ref[16];
	char type[16];
	struct buf v;               /* <v> text */
	struct textacc is;          /* <is> text */
	int in_v, in_is;
};

static int grow(void **p, int *cap, int n, size_t size)
{
	int ncap;
	void *np;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	np = realloc(*p, size * (size_t)ncap);
	if (!np)
		return MD_ENOMEM;
	*p = np;
	*cap = ncap;
	return 0;
}

static int cmp_cell(const void *a, const void *b)
{
	const struct xlsx_cell *x = a, *y = b;

	return (x->col > y->col) - (x->col < y->col);
}

static int cmp_row(const void *a, const void *b)
{
	const struct xlsx_row *x = a, *y = b;

	return (x->row > y->row) - (x->row < y->row);
}

static int cellfail(struct sheetrd *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int cellfail(struct sheetrd *s, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	char cn[4];
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	xlsx_col_name(s->col, cn);
	fail(s->x, MD_EINPUT, "sheet %s, cell %s%ld: %s", s->sheet, cn, s->row + 1,
	     b.ptr);
	buf_release(&b);
	return MD_EINPUT;
}

static int end_row(struct sheetrd *s, int hidden)
{
	struct xlsx_row *r;
	int i;

	if (!s->ncells && !hidden)
		return 0;
	qsort(s->cells, (size_t)s->ncells, sizeof(*s->cells), cmp_cell);
	for (i = 1; i < s->ncells; i++) {
		if (s->cells[i].col == s->cells[i - 1].col) {
			s->col = s->cells[i].col;
			return cellfail(s, "given twice");
		}
	}
	if (s->nrows == s->caprows) {
		long ncap = s->caprows ? s->caprows * 2 : 64;
		struct xlsx_row *nr = realloc(s->rows, sizeof(*nr) * (size_t)ncap);

		if (!nr)
			return MD_ENOMEM;
		s->rows = nr;
		s->caprows = ncap;
	}
	r = &s->rows[s->nrows++];
	r->row = s->row;
	r->hidden = hidden;
	r->n = s->ncells;
	r->cell = NULL;
	if (s->ncells) {
		r->cell = arena_alloc(s->x->a, sizeof(*r->cell) * (size_t)s->ncells);
		if (!r->cell)
			return MD_ENOMEM;
		memcpy(r->cell, s->cells, sizeof(*r->cell) * (size_t)s->ncells);
	}
	s->ncells = 0;
	return 0;
}

static int truthy(const char *v)
{
	return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

static int start_cell(struct sheetrd *s)
{
	char rb[24], tb[16];
	const char *r = attr(&s->m, "r", 0, rb), *t = attr(&s->m, "t", 0, tb);
	size_t n;

	s->col++;
	if (r) {
		long row;
		int col;

		if (xlsx_ref_parse(r, strlen(r), &row, &col) || row < 0)
			return cellfail(s, "bad cell reference \"%.20s\"", r);
		s->col = col;
		if (row != s->row)
			return cellfail(s, "reference %.20s outside its row %ld", r, s->row + 1);
	}
	if (s->col >= s->x->lim.max_cols)
		return cellfail(s, "more than %d columns (the limit)", s->x->lim.max_cols);
	if (++s->ncells_all > s->x->lim.max_cells)
		return cellfail(s, "more than %ld cells (the limit)", s->x->lim.max_cells);
	n = t ? strlen(t) : 1;
	if (n >= sizeof(s->type))
		return cellfail(s, "unknown cell type");
	memcpy(s->type, t ? t : "n", n + 1);
	buf_reset(&s->v);
	buf_reset(&s->is.t);
	s->is.in_t = s->is.in_rph = 0;
	s->in_v = s->in_is = 0;
	return 0;
}

static int end_cell(struct sheetrd *s)
{
	struct xlsx *x = s->x;
	struct xlsx_cell c;
	const char *src = s->v.ptr;
	size_t len = s->v.len;
	int rc;

	if (buf_error(&s->v) || buf_error(&s->is.t))
		return cellfail(s, "over the limit of %zu bytes a cell", x->lim.max_cell);
	memset(&c, 0, sizeof(c));
	c.col = s->col;
	c.text = "";
	if (s->col > s->maxcol)
		s->maxcol = s->col;
	if (!strcmp(s->type, "s")) {
		long long k;

		if (!x->sst_loaded && (rc = load_sst(x)))
			return rc;
		if (num_parse_ll(s->v.ptr, s->v.len, 0, LLONG_MAX, &k))
			return cellfail(s, "bad shared string index \"%.20s\"", s->v.ptr);
		if (k >= x->nsst)
			return cellfail(s, "shared string %lld of %ld", k, x->nsst);
		c.type = XLSX_STRING;
		c.text = x->sst[k];
		c.len = x->sst_len[k];
	} else if (!strcmp(s->type, "inlineStr") || !strcmp(s->type, "str") ||
		   !strcmp(s->type, "d")) {
		char *t;

		if (!strcmp(s->type, "inlineStr")) {
			src = s->is.t.ptr;
			len = s->is.t.len;
		}
		t = arena_strndup(x->a, src, len);
		if (!t)
			return MD_ENOMEM;
		c.type = XLSX_STRING;
		c.len = unescape(t, len);
		c.text = t;
	} else if (!strcmp(s->type, "b")) {
		if (strcmp(s->v.ptr, "0") && strcmp(s->v.ptr, "1"))
			return cellfail(s, "bad boolean \"%.20s\"", s->v.ptr);
		c.type = XLSX_BOOL;
		c.num = s->v.ptr[0] == '1';
		c.text = c.num ? "TRUE" : "FALSE";
		c.len = strlen(c.text);
	} else if (!strcmp(s->type, "e")) {
		c.type = XLSX_ERROR;
		c.text = arena_strndup(x->a, src, len);
		c.len = len;
		if (!c.text)
			return MD_ENOMEM;
	} else if (!strcmp(s->type, "n")) {
		const char *p = s->v.ptr;
		char *end;

		while (len && (p[0] == ' ' || p[0] == '\n' || p[0] == '\t' || p[0] == '\r')) {
			p++;
			len--;
		}
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\n' ||
			       p[len - 1] == '\t' || p[len - 1] == '\r'))
			len--;
		if (len) {
			char *t = arena_strndup(x->a, p, len);

			if (!t)
				return MD_ENOMEM;
			c.num = strtod(t, &end);
			if (end != t + len || !isfinite(c.num) ||
			    !((t[0] >= '0' && t[0] <= '9') || t[0] == '-' || t[0] == '.'))
				return cellfail(s, "bad number \"%.20s\"", t);
			c.type = XLSX_NUMBER;
			c.text = t;
			c.len = len;
		}
	} else {
		return cellfail(s, "unknown cell type \"%.15s\"", s->type);
	}
	if ((rc = grow((void **)&s->cells, &s->capcells, s->ncells, sizeof(c))))
		return rc;
	s->cells[s->ncells++] = c;
	return 0;
}

static int add_range(struct sheetrd *s, struct xlsx_range **v, int *n, int *cap,
		     struct xlsx_range r)
{
	if (*n >= s->x->lim.max_cells)
		return fail(s->x, MD_EINPUT, "sheet %s: more than %ld ranges (the limit)",
			    s->sheet, s->x->lim.max_cells);
	if (grow((void **)v, cap, *n, sizeof(r)))
		return MD_ENOMEM;
	(*v)[(*n)++] = r;
	return 0;
}

static int sheet_node(struct sheetrd *s, int *in_data, int *row_hidden)
{
	struct xml *m = &s->m;
	struct xlsx *x = s->x;
	int rc;

	if (is_start(m) && is_elem(m, "sheetData")) {
		*in_data = !xmlTextReaderIsEmptyElement(m->r);
		return 0;
	}
	if (!*in_data) {
		if (is_start(m) && is_elem(m, "col")) {
			char t1[24], t2[24], t3[8];
			const char *mn = attr(m, "min", 0, t1), *mx = attr(m, "max", 0, t2);
			long long a, b;
			struct xlsx_range r;

			if (!truthy(attr(m, "hidden", 0, t3)))
				return 0;
			if (!mn || !mx || num_parse_ll(mn, strlen(mn), 1, 16384, &a) ||
			    num_parse_ll(mx, strlen(mx), a, 16384, &b))
				return fail(x, MD_EINPUT, "sheet %s: bad <col> range", s->sheet);
			r.r0 = 0;
			r.r1 = -1;
			r.c0 = (int)a - 1;
			r.c1 = (int)b - 1;
			return add_range(s, &s->hid, &s->nhid, &s->caphid, r);
		}
		if (is_start(m) && is_elem(m, "mergeCell")) {
			char t1[48];
			const char *ref = attr(m, "ref", 0, t1), *colon;
			struct xlsx_range r;

			colon = ref ? strchr(ref, ':') : NULL;
			if (!ref || xlsx_ref_parse(ref, colon ? (size_t)(colon - ref) : strlen(ref),
						   &r.r0, &r.c0) ||
			    xlsx_ref_parse(colon ? colon + 1 : ref, strlen(colon ? colon + 1 : ref),
					   &r.r1, &r.c1) ||
			    r.r0 < 0 || r.r1 < r.r0 || r.c1 < r.c0)
				return fail(x, MD_EINPUT, "sheet %s: bad merged range \"%.40s\"",
					    s->sheet, ref ? ref : "");
			return add_range(s, &s->merge, &s->nmerge, &s->capmerge, r);
		}
		return 0;
	}
	if (xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT &&
	    is_elem(m, "sheetData")) {
		*in_data = 0;
		return 0;
	}
	if (is_start(m) && is_elem(m, "row")) {
		char t1[24], t2[8];
		const char *r = attr(m, "r", 0, t1);
		long long k;

		s->col = -1;
		if (r) {
			if (num_parse_ll(r, strlen(r), 1, 1048576, &k))
				return cellfail(s, "bad row number \"%.20s\"", r);
			s->row = (long)k - 1;
		} else {
			s->row++;
		}
		if (s->row >= x->lim.max_rows) {
			s->col = 0;
			return cellfail(s, "more than %ld rows (the limit)", x->lim.max_rows);
		}
		*row_hidden = truthy(attr(m, "hidden", 0, t2));
		if (xmlTextReaderIsEmptyElement(m->r))
			return end_row(s, *row_hidden);
		return 0;
	}
	if (xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT && is_elem(m, "row"))
		return end_row(s, *row_hidden);
	if (is_start(m) && is_elem(m, "c")) {
		if ((rc = start_cell(s)))
			return rc;
		if (xmlTextReaderIsEmptyElement(m->r))
			return end_cell(s);
		return 0;
	}
	if (xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT && is_elem(m, "c"))
		return end_cell(s);
	if (is_start(m) && is_elem(m, "v") && !xmlTextReaderIsEmptyElement(m->r)) {
		s->in_v = 1;
		return 0;
	}
	if (xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT && is_elem(m, "v")) {
		s->in_v = 0;
		return 0;
	}
	if (is_start(m) && is_elem(m, "is") && !xmlTextReaderIsEmptyElement(m->r)) {
		s->in_is = 1;
		return 0;
	}
	if (xmlTextReaderNodeType(m->r) == XML_READER_TYPE_END_ELEMENT && is_elem(m, "is")) {
		s->in_is = 0;
		return 0;
	}
	if (s->in_is) {
		text_node(m, &s->is);
		return 0;
	}
	if (s->in_v && is_text(m)) {
		const char *v = (const char *)xmlTextReaderConstValue(m->r);

		if (v)
			buf_puts(&s->v, v);
	}
	return 0;
}

int xlsx_col_hidden(const struct xlsx_table *t, int col)
{
	if (col >= 0 && col < t->ncols)
		return t->col_hidden[col];
	return 0;
}

static int finish_table(struct sheetrd *s, struct xlsx_table *t)
{
	struct xlsx *x = s->x;
	long i;
	int k, c;

	qsort(s->rows, (size_t)s->nrows, sizeof(*s->rows), cmp_row);
	for (i = 1; i < s->nrows; i++) {
		if (s->rows[i].row == s->rows[i - 1].row) {
			s->row = s->rows[i].row;
			s->col = 0;
			return cellfail(s, "row given twice");
		}
	}
	t->n = s->nrows;
	t->nrows = s->nrows ? s->rows[s->nrows - 1].row + 1 : 0;
	t->row = arena_alloc(x->a, sizeof(*t->row) * (size_t)(s->nrows + 1));
	if (!t->row)
		return MD_ENOMEM;
	if (s->nrows)
		memcpy(t->row, s->rows, sizeof(*t->row) * (size_t)s->nrows);
	t->ncols = s->maxcol + 1;
	for (k = 0; k < s->nhid; k++)
		if (s->hid[k].c1 < x->lim.max_cols && s->hid[k].c1 + 1 > t->ncols)
			t->ncols = s->hid[k].c1 + 1;
	t->col_hidden = arena_alloc(x->a, (size_t)t->ncols + 1);
	if (!t->col_hidden)
		return MD_ENOMEM;
	memset(t->col_hidden, 0, (size_t)t->ncols + 1);
	for (k = 0; k < s->nhid; k++)
		for (c = s->hid[k].c0; c <= s->hid[k].c1 && c < t->ncols; c++)
			t->col_hidden[c] = 1;
	for (i = 0; i < t->n; i++)
		for (k = 0; k < t->row[i].n; k++)
			t->row[i].cell[k].hidden = t->col_hidden[t->row[i].cell[k].col];
	t->nmerge = s->nmerge;
	t->merge = arena_alloc(x->a, sizeof(*t->merge) * (size_t)(s->nmerge + 1));
	if (!t->merge)
		return MD_ENOMEM;
	if (s->nmerge)
		memcpy(t->merge, s->merge, sizeof(*t->merge) * (size_t)s->nmerge);
	return 0;
}

int xlsx_read_sheet(struct xlsx *x, int i, const struct xlsx_table **out)
{
	struct buf data = BUF_INIT;
	struct sheetrd s;
	struct xlsx_table *t;
	int rc, in_data = 0, row_hidden = 0;

	if (i < 0 || i >= x->nsheets)
		return MD_ENOTFOUND;
	if (x->table[i]) {
		*out = x->table[i];
		return 0;
	}
	buf_reset(&x->err);
	memset(&s, 0, sizeof(s));
	s.x = x;
	s.sheet = x->sheet[i].name;
	s.row = -1;
	s.col = -1;
	s.maxcol = -1;
	buf_init(&s.v, x->lim.max_cell);
	buf_init(&s.is.t, x->lim.max_cell);
	t = arena_alloc(x->a, sizeof(*t));
	if (!t) {
		rc = MD_ENOMEM;
		goto out;
	}
	memset(t, 0, sizeof(*t));
	t->name = s.sheet;
	rc = part_read(x, x->sheet[i].part, &data);
	if (rc == MD_ENOTFOUND) {
		rc = fail(x, MD_EINPUT, "sheet %s: its part %s is missing", s.sheet,
			  x->sheet[i].part);
		goto out;
	}
	if (rc || (rc = xml_open(&s.m, x, x->sheet[i].part, &data)))
		goto out;
	while ((rc = xml_next(&s.m)) == 1)
		if ((rc = sheet_node(&s, &in_data, &row_hidden)))
			goto out;
	if (rc || (rc = finish_table(&s, t)))
		goto out;
	x->table[i] = t;
	*out = t;
out:
	if (rc && !x->err.len)
		fail(x, rc, "sheet %s: %s", s.sheet, md_strerror(rc));
	xml_close(&s.m);
	buf_release(&data);
	buf_release(&s.v);
	buf_release(&s.is.t);
	free(s.rows);
	free(s.cells);
	free(s.merge);
	free(s.hid);
	return rc;
}

const struct xlsx_cell *xlsx_cell_at(const struct xlsx_table *t, long row, int col)
{
	long lo = 0, hi = t->n;
	const struct xlsx_row *r = NULL;
	int a, b;

	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;

		if (t->row[mid].row < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= t->n || t->row[lo].row != row)
		return NULL;
	r = &t->row[lo];
	a = 0;
	b = r->n;
	while (a < b) {
		int mid = a + (b - a) / 2;

		if (r->cell[mid].col < col)
			a = mid + 1;
		else
			b = mid;
	}
	return a < r->n && r->cell[a].col == col ? &r->cell[a] : NULL;
}
