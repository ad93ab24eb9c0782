/*
 * The offline path's pages (page.h, page_offline()): a ministry's workbook
 * to download, the upload form, the preview of what an uploaded workbook
 * does (a table row per entry: unchanged, will change with a word diff,
 * changed on the web since the download, conflict with both texts,
 * refused with why) with its confirm form, and the result of applying it.
 * No JavaScript: the form posts the file, the preview's form posts op=apply
 * with the digests the server keeps the file under.
 */
#include <string.h>

#include "internal.h"

/* column headings: the upload's rows, the reminders' record */
static const enum msg plan_cols[] = { MSG_OFF_ROW, MSG_OFF_ITEM, MSG_MINISTRY,
				      MSG_OFF_OUTCOME, MSG_OFF_DETAILS };
static const enum msg reminder_cols[] = { MSG_REM_WHEN, MSG_REM_STEP, MSG_REM_TO,
					  MSG_REM_ENTRIES, MSG_REM_STATUS };

/* A label in the page's language (these pages' own words). */
static void T(struct pg *g, const char *ja, const char *en)
{
	html_text(g->h, g->p->en ? en : ja);
}

static const char *Ts(struct pg *g, const char *ja, const char *en)
{
	return g->p->en ? en : ja;
}

/* "A40" from a key "FY/40/CODE" (the key itself when it is not one). */
static const char *item_of(struct pg *g, const char *key)
{
	const char *p = strchr(key, '/'), *q = p ? strchr(p + 1, '/') : NULL;

	if (!q || q == p + 1)
		return key;
	return pg_fmt(g, "A%.*s", (int)(q - p - 1), p + 1);
}

static void texts(struct pg *g, const char *label, const char *s)
{
	H_RAW(g->h, "<div class=\"offline-text\"><p><strong>");
	html_text(g->h, label);
	H_RAW(g->h, "</strong></p>");
	if (s && *s)
		html_paras(g->h, s);
	else
		H_RAW(g->h, "<p>—</p>");
	H_RAW(g->h, "</div>");
}

/* The word diff stored -> file of one field. */
static int diff(struct pg *g, const char *label, const char *from, const char *to)
{
	int rc;

	H_RAW(g->h, "<div class=\"offline-text\"><p><strong>");
	html_text(g->h, label);
	H_RAW(g->h, "</strong></p><p class=\"diff\">");
	rc = html_diff(g->h, from ? from : "", to ? to : "");
	H_RAW(g->h, "</p></div>");
	return rc;
}

static int change_cell(struct pg *g, const struct import_round_change *c)
{
	const char *res = Ts(g, "実績・状況", "Results"), *pl = Ts(g, "取組予定", "Plans");
	int rc = 0;

	switch (c->what) {
	case IMPORT_ROUND_SAME:
		T(g, "変更なし", "unchanged");
		break;
	case IMPORT_ROUND_UPDATE:
		H_RAW(g->h, "<p class=\"offline-update\">");
		T(g, "更新されます", "will change");
		H_RAW(g->h, "</p>");
		if (c->results_changed)
			rc = diff(g, res, c->stored_results, c->results);
		if (!rc && c->plans_changed)
			rc = diff(g, pl, c->stored_plans, c->plans);
		break;
	case IMPORT_ROUND_STALE:
		H_RAW(g->h, "<p>");
		T(g, "ダウンロード後にWebで変更されました。ファイルでは変更されていないため、Webの内容をそのまま残します。",
		  "Changed on the web since the download and left alone in the file: the web's text stays.");
		H_RAW(g->h, "</p>");
		break;
	case IMPORT_ROUND_CONFLICT:
		H_RAW(g->h, "<p class=\"error\">");
		T(g, "競合：ダウンロード後にWebでも変更されています。この行は書き込みません。",
		  "Conflict: also changed on the web since the download. This row is not written.");
		H_RAW(g->h, "</p>");
		if (c->results_changed) {
			texts(g, Ts(g, "ファイルの実績・状況", "Results in the file"), c->results);
			texts(g, Ts(g, "Webの実績・状況", "Results on the web"), c->stored_results);
		}
		if (c->plans_changed) {
			texts(g, Ts(g, "ファイルの取組予定", "Plans in the file"), c->plans);
			texts(g, Ts(g, "Webの取組予定", "Plans on the web"), c->stored_plans);
		}
		break;
	case IMPORT_ROUND_REFUSED:
		H_RAW(g->h, "<p class=\"error\">");
		T(g, "拒否：", "Refused: ");
		switch (c->refusal) {
		case IMPORT_REFUSED_TWICE: html_msg(g->h, MSG_EW_REFUSED_TWICE); break;
		case IMPORT_REFUSED_UNKNOWN: html_msg(g->h, MSG_EW_REFUSED_UNKNOWN); break;
		case IMPORT_REFUSED_MINISTRY: html_msg(g->h, MSG_EW_REFUSED_MINISTRY); break;
		case IMPORT_REFUSED_DAMAGED: html_msg(g->h, MSG_EW_REFUSED_DAMAGED); break;
		default: html_text(g->h, c->why); break;
		}
		H_RAW(g->h, "</p>");
		break;
	}
	return rc;
}

