/* The steps every edit takes: messages, the actor, the version check, the
 * policy, the transaction. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../crypto/crypto.h"
#include "../text/text.h"
#include "internal.h"

const char *edit_op_name(enum edit_op op)
{
	switch (op) {
	case EDIT_INDICATOR_DEFINE: return "indicator.define";
	case EDIT_IVALUE_SET: return "indicator.value.set";
	case EDIT_IVALUE_CLEAR: return "indicator.value.clear";
	case EDIT_FOLLOWUP_TEXT: return "followup.text";
	case EDIT_PROGRAMME_LINK: return "programme.link";
	case EDIT_ROUND_OPEN: return "round.open";
	case EDIT_ROUND_CLOSE: return "round.close";
	case EDIT_ROUND_REOPEN: return "round.reopen";
	case EDIT_ENTRY_SAVE: return "round.entry.save";
	case EDIT_ENTRY_SUBMIT: return "round.entry.submit";
	case EDIT_ENTRY_RETURN: return "round.entry.return";
	case EDIT_ENTRY_ACCEPT: return "round.entry.accept";
	case EDIT_ENTRY_COMMENT: return "round.entry.comment";
	case EDIT_ROUND_PUBLISH: return "round.publish";
	case EDIT_ROUND_DOWNLOAD: return "round.download";
	case EDIT_ROUND_UPLOAD: return "round.upload";
	case EDIT_ROUND_REMIND: return "round.remind";
	case EDIT_ROUND_REMIND_DAYS: return "round.remind_days";
	}
	return "unknown";
}

struct edit *edit_new(struct store *st)
{
	struct edit *ed = calloc(1, sizeof(*ed));

	if (!ed)
		return NULL;
	ed->st = st;
	buf_init(&ed->err, 8192);
	buf_init(&ed->note, 1024);
	return ed;
}

void edit_free(struct edit *ed)
{
	if (!ed)
		return;
	arena_free(ed->a);
	buf_release(&ed->err);
	buf_release(&ed->note);
	free(ed);
}

void edit_set_policy(struct edit *ed, const struct edit_policy *p)
{
	if (p)
		ed->policy = *p;
	else
		memset(&ed->policy, 0, sizeof(ed->policy));
}

const char *edit_errmsg(const struct edit *ed)
{
	return ed->err.len ? ed->err.ptr : "no error";
}

const char *edit_errfield(const struct edit *ed)
{
	return ed->errfield;
}

enum edit_why edit_errwhy(const struct edit *ed)
{
	return ed->why;
}

static int fail_v(struct edit *ed, int rc, enum edit_why why, const char *field,
		  const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static int fail_v(struct edit *ed, int rc, enum edit_why why, const char *field,
		  const char *fmt, va_list ap)
{
	buf_reset(&ed->err);
	ed->errfield = field;
	ed->why = why;
	buf_vprintf(&ed->err, fmt, ap);
	return rc;
}

int edit_fail(struct edit *ed, int rc, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = fail_v(ed, rc, EDIT_WHY_NONE, field, fmt, ap);
	va_end(ap);
	return rc;
}

int edit_fail_why(struct edit *ed, int rc, enum edit_why why, const char *field,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = fail_v(ed, rc, why, field, fmt, ap);
	va_end(ap);
	return rc;
}

int edit_store_fail(struct edit *ed, int rc, const char *field)
{
	return edit_fail(ed, rc, field, "%s", store_errmsg(ed->st));
}

int edit_start(struct edit *ed, const struct store_actor *actor,
	       struct edit_result *res)
{
	struct buf who = BUF_INIT;
	int bad;

	buf_reset(&ed->err);
	buf_reset(&ed->note);
	ed->errfield = NULL;
	ed->why = EDIT_WHY_NONE;
	memset(res, 0, sizeof(*res));
	bad = store_actor_format(actor, &who);
	buf_release(&who);
	if (bad)
		return edit_fail(ed, MD_EUSAGE, NULL, "an edit needs an actor (cli, "
				 "user or import, and a name)");
	arena_free(ed->a);
	if (!(ed->a = arena_new()))
		return edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
	return 0;
}

int edit_begin(struct edit *ed)
{
	int rc;

	if (ed->batch) {
		ed->in_tx = 1;
		return 0;
	}
	if ((rc = store_begin(ed->st)))
		return edit_store_fail(ed, rc, NULL);
	ed->in_tx = 1;
	return 0;
}

int edit_check_version(struct edit *ed, const char *what, long long want,
		       int exists, long long have)
{
	if (want == EDIT_ANY_VERSION)
		return 0;
	if (want == 0 && exists)
		return edit_fail_why(ed, MD_ECONFLICT, EDIT_WHY_STALE,
				 "version", "%s already exists "
				 "(version %lld): it was created after you started; "
				 "read it and change that instead", what, have);
	if (want > 0 && !exists)
		return edit_fail_why(ed, MD_ECONFLICT, EDIT_WHY_STALE,
				 "version", "%s does not exist "
				 "any more (you read version %lld)", what, want);
	if (want > 0 && have != want)
		return edit_fail_why(ed, MD_ECONFLICT, EDIT_WHY_STALE,
				 "version", "%s is at version "
				 "%lld, not %lld: it was changed after you read it; "
				 "read it again and redo your change", what, have, want);
	return 0;
}

/* The default: the command line may do everything (whoever can run it can
 * write the database file anyway); nobody else may do anything until a
 * policy says so. */
