/*
 * `mdplan publish OUTDIR`: the public site as static files. Every page is
 * rendered through web_handle(), as the server would answer it, and written
 * where a static web server looks for it ("goals/3/" -> goals/3/index.html).
 * Links are relative, so the folder works from any subpath.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../html/html.h"
#include "../page/page.h"
#include "../text/text.h"
#include "web.h"

struct pub {
	struct store *st;
	const char *outdir;
	struct buf *err;
	long files;
	struct buf paths;       /* '\n'-separated page paths, for the sitemap */
};

static int mkdirs(const char *path, struct buf *err)
{
	char tmp[1024];
	size_t i, n = strlen(path);

	if (n >= sizeof(tmp)) {
		buf_printf(err, "%s: path too long", path);
		return MD_EIO;
	}
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i])
			continue;
		tmp[i] = 0;
		if (mkdir(tmp, 0755) && errno != EEXIST) {
			buf_printf(err, "%s: %s", tmp, strerror(errno));
			return MD_EIO;
		}
		if (i < n)
			tmp[i] = '/';
	}
	return 0;
}

static int write_file(struct pub *pb, const char *rel, const struct buf *body)
{
	struct buf path = BUF_INIT;
	char *slash;
	FILE *f;
	int rc = 0;

	buf_printf(&path, "%s/%s", pb->outdir, rel);
	if (path.ptr[path.len - 1] == '/')
		buf_puts(&path, "index.html");
	if (buf_error(&path)) {
		buf_release(&path);
		return MD_ENOMEM;
	}
	slash = strrchr(path.ptr, '/');
	*slash = 0;
	rc = mkdirs(path.ptr, pb->err);
	*slash = '/';
	if (!rc) {
		f = fopen(path.ptr, "wb");
		if (!f || fwrite(body->ptr, 1, body->len, f) != body->len) {
			buf_printf(pb->err, "%s: %s", path.ptr, strerror(errno));
			rc = MD_EIO;
		}
		if (f && fclose(f) && !rc) {
			buf_printf(pb->err, "%s: %s", path.ptr, strerror(errno));
			rc = MD_EIO;
		}
	}
	if (!rc)
		pb->files++;
	buf_release(&path);
	return rc;
}

/* Renders path and writes it; a page that does not come out 200 is an
 * error, since the site links to it. */
static int page(struct pub *pb, const char *path)
{
	struct web_req rq;
	struct web_resp rs;
	int rc;

	memset(&rq, 0, sizeof(rq));
	rq.method = "GET";
	rq.path = path;
	rq.published = 1;
	web_resp_init(&rs);
	rc = web_handle(pb->st, &rq, &rs);
	if (!rc && rs.status != 200) {
		buf_printf(pb->err, "%s: the page answered %d", path, rs.status);
		rc = MD_EDB;
	}
	if (!rc)
		rc = write_file(pb, path + 1, &rs.body);
	if (!rc && path[strlen(path) - 1] == '/')
		buf_printf(&pb->paths, "%s\n", path + 1);
	web_resp_release(&rs);
	return rc;
}

/* Pages in both languages. */
static int both(struct pub *pb, const char *path)
{
	struct buf en = BUF_INIT;
	int rc = page(pb, path);

	if (!rc) {
		buf_printf(&en, "/en%s", path);
		rc = buf_error(&en) ? MD_ENOMEM : page(pb, en.ptr);
	}
	buf_release(&en);
	return rc;
}

/* The numbers of every vision, goal, measure or action item. */
struct nums {
	long long v[512];
	int n;
};

static int add_no(struct nums *ns, long long no)
{
	if (ns->n < (int)MD_ARRAY_SIZE(ns->v))
		ns->v[ns->n++] = no;
	return 0;
}

static int vision_no(void *ctx, const struct store_vision_row *r)
{
	return add_no(ctx, r->no);
}

static int goal_no(void *ctx, const struct store_goal_row *r)
{
	return add_no(ctx, r->no);
}

static int measure_no(void *ctx, const struct store_measure_row *r)
{
	return add_no(ctx, r->no);
}

static int item_no(void *ctx, const struct store_item_row *r)
{
	return add_no(ctx, r->no);
}

static int retired_item_id(void *ctx, const struct store_item_row *r)
{
	return r->retired ? add_no(ctx, r->id) : 0;
}

/* The pages of the action items the plan retired (/items/id/N/): the
 * year tables link their follow-up rows there. */
