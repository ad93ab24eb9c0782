/* Internal to edit: the steps every edit takes (edit.c), shared by the
 * files of each entity (indicator.c, followup.c). */
#ifndef MD_EDIT_INTERNAL_H
#define MD_EDIT_INTERNAL_H
#include "edit.h"

struct edit {
	struct store *st;
	struct edit_policy policy;
	struct buf err;              /* the last error */
	const char *errfield;        /* the field it is about, or NULL */
	enum edit_why why;           /* what it was (edit_fail_why()) */
	struct buf note;             /* res->note */
	struct arena *a;             /* one call's work; freed by edit_end() */
	int in_tx;                   /* inside the write transaction */
	int batch;                   /* inside a batch's transaction
				      * (edit_batch_begin()): edits join it,
				      * neither commit nor roll back */
};

/* Sets the message (and the field it is about, may be NULL); returns rc.
 * edit_fail_why() also says what it was (edit_errwhy()); edit_fail()
 * leaves that EDIT_WHY_NONE. */
int edit_fail(struct edit *ed, int rc, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int edit_fail_why(struct edit *ed, int rc, enum edit_why why, const char *field,
		  const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Step 0: clears the last call's messages, checks the actor and opens a
 * fresh arena. */
int edit_start(struct edit *ed, const struct store_actor *actor,
	       struct edit_result *res);
/* Opens the write transaction. */
int edit_begin(struct edit *ed);
/* Step 3: `want` (EDIT_ANY_VERSION, 0 or N) against the stored row
 * (exists, have); what names the row in the message. */
int edit_check_version(struct edit *ed, const char *what, long long want,
		       int exists, long long have);
/* Step 2: the policy's authorize(), or the default. */
int edit_authorize(struct edit *ed, const struct store_actor *actor,
		   const struct edit_target *t);
/* Opens the run the change is written in. */
int edit_run(struct edit *ed, const struct store_actor *actor);
/* Step 6: record() and commit; then *res for row id, now at version
 * (t says what it was before: id 0 when new, and its version). */
int edit_commit(struct edit *ed, const struct store_actor *actor,
		const struct edit_target *t, long long id, long long version,
		struct edit_result *res);
/* Ends the call: rolls back when rc is an error (and the transaction is
 * still open), frees the arena; returns rc. */
int edit_end(struct edit *ed, int rc);
/* A batch: several edits in one transaction (the offline upload). Each
 * edit_*() call inside takes its steps as usual, but edit_begin() joins
 * the batch's transaction and edit_commit() records without committing;
 * a failed edit leaves the transaction open for edit_batch_end(), which
 * commits when rc is 0 and rolls everything back otherwise. */
int edit_batch_begin(struct edit *ed);
int edit_batch_end(struct edit *ed, int rc);
/* A failed store call: its message, its code. */
int edit_store_fail(struct edit *ed, int rc, const char *field);
/* The reminder days s as the round stores them (remind.c): "14,7,1",
 * largest first, each once; "" for NULL, "" or "none" (not set). A bad
 * one fails the edit (MD_EINPUT, field "remind_days", what is wrong).
 * *out in ed's arena. */
int edit_remind_days_norm(struct edit *ed, const char *s, const char **out);

/* Checks text a person gave for field: valid UTF-8, at most max bytes, no
 * control characters, C0 or C1 (line breaks, tabs and U+2028/2029 only
 * with EDIT_TEXT_MULTILINE), no bidirectional controls (text_typed_class():
 * EDIT_WHY_BIDI). EDIT_TEXT_QUOTED: a text quoted from an imported
 * document, not typed (a programme link's sentence), which keeps the C1
 * and bidirectional controls the document has. */
enum {
	EDIT_TEXT_MULTILINE = 1u << 0,
	EDIT_TEXT_QUOTED = 1u << 1
};
int edit_check_text(struct edit *ed, const char *field, const char *s,
		    size_t max, unsigned flags);

/* Text as a person typed it, as stored: checked first (edit_check_text,
 * EDIT_TEXT_MAX, line breaks allowed), CRLF and CR become LF, trailing
 * white space and blank lines go; *out lives in ed->a. */
int edit_typed_text(struct edit *ed, const char *field, const char *s,
		    const char **out);

/* The audit entry's before/after texts (edit_target.before, .after): text
 * (NULL: none yet) with the line "key=value" added, in ed->a; NULL when
 * out of memory. A value that would take the text past what the store
 * keeps whole (STORE_AUDIT_TEXT_MAX, less room for the policy's own
 * lines) is written as "key=sha256:HEX (N bytes)", so the lines before
 * it (an entry's state) stay readable. */
const char *edit_audit_line(struct edit *ed, const char *text, const char *key,
			    const char *value);
/* The same line when before and after differ, added to both (*before,
 * *after); a field that did not change is not named. */
void edit_audit_change(struct edit *ed, const char **before, const char **after,
		       const char *key, const char *was, const char *now);

#endif