static int default_authorize(const struct store_actor *actor,
			     const struct edit_target *t, struct buf *why)
{
	if (actor->kind == STORE_ACTOR_CLI)
		return 0;
	buf_printf(why, "no policy allows %s:%s to %s",
		   store_actor_kind_name(actor->kind), actor->name,
		   edit_op_name(t->op));
	return MD_EFORBIDDEN;
}

int edit_authorize(struct edit *ed, const struct store_actor *actor,
		   const struct edit_target *t)
{
	struct buf why = BUF_INIT;
	int rc;

	rc = ed->policy.authorize ?
		ed->policy.authorize(ed->policy.ctx, actor, t, &why) :
		default_authorize(actor, t, &why);
	if (rc) {
		edit_fail_why(ed, MD_EFORBIDDEN, EDIT_WHY_FORBIDDEN,
			  NULL, "%s", why.len ? why.ptr :
			  "this change is not allowed");
		rc = MD_EFORBIDDEN;
	}
	buf_release(&why);
	return rc;
}

int edit_run(struct edit *ed, const struct store_actor *actor)
{
	int rc = store_run_begin(ed->st, "edit", 0, actor);

	return rc ? edit_store_fail(ed, rc, NULL) : 0;
}

int edit_commit(struct edit *ed, const struct store_actor *actor,
		const struct edit_target *t, long long id, long long version,
		struct edit_result *res)
{
	int rc;

	if (ed->policy.record &&
	    (rc = ed->policy.record(ed->policy.ctx, ed->st, actor, t, version)))
		return edit_fail(ed, rc, NULL, "recording the change failed: %s",
				 md_strerror(rc));
	if (!ed->batch && (rc = store_commit(ed->st)))
		return edit_store_fail(ed, rc, NULL);
	ed->in_tx = 0;
	res->id = id;
	res->version = version;
	res->created = !t->id;
	res->changed = res->created || version != t->version;
	return 0;
}

int edit_end(struct edit *ed, int rc)
{
	if (ed->in_tx) {
		if (!ed->batch)
			store_rollback(ed->st);
		ed->in_tx = 0;
	}
	arena_free(ed->a);
	ed->a = NULL;
	return rc;
}

int edit_batch_begin(struct edit *ed)
{
	int rc;

	if (ed->batch || ed->in_tx)
		return edit_fail(ed, MD_EUSAGE, NULL, "a batch inside a transaction");
	if ((rc = store_begin(ed->st)))
		return edit_store_fail(ed, rc, NULL);
	ed->batch = 1;
	return 0;
}

int edit_batch_end(struct edit *ed, int rc)
{
	int crc;

	if (!ed->batch)
		return rc;
	ed->batch = 0;
	ed->in_tx = 0;
	if (rc) {
		store_rollback(ed->st);
		return rc;
	}
	if ((crc = store_commit(ed->st))) {
		edit_store_fail(ed, crc, NULL);
		store_rollback(ed->st);
		return crc;
	}
	return 0;
}