static int retired_items(struct pub *pb)
{
	struct nums ns;
	char path[96];
	int rc, i;

	ns.n = 0;
	rc = store_each_item(pb->st, &(struct store_filter){ .retired = 1 },
			     retired_item_id, &ns);
	for (i = 0; i < ns.n && !rc; i++) {
		snprintf(path, sizeof(path), "/items/id/%lld/", ns.v[i]);
		rc = both(pb, path);
	}
	return rc;
}

/* The pages /dir/N/ of kind (0 visions, 1 goals, 2 measures, 3 items, with
 * their changes pages). */
static int each(struct pub *pb, int kind, const char *dir)
{
	struct nums ns;
	char path[96];
	int rc, i;

	ns.n = 0;
	switch (kind) {
	case 0: rc = store_each_vision(pb->st, NULL, vision_no, &ns); break;
	case 1: rc = store_each_goal(pb->st, NULL, goal_no, &ns); break;
	case 2: rc = store_each_measure(pb->st, NULL, measure_no, &ns); break;
	default: rc = store_each_item(pb->st, NULL, item_no, &ns); break;
	}
	if (rc)
		return rc;
	for (i = 0; i < ns.n && !rc; i++) {
		snprintf(path, sizeof(path), "/%s/%lld/", dir, ns.v[i]);
		rc = both(pb, path);
		if (!rc && kind == 3) {
			snprintf(path, sizeof(path), "/items/%lld/changes/", ns.v[i]);
			rc = both(pb, path);
		}
	}
	return rc;
}

struct codes {
	struct buf list;   /* '\n'-separated indicator codes */
};

static int collect_code(void *ctx, const struct store_indicator_row *r)
{
	struct codes *cs = ctx;

	buf_printf(&cs->list, "%s\n", r->code);
	return buf_error(&cs->list);
}

/* The scorecard, each indicator's page, data and chart, and the CSVs. */
static int indicators(struct pub *pb)
{
	struct codes cs = { BUF_INIT };
	char path[128];
	const char *s, *nl;
	int rc;

	if ((rc = both(pb, "/indicators/")) ||
	    (rc = page(pb, "/downloads/indicators.csv")) ||
	    (rc = page(pb, "/downloads/indicator-defs.csv")) ||
	    (rc = store_each_indicator(pb->st, NULL, collect_code, &cs)))
		goto out;
	for (s = cs.list.ptr; !rc && (nl = strchr(s, '\n')); s = nl + 1) {
		int n = (int)(nl - s);

		snprintf(path, sizeof(path), "/indicators/%.*s/", n, s);
		rc = both(pb, path);
		snprintf(path, sizeof(path), "/indicators/%.*s/data.csv", n, s);
		if (!rc)
			rc = page(pb, path);
		snprintf(path, sizeof(path), "/indicators/%.*s/chart.svg", n, s);
		if (!rc)
			rc = page(pb, path);
	}
out:
	buf_release(&cs.list);
	return rc;
}

static int collect_programme(void *ctx, const struct store_programme_row *r)
{
	struct codes *cs = ctx;

	buf_printf(&cs->list, "%s\n", r->code);
	return buf_error(&cs->list);
}

/* The programme pages (each programme's), budgets and hubs. */
static int programmes(struct pub *pb)
{
	struct codes cs = { BUF_INIT };
	char path[128];
	const char *s, *nl;
	int rc;

	if ((rc = both(pb, "/programmes/")) || (rc = both(pb, "/budgets/")) ||
	    (rc = both(pb, "/budgets/goal/")) || (rc = both(pb, "/budgets/vision/")) ||
	    (rc = both(pb, "/hubs/")) || (rc = page(pb, "/downloads/programmes.csv")) ||
	    (rc = page(pb, "/downloads/budgets.csv")) || (rc = page(pb, "/downloads/hubs.csv")) ||
	    (rc = page(pb, "/downloads/programmes.xlsx")) ||
	    (rc = store_each_programme(pb->st, NULL, collect_programme, &cs)))
		goto out;
	for (s = cs.list.ptr; !rc && (nl = strchr(s, '\n')); s = nl + 1) {
		snprintf(path, sizeof(path), "/programmes/%.*s/", (int)(nl - s), s);
		rc = both(pb, path);
	}
out:
	buf_release(&cs.list);
	return rc;
}

/* The year's editions: the list, each edition's page and its official
 * table (TSV, XLSX; one file for both languages). */