static const char *what_label(struct pg *g, enum import_round_what w)
{
	switch (w) {
	case IMPORT_ROUND_SAME: return Ts(g, "変更なし", "same");
	case IMPORT_ROUND_UPDATE: return Ts(g, "更新", "update");
	case IMPORT_ROUND_STALE: return Ts(g, "Web側を維持", "web kept");
	case IMPORT_ROUND_CONFLICT: return Ts(g, "競合", "conflict");
	case IMPORT_ROUND_REFUSED: return Ts(g, "拒否", "refused");
	}
	return "";
}

static int plan_table(struct pg *g, const struct import_round_plan *p)
{
	int i, rc = 0;

	H_RAW(g->h, "<p class=\"offline-summary\">");
	html_text(g->h, g->p->en ?
		  pg_fmt(g, "%ld to update, %ld conflicts, %ld refused, %ld kept as on the web, "
			 "%ld unchanged", p->updates, p->conflicts, p->refused, p->stale, p->same) :
		  pg_fmt(g, "更新 %ld件・競合 %ld件・拒否 %ld件・Web側を維持 %ld件・変更なし %ld件",
			 p->updates, p->conflicts, p->refused, p->stale, p->same));
	H_RAW(g->h, "</p>\n");
	pg_region(g, Ts(g, "アップロードの内容", "What the upload does"));
	H_RAW(g->h, "<table class=\"offline stack\"><caption>");
	T(g, "行ごとの内容", "Row by row");
	H_RAW(g->h, "</caption><thead><tr>");
	pg_col_heads(g, plan_cols, (int)MD_ARRAY_SIZE(plan_cols));
	H_RAW(g->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < p->n && !rc; i++) {
		const struct import_round_change *c = &p->c[i];

		switch (c->what) {
		case IMPORT_ROUND_UPDATE: H_RAW(g->h, "<tr class=\"offline-update\"><td>"); break;
		case IMPORT_ROUND_CONFLICT: H_RAW(g->h, "<tr class=\"offline-conflict\"><td>"); break;
		case IMPORT_ROUND_REFUSED: H_RAW(g->h, "<tr class=\"offline-refused\"><td>"); break;
		case IMPORT_ROUND_STALE: H_RAW(g->h, "<tr class=\"offline-stale\"><td>"); break;
		default: H_RAW(g->h, "<tr class=\"offline-same\"><td>"); break;
		}
		html_int(g->h, c->row);
		H_RAW(g->h, "</td><th scope=\"row\">");
		html_text(g->h, item_of(g, c->key));
		H_RAW(g->h, "</th><td>");
		html_text(g->h, c->ministry ? c->ministry : "—");
		H_RAW(g->h, "</td><td>");
		html_text(g->h, what_label(g, c->what));
		H_RAW(g->h, "</td><td>");
		rc = change_cell(g, c);
		H_RAW(g->h, "</td></tr>\n");
	}
	H_RAW(g->h, "</tbody></table></div>\n");
	return rc;
}