int edit_check_text(struct edit *ed, const char *field, const char *s,
		    size_t max, unsigned flags)
{
	size_t n = strlen(s), bad, at;
	int multiline = (flags & EDIT_TEXT_MULTILINE) != 0;
	unsigned allow = 0;
	int32_t cp;

	/* U+2028/2029 break the line as a reader sees it */
	if (multiline)
		allow |= TEXT_TYPED_BREAK | TEXT_TYPED_SEPARATOR;
	if (flags & EDIT_TEXT_QUOTED)
		allow |= TEXT_TYPED_C1 | TEXT_TYPED_BIDI;
	if (n > max)
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_TOO_LONG,
				 field, "%zu bytes, more than the "
				 "%zu allowed", n, max);
	if (text_utf8_valid(s, n, &bad))
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_NOT_UTF8,
				 field, "not UTF-8 text (a bad byte "
				 "at offset %zu)", bad);
	if ((cp = text_typed_refused(s, n, allow, &at)) < 0)
		return 0;
	if (text_typed_class(cp) == TEXT_TYPED_BIDI)
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_BIDI, field,
				     "holds a bidirectional control character (U+%04X at "
				     "offset %zu), which changes the order the text is shown in",
				     (unsigned)cp, at);
	if (text_typed_class(cp) == TEXT_TYPED_SEPARATOR)
		return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CONTROL, field,
				     "holds a line or paragraph separator (U+%04X at offset"
				     " %zu); it must be one line", (unsigned)cp, at);
	return edit_fail_why(ed, MD_EINPUT, EDIT_WHY_CONTROL, field,
			     "holds a control character (U+%04X at offset %zu)%s",
			     (unsigned)cp, at, multiline ? "" : "; it must be one line");
}

/* Text as typed, as stored: CRLF and CR become LF, trailing white space
 * goes. Checked first (UTF-8, size, control characters). */
int edit_typed_text(struct edit *ed, const char *field, const char *s,
		    const char **out)
{
	struct buf b = BUF_INIT;
	int rc;

	if ((rc = edit_check_text(ed, field, s, EDIT_TEXT_MAX, EDIT_TEXT_MULTILINE)))
		return rc;
	for (; *s; s++) {
		if (*s == '\r') {
			buf_putc(&b, '\n');
			if (s[1] == '\n')
				s++;
		} else {
			buf_putc(&b, *s);
		}
	}
	buf_rtrim(&b);
	while (b.len && (b.ptr[b.len - 1] == '\n' || b.ptr[b.len - 1] == '\t')) {
		buf_truncate(&b, b.len - 1);
		buf_rtrim(&b);
	}
	*out = buf_error(&b) ? NULL : arena_strndup(ed->a, b.ptr, b.len);
	buf_release(&b);
	return *out ? 0 : edit_fail(ed, MD_ENOMEM, NULL, "out of memory");
}

/* room record() (edit/auth.c) keeps for its own lines ("version=N",
 * "fields=...") before the store's limit */
#define AUDIT_ROOM 128

const char *edit_audit_line(struct edit *ed, const char *text, const char *key,
			    const char *value)
{
	size_t have = text ? strlen(text) + 1 : 0, n;
	struct buf d = BUF_INIT;
	const char *out;

	value = value ? value : "";
	n = strlen(value);
	if (have + strlen(key) + 1 + n + AUDIT_ROOM <= STORE_AUDIT_TEXT_MAX)
		return arena_printf(ed->a, "%s%s%s=%s", text ? text : "", text ? "\n" : "",
				    key, value);
	/* too long to keep beside the rest: its digest, as the store writes it */
	out = crypto_sha256_hex(value, n, &d) ? NULL :
		arena_printf(ed->a, "%s%s%s=sha256:%s (%zu bytes)", text ? text : "",
			     text ? "\n" : "", key, d.ptr, n);
	buf_release(&d);
	return out;
}

void edit_audit_change(struct edit *ed, const char **before, const char **after,
		       const char *key, const char *was, const char *now)
{
	if (!strcmp(was ? was : "", now ? now : ""))
		return;
	*before = edit_audit_line(ed, *before, key, was);
	*after = edit_audit_line(ed, *after, key, now);
}
