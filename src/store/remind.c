/*
 * The record of the round's reminder mail (store.h, "reminders"): a row
 * per (fiscal year, step, account), claimed before the message is sent and
 * marked ok or failed after, so that no reminder goes out twice, whoever
 * runs the schedule (the server's clock, `mdplan round remind`) and
 * however often it restarts. It is a log, not data people edit: rows are
 * written directly, without history.
 */
#include <stdio.h>
#include <string.h>

#include "store_int.h"
#include "../base/banned.h"

int store_reminder_claim(struct store *st, const struct store_reminder_claim *c,
			 long long *id, int *claimed)
{
	/* a new row, or a failed one old enough to try again; a row that is
	 * ok or being sent ('sending') stays as it is */
	sqlite3_stmt *s = store_stmt_(st, STMT_REMINDER_CLAIM,
		"INSERT INTO reminder(fiscal_year, step, account, address, day, entries, subject,"
		" status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'sending')"
		" ON CONFLICT(fiscal_year, step, account) DO UPDATE SET status = 'sending',"
		" address = excluded.address, day = excluded.day, entries = excluded.entries,"
		" subject = excluded.subject, attempts = attempts + 1, error = '',"
		" created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		" WHERE status = 'failed' AND created_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now',"
		" '-' || ?8 || ' seconds')"
		" RETURNING id");
	int step;

	*claimed = 0;
	if (!s)
		return MD_EDB;
	sqlite3_bind_int(s, 1, c->fiscal_year);
	sqlite3_bind_text(s, 2, c->step, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->account, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, c->day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, c->entries, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, c->subject, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, c->retry < 0 ? 0 : c->retry);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*claimed = 1;
		step = sqlite3_step(s);
	}
	store_stmt_done_(st, STMT_REMINDER_CLAIM, s);
	return step == SQLITE_DONE ? 0 : store_fail_(st, MD_EDB, "claim a reminder");
}

int store_reminder_done(struct store *st, long long id, int ok, const char *message_id,
			const char *error)
{
	sqlite3_stmt *s = store_stmt_(st, STMT_REMINDER_DONE,
		"UPDATE reminder SET status = ?2, message_id = ?3, error = ?4,"
		" sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
	int rc;

	if (!s)
		return MD_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, ok ? "ok" : "failed", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, message_id ? message_id : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, error ? error : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail_(st, MD_EDB, "record a reminder");
	if (!rc && sqlite3_changes(store_db_(st)) != 1)
		rc = store_fail_(st, MD_ENOTFOUND, "no such reminder");
	store_stmt_done_(st, STMT_REMINDER_DONE, s);
	return rc;
}