static void upload_form(struct pg *g, const struct page_offline *o)
{
	H_RAW(g->h, "<h2>");
	T(g, "入力済みファイルのアップロード", "Upload the edited workbook");
	H_RAW(g->h, "</h2>\n<form method=\"post\" enctype=\"multipart/form-data\" action=\"");
	html_url(g->h, pg_fmt(g, "%srounds/%d/offline/%s/", g->p->root, o->year, o->code));
	H_RAW(g->h, "\">\n");
	html_hidden(g->h, "csrf", o->csrf);
	html_hidden(g->h, "op", "preview");
	H_RAW(g->h, "<p><label for=\"offline-file\">");
	T(g, "ファイル（.xlsx）", "Workbook (.xlsx)");
	H_RAW(g->h, "</label> <input type=\"file\" id=\"offline-file\" name=\"file\" required"
	      " accept=\".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\">"
	      "</p>\n<p>");
	T(g, "アップロードしても、確認するまでは何も書き込まれません。",
	  "Nothing is written until you confirm the preview.");
	H_RAW(g->h, "</p>\n");
	html_submit(g->h, NULL, NULL, Ts(g, "内容を確認する", "Preview"));
	html_form_end(g->h);
}

static void confirm_form(struct pg *g, const struct page_offline *o)
{
	html_form_post(g->h, pg_fmt(g, "%srounds/%d/offline/%s/", g->p->root, o->year, o->code),
		       o->csrf);
	html_hidden(g->h, "op", "apply");
	html_hidden(g->h, "file_sha256", o->sha256);
	html_hidden(g->h, "digest", o->digest);
	H_RAW(g->h, "<p><input type=\"checkbox\" id=\"offline-strict\" name=\"strict\" value=\"1\">"
	      " <label for=\"offline-strict\">");
	T(g, "競合または拒否の行があれば、何も書き込まない", "Write nothing if any row is a conflict or refused");
	H_RAW(g->h, "</label></p>\n<p>");
	T(g, "確定すると「更新」の行だけを保存します。競合・拒否の行は書き込みません。",
	  "Confirming saves the rows marked update only; conflicts and refused rows are not written.");
	H_RAW(g->h, "</p>\n");
	html_submit(g->h, NULL, NULL, Ts(g, "更新を確定する", "Save the updates"));
	html_form_end(g->h);
}

int page_offline(struct store *st, const struct page *p, const struct page_offline *o,
		 struct buf *out)
{
	struct pg g;
	struct crumb c[3];
	const char *title;
	int rc;