static int editions(struct pub *pb, int year)
{
	struct arena *a = arena_new();
	struct store_edition_row *e;
	char path[128];
	int rc, n, i;

	if (!a)
		return MD_ENOMEM;
	rc = store_load_edition(pb->st, &(struct store_filter){ .year = year }, a, &e, &n);
	if (!rc && n) {
		snprintf(path, sizeof(path), "/followups/%d/editions/", year);
		rc = both(pb, path);
	}
	for (i = 0; i < n && !rc; i++) {
		snprintf(path, sizeof(path), "/followups/%d/editions/%lld/", year, e[i].no);
		rc = both(pb, path);
		snprintf(path, sizeof(path), "/downloads/followup-%d-edition-%lld.tsv", year,
			 e[i].no);
		if (!rc)
			rc = page(pb, path);
		snprintf(path, sizeof(path), "/downloads/followup-%d-edition-%lld.xlsx", year,
			 e[i].no);
		if (!rc)
			rc = page(pb, path);
	}
	arena_free(a);
	return rc;
}

/* The sitemap is XML: the base URL and the paths go through the emitter's
 * escaping (--base-url may hold & < > ' "). */
static int sitemap(struct pub *pb, const char *base)
{
	struct buf b = BUF_INIT;
	struct html h;
	const char *s = pb->paths.ptr, *nl;
	int rc;

	html_init(&h, &b, 0);
	H_RAW(&h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	while ((nl = strchr(s, '\n'))) {
		H_RAW(&h, "<url><loc>");
		html_text(&h, base);
		html_textn(&h, s, (size_t)(nl - s));
		H_RAW(&h, "</loc></url>\n");
		s = nl + 1;
	}
	H_RAW(&h, "</urlset>\n");
	rc = html_error(&h) ? MD_ENOMEM : write_file(pb, "sitemap.xml", &b);
	buf_release(&b);
	return rc;
}

int web_publish(struct store *st, const char *outdir, const char *base_url,
		long *files, struct buf *err)
{
	static const char *const ext[] = { "csv", "xlsx", "json" };
	struct pub pb;
	int years[64], ny, i, m, rc;
	size_t k;
	char path[128];

	memset(&pb, 0, sizeof(pb));
	pb.st = st;
	pb.outdir = outdir;
	pb.err = err;
	buf_init(&pb.paths, (size_t)1 << 24);
	if ((rc = mkdirs(outdir, err)))
		goto out;
	ny = report_years(st, years, 64);
	if (ny < 0) {
		rc = ny;
		goto out;
	}
	if ((rc = both(&pb, "/")) || (rc = both(&pb, "/ministries/")) ||
	    (rc = both(&pb, "/followups/")) || (rc = page(&pb, "/static/mdplan.css")) ||
	    (rc = both(&pb, "/help/")) ||
	    (rc = each(&pb, 0, "visions")) || (rc = each(&pb, 1, "goals")) ||
	    (rc = each(&pb, 2, "measures")) || (rc = each(&pb, 3, "items")) ||
	    (rc = retired_items(&pb)))
		goto out;
	for (m = 0; m < text_ministry_count() && !rc; m++) {
		snprintf(path, sizeof(path), "/ministries/%s/", text_ministry_at(m)->code);
		rc = both(&pb, path);
	}
	for (i = 0; i < ny && !rc; i++) {
		snprintf(path, sizeof(path), "/followups/%d/", years[i]);
		rc = both(&pb, path);
		if (!rc)
			rc = editions(&pb, years[i]);
		for (k = 0; k < MD_ARRAY_SIZE(ext) && !rc; k++) {
			/* /en/downloads/: the same with English headers */
			snprintf(path, sizeof(path), "/downloads/followup-%d.%s", years[i], ext[k]);
			rc = both(&pb, path);
		}
		for (m = 0; m < text_ministry_count() && !rc; m++) {
			const char *code = text_ministry_at(m)->code;

			snprintf(path, sizeof(path), "/followups/%d/%s/", years[i], code);
			rc = both(&pb, path);
			for (k = 0; k < MD_ARRAY_SIZE(ext) && !rc; k++) {
				snprintf(path, sizeof(path), "/downloads/followup-%d-%s.%s",
					 years[i], code, ext[k]);
				rc = both(&pb, path);
			}
		}
	}
	if (!rc)
		rc = indicators(&pb);
	if (!rc)
		rc = programmes(&pb);
	if (!rc)
		rc = sitemap(&pb, base_url);
out:
	*files = pb.files;
	buf_release(&pb.paths);
	if (rc && !err->len)
		buf_printf(err, "%s", rc == MD_ENOMEM ? "out of memory" : store_errmsg(st));
	return rc;
}