	if ((rc = pg_open(&g, st, p, out)))
		return pg_close(&g, rc);
	title = pg_fmt(&g, "%s %s", pg_fy(&g, o->year),
		       Ts(&g, "オフライン入力（Excel）", "offline entry (Excel)"));
	c[0].href = "rounds/";
	c[0].text = Ts(&g, "フォローアップ調査", "Follow-up rounds");
	c[1].href = pg_fmt(&g, "rounds/%d/", o->year);
	c[1].text = pg_fy(&g, o->year);
	c[2].href = NULL;
	c[2].text = o->ministry;
	pg_head(&g, title, c, 3);
	H_RAW(g.h, "<p>");
	html_text(g.h, o->ministry);
	H_RAW(g.h, "</p>\n");
	if (o->error) {
		H_RAW(g.h, "<p class=\"error\" role=\"alert\">");
		html_text(g.h, o->error);
		H_RAW(g.h, "</p>\n");
	}
	if (o->plan && o->applied >= 0) {
		H_RAW(g.h, "<p class=\"offline-result\" role=\"status\">");
		if (o->blocked)
			T(&g, "競合または拒否の行があったため、何も書き込みませんでした。",
			  "There were conflicts or refused rows: nothing was written.");
		else
			html_text(g.h, p->en ?
				  pg_fmt(&g, "Saved %d entries. Conflicts and refused rows were "
					 "not written.", o->applied) :
				  pg_fmt(&g, "%d件を保存しました。競合・拒否の行は書き込んでいません。",
					 o->applied));
		H_RAW(g.h, "</p>\n");
	}
	if (o->plan && (rc = plan_table(&g, o->plan)))
		return pg_close(&g, rc);
	if (o->plan && o->applied < 0 && o->plan->updates && o->csrf)
		confirm_form(&g, o);
	H_RAW(g.h, "<h2>");
	T(&g, "ダウンロード", "Download");
	H_RAW(g.h, "</h2>\n<p>");
	html_link(g.h, p->root, pg_fmt(&g, "rounds/%d/offline/%s.xlsx", o->year, o->code),
		  Ts(&g, "この府省の入力用ファイル（XLSX）", "This ministry's workbook (XLSX)"));
	H_RAW(g.h, "</p>\n");
	if (o->csrf)
		upload_form(&g, o);
	pg_foot(&g);
	return pg_close(&g, 0);
}

/* ---- the reminders sent (for the board, internal.h) ---- */

int pg_round_reminders(struct pg *g, int fy, int heading)
{
	struct store_filter f;
	struct store_reminder_row *r;
	int n, i, rc;

	memset(&f, 0, sizeof(f));
	f.year = fy;
	if ((rc = store_load_reminder(g->st, &f, g->a, &r, &n)))
		return rc;
	if (heading == 3)
		H_RAW(g->h, "<section class=\"reminders\"><h3>");
	else
		H_RAW(g->h, "<section class=\"reminders\"><h2>");
	T(g, "督促メール", "Reminders sent");
	if (heading == 3)
		H_RAW(g->h, "</h3>\n");
	else
		H_RAW(g->h, "</h2>\n");
	if (!n) {
		H_RAW(g->h, "<p>");
		T(g, "まだ送信していません。", "None yet.");
		H_RAW(g->h, "</p></section>\n");
		return 0;
	}
	pg_region(g, Ts(g, "督促メールの記録", "Reminder mail record"));
	H_RAW(g->h, "<table class=\"reminders stack\"><caption class=\"sr\">");
	T(g, "督促メールの記録（新しい順）", "Reminder mail, newest first");
	H_RAW(g->h, "</caption><thead><tr>");
	pg_col_heads(g, reminder_cols, (int)MD_ARRAY_SIZE(reminder_cols));
	H_RAW(g->h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		H_RAW(g->h, "<tr><td>");
		pg_when_el(g, *r[i].sent_at ? r[i].sent_at : r[i].created_at);
		H_RAW(g->h, "</td><td>");
		html_text(g->h, r[i].step);
		H_RAW(g->h, "</td><th scope=\"row\">");
		html_text(g->h, r[i].account);
		H_RAW(g->h, "</th><td>");
		html_text(g->h, r[i].entries);
		H_RAW(g->h, "</td><td>");
		if (!strcmp(r[i].status, "ok"))
			T(g, "送信済み", "sent");
		else if (!strcmp(r[i].status, "failed"))
			T(g, "失敗", "failed");
		else
			T(g, "送信中", "sending");
		if (*r[i].error) {
			H_RAW(g->h, "（");
			html_text(g->h, r[i].error);
			H_RAW(g->h, "）");
		}
		H_RAW(g->h, "</td></tr>\n");
	}
	H_RAW(g->h, "</tbody></table></div></section>\n");
	return 0;
}
